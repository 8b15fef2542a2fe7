"""The .docx, .pdf and .html readers on real seed text (spec §1 coordinates).

Each seed is rebuilt as a Word file, a paginated PDF and a portal web page (``tests/builders.py``);
reading them back must give the seed's paragraphs and tables, in order, with exact cell spans.
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable
from pathlib import Path

import pytest

from pipeline.errors import IngestError
from pipeline.ingest import SourceDoc, read_source
from pipeline.readers import docx as docx_reader
from pipeline.readers import html as html_reader
from pipeline.readers import pdf as pdf_reader
from pipeline.readers.layout import LayoutTable
from tests.builders import (
    PDF_FONT,
    Block,
    SeedTable,
    build_docx,
    build_html,
    build_pdf,
    build_pdf_pages,
    pdf_bytes,
    read_back,
    register_pdf_font,
    seed_blocks,
    zip_bytes,
)
from tests.scans import needs_cjk_font

CORPUS = Path(__file__).resolve().parents[2] / "corpus"
SEEDS = {
    "qingzhou": "000_0ffae985db65f5d2.txt",  # one cell per line, 专栏 boxes, 11 tables
    "zibo": "001_0045770cf0c6973d.txt",  # tab-separated indicator tables, Markdown marks
    "qingdao": "002_041f5e2fb803e25f.txt",
    "zhifu": "003_700050617a2e7a34.txt",  # a table of contents as tab rows
    "liaocheng": "004_1f412fc16192670a.txt",  # paragraphs indented with U+3000
}
FORMATS = ("docx", "pdf", "html")
# Running headers that occur nowhere in the seeds, so their absence proves they were dropped.
PDF_HEADERS = {
    "qingzhou": "青州市“十四五”科技创新规划",
    "zibo": "淄博市人民政府文件",
    "qingdao": "青岛市人民政府文件",
    "zhifu": "芝罘区科技创新规划（征求意见稿）",
    "liaocheng": "聊城市人民政府文件",
}
# PDF layouts: the 公文 way (first lines indented two characters, "- 3 -") or flush left with
# space between paragraphs and "第 3 页" (web-to-PDF tools).
PDF_INDENTED = {"qingzhou", "qingdao", "liaocheng"}


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def blocks_of(seed: str) -> list[Block]:
    return seed_blocks((CORPUS / SEEDS[seed]).read_text(encoding="utf-8"))


def build(fmt: str, seed: str, directory: Path) -> Path:
    blocks = blocks_of(seed)
    path = directory / f"{seed}.{fmt}"
    if fmt == "docx":
        return build_docx(blocks, path, header="页眉：不属于正文")
    if fmt == "html":
        return build_html(blocks, path)
    if seed in PDF_INDENTED:
        return build_pdf(blocks, path, indent=True, header=PDF_HEADERS[seed])
    return build_pdf(blocks, path, indent=False, header=PDF_HEADERS[seed], footer=lambda n: f"第 {n} 页")


class Built:
    """Each (format, seed) file built and read once per module: PDFs take seconds."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory
        self.paths: dict[tuple[str, str], Path] = {}
        self.docs: dict[tuple[str, str], SourceDoc] = {}

    def path(self, fmt: str, seed: str) -> Path:
        if (fmt, seed) not in self.paths:
            self.paths[(fmt, seed)] = build(fmt, seed, self.directory)
        return self.paths[(fmt, seed)]

    def __call__(self, fmt: str, seed: str) -> SourceDoc:
        if (fmt, seed) not in self.docs:
            self.docs[(fmt, seed)] = read_source(self.path(fmt, seed))
        return self.docs[(fmt, seed)]


@pytest.fixture(scope="module")
def read_built(tmp_path_factory: pytest.TempPathFactory) -> Built:
    return Built(tmp_path_factory.mktemp("built"))


def page_first_lines(path: Path, header: str) -> set[str]:
    """The first body line of every PDF page, read independently with pdfium."""
    import pypdfium2

    firsts = set()
    document = pypdfium2.PdfDocument(str(path))
    try:
        for page in document:
            lines = [squash(line) for line in page.get_textpage().get_text_range().splitlines()]
            body = [ln for ln in lines if ln and ln != squash(header) and not pdf_reader.PAGE_NUMBER_RE.match(ln)]
            if body:
                firsts.add(body[0])
    finally:
        document.close()
    return firsts


