"""Word .docx: body paragraphs and tables in document order (spec §1).

python-docx opens the package; the body is then walked at the XML level because the convenient
views lose text: ``Document.paragraphs`` loses the order against tables, and
``iter_inner_content()`` skips paragraphs wrapped in content controls (``w:sdt``, which is how
Word stores a table of contents or a cover page) and runs inside tracked insertions (``w:ins``).

Headers, footers, footnotes and text boxes are not body text and are left out; text boxes are
counted in a warning so nothing disappears silently. Tabs inside a paragraph (table-of-contents
leaders) are kept as written, as in a .txt source.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import docx
from docx.exceptions import PythonDocxError
from lxml import etree

from pipeline.errors import IngestError
from pipeline.readers.layout import ReadResult, TextBuilder

# Refuse archives that would expand past this in total (a zip bomb must fail before unpacking).
MAX_UNCOMPRESSED_BYTES = 200 * 1024 * 1024
# Deflated WordprocessingML reaches 10–50:1; a bomb of repeated bytes reaches ~1000:1.
MAX_COMPRESSION_RATIO = 200
# The ratio says nothing about small members (a 2 KB style part may compress 100:1).
RATIO_CHECK_MIN_BYTES = 1024 * 1024
# A .docx holds tens of parts; images add a few hundred at most.
MAX_MEMBERS = 10_000

# Word 97–2003 .doc files and password-protected Office files are OLE compound files.
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
W_P, W_TBL, W_TR, W_TC = f"{W}p", f"{W}tbl", f"{W}tr", f"{W}tc"
W_TXBX = f"{W}txbxContent"
# Body-level wrappers whose children are paragraphs and tables again.
BLOCK_WRAPPERS = frozenset({f"{W}sdt", f"{W}sdtContent", f"{W}customXml", f"{W}ins", f"{W}moveTo"})
# Inside a paragraph: subtrees that hold no visible body text. Properties (w:pPr holds tab-stop
# definitions named w:tab), deleted revisions, the legacy copy of alternate content, text boxes.
SKIPPED_IN_PARAGRAPH = frozenset({f"{W}pPr", f"{W}rPr", f"{W}del", f"{W}moveFrom", f"{MC}Fallback", W_TXBX})
TEXT_TAGS = {f"{W}t": None, f"{W}tab": "\t", f"{W}ptab": "\t", f"{W}br": "\n", f"{W}cr": "\n", f"{W}noBreakHyphen": "-"}
# Every text element below a paragraph, in document order; one whose ancestors below the paragraph
# include a skipped subtree or another text element is not read.
TEXT_ELEMENTS = etree.XPath(" | ".join(f".//w:{tag[len(W):]}" for tag in TEXT_TAGS), namespaces={"w": W[1:-1]})
NOT_READ_BELOW = SKIPPED_IN_PARAGRAPH | TEXT_TAGS.keys()


def check_archive(path: Path, data: bytes) -> None:
    """Refuse a file that is not a zip, or whose members would expand absurdly, before unpacking."""
    if data.startswith(OLE_MAGIC):
        raise IngestError(
            path, "is not a valid .docx (an OLE file: a Word 97–2003 .doc or a password-protected document)"
        )
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError) as exc:
        raise IngestError(path, f"is not a valid .docx (not a readable zip archive: {exc})") from None
    if len(members) > MAX_MEMBERS:
        raise IngestError(path, f"is not a valid .docx ({len(members)} zip members, over {MAX_MEMBERS})")
    total = sum(m.file_size for m in members)
    if total > MAX_UNCOMPRESSED_BYTES:
        raise IngestError(
            path, f"would expand to {total} bytes, over the {MAX_UNCOMPRESSED_BYTES}-byte limit (zip bomb?)"
        )
    for m in members:
        if m.file_size >= RATIO_CHECK_MIN_BYTES and m.file_size > MAX_COMPRESSION_RATIO * max(m.compress_size, 1):
            raise IngestError(
                path,
                f"zip member {m.filename!r} expands {m.file_size // max(m.compress_size, 1)}:1, "
                f"over the {MAX_COMPRESSION_RATIO}:1 limit (zip bomb?)",
            )
    if "[Content_Types].xml" not in {m.filename for m in members}:
        raise IngestError(path, "is not a valid .docx (a zip archive without [Content_Types].xml)")


def open_body(path: Path, data: bytes) -> Any:
    """The ``w:body`` element of the main document part."""
    try:
        return docx.Document(io.BytesIO(data)).element.body
    except Exception as exc:  # python-docx and lxml raise many types on damaged packages
        raise IngestError(path, f"is not a valid .docx ({type(exc).__name__}: {exc})") from None


def _children_reversed(element: Any) -> list[Any]:
    return list(reversed(element))


def box_cell(tbl: Any) -> Any | None:
    """The only cell of a one-cell table, else None.

    A one-cell table is a box drawn around text (a 专栏 panel), not a grid of values: its
    paragraphs are read as paragraphs, as pdfplumber reads a ruled box in a PDF.
    """
    rows = list(tbl.iterchildren(W_TR))
    if len(rows) != 1:
        return None
    cells = list(rows[0].iterchildren(W_TC))
    return cells[0] if len(cells) == 1 else None


def layout_cells(tbl: Any) -> list[Any] | None:
    """The cells of a table that holds another table, else None.

    A table with a table in a cell lays out a page (as in HTML, see readers/html.py): its cells are
    read in order as body content, so the inner table is a table of its own instead of lines glued
    into its parent's cell. The search stops at the first inner table (lxml's iter is lazy)."""
    cells = [tc for tr in tbl.iterchildren(W_TR) for tc in tr.iterchildren(W_TC)]
    return cells if any(next(tc.iter(W_TBL), None) is not None for tc in cells) else None


def iter_blocks(container: Any) -> Iterator[Any]:
    """``w:p`` and ``w:tbl`` elements of a body in document order, through wrappers, boxes and layout
    tables."""
    stack = _children_reversed(container)
    while stack:
        element = stack.pop()
        if element.tag == W_TBL and (cell := box_cell(element)) is not None:
            stack.extend(_children_reversed(cell))
        elif element.tag == W_TBL and (cells := layout_cells(element)) is not None:
            for tc in reversed(cells):
                stack.extend(_children_reversed(tc))
        elif element.tag in (W_P, W_TBL):
            yield element
        elif element.tag in BLOCK_WRAPPERS:
            stack.extend(_children_reversed(element))


def paragraph_text(p: Any) -> str:
    """A paragraph's visible text: runs, hyperlinks, fields and insertions; tabs and breaks kept.

    The text elements are found by XPath (in C) and each is checked upwards to the paragraph, rather
    than walking every element of the paragraph (run properties are most of them): a quarter less
    time on the work reports' 19,000 paragraphs, the same text."""
    parts: list[str] = []
    for element in TEXT_ELEMENTS(p):
        parent = element.getparent()
        while parent is not p:  # lxml hands out one proxy per element while it is referenced
            if parent.tag in NOT_READ_BELOW:
                break
            parent = parent.getparent()
        else:
            fixed = TEXT_TAGS[element.tag]
            parts.append((element.text or "") if fixed is None else fixed)
    return "".join(parts)


