"""What a format reader hands to ingestion: source text plus the layout it saw.

Readers of structured formats (docx, pdf, html) build their source text with ``TextBuilder`` so that
the spec §1 convention holds everywhere: paragraphs and table rows joined by ``\\n``, table cells by
``\\t``. The builder records where each paragraph and cell landed, so structure detection can use
the reader's own table grid instead of guessing it back from tabs.
"""

from __future__ import annotations

from dataclasses import dataclass

from pipeline.models import Span


@dataclass(frozen=True, slots=True)
class LayoutCell:
    row: int
    col: int
    span: Span


@dataclass(frozen=True, slots=True)
class LayoutTable:
    span: Span
    cells: tuple[LayoutCell, ...]
    page: int | None = None


@dataclass(frozen=True, slots=True)
class TextBox:
    """Where a stretch of source text is printed: source offsets ``[start, end)`` drawn in the box
    ``x0, top, x1, bottom`` (PDF points, top-down) on ``page`` (1-based). ``edges`` holds each
    character's ``(x0, x1)`` when the reader knows them (``len(edges) == end - start``), so a quote
    that starts mid-line gets a box around its own characters only."""

    start: int
    end: int
    page: int
    x0: float
    top: float
    x1: float
    bottom: float
    edges: tuple[tuple[float, float], ...] = ()


@dataclass(frozen=True, slots=True)
class ReadResult:
    text: str
    paragraphs: tuple[Span, ...] = ()
    tables: tuple[LayoutTable, ...] = ()
    pages: tuple[Span, ...] = ()
    warnings: tuple[str, ...] = ()
    # Page geometry of the text (PDF only), sorted by ``start``; see ``pipeline.provenance``.
    boxes: tuple[TextBox, ...] = ()


def cell_text(raw: str | None) -> str:
    """One line of cell text: a cell's own tabs and line breaks would break the row grid."""
    if raw is None:
        return ""
    return " ".join(part.strip() for part in raw.replace("\t", " ").splitlines() if part.strip())


class TextBuilder:
    """Accumulates paragraphs and tables into one source text, remembering their spans."""

    def __init__(self) -> None:
        self._parts: list[str] = []
        self._length = 0
        self.paragraphs: list[Span] = []
        self.tables: list[LayoutTable] = []
        self.pages: list[Span] = []
        self.warnings: list[str] = []
        self.boxes: list[TextBox] = []

    def _append_line(self, line: str) -> Span:
        if self._parts:
            self._parts.append("\n")
            self._length += 1
        start = self._length
        self._parts.append(line)
        self._length += len(line)
        return (start, self._length)

    def add_paragraph(self, text: str) -> Span:
        line = text.replace("\n", " ").replace("\r", " ")
        span = self._append_line(line)
        self.paragraphs.append(span)
        return span

    def add_table(self, rows: list[list[str | None]], page: int | None = None) -> LayoutTable | None:
        rows = [[cell_text(c) for c in row] for row in rows]
        rows = [row for row in rows if any(row)]
        if not rows:
            return None
        cells: list[LayoutCell] = []
        table_start: int | None = None
        for r, row in enumerate(rows):
            line_span = self._append_line("\t".join(row))
            if table_start is None:
                table_start = line_span[0]
            pos = line_span[0]
            for c, value in enumerate(row):
                cells.append(LayoutCell(r, c, (pos, pos + len(value))))
                pos += len(value) + 1
        table = LayoutTable((table_start or 0, self._length), tuple(cells), page)
        self.tables.append(table)
        return table

    def start_page(self) -> None:
        self.pages.append((self._length + (1 if self._parts else 0), self._length))

    def end_page(self) -> None:
        if self.pages:
            start, _ = self.pages[-1]
            self.pages[-1] = (min(start, self._length), self._length)

    def result(self) -> ReadResult:
        return ReadResult(
            text="".join(self._parts),
            paragraphs=tuple(self.paragraphs),
            tables=tuple(self.tables),
            pages=tuple(self.pages),
            warnings=tuple(self.warnings),
            boxes=tuple(sorted(self.boxes, key=lambda b: (b.start, b.end))),
        )