def layout_blocks(doc: SourceDoc) -> list[str | LayoutTable]:
    """Paragraph texts and tables of a read result, in text order."""
    items: list[tuple[int, str | LayoutTable]] = [(s, doc.text[s:e]) for s, e in doc.paragraphs]
    items += [(t.span[0], t) for t in doc.tables]
    return [item for _, item in sorted(items, key=lambda pair: pair[0])]


def table_rows(doc: SourceDoc, table: LayoutTable) -> list[list[str]]:
    """A layout table's cells as text, each sliced out of the source text by its span."""
    rows: list[list[str]] = []
    for cell in table.cells:
        if cell.row == len(rows):
            rows.append([])
        assert cell.col == len(rows[cell.row])
        rows[cell.row].append(doc.text[cell.span[0] : cell.span[1]])
    return rows


def match_paragraphs(expected: list[str], got: list[str], *, page_starts: set[str] = frozenset()) -> None:
    """Paragraphs must match one to one, whitespace aside, except that two seed paragraphs may come
    back joined where the second one starts a page (``page_starts``): in a flush-left layout a
    paragraph that fills its last line and ends a page leaves no trace of its end."""
    i = 0
    for paragraph in got:
        assert i < len(expected), f"extra paragraph {paragraph!r}"
        joined = expected[i]
        i += 1
        while squash(joined) != squash(paragraph) and i < len(expected):
            at_page_start = any(squash(expected[i]).startswith(first) for first in page_starts)
            if not at_page_start or not squash(paragraph).startswith(squash(joined)):
                break
            joined += expected[i]
            i += 1
        assert squash(joined) == squash(paragraph)
    assert i == len(expected), f"missing paragraphs from {expected[i]!r}"


# --- content and order --------------------------------------------------------------------------


@pytest.mark.parametrize("seed", SEEDS)
@pytest.mark.parametrize("fmt", FORMATS)
def test_blocks_come_back_in_document_order(read_built: Built, fmt: str, seed: str) -> None:
    expected = read_back(blocks_of(seed))
    got = layout_blocks(read_built(fmt, seed))
    # Tables split the paragraphs into runs; the runs must match, so tables sit in the right places.
    exp_runs: list[list[str]] = [[]]
    got_runs: list[list[str]] = [[]]
    for block in expected:
        exp_runs.append([]) if isinstance(block, SeedTable) else exp_runs[-1].append(block)
    for block in got:
        got_runs.append([]) if isinstance(block, LayoutTable) else got_runs[-1].append(block)
    assert len(exp_runs) == len(got_runs)
    page_starts: set[str] = set()
    if fmt == "pdf" and seed not in PDF_INDENTED:
        page_starts = page_first_lines(read_built.path(fmt, seed), PDF_HEADERS[seed])
    for exp_run, got_run in zip(exp_runs, got_runs, strict=True):
        if fmt == "docx":
            assert got_run == exp_run
        elif fmt == "html":
            assert got_run == [" ".join(p.split()) for p in exp_run]
        else:
            match_paragraphs(exp_run, got_run, page_starts=page_starts)


@pytest.mark.parametrize("seed", SEEDS)
@pytest.mark.parametrize("fmt", FORMATS)
def test_tables_have_the_seed_cells(read_built: Built, fmt: str, seed: str) -> None:
    doc = read_built(fmt, seed)
    expected = [b for b in read_back(blocks_of(seed)) if isinstance(b, SeedTable)]
    assert len(doc.tables) == len(expected)
    for table, seed_table in zip(doc.tables, expected, strict=True):
        rows = table_rows(doc, table)
        if fmt == "pdf":  # a wrapped PDF cell loses the space where it wrapped: "GD P" / "GDP"
            assert [[squash(c) for c in r] for r in rows] == [
                [squash(c) for c in r] for r in seed_table.expected_rows()
            ]
        else:
            assert rows == seed_table.expected_rows()


INDICATOR_ROWS = {
    # seed: [(first cell of the header row, rows incl. header, one row exactly as written)]
    "zibo": [
        ("具体指标", 7, ["高新技术企业数(家)", "251", "380", "703"]),
        ("序号", 9, ["4", "高新技术企业(家)", "703", "1800", "20.69", "预期性"]),
    ],
    "qingzhou": [("序号", 10, ["5", "高新技术企业数（家）", "110", "170"])],
    "zhifu": [("序号", 7, ["1", "全社会研发经费投入年均增长率 (%)", "--", "9.5", "9.5", "预期性"])],
    "qingdao": [],
    "liaocheng": [],
}