def unread_content_warnings(body: Any) -> list[str]:
    """Body content deliberately not read, named so that nothing disappears silently: text boxes
    (floating, with no place in the reading order; each counted once, not its legacy fallback
    copy) and imported chunks (``w:altChunk``: embedded HTML or RTF that Word converts on opening)."""
    warnings = []
    boxes = sum(1 for box in body.iter(W_TXBX) if not any(a.tag == f"{MC}Fallback" for a in box.iterancestors()))
    if boxes:
        warnings.append(f"{boxes} text box(es) not read: they are not part of the body text")
    chunks = sum(1 for _ in body.iter(f"{W}altChunk"))
    if chunks:
        warnings.append(f"{chunks} imported chunk(s) (w:altChunk) not read: open and re-save the file in Word")
    return warnings


# Word's own limit on the columns of a table; a gridSpan or gridBefore past it is crafted, and taken
# at face value it would allocate a row of that many cells (1e8: gigabytes).
MAX_GRID_COLUMNS = 63
MAX_ROW_POSITIONS = 4 * MAX_GRID_COLUMNS


def _grid_count(value: Any) -> int:
    """A gridSpan/gridBefore/gridAfter count, clamped to 0..MAX_GRID_COLUMNS."""
    return min(max(0, int(value)), MAX_GRID_COLUMNS) if value else 0


