"""Build .docx, .pdf and .html files that carry the same content as a seed .txt.

``seed_blocks`` reads a seed as paragraphs and tables; the ``build_*`` functions lay those blocks
out the way real documents of each format do (a Word table, a ruled PDF table with running
headers and page numbers, an article ``<div>`` inside a portal page). Reader tests then compare
what comes back with the blocks.

Seed layout rules:
- every non-empty line is a paragraph (Markdown marks such as ``**`` and ``#`` stay as text);
- consecutive lines with a tab inside them are the rows of one table, cells split on the tab
  (淄博 ``表 2``: ``4\\t高新技术企业(家)\\t703\\t1800\\t20.69\\t预期性``);
- in the 青州 layout every cell is its own line starting with a tab, a blank line ends a row, and
  a line without a tab right after a cell continues that cell (a cell holding two paragraphs:
  ``\\t山东凯欣绿色农业发展股份`` / ``有限公司``);
- a one-cell table is a box drawn around text (青州 专栏): the readers return its lines as
  paragraphs, and ``read_back`` says so.
"""

from __future__ import annotations

import html
import io
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import escape

from pipeline.readers.layout import cell_text


@dataclass(frozen=True, slots=True)
class SeedTable:
    """A table's cells as written in the seed; a cell's continuation lines are joined by "\\n"."""

    rows: tuple[tuple[str, ...], ...]

    @property
    def width(self) -> int:
        return max(len(row) for row in self.rows)

    def grid(self) -> list[list[str]]:
        """Rows padded to the table's width: short rows end in empty cells."""
        return [list(row) + [""] * (self.width - len(row)) for row in self.rows]

    def expected_rows(self) -> list[list[str]]:
        """Rows as a reader must return them: one line per cell (``layout.cell_text``)."""
        return [[cell_text(cell) for cell in row] for row in self.grid()]


Block = str | SeedTable


def is_box(table: SeedTable) -> bool:
    """A one-cell table: a ruled box around text (青州 专栏), which readers return as paragraphs."""
    return len(table.rows) == 1 and len(table.rows[0]) == 1


def read_back(blocks: list[Block]) -> list[Block]:
    """The blocks a reader should return: a box's cell lines become paragraphs."""
    out: list[Block] = []
    for block in blocks:
        if isinstance(block, SeedTable) and is_box(block):
            out.extend(line.strip() for line in block.rows[0][0].split("\n") if line.strip())
        else:
            out.append(block)
    return out


def _is_cell_line(line: str) -> bool:
    """青州 layout: a single cell on its own line, introduced by a tab (after stray spaces)."""
    body = line.lstrip(" ")
    return body.startswith("\t") and "\t" not in body[1:]


def _cell_per_line_table(lines: list[str], i: int) -> tuple[SeedTable, int]:
    rows: list[list[str]] = []
    row: list[str] | None = None
    while i < len(lines):
        line = lines[i]
        if not line.strip():
            if row:
                rows.append(row)
            row = None
        elif _is_cell_line(line):
            row = row if row is not None else []
            if line.startswith(" "):
                row.append("")  # `` \t弥河镇``: the blank before the tab is an empty cell
            row.append(line.strip())
        elif row is not None:
            row[-1] += "\n" + line.strip()
        else:
            break
        i += 1
    if row:
        rows.append(row)
    return SeedTable(tuple(tuple(r) for r in rows)), i


def _tab_table(lines: list[str], i: int) -> tuple[SeedTable, int]:
    rows = []
    while i < len(lines) and "\t" in lines[i] and not _is_cell_line(lines[i]):
        rows.append(tuple(cell.strip() for cell in lines[i].split("\t")))
        i += 1
    return SeedTable(tuple(rows)), i


def seed_blocks(text: str) -> list[Block]:
    """A seed's paragraphs (stripped lines) and tables, in order."""
    lines = text.splitlines()
    blocks: list[Block] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        if _is_cell_line(line):
            table, i = _cell_per_line_table(lines, i)
            blocks.append(table)
        elif "\t" in line:
            table, i = _tab_table(lines, i)
            blocks.append(table)
        else:
            if line.strip():
                blocks.append(line.strip())
            i += 1
    return blocks