@pytest.mark.parametrize("seed", SEEDS)
@pytest.mark.parametrize("fmt", FORMATS)
def test_indicator_tables_are_exact(read_built: Built, fmt: str, seed: str) -> None:
    doc = read_built(fmt, seed)
    tables = [table_rows(doc, t) for t in doc.tables]
    indicator_tables = [rows for rows in tables if rows[0][0] in {"具体指标", "序号"}]
    assert len(indicator_tables) == len(INDICATOR_ROWS[seed])
    for rows, (header, count, row) in zip(indicator_tables, INDICATOR_ROWS[seed], strict=True):
        assert rows[0][0] == header
        assert len(rows) == count
        assert row in rows


@pytest.mark.parametrize("seed", SEEDS)
@pytest.mark.parametrize("fmt", FORMATS)
def test_spans_slice_the_source_text(read_built: Built, fmt: str, seed: str) -> None:
    doc = read_built(fmt, seed)
    for start, end in doc.paragraphs:
        line = doc.text[start:end]
        assert line and line == line.strip() and "\n" not in line
    for table in doc.tables:
        lines = doc.text[table.span[0] : table.span[1]].split("\n")
        assert [line.split("\t") for line in lines] == table_rows(doc, table)
        assert all(table.span[0] <= c.span[0] <= c.span[1] <= table.span[1] for c in table.cells)
    # Every line of the text is a paragraph or a table row, nothing else.
    line_starts = {0} | {m.end() for m in re.finditer("\n", doc.text)}
    row_starts = {c.span[0] for t in doc.tables for c in t.cells if c.col == 0}
    assert line_starts == {s for s, _ in doc.paragraphs} | row_starts


# --- PDF layout ----------------------------------------------------------------------------------


@pytest.mark.parametrize("seed", SEEDS)
def test_pdf_drops_running_headers_and_page_numbers(read_built: Built, seed: str) -> None:
    doc = read_built("pdf", seed)
    assert PDF_HEADERS[seed] not in doc.text
    assert not any(pdf_reader.PAGE_NUMBER_RE.match(doc.text[s:e]) for s, e in doc.paragraphs)
    assert not re.search(r"- \d+ -|第 \d+ 页", doc.text)
    assert doc.warnings == ()


def test_pdf_pages_partition_the_text(read_built: Built) -> None:
    doc = read_built("pdf", "qingzhou")
    assert len(doc.pages) > 10
    assert doc.pages[0][0] == 0 and doc.pages[-1][1] == len(doc.text)
    for (_, end), (start, _) in zip(doc.pages, doc.pages[1:], strict=False):
        assert start == end + 1
    assert {t.page for t in doc.tables} <= set(range(1, len(doc.pages) + 1))


def test_pdf_rejoins_wraps_without_spaces_in_chinese(read_built: Built) -> None:
    doc = read_built("pdf", "qingzhou")
    first = doc.text[doc.paragraphs[0][0] : doc.paragraphs[0][1]]
    seed_first = blocks_of("qingzhou")[0]
    assert isinstance(seed_first, str)
    assert first == seed_first  # 300 characters over several lines, not one space added


def test_pdf_table_cut_by_a_page_break_is_one_table(tmp_path: Path) -> None:
    rows = [("序号", "指标名称", "2025年")] + [(str(i), f"第{i}项指标（家）", str(10 * i)) for i in range(1, 81)]
    path = build_pdf(["表3 分年度指标", SeedTable(tuple(rows)), "以上指标为预期性指标。"], tmp_path / "long.pdf")
    doc = read_source(path)
    assert len(doc.tables) == 1
    got = table_rows(doc, doc.tables[0])
    assert got == [list(r) for r in rows]  # the header row repeated on page 2 is dropped
    assert doc.tables[0].page == 1 and len(doc.pages) >= 2


