"""Clean text (+ reader layout) → tables with caption, header row and cells in source coordinates.

Three layouts are recognised:
- ``tab_rows``: one row per line, cells separated by tabs (淄博, 芝罘, and every docx/pdf/html table
  once a reader has flattened it to text);
- ``cell_lines``: one cell per tab-led line, rows separated by blank lines (青州);
- ``pipe_rows``: markdown tables, ``| 指标 | 2020年 | 2025年 |``;
- ``reader``: the grid a docx/pdf/html reader reported, used as is.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass

import regex

from pipeline.clean import CleanText
from pipeline.models import Span
from pipeline.readers.layout import LayoutTable

# `表1`, `表 2-1`, `附表3`, `续表`; 表 needs its number, or `表彰先进集体` would be a caption.
CAPTION = regex.compile(
    r"^(?:(?:附表|续表)\s*(?:[\d一二三四五六七八九十]+)?|表\s*[\d一二三四五六七八九十]+)(?:\s*[-—－.]\s*\d+)*"
)
UNIT_LINE = regex.compile(r"^[（(]?单位[:：]")
MIN_ROWS = 2  # header plus one row


@dataclass(frozen=True, slots=True)
class Cell:
    text: str  # clean text, on one line
    span: Span  # source coordinates
    clean_span: Span


@dataclass(frozen=True, slots=True)
class Table:
    caption: str | None
    caption_span: Span | None
    rows: tuple[tuple[Cell, ...], ...]  # header row first
    span: Span
    clean_span: Span
    layout: str
    kind: str = "table"  # "toc" for a table of contents laid out with tabs

    @property
    def header(self) -> tuple[Cell, ...]:
        return self.rows[0]

    @property
    def body(self) -> tuple[tuple[Cell, ...], ...]:
        return self.rows[1:]


@dataclass(frozen=True, slots=True)
class Line:
    start: int
    end: int
    text: str

    @property
    def blank(self) -> bool:
        return not self.text.strip()


def lines_of(text: str) -> list[Line]:
    out = []
    pos = 0
    for raw in text.split("\n"):
        out.append(Line(pos, pos + len(raw), raw))
        pos += len(raw) + 1
    return out


def make_cell(clean: CleanText, start: int, end: int) -> Cell:
    """A cell over clean[start:end], trimmed of blanks; an empty cell gets a zero-width span."""
    raw = clean.text[start:end]
    lead = len(raw) - len(raw.lstrip())
    trail = len(raw.rstrip())
    if trail <= lead:
        return Cell("", clean.to_source(start, start), (start, start))
    s, e = start + lead, start + trail
    return Cell(clean.text[s:e].replace("\n", ""), clean.to_source(s, e), (s, e))


def is_row_line(line: Line) -> bool:
    return "\t" in line.text.strip(" \t")


def is_cell_line(line: Line) -> bool:
    return line.text.startswith("\t") or line.text.startswith(" \t")


def row_cells(clean: CleanText, line: Line) -> tuple[Cell, ...]:
    cells = []
    pos = line.start
    for part in line.text.split("\t"):
        cells.append(make_cell(clean, pos, pos + len(part)))
        pos += len(part) + 1
    return tuple(cells)


def is_pipe_line(line: Line) -> bool:
    text = line.text.strip()
    return text.startswith("|") and text.count("|") >= 3


PIPE_RULE = regex.compile(r"^\s*\|?(?:\s*:?-{3,}:?\s*\|)+\s*:?-*:?\s*$")


def collect_pipe_rows(clean: CleanText, lines: list[Line], i: int) -> tuple[list[tuple[Cell, ...]], int]:
    """Markdown tables: ``| 指标 | 2020年 | 2025年 |``; the ``|---|`` rule under the header is skipped."""
    rows = []
    while i < len(lines) and is_pipe_line(lines[i]):
        line = lines[i]
        i += 1
        if PIPE_RULE.match(line.text):
            continue
        inner_start = line.start + line.text.index("|") + 1
        inner = line.text[line.text.index("|") + 1 : line.text.rindex("|")]
        cells = []
        pos = inner_start
        for part in inner.split("|"):
            cells.append(make_cell(clean, pos, pos + len(part)))
            pos += len(part) + 1
        rows.append(tuple(cells))
    return rows, i


def collect_tab_rows(clean: CleanText, lines: list[Line], i: int) -> tuple[list[tuple[Cell, ...]], int]:
    """Rows from line i on; a single blank line between two row lines does not end the table."""
    rows = []
    while i < len(lines):
        if is_row_line(lines[i]):
            rows.append(row_cells(clean, lines[i]))
            i += 1
        elif lines[i].blank and i + 1 < len(lines) and is_row_line(lines[i + 1]):
            i += 1
        else:
            break
    return rows, i


def collect_cell_lines(clean: CleanText, lines: list[Line], i: int) -> tuple[list[tuple[Cell, ...]], int]:
    """青州 layout: ``\\t序号`` / ``\\t指标名称`` … one cell a line, a blank line between rows.

    A line without the leading tab continues the cell above it (a long 承担单位 wrapped in the
    export); a blank before the tab (`` \\t弥河镇``) stands for an empty cell.
    """
    rows: list[tuple[Cell, ...]] = []
    group: list[list[int]] = []  # [clean_start, clean_end] of each cell of the current row

    def close_group() -> None:
        if group:
            rows.append(tuple(make_cell(clean, s, e) for s, e in group))
            group.clear()

    while i < len(lines):
        line = lines[i]
        if line.blank:
            close_group()
            j = i
            while j < len(lines) and lines[j].blank:
                j += 1
            if j >= len(lines) or not is_cell_line(lines[j]):
                return rows, i
            i = j
            continue
        if is_cell_line(line):
            parts = line.text.split("\t")
            pos = line.start
            for k, part in enumerate(parts):
                if k > 0 or part:  # the empty text before the leading tab is no cell
                    group.append([pos, pos + len(part)])
                pos += len(part) + 1
        elif group:
            group[-1][1] = line.end
        else:
            break
        i += 1
    close_group()
    return rows, i


def find_caption(clean: CleanText, lines: list[Line], first: int) -> tuple[str | None, Span | None]:
    """The 表N caption just above a table (a 单位：… line may stand between them)."""
    seen = 0
    k = first - 1
    while k >= 0 and seen < 2:
        line = lines[k]
        k -= 1
        if line.blank:
            continue
        seen += 1
        text = line.text.strip()
        if CAPTION.match(text) and len(text) <= 80:
            lead = len(line.text) - len(line.text.lstrip())
            s = line.start + lead
            return text, clean.to_source(s, s + len(text))
        if not UNIT_LINE.match(text):
            break
    return None, None


def is_toc(rows: list[tuple[Cell, ...]]) -> bool:
    """A table of contents: short rows that end in a page number (芝罘: ``一、…\\t3``)."""
    numbered = sum(1 for r in rows if len(r) <= 3 and r[-1].text.isdigit())
    return numbered >= 0.8 * len(rows)


def build_table(clean: CleanText, lines: list[Line], first: int, rows, layout: str) -> Table:
    caption, caption_span = find_caption(clean, lines, first)
    cells = [c for r in rows for c in r if c.text]
    clean_span = (cells[0].clean_span[0], cells[-1].clean_span[1])
    return Table(
        caption=caption,
        caption_span=caption_span,
        rows=tuple(rows),
        span=clean.to_source(*clean_span),
        clean_span=clean_span,
        layout=layout,
        kind="toc" if is_toc(rows) else "table",
    )


def text_tables(clean: CleanText) -> list[Table]:
    lines = lines_of(clean.text)
    tables = []
    i = 0
    while i < len(lines):
        line = lines[i]
        if is_pipe_line(line):
            rows, end = collect_pipe_rows(clean, lines, i)
            layout = "pipe_rows"
        elif is_cell_line(line):
            rows, end = collect_cell_lines(clean, lines, i)
            layout = "cell_lines"
            # A run of tab-led lines that each hold several cells is a tab_rows table.
            if rows and all(len(r) > 1 for r in rows) and end == i + len(rows):
                rows, end = collect_tab_rows(clean, lines, i)
                layout = "tab_rows"
        elif is_row_line(line):
            rows, end = collect_tab_rows(clean, lines, i)
            layout = "tab_rows"
        else:
            i += 1
            continue
        if len(rows) >= MIN_ROWS and len(rows[0]) >= 2 and any(c.text for r in rows for c in r):
            tables.append(build_table(clean, lines, i, rows, layout))
        i = max(end, i + 1)
    return tables


def reader_tables(clean: CleanText, layout_tables: tuple[LayoutTable, ...]) -> list[Table]:
    """Tables a docx/pdf/html reader reported, re-expressed in clean text and source spans."""
    lines = lines_of(clean.text)
    starts = [ln.start for ln in lines]
    tables = []
    for lt in layout_tables:
        grid: dict[int, dict[int, Cell]] = {}
        for c in lt.cells:
            cs, ce = clean.from_source(*c.span)
            grid.setdefault(c.row, {})[c.col] = make_cell(clean, cs, ce)
        rows = [tuple(cols[k] for k in sorted(cols)) for _, cols in sorted(grid.items())]
        if not rows or not any(c.text for r in rows for c in r):
            continue
        first_clean = clean.from_source(lt.span[0], lt.span[0])[0]
        first_line = max(0, bisect_right(starts, first_clean) - 1)
        tables.append(build_table(clean, lines, first_line, rows, "reader"))
    return tables


def find_tables(clean: CleanText, layout_tables: tuple[LayoutTable, ...] = ()) -> list[Table]:
    """Reader grids when the format has them (docx/pdf/html), else tables found in the text."""
    if layout_tables:
        return reader_tables(clean, layout_tables)
    return text_tables(clean)