# --- .docx ---------------------------------------------------------------------------------------


def build_docx(blocks: list[Block], path: Path, *, header: str | None = None) -> Path:
    """A Word document: one paragraph per paragraph block, one "Table Grid" table per table.

    An empty paragraph after every table and a running header check that neither reaches the text.
    """
    import docx

    document = docx.Document()
    if header:
        document.sections[0].header.paragraphs[0].text = header
    for block in blocks:
        if isinstance(block, str):
            document.add_paragraph(block)
            continue
        grid = block.grid()
        table = document.add_table(rows=len(grid), cols=block.width)
        table.style = "Table Grid"
        for row, values in zip(table.rows, grid, strict=True):
            for cell, value in zip(row.cells, values, strict=True):
                first, *rest = value.split("\n")
                cell.text = first
                for extra in rest:
                    cell.add_paragraph(extra)
        document.add_paragraph("")
    document.save(str(path))
    return path


# --- .pdf ----------------------------------------------------------------------------------------

PDF_FONT = "STSong-Light"  # Adobe's CID font: reportlab needs no font file, pdfminer maps it back


def register_pdf_font() -> None:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont

    if PDF_FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont(PDF_FONT))


def _markup(text: str) -> str:
    """reportlab Paragraph markup for plain text (``R&D`` would otherwise read as an entity).

    pdfminer cannot map U+00B7 "·" (``人·年/万人``) back out of STSong-Light's UCS-2 encoding, the
    one seed character that fails the round trip, so it is set in Helvetica, as Word would.
    """
    return escape(text).replace("\n", "<br/>").replace("·", '<font name="Helvetica">·</font>')


def build_pdf_pages(path: Path, pages: list[str | None], *, font: str = PDF_FONT, **canvas_options) -> Path:
    """A PDF with one line of text per page; None draws a filled box instead, like a scanned page
    with no text layer. ``canvas_options`` go to reportlab's Canvas (``encrypt=…``)."""
    from reportlab.pdfgen import canvas

    register_pdf_font()
    pdf = canvas.Canvas(str(path), **canvas_options)
    for text in pages:
        if text is None:
            pdf.rect(100, 300, 300, 300, fill=1)
        else:
            pdf.setFont(font, 12)
            pdf.drawString(72, 700, text)
        pdf.showPage()
    pdf.save()
    return path


def _column_widths(table: SeedTable, total: float) -> list[float]:
    """Columns sized by their longest cell, so that long names wrap and numbers do not."""
    longest = [max(len(row[c]) if c < len(row) else 0 for row in table.rows) for c in range(table.width)]
    weights = [min(max(n, 2), 30) for n in longest]
    return [total * w / sum(weights) for w in weights]


def build_pdf(
    blocks: list[Block],
    path: Path,
    *,
    indent: bool = True,
    header: str | None = None,
    footer: Callable[[int], str] = lambda n: f"- {n} -",
) -> Path:
    """A ruled, paginated PDF with a running header (from page 2) and a page-number footer.

    ``indent=True`` sets paragraphs the 公文 way (first line indented two characters, no spacing);
    ``indent=False`` sets them flush left with space between paragraphs, as web-to-PDF tools do.
    Tables are ruled grids whose header row repeats when a table runs onto the next page.
    """
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    register_pdf_font()
    body = ParagraphStyle(
        "body",
        fontName=PDF_FONT,
        fontSize=12,
        leading=18,
        wordWrap="CJK",
        firstLineIndent=24 if indent else 0,
        spaceAfter=0 if indent else 8,
    )
    small = ParagraphStyle("cell", fontName=PDF_FONT, fontSize=10.5, leading=14, wordWrap="CJK")
    document = SimpleDocTemplate(str(path), pagesize=A4)

    def decorate(canvas, doc) -> None:
        canvas.saveState()
        canvas.setFont(PDF_FONT, 9)
        if header and doc.page > 1:
            canvas.drawCentredString(A4[0] / 2, A4[1] - 40, header)
        canvas.drawCentredString(A4[0] / 2, 30, footer(doc.page))
        canvas.restoreState()

    story = []
    for block in blocks:
        if isinstance(block, str):
            story.append(Paragraph(_markup(block), body))
            continue
        cells = [[Paragraph(_markup(value), small) for value in row] for row in block.grid()]
        table = Table(cells, colWidths=_column_widths(block, document.width), repeatRows=1)
        table.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, colors.black)]))
        story += [table, Spacer(1, 12)]  # an empty paragraph after a table, as Word requires
    document.build(story, onFirstPage=decorate, onLaterPages=decorate)
    return path