def test_pdf_merged_cell_is_counted_once(tmp_path: Path) -> None:
    from reportlab.lib import colors
    from reportlab.platypus import SimpleDocTemplate, Table, TableStyle

    register_pdf_font()
    table = Table([["领域", "项目名称"], ["高端装备", "磁控溅射卷绕镀膜机"], ["", "连续式真空冷冻干燥机"]])
    table.setStyle(
        TableStyle(
            [
                ("FONT", (0, 0), (-1, -1), PDF_FONT, 10.5),
                ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
                ("SPAN", (0, 1), (0, 2)),
            ]
        )
    )
    path = tmp_path / "merged.pdf"
    SimpleDocTemplate(str(path)).build([table])
    doc = read_source(path)
    assert table_rows(doc, doc.tables[0]) == [
        ["领域", "项目名称"],
        ["高端装备", "磁控溅射卷绕镀膜机"],
        ["", "连续式真空冷冻干燥机"],
    ]
    assert doc.text.count("高端装备") == 1


def test_pdf_fake_bold_is_read_once(tmp_path: Path) -> None:
    from reportlab.pdfgen import canvas

    register_pdf_font()
    path = tmp_path / "bold.pdf"
    pdf = canvas.Canvas(str(path))
    pdf.setFont(PDF_FONT, 16)
    for dx in (0, 0.3):  # fake bold: the same text drawn twice, slightly shifted
        pdf.drawString(100 + dx, 700, "第一章 总则")
    pdf.save()
    assert read_source(path).text == "第一章 总则"


def test_pdf_cells_in_a_font_not_embedded_are_read_in_one_pass(tmp_path: Path) -> None:
    """pdfium leaves out a text object it takes for a repeat of one just before, judged by the
    objects' boxes. STSong-Light is not embedded: with no outlines every box is empty and real
    cells went missing ("家" here), or came back only from a second reading with an installed CJK
    font. The stand-in font gives every glyph a box, whatever fonts the machine has."""
    import pypdfium2 as pdfium
    from reportlab.pdfgen import canvas

    from pipeline.readers import pdfium_text, stand_in_font

    register_pdf_font()
    path = tmp_path / "cells.pdf"
    pdf = canvas.Canvas(str(path))
    pdf.setFont(PDF_FONT, 10.5)
    rows = [("序号", "指标名称", "单位"), ("1", "高新技术企业", "家"), ("2", "研发投入", "亿元"), ("3", "产业增加值", "亿元")]
    for r, row in enumerate(rows):
        for x, cell in zip((72, 120, 300), row, strict=True):
            pdf.drawString(x, 700 - 20 * r, cell)
    pdf.save()
    with stand_in_font.stand_in_fonts():
        document = pdfium.PdfDocument(path.read_bytes())
        page = document[0]
        try:
            chars, complete = pdfium_text.page_chars(page)
        finally:
            page.close()
            document.close()
    assert complete
    assert "".join(c["text"] for c in chars) == "".join("".join(row) for row in rows)


def test_pdf_page_without_text_layer_is_a_warning(tmp_path: Path) -> None:
    doc = read_source(build_pdf_pages(tmp_path / "scan.pdf", ["第一页的正文。", None, "第三页的正文。"]))
    assert doc.warnings == ("page 2: no usable text layer; OCR found no text",)
    assert doc.text == "第一页的正文。\n第三页的正文。"
    assert len(doc.pages) == 3 and doc.pages[1][0] == doc.pages[1][1]


def test_pdf_without_any_text_still_reads(tmp_path: Path) -> None:
    doc = read_source(build_pdf_pages(tmp_path / "scan.pdf", [None, None]))
    assert doc.text == ""
    assert doc.warnings == tuple(f"page {n}: no usable text layer; OCR found no text" for n in (1, 2))


def test_pdf_with_a_password_is_refused(tmp_path: Path) -> None:
    from reportlab.lib.pdfencrypt import StandardEncryption

    encrypt = StandardEncryption("secret", "owner")
    path = build_pdf_pages(tmp_path / "locked.pdf", ["机密文件"], encrypt=encrypt)
    with pytest.raises(IngestError, match="encrypted PDF that needs a password"):
        read_source(path)


def test_pdf_with_only_permission_encryption_reads(tmp_path: Path) -> None:
    """An empty user password opens the file (copy/print restrictions only): the text is readable."""
    from reportlab.lib.pdfencrypt import StandardEncryption

    encrypt = StandardEncryption("", "owner", canCopy=0)
    path = build_pdf_pages(tmp_path / "nocopy.pdf", ["Readable text 2021"], font="Helvetica", encrypt=encrypt)
    assert read_source(path).text == "Readable text 2021"