def _grid_span(tc: Any) -> int:
    return max(1, _grid_count(tc.grid_span))


def cell_text(tc: Any) -> str:
    """A cell's paragraphs, nested tables included (their cells in order), one per line."""
    lines = []
    for p in tc.iter(W_P):
        if any(a.tag == W_TXBX for a in p.iterancestors()):
            continue
        lines.append(paragraph_text(p).strip())
    return "\n".join(line for line in lines if line)


def table_rows(tbl: Any) -> list[list[str | None]]:
    """The table's layout grid, a merged cell's text at its top-left position only.

    Word stores a horizontal merge as one ``w:tc`` spanning columns (``w:gridSpan``) and a vertical
    merge as ``w:vMerge="continue"`` cells below the first; python-docx's ``row.cells`` repeats the
    merged cell in every position, which would count it two or more times. Positions covered by a
    merge, and grid columns a row skips (``w:gridBefore``/``w:gridAfter``), are None. Word allows 63
    columns: each count is clamped to that, and a row gets no empty positions past
    MAX_ROW_POSITIONS (its cells with text are always kept), so a crafted count cannot exhaust memory.
    """
    rows: list[list[str | None]] = []

    def pad(row: list[str | None], n: int) -> None:
        row.extend([None] * max(0, min(n, MAX_ROW_POSITIONS - len(row))))

    for tr in tbl.iterchildren(W_TR):
        row: list[str | None] = []
        pad(row, _grid_count(tr.grid_before))
        for tc in tr.iterchildren(W_TC):
            span = _grid_span(tc)
            if tc.vMerge == "continue":
                pad(row, span)
            else:
                row.append(cell_text(tc))
                pad(row, span - 1)
        pad(row, _grid_count(tr.grid_after))
        rows.append(row)
    width = max((len(r) for r in rows), default=0)
    return [r + [None] * (width - len(r)) for r in rows]


def add_paragraph_lines(builder: TextBuilder, text: str) -> None:
    """One source paragraph per line: a manual line break (Shift+Enter, ``w:br``) ends a line in
    Word as ``<br>`` does in HTML. Blank lines are dropped; surrounding indentation is layout."""
    for line in text.split("\n"):
        if line.strip():
            builder.add_paragraph(line.strip())


def read(path: Path, data: bytes) -> ReadResult:
    """A .docx's body as source text; every failure is an IngestError naming the reason."""
    check_archive(path, data)
    body = open_body(path, data)
    builder = TextBuilder()
    try:
        for element in iter_blocks(body):
            if element.tag == W_P:
                add_paragraph_lines(builder, paragraph_text(element))
            else:
                builder.add_table(table_rows(element))
    except (PythonDocxError, ValueError) as exc:  # python-docx validates attributes such as w:gridSpan lazily
        raise IngestError(path, f"is not a valid .docx (bad document.xml: {exc})") from None
    builder.warnings.extend(unread_content_warnings(body))
    if not (builder.paragraphs or builder.tables):
        raise IngestError(path, "has no text in its document body")
    return builder.result()