# --- .html ---------------------------------------------------------------------------------------

PORTAL_TOP = """<header><div class="logo">某某市人民政府门户网站</div>
<nav><ul><li><a href="/">首页</a></li><li><a href="/zwgk/">政务公开</a></li></ul></nav></header>
<div class="main"><div class="sidebar"><h3>相关文件</h3><ul><li><a href="#">关于印发某某办法的通知</a></li></ul></div>
<div class="article"><div class="info">发布时间：2021-12-31 来源：市科技局</div>
"""
PORTAL_BOTTOM = """<div class="share" style="display:none">分享到微信</div></div></div>
<footer><p>版权所有：某某市人民政府办公室 主办</p></footer>
<script>var note = "脚本里的文字不应出现";</script>"""


def _is_han(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff"


def _html_lines(text: str, width: int = 40) -> str:
    """Escaped text with a source line break every ``width`` characters or so, placed between two
    Chinese characters, as CMS editors wrap long lines (a reader must not turn it into a space)."""
    pieces, start = [], 0
    for i in range(1, len(text)):
        if i - start >= width and _is_han(text[i - 1]) and _is_han(text[i]):
            pieces.append(text[start:i])
            start = i
    pieces.append(text[start:])
    return "\n".join(html.escape(piece) for piece in pieces)


def _html_cell(value: str) -> str:
    """A table cell; a cell's continuation lines are separated by ``<br>``."""
    return "<td>" + "<br>".join(html.escape(line) for line in value.split("\n")) + "</td>"


def build_html(blocks: list[Block], path: Path, *, encoding: str = "utf-8", declared: str | None = None) -> Path:
    """A portal page: the blocks inside ``<div class="TRS_Editor">``, surrounded by navigation,
    a sidebar, a hidden share box, a footer and scripts that a reader must leave out."""
    parts = []
    for block in blocks:
        if isinstance(block, str):
            parts.append(f"<p>{_html_lines(block)}</p>")
            continue
        rows = ["<tr>" + "".join(_html_cell(value) for value in row) + "</tr>" for row in block.grid()]
        parts.append(f'<table border="1"><tbody>{"".join(rows)}</tbody></table>')
    charset = declared or encoding
    page = (
        f'<!DOCTYPE html>\n<html><head><meta http-equiv="Content-Type" content="text/html; charset={charset}">'
        "<title>政策文件</title><style>p { text-indent: 2em; }</style>"
        '<script>document.title = "脚本";</script></head>\n<body>'
        f'{PORTAL_TOP}<div class="TRS_Editor">\n' + "\n".join(parts) + f"\n</div>{PORTAL_BOTTOM}</body></html>"
    )
    path.write_bytes(page.encode(encoding))
    return path


def zip_bytes(members: dict[str, bytes]) -> bytes:
    """A zip archive in memory: the container of a .docx, for building broken or hostile ones."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    return buffer.getvalue()


def pdf_bytes(objects: list[bytes]) -> bytes:
    """A PDF file of the given indirect objects (numbered from 1, the first the catalog) with a correct
    xref table: for hand-made PDFs whose bytes a test controls (fonts without /ToUnicode, streams)."""
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for i, obj in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + obj + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1) + b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)