@needs_cjk_font
def test_pdf_encrypted_cid_font_reads_from_its_text_layer(tmp_path: Path) -> None:
    """An encrypted file's predefined-CMap CID font (STSong-Light, UniGB-UCS2-H): pdfminer could not
    map it back to Unicode and the page went to OCR; pdfium maps it, so the text layer is read."""
    from reportlab.lib.pdfencrypt import StandardEncryption

    encrypt = StandardEncryption("", "owner", canCopy=0)
    doc = read_source(build_pdf_pages(tmp_path / "cid.pdf", ["可以阅读的文件"], encrypt=encrypt))
    assert (doc.text, doc.warnings) == ("可以阅读的文件", ())


def pdf_with_private_use_text(text: bytes) -> bytes:
    """A one-page PDF that draws ``text`` in Helvetica with a ToUnicode map sending every code to the
    private-use area: what a font without a usable Unicode map looks like to a text extractor."""
    cmap = (b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap /CMapName /PUA def "
            b"1 begincodespacerange <00> <FF> endcodespacerange 1 beginbfrange <20> <7E> <E020> endbfrange "
            b"endcmap CMapName currentdict /CMap defineresource pop end end")
    content = b"BT /F1 24 Tf 72 700 Td (" + text + b") Tj ET"
    objs = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
            b"/Resources << /Font << /F1 5 0 R >> >> >>",
            b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
            b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /ToUnicode 6 0 R >>",
            b"<< /Length %d >>\nstream\n" % len(cmap) + cmap + b"\nendstream"]
    return pdf_bytes(objs)


@pytest.mark.issue(18)
def test_pdf_page_of_unreadable_glyphs_goes_to_ocr(tmp_path: Path) -> None:
    """A text layer of private-use code points is garbled: the page is read by OCR from its image
    when the OCR extra is installed, and says it needs OCR otherwise."""
    from pipeline.readers import ocr

    path = tmp_path / "pua.pdf"
    path.write_bytes(pdf_with_private_use_text(b"Science plan 2021"))
    doc = read_source(path)
    assert "\ue000" not in doc.text and not any(0xE000 <= ord(ch) <= 0xF8FF for ch in doc.text)
    if ocr.available():
        assert doc.warnings == ("page 1: read by OCR",) and "2021" in doc.text
    else:
        assert doc.warnings == (f"page 1: no usable text layer; {ocr.INSTALL_HINT}",)


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"This is a text file, not a PDF.\n", "is not a PDF"),
        (b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog", "is not a readable PDF"),
    ],
    ids=["text-named-pdf", "truncated"],
)
def test_pdf_that_is_not_a_pdf_is_refused(tmp_path: Path, content: bytes, reason: str) -> None:
    path = tmp_path / "bad.pdf"
    path.write_bytes(content)
    with pytest.raises(IngestError, match=reason):
        read_source(path)


def _line(
    text: str,
    x0: float = 78,
    x1: float = 510,
    top: float = 100,
    size: float = 12,
    page: int = 1,
    first_word: float = 12,
) -> pdf_reader.Line:
    return pdf_reader.Line(text, x0, x1, top, top + size, size, page, first_word)


INDENTED = pdf_reader.Geometry(78, 510, 6, first_line_indent=True, spacing=False)
FLUSH = pdf_reader.Geometry(78, 510, 6, first_line_indent=False, spacing=False)


@pytest.mark.parametrize(
    ("prev", "line", "geometry", "expected"),
    [
        (_line("深入实施创新驱动发展战略，加快建设"), _line("高水平创新型城市。", top=118), INDENTED, False),
        (_line("全面优化科技创新环境。"), _line("创新平台体系日趋健全。", x0=102, top=118), INDENTED, True),
        (_line("持续壮大高新技术产业规模。", x1=300), _line("科技人才引育成效显著。", top=118), INDENTED, True),
        (_line("主要表现在：", x1=150), _line("政策环境有待完善优化。", top=118), FLUSH, True),
        (_line("支撑经济社会高质量发展。"), _line("高层次人才引进力度不足。", top=118), FLUSH, True),
        (_line("支撑经济社会高质量发展。"), _line("同时，国际人才交流合作不多。", top=118), INDENTED, False),
        (_line("以科技创新为核心的全面创新"), _line("一、加快建设高水平创新型城市", top=118), INDENTED, True),
        (_line("以科技创新为核心的全面创新"), _line("（一）发展基础", top=118), INDENTED, True),
        (_line("以科技创新为核心的全面创新"), _line("表1 “十四五”科技创新指标体系", top=118), INDENTED, True),
        (_line("以科技创新为核心的全面创新"), _line("——加快科技创新平台建设。", top=118), INDENTED, True),
        (_line("研发投入年均增长"), _line("1.5倍以上，高新技术企业", top=118), INDENTED, False),
        (_line("以科技创新为核心的全面创新"), _line("发展基础", top=130), INDENTED, True),  # extra space
        (_line("以科技创新为核心", size=16), _line("发展基础", top=118), INDENTED, True),  # size change
        (_line("supported by the", x1=470), _line("Environment Fund", top=118, first_word=70), FLUSH, False),
    ],
    ids=[
        "wrap",
        "indent",
        "short-line",
        "colon-short",
        "flush-sentence-end",
        "indented-doc-sentence-end",
        "heading-一、",
        "heading-（一）",
        "heading-表1",
        "dash-item",
        "not-heading-1.5",
        "gap",
        "size",
        "latin-word-did-not-fit",
    ],
)
def test_starts_paragraph(prev, line, geometry, expected: bool) -> None:
    assert pdf_reader.starts_paragraph(prev, line, geometry) is expected


@pytest.mark.parametrize(
    ("left", "right", "joined"),
    [
        ("科技", "创新", "科技创新"),
        ("R&D", "经费", "R&D经费"),
        ("based on", "GDP", "based on GDP"),
        ("2.5", "%", "2.5%"),
    ],
)
def test_join_wrapped(left: str, right: str, joined: str) -> None:
    assert pdf_reader.join_wrapped(left, right) == joined


@pytest.mark.parametrize(
    "text", ["3", "- 3 -", "— 12 —", "－ 3 －", "第3页", "第 3 页 共 10 页", "3/10", "Page 3 of 10"]
)
def test_page_number_lines(text: str) -> None:
    assert pdf_reader.PAGE_NUMBER_RE.match(text)


@pytest.mark.parametrize("text", ["2025年", "3.5", "第三章 总则", "1. 总体要求"])
def test_not_page_number_lines(text: str) -> None:
    assert not pdf_reader.PAGE_NUMBER_RE.match(text)


@pytest.mark.parametrize(
    ("glyph", "unreadable"), [("(cid:1234)", True), ("\ue012", True), ("\ufffd", True), ("科", False), ("A", False)]
)
def test_unreadable_glyphs(glyph: str, unreadable: bool) -> None:
    assert pdf_reader.is_unreadable_glyph(glyph) is unreadable


def test_garbled_page_is_a_warning() -> None:
    pages = [pdf_reader.PageContent(1, 842, lines=[_line("正文")]), pdf_reader.PageContent(2, 842, garbled=True)]
    assert pdf_reader.page_warnings(pages) == ["page 2: no usable text layer; OCR needed (pip install 'policyx[ocr]')"]


# --- docx ---------------------------------------------------------------------------------------


def test_docx_leaves_out_headers_and_empty_paragraphs(read_built: Built) -> None:
    doc = read_built("docx", "zibo")
    assert "页眉" not in doc.text
    assert "\n\n" not in doc.text


def _docx_bytes(build_body: Callable) -> bytes:
    import docx

    document = docx.Document()
    build_body(document)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def test_docx_merged_cells_are_counted_once(tmp_path: Path) -> None:
    def body(document) -> None:
        table = document.add_table(rows=3, cols=3)
        for r, row in enumerate(
            [["领域", "项目", "单位"], ["高端装备", "镀膜机", "宝丰镀膜"], ["", "干燥机", "新展新材料"]]
        ):
            for c, value in enumerate(row):
                table.cell(r, c).text = value
        table.cell(1, 0).merge(table.cell(2, 0)).text = "高端装备"  # vertical merge
        document.add_paragraph("合计")
        wide = document.add_table(rows=1, cols=3)
        wide.cell(0, 0).merge(wide.cell(0, 1)).text = "跨两列"  # horizontal merge
        wide.cell(0, 2).text = "末列"

    path = tmp_path / "merged.docx"
    path.write_bytes(_docx_bytes(body))
    doc = read_source(path)
    assert table_rows(doc, doc.tables[0]) == [
        ["领域", "项目", "单位"],
        ["高端装备", "镀膜机", "宝丰镀膜"],
        ["", "干燥机", "新展新材料"],
    ]
    assert table_rows(doc, doc.tables[1]) == [["跨两列", "", "末列"]]
    assert doc.text.count("高端装备") == 1 and doc.text.count("跨两列") == 1


def test_docx_reads_content_controls_line_breaks_and_revisions(tmp_path: Path) -> None:
    from docx.oxml import parse_xml

    w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'

    def body(document) -> None:
        document.add_paragraph("正文第一段。")
        run = document.add_paragraph("淄博市人民政府").add_run()
        run.add_break()
        run.add_text("2021年12月31日")
        document.element.body.insert(
            0, parse_xml(f"<w:sdt {w}><w:sdtContent><w:p><w:r><w:t>目录</w:t></w:r></w:p></w:sdtContent></w:sdt>")
        )
        document.element.body.insert(
            1,
            parse_xml(
                f"<w:p {w}><w:r><w:t>保留</w:t></w:r><w:del><w:r><w:delText>删除</w:delText></w:r></w:del>"
                f"<w:ins><w:r><w:t>插入</w:t></w:r></w:ins></w:p>"
            ),
        )

    path = tmp_path / "controls.docx"
    path.write_bytes(_docx_bytes(body))
    assert read_source(path).text == "目录\n保留插入\n正文第一段。\n淄博市人民政府\n2021年12月31日"


def test_docx_text_box_is_a_warning_not_text(tmp_path: Path) -> None:
    from docx.oxml import parse_xml

    def body(document) -> None:
        run = document.add_paragraph("正文段落。").add_run()
        run._r.append(
            parse_xml(
                '<w:pict xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
                ' xmlns:v="urn:schemas-microsoft-com:vml"><v:shape><v:textbox><w:txbxContent>'
                "<w:p><w:r><w:t>浮动文本框</w:t></w:r></w:p></w:txbxContent></v:textbox></v:shape></w:pict>"
            )
        )

    path = tmp_path / "textbox.docx"
    path.write_bytes(_docx_bytes(body))
    doc = read_source(path)
    assert (doc.text, doc.warnings) == ("正文段落。", ("1 text box(es) not read: they are not part of the body text",))


def test_docx_box_table_reads_as_paragraphs(read_built: Built) -> None:
    doc = read_built("docx", "qingzhou")
    assert "重点园区：重点推进经济开发区" in doc.text
    assert all(not table_rows(doc, t)[0][0].startswith("重点园区") for t in doc.tables)


def test_docx_zip_bomb_is_refused_before_unpacking(tmp_path: Path) -> None:
    path = tmp_path / "bomb.docx"
    path.write_bytes(zip_bytes({"[Content_Types].xml": b"<Types/>", "word/media/image1.png": bytes(20 * 1024 * 1024)}))
    with pytest.raises(IngestError, match=r"expands \d+:1, over the 200:1 limit"):
        read_source(path)


def test_docx_over_the_size_limit_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(docx_reader, "MAX_UNCOMPRESSED_BYTES", 1000)
    path = tmp_path / "big.docx"
    path.write_bytes(_docx_bytes(lambda d: d.add_paragraph("正文")))
    with pytest.raises(IngestError, match="over the 1000-byte limit"):
        read_source(path)


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (
            lambda: _docx_bytes(lambda d: d.add_paragraph("正文" * 500))[:3000],
            r"is not a valid \.docx \(not a readable zip",
        ),
        (lambda: bytes(range(256)) * 40, r"is not a valid \.docx \(not a readable zip"),
        (lambda: docx_reader.OLE_MAGIC + bytes(2000), r"Word 97.2003 \.doc"),
        (lambda: zip_bytes({"readme.txt": b"hello"}), r"without \[Content_Types\]\.xml"),
        (lambda: zip_bytes({"[Content_Types].xml": b"<Types/>"}), r"is not a valid \.docx \("),
    ],
    ids=["truncated", "random-bytes", "legacy-doc", "other-zip", "broken-package"],
)
def test_docx_that_is_not_a_docx_is_refused(tmp_path: Path, content: Callable[[], bytes], reason: str) -> None:
    path = tmp_path / "bad.docx"
    path.write_bytes(content())
    with pytest.raises(IngestError, match=reason):
        read_source(path)


# --- html ---------------------------------------------------------------------------------------


def test_html_leaves_out_page_furniture(read_built: Built) -> None:
    doc = read_built("html", "zibo")
    for furniture in ("门户网站", "政务公开", "相关文件", "发布时间", "分享到微信", "版权所有", "脚本", "政策文件"):
        assert furniture not in doc.text


def _read_html(tmp_path: Path, markup: str | bytes, name: str = "page.html") -> SourceDoc:
    path = tmp_path / name
    path.write_bytes(markup.encode("utf-8") if isinstance(markup, str) else markup)
    return read_source(path)


def test_html_gb18030_with_meta_charset(tmp_path: Path, read_built: Built) -> None:
    path = build_html(blocks_of("zibo"), tmp_path / "gbk.html", encoding="gb18030", declared="gb2312")
    assert read_source(path).text == read_built("html", "zibo").text


@pytest.mark.parametrize(
    ("encoding", "declared"),
    [("utf-8", None), ("gb18030", None), ("gb18030", "gbk"), ("gb18030", "utf-8"), ("utf-8", "iso-8859-1")],
    ids=["utf-8", "gb18030-undeclared", "gbk-label", "gb18030-labelled-utf-8", "utf-8-labelled-latin-1"],
)
def test_html_decoding(tmp_path: Path, encoding: str, declared: str | None) -> None:
    """The declared charset when it fits the bytes, else UTF-8, else GB18030."""
    meta = f'<meta charset="{declared}">' if declared else ""
    markup = f"<html><head>{meta}</head><body><div id='zoom'><p>科技创新是引领发展的第一动力。</p></div></body></html>"
    doc = _read_html(tmp_path, markup.encode(encoding))
    assert (doc.text, doc.warnings) == ("科技创新是引领发展的第一动力。", ())


def test_html_deep_nesting_does_not_crash(tmp_path: Path) -> None:
    depth = 5000
    markup = "<html><body>" + "<div>" * depth + "深层正文" + "</div>" * depth + "<p>尾部段落</p></body></html>"
    assert _read_html(tmp_path, markup).text == "深层正文\n尾部段落"


def test_html_tables_with_spans_and_line_breaks(tmp_path: Path) -> None:
    markup = """<html><body><div class="pages_content">
      <p>表1 指标<br>（单位：家）</p>
      <table><tr><th>序号</th><th colspan="2">指标</th></tr>
        <tr><td rowspan="2">1</td><td>高新技术企业</td><td>1800</td></tr>
        <tr><td>科技型中小企业</td><td>2700</td></tr></table>
      <p>科技
         创新</p></div></body></html>"""
    doc = _read_html(tmp_path, markup)
    assert table_rows(doc, doc.tables[0]) == [
        ["序号", "指标", ""],
        ["1", "高新技术企业", "1800"],
        ["", "科技型中小企业", "2700"],
    ]
    assert [doc.text[s:e] for s, e in doc.paragraphs] == ["表1 指标", "（单位：家）", "科技创新"]


def test_html_title_above_the_article_container(tmp_path: Path) -> None:
    markup = """<html><body><div class="sidebar"><h3>相关文件</h3></div>
      <div class="detail"><h1>淄博市“十四五”科技创新规划</h1><div class="time">2021-12-31</div>
      <div class="TRS_Editor"><p>各区县人民政府，高新区、经济开发区、文昌湖区管委会，市政府各部门：</p></div></div></body></html>"""
    assert _read_html(tmp_path, markup).text.split("\n") == [
        "淄博市“十四五”科技创新规划",
        "2021-12-31",
        "各区县人民政府，高新区、经济开发区、文昌湖区管委会，市政府各部门：",
    ]


@pytest.mark.parametrize(
    ("markup", "reason"),
    [
        (
            b"<html><head><script>render()</script></head><body><div id='app'></div></body></html>",
            "has no visible text",
        ),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary data"),
    ],
    ids=["javascript-only", "binary"],
)
def test_html_without_text_is_refused(tmp_path: Path, markup: bytes, reason: str) -> None:
    with pytest.raises(IngestError, match=reason):
        _read_html(tmp_path, markup)


def test_html_collapse_whitespace() -> None:
    assert html_reader.collapse_whitespace("  科技\n  创新 R&D\nfunds\xa0 ") == "科技创新 R&D funds"
