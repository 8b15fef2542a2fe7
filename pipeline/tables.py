"""Clean text (+ reader layout) → tables with caption, header row and cells in source coordinates.

These layouts are recognised:
- ``tab_rows``: one row per line, cells separated by tabs (淄博, 芝罘, and every docx/pdf/html table
  once a reader has flattened it to text);
- ``cell_lines``: one cell per tab-led line, rows separated by blank lines (青州);
- ``pipe_rows``: markdown tables, ``| 指标 | 2020年 | 2025年 |``;
- ``para_cells``: one cell per paragraph, an empty paragraph between cells and one for each merged
  (empty) cell, a data row opened by its 序号 (Word tables exported paragraph by paragraph); an
  indicator table one cell per paragraph or per line (``line_cells``), with or without 序号, merged
  category cells written once, is read first by the grammar of pipeline/cell_grammar.py;
- ``space_cols``: columns aligned with runs of (full-width) spaces, header on one or two lines;
- ``pdf_rows``: a PDF text layer: a row's cells separated by single spaces on its 序号 line, wrapped
  cells (pieces of the name, unit pieces such as ``万元/`` and ``人``) on the lines around it;
- ``serial_lines``: an allocation list (资金计划, 拟支持项目) one cell per line with no row mark, rows opened
  by its 序号 cells 1, 2, 3…, a header naming money (补贴金额（万元）, 拨付);
- ``reader``: the grid a docx/pdf/html reader reported, used as is.
"""

from __future__ import annotations

import unicodedata
from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass, replace
from itertools import pairwise

import regex

from pipeline.cell_grammar import is_grid_start, read_cell_grid, title_caption
from pipeline.cell_words import BLANKS
from pipeline.clean import CleanText
from pipeline.models import Span
from pipeline.readers.layout import LayoutTable
from pipeline.table_cells import (
    CAPTION,
    MAX_HEADER_CELLS,
    UNIT_TOKEN,
    Cell,
    Line,
    cell_kind,
    lines_of,
    make_cell,
    merge_header,
    para_cells_from,
    place_short_row,
)

__all__ = ["CAPTION", "Cell", "Line", "Table", "find_tables", "lines_of", "make_cell"]  # importers' names

UNIT_LINE = regex.compile(r"^[（(]?单位[:：]")
MIN_ROWS = 2  # header plus one row


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


def is_group_pipe_line(line: Line) -> bool:
    text = line.text.strip()
    return text.startswith("|") and text.endswith("|") and text.count("|") == 2 and len(text) > 2


PIPE_RULE = regex.compile(r"^\s*\|?(?:\s*:?-{3,}:?\s*\|)+\s*:?-*:?\s*$")


def collect_pipe_rows(clean: CleanText, lines: list[Line], i: int) -> tuple[list[tuple[Cell, ...]], int]:
    """Markdown tables: ``| 指标 | 2020年 | 2025年 |``; the ``|---|`` rule under the header is skipped."""
    rows = []
    # A group-heading row written as one cell (`| 推进实施…工程 |`) continues a table that has begun.
    while i < len(lines) and (is_pipe_line(lines[i]) or (rows and is_group_pipe_line(lines[i]))):
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


def is_group_line(line: Line) -> bool:
    """A short line of one phrase: no tab, no sentence punctuation (a group heading inside a table)."""
    text = line.text.strip()
    return 0 < len(text) <= 40 and "\t" not in line.text and not regex.search(r"[。；;：:]", text)


def collect_tab_rows(clean: CleanText, lines: list[Line], i: int) -> tuple[list[tuple[Cell, ...]], int]:
    """Rows from line i on; a single blank line between two row lines does not end the table."""
    rows = []
    while i < len(lines):
        if is_row_line(lines[i]):
            rows.append(row_cells(clean, lines[i]))
            i += 1
        elif lines[i].blank and i + 1 < len(lines) and is_row_line(lines[i + 1]):
            i += 1
        elif rows and is_group_line(lines[i]) and i + 1 < len(lines) and is_row_line(lines[i + 1]) \
                and len(lines[i + 1].text.split("\t")) == len(rows[0]):
            # A task table's group-heading row, one cell on a line of its own between rows as wide as
            # the header (`推进实施…工程` above rows 1-3): a row of one cell, not the table's end.
            s, e = lines[i].start, lines[i].end
            rows.append((make_cell(clean, s, e),))
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


# ---------------------------------------------------------------- serial_lines

# Allocation lists (资金计划 / 拟支持项目 / 奖励名单 attachments) exported one cell per line with no row mark:
# `序号` / `企业名称` / `补贴金额（万元）` / `2024年拨付` / `1` / `上海甲有限公司` / `30` / `15` / `2` …
# Only the 序号 cells say where a row begins. The header must name money (a money column is what makes
# such a list worth reading); indicator and task tables one cell per line are read elsewhere.
SERIAL_HEADER = regex.compile(r"序号|编号|序")
MONEY_HEADER = regex.compile(r"金额|资金|补贴|补助|奖励|资助|奖补|扶持|拨付|拨款|万元|亿元")
SUM_CELL = regex.compile(r"(?:合计|总计|小计|共计|总额)")
# A line that ends a list rather than filling a cell: a sentence, an attachment or table caption, a heading.
NOT_A_CELL = regex.compile(r"[。；;：:]|^(?:附件|附表|表\s*\d)|^[一二三四五六七八九十]+、")
UNIT_PIECE = regex.compile(r"[（(][^（）()]{1,8}[）)]")
PLAIN_NUMBER = regex.compile(r"[\d.,，]+")
MAX_SERIAL_CELL = 60  # characters of one cell of such a list (a long project name)


def is_serial_lines_start(lines: list[Line], i: int) -> bool:
    """`序号` alone on a line, a short header line right after it (no blank line, no tab)."""
    text = BLANKS.sub("", lines[i].text)
    return (SERIAL_HEADER.fullmatch(text) is not None and "\t" not in lines[i].text and i + 1 < len(lines)
            and not lines[i + 1].blank and "\t" not in lines[i + 1].text and len(lines[i + 1].text.strip()) <= 20)


def opens_row(lines: list[Line], k: int) -> bool:
    """Line k reads `1` and the next non-blank line is no number: the first row's 序号 and name."""
    if lines[k].text.strip() != "1":
        return False
    after = next((ln for ln in lines[k + 1 :] if not ln.blank), None)
    return after is not None and not PLAIN_NUMBER.fullmatch(after.text.strip())


def collect_serial_lines(clean: CleanText, lines: list[Line], i: int) -> tuple[list[tuple[Cell, ...]], int]:
    """A list one cell per line, rows opened by the 序号 cells 1, 2, 3… in order.

    A row is the cells from its 序号 up to the next one: at most as many as the header, fewer when a
    trailing cell (备注) is empty and left out. Of the lines reading `n+1` after row n's 序号, the last
    one the header's width allows opens the next row (an amount cell may read `3` too). A blank line
    inside a row that is a cell short stands for the empty cell. The list ends at a 合计 / 总计 row (a sum,
    no recipient), a sentence or caption, or where no next 序号 comes within a row's width."""
    header: list[Cell] = []
    k = i
    while k < len(lines) and not lines[k].blank and len(header) < MAX_HEADER_CELLS:
        text = lines[k].text.strip()
        if text == "1" and header:
            break
        if header and SUM_CELL.fullmatch(BLANKS.sub("", text)):
            # a 合计 row right under the header (`合计` / `900` / `296.67`): its sums, then row 1
            k += 1
            while k < len(lines) and (lines[k].blank or PLAIN_NUMBER.fullmatch(lines[k].text.strip())) \
                    and not opens_row(lines, k):
                k += 1
            break
        if "\t" in lines[k].text or len(text) > 20 or NOT_A_CELL.search(text):
            return [], i + 1
        if header and UNIT_PIECE.fullmatch(text):
            # `补贴金额` / `（万元）`: a unit wrapped onto a line of its own belongs to the header cell above
            header[-1] = make_cell(clean, header[-1].clean_span[0], lines[k].end)
        else:
            header.append(make_cell(clean, lines[k].start, lines[k].end))
        k += 1
    width = len(header)
    if width < 3 or k >= len(lines) or lines[k].text.strip() != "1" \
            or not any(MONEY_HEADER.search(c.text) for c in header[1:]):
        return [], i + 1
    # the stream of lines after the header: a cell per non-blank line, None for a blank line
    stream: list[tuple[Cell | None, int]] = []
    j = k
    while j < len(lines):
        line = lines[j]
        text = line.text.strip()
        if line.blank:
            stream.append((None, j))
        elif "\t" in line.text or len(text) > MAX_SERIAL_CELL or NOT_A_CELL.search(text) \
                or SUM_CELL.fullmatch(BLANKS.sub("", text)) or SERIAL_HEADER.fullmatch(text):
            break
        else:
            stream.append((make_cell(clean, line.start, line.end), j))
        j += 1
    # The column after 序号 names the recipient (企业名称, 项目名称): a `4` followed by a number is an amount.
    named = not MONEY_HEADER.search(header[1].text)

    def opens_name(q: int) -> bool:
        after = next((c for c, _ in stream[q + 1 :] if c is not None), None)
        return after is not None and not PLAIN_NUMBER.fullmatch(after.text)

    rows: list[tuple[Cell, ...]] = [tuple(header)]
    p, n = 0, 1
    end_line = k + 1
    while True:
        filled = 0
        nxt = None
        for q in range(p + 1, len(stream)):
            cell = stream[q][0]
            if cell is None:
                continue
            if filled >= 2 and cell.text == str(n + 1) and (not named or opens_name(q)):
                nxt = q
            filled += 1
            if filled >= width:
                break
        stop = nxt if nxt is not None else len(stream)
        if nxt is None:
            # the last row ends at a blank line once it holds a name and an amount: what follows (the
            # signature, a date) is no cell of it
            blank = next((q for q in range(p + 3, stop) if stream[q][0] is None), None)
            stop = blank if blank is not None else stop
        own = stream[p:stop]
        cells = [c for c, _ in own if c is not None]
        if nxt is None:
            cells = cells[:width]  # the last row: no more cells than the header has
        if len(cells) < 3:
            break
        if len(cells) < width:
            # a blank line inside the row stands for an empty cell when it makes the row whole
            with_blanks = [c if c is not None else None for c, _ in own]
            last = max(m for m, (c, _) in enumerate(own) if c is not None)
            inner = with_blanks[: last + 1]
            if len(inner) == width:
                at = own[0][0].clean_span[0]
                cells = [c if c is not None else make_cell(clean, at, at) for c in inner]
        rows.append(tuple(cells))
        end_line = max(line_no for c, line_no in own if c is not None) + 1
        if nxt is None:
            break
        p, n = nxt, n + 1
    if len(rows) < 2:
        return [], i + 1
    return rows, end_line


# ---------------------------------------------------------------- para_cells

# The first header cell of a table laid out one cell per paragraph.
PARA_HEADER_START = regex.compile(r"^(?:序号|编号|类别|分类|领域|指标|指标名称|主要指标|具体指标)$")
# A row spanning the table (一、生态宜居(15), 经济发展): a heading inside the body, not a header cell.
BODY_HEADING = regex.compile(r"^(?:[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十]+[）)])")


# Header words of a table laid out one cell per paragraph (a short group heading above the first row is none).
PARA_HEADER_WORD = regex.compile(
    r"^(?:类别|分类|领域|指标|指标名称|名称|单位|计量单位|属性|指标属性|指标类型|类型|性质|基础值|基期值|基数|现状值?|"
    r"目标值?|完成值|完成情况|完成率|规划目标|计划任务|年均增长率?|年均增速|增速|[〔\[]累计[〕\]]|备注|说明|"
    r"(?:19|20)\d{2}年.{0,6}|“?十[一二三四五]五”?.{0,8}|其中.{0,12}|\p{Han}|[（(].{1,6}[）)])$"
)


# A group-heading row of a task table: one cell naming a group of tasks (`全域推进海绵城市项目建设` above rows
# 1-3), no header word: longer than a header cell or holding quotes or clause punctuation.
HEADER_CELL = regex.compile(r"^[^“”\"'、，,。；;：:]{1,8}$")


# Header words of a task table's columns (`责任单位`, `完成时限`, `重点任务`, `参考文件`): a cell ending so is
# a header cell, not a group heading.
UNIT_HEADER_WORD = regex.compile(
    r"(?:单位|部门|主体|时限|时间|任务|内容|事项|措施|举措|文件|名称|备注|序号|类型|目标|成果)$")


# The number of a group-heading row in the 序号 column (`一`, `二、`) before the group's name.
GROUP_NUMBER = regex.compile(r"\s*[一二三四五六七八九十]+\s*[、.．]?\s*")


def is_group_cell(cell: Cell) -> bool:
    text = BLANKS.sub("", cell.text)
    return bool(text) and not text.isdigit() and not HEADER_CELL.match(text)


UNIT_COLUMN_END = regex.compile(r"(?:单位|部门|主体|方)(?:[（(][^）)]{0,8}[）)])?$")


def place_merged_rows(clean: CleanText, rows: list[tuple[Cell, ...]]) -> list[tuple[Cell, ...]]:
    """Rows of a task table (a header cell names units: 责任单位, 牵头部门…) written without the cells a
    merged cell of a row above spans: each such row's cells placed by kind, as for one cell per
    paragraph; a one-cell group row stays as it is."""
    header = rows[0]
    width = len(header)
    if width > 12 or not any(UNIT_COLUMN_END.search(BLANKS.sub("", c.text)) for c in header):
        return rows
    short = [n for n, r in enumerate(rows[1:], 1) if 2 <= len(r) < width and width - len(r) <= 2]
    if not short:
        return rows
    full = [r for r in rows[1:] if len(r) == width]
    profiles = [Counter(cell_kind(r[k].text) for r in full) for k in range(width)]
    out = list(rows)
    for n in short:
        row = rows[n]
        fill = make_cell(clean, row[-1].clean_span[1], row[-1].clean_span[1])
        out[n] = tuple(place_short_row(list(row), width, profiles, fill))
    return out


def collect_para_cells(clean: CleanText, lines: list[Line], i: int) -> tuple[list[tuple[Cell, ...]], int]:
    """A table laid out one cell per paragraph, rows found by their 序号 cells 1, 2, 3…

    Task tables add two shapes: group-heading rows (one cell naming the tasks below it, the 序号 often
    restarting at 1 after it) and merged cells (a unit cell spanning several rows stands once, in the
    first row it covers; the rows below have a cell fewer). The 序号 sequence and the header's column
    count are the evidence: a row of as many cells as the header is full, a shorter one lost cells to
    a merged cell, cells past the row's width before a restarted 序号 are a group heading."""
    cells = para_cells_from(clean, lines, i)
    stream: list[Cell] = []
    last_line: list[int] = []
    for cell, line_no in cells:
        stream.append(cell)
        last_line.append(line_no)
        if cell.text == "1" or len(stream) >= MAX_HEADER_CELLS:
            break
    first = len(stream) - 1
    if not stream or stream[-1].text != "1" or first < 2:
        return [], i + 1  # tables without 序号 are read by pipeline/cell_grammar.py
    texts = [BLANKS.sub("", c.text) for c in stream[:first]]
    s = next((k for k, t in enumerate(texts) if t in ("序号", "编号", "序")), 0)
    # The cells before the first 序号 in its row (a 类别 cell) are no header cells.
    header = [c for c in stream[: first - s] if not BODY_HEADING.match(c.text)]
    # A group heading above the first row is no header cell.
    while s == 0 and len(header) > 2 and (is_group_cell(header[-1]) or GROUP_NUMBER.fullmatch(header[-1].text)):
        header.pop()
    header_width = len(merge_header(header, 0, clean, only_split=True))
    # Serial cells in order, restarting at 1 after a group heading once a row's worth of cells has
    # passed; a gap of more than a few rows' worth of cells ends the table.
    serials = [first]
    numbers = [1]
    window = max(8, 3 * first)
    for cell, line_no in cells:
        stream.append(cell)
        last_line.append(line_no)
        k = len(stream) - 1
        if cell.text == str(numbers[-1] + 1):
            serials.append(k)
            numbers.append(numbers[-1] + 1)
        elif (cell.text == "1" and s == 0 and k - serials[-1] >= header_width
              and stream[k - 1].text and not stream[k - 1].text.isdigit()):
            serials.append(k)
            numbers.append(1)
        elif k - serials[-1] > window:
            break
    if len(serials) < 2:
        return [], i + 1
    # A row's width: the cells up to the next 序号, less a group heading before a restarted one.
    gaps = Counter(b - a - (numbers[n + 1] == 1) for n, (a, b) in enumerate(pairwise(serials)))
    mode = gaps.most_common(1)[0][0]
    # A merged 类别 column left no empty paragraph in the rows it spans: those rows are s cells shorter.
    after = mode if s and (mode + s) in gaps else mode - s
    # Merged cells made most rows shorter than the header: full rows as wide as the header say how wide.
    if s == 0 and header_width > after and gaps[header_width]:
        after = header_width
    if after < 2:
        return [], i + 1
    # A short group heading (`示范工程`) above the first row read as one header cell too many: no row is as
    # wide as the header, and the cell before the first 序号 is no header word.
    if s == 0 and header_width == after + 1 and not gaps[header_width] and len(header) > 2 \
            and not PARA_HEADER_WORD.match(BLANKS.sub("", header[-1].text)) \
            and not UNIT_HEADER_WORD.search(BLANKS.sub("", header[-1].text)):
        header.pop()
    width = s + after
    restarts = {n for n in range(1, len(serials)) if numbers[n] == 1}
    body: list[tuple[Cell, ...]] = []
    short: list[int] = []
    prev_end = first - s
    for n, p in enumerate(serials):
        nxt = serials[n + 1] if n + 1 < len(serials) else len(stream)
        if n + 1 in restarts:
            # the cells before a restarted 序号 are a group heading (one cell), not this row's
            nxt = max(p + 1, nxt - 1) if nxt - p <= after + 1 else p + after
        tail = stream[p : min(p + after, nxt)]
        before = stream[max(prev_end, p - s) : p]
        before = [make_cell(clean, stream[p].clean_span[0], stream[p].clean_span[0])] * (s - len(before)) + before
        if len(tail) < after:
            short.append(len(body))
        body.append(tuple(before + tail))
        prev_end = p + len(tail)
    if short and s == 0:
        full = [r for r in body if len(r) == width]
        profiles = [Counter(cell_kind(r[k].text) for r in full) for k in range(width)]
        for b in short:
            row = body[b]
            fill = make_cell(clean, row[-1].clean_span[1], row[-1].clean_span[1])
            body[b] = tuple(place_short_row(list(row), width, profiles, fill))
    # An empty paragraph closing every row (Word's end-of-row mark) is no column.
    while width > 2 and all(len(r) < width or not r[width - 1].text for r in body):
        width -= 1
        body = [r[:width] for r in body]
    rows = [tuple(merge_header(header, width, clean)), *body]
    end_line = last_line[prev_end - 1] + 1
    return rows, end_line


def is_para_table_start(lines: list[Line], i: int) -> bool:
    """A short paragraph holding a header word, followed by a blank line and another short paragraph."""
    raw = lines[i].text
    if len(raw) > MAX_PARA_START or not raw or "\t" in raw:
        return False
    if not PARA_HEADER_START.match(BLANKS.sub("", raw)):
        return False
    return i + 2 < len(lines) and lines[i + 1].blank and not lines[i + 2].blank and len(lines[i + 2].text) <= 30


def is_task_table_start(lines: list[Line], i: int) -> bool:
    """A short paragraph that is a task table's header word (`主要方向`) or its first piece (`任务`), followed
    by a blank line and another short paragraph. The paragraph is read whole: its header word may be
    written on two lines (`任务` / `分类`), and a start at its second line would lose the first."""
    if len(lines[i].text) > MAX_PARA_START:
        return False  # the paragraph holds this line
    j = i
    while j + 1 < len(lines) and j - i < 2 and not lines[j + 1].blank:
        j += 1
    raw = "".join(line.text for line in lines[i : j + 1])
    if len(raw) > MAX_PARA_START or not raw or "\t" in raw or not TASK_HEADER_WORD.match(BLANKS.sub("", raw)):
        return False
    if not (j + 2 < len(lines) and lines[j + 1].blank and not lines[j + 2].blank):
        return False
    after = BLANKS.sub("", lines[j + 2].text)  # the next header piece: short, no clause
    return len(after) <= 20 and not TASK_CLAUSE.search(after)


# ---------------------------------------------------------------- space_cols

GAP = regex.compile(r" {2,}")
SPACE_HEADER_WORD = regex.compile(r"序号|指标|类别|名称|项目")
HAS_NUMBER = regex.compile(r"\d")
SENTENCE_PUNCT = regex.compile(r"[。；;，,]")


def gap_cells(clean: CleanText, line: Line) -> list[Cell]:
    """The cells of a line whose columns are aligned with runs of (full-width) spaces."""
    cells = []
    pos = 0
    text = line.text
    for m in GAP.finditer(text):
        if text[pos : m.start()].strip():
            cells.append(make_cell(clean, line.start + pos, line.start + m.start()))
        pos = m.end()
    if text[pos:].strip():
        cells.append(make_cell(clean, line.start + pos, line.end))
    return cells


def display_center(clean: CleanText, cell: Cell) -> float:
    """Where a cell sits on its printed line: its centre in display columns (a Han character or a
    full-width space is two columns wide), counted in the source line so that indentation counts."""
    src = clean.source
    line_start = src.rfind("\n", 0, cell.span[0]) + 1

    def width(text: str) -> int:
        return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)

    left = width(src[line_start : cell.span[0]])
    return left + width(src[cell.span[0] : cell.span[1]]) / 2


def collect_space_cols(clean: CleanText, lines: list[Line], i: int) -> tuple[list[tuple[Cell, ...]], int]:
    """Columns aligned with runs of spaces: header line(s), then one row a line."""
    block: list[list[Cell]] = []
    j = i
    while j < len(lines) and not lines[j].blank and "\t" not in lines[j].text:
        cells = gap_cells(clean, lines[j])
        # A one-cell line inside the block is a short category row (一、经济发展) between rows.
        if len(cells) < 2 and not (block and len(cells[0].text) <= 12 and j + 1 < len(lines)
                                   and len(gap_cells(clean, lines[j + 1])) >= 2):
            break
        block.append(cells)
        j += 1
    block = [b for b in block if len(b) >= 2]
    # Cells of an aligned table are short: numbered clauses of a standard (9.4.1  电力系统…。) are prose.
    if any(len(c.text) > 40 or SENTENCE_PUNCT.search(c.text) for b in block for c in b):
        return [], i + 1
    first_data = next((k for k, cells in enumerate(block) if len(cells) >= 2
                       and any(HAS_NUMBER.search(c.text) for c in cells[1:])
                       and not all(regex.fullmatch(r"(?:19|20)\d{2}年.{0,4}", c.text) for c in cells[1:]
                                   if HAS_NUMBER.search(c.text))), None)
    if first_data is None or first_data == 0 or first_data > 2 or len(block) - first_data < 1:
        return [], i + 1  # a header is one or two lines
    counts = Counter(len(c) for c in block[first_data:] if len(c) >= 2)
    width = max(counts.most_common(1)[0][0], max(len(c) for c in block[:first_data]))
    full = [c for c in block if len(c) == width]
    centers = [sum(display_center(clean, r[k]) for r in full) / len(full) for k in range(width)]

    def place(cells: list[Cell]) -> list[Cell | None]:
        if len(cells) == width:
            return list(cells)
        out: list[Cell | None] = [None] * width
        for c in cells[:width]:
            x = display_center(clean, c)
            free = [k for k in range(width) if out[k] is None]
            out[min(free, key=lambda k: abs(centers[k] - x))] = c
        return out

    def row_of(placed: list[Cell | None], at: int) -> tuple[Cell, ...]:
        return tuple(c if c is not None else make_cell(clean, at, at) for c in placed)

    header_parts: list[list[Cell]] = [[] for _ in range(width)]
    for cells in block[:first_data]:
        for k, c in enumerate(place(cells)):
            if c is not None:
                header_parts[k].append(c)
    header = []
    for parts in header_parts:
        if parts:
            header.append(Cell("".join(p.text for p in parts), (parts[0].span[0], parts[-1].span[1]),
                               (parts[0].clean_span[0], parts[-1].clean_span[1])))
        else:
            header.append(make_cell(clean, lines[i].start, lines[i].start))
    rows = [tuple(header)]
    for n, cells in enumerate(block[first_data:], start=first_data):
        rows.append(row_of(place(cells), lines[i + n].start))
    return rows, j


def is_space_table_start(lines: list[Line], i: int) -> bool:
    text = lines[i].text
    if "  " not in text:
        return False
    after = lines[i + 2].text.strip() if i + 2 < len(lines) else ""
    return bool(GAP.search(text.strip())) and bool(SPACE_HEADER_WORD.search(text)) and "\t" not in text \
        and i + 1 < len(lines) and bool(GAP.search(lines[i + 1].text.strip()) or GAP.search(after))


# ---------------------------------------------------------------- pdf_rows

TOKEN = regex.compile(r"\S+")
# A row's 序号 line; a merged 类别 cell centred on its group may stand before the 序号 on one of them.
PDF_SERIAL_LINE = regex.compile(r"^(?:\p{Han}{2,8}\s+)?(\d{1,3})\s+\S")
PDF_CATEGORY_HEADER = ("类别", "分类", "领域", "类型")
PDF_START_WORDS = ("序号", *PDF_CATEGORY_HEADER)  # a PDF header line's first word
VALUE_TOKEN = regex.compile(
    r"^(?:[<>≥≤＜＞≧≦约]?[-+]?\d[\d,.]*%?(?:左右|以上|以下|以内)?|[〔\[［【].*[〕\]］】]|[—–\-]+|/|／)$"
)
ATTRIBUTE_TOKEN = regex.compile(r"^\p{Han}{1,3}性$|^\p{Han}{2}指标$")
FOOTNOTE_DIGIT = regex.compile(r"(?<=[\p{Han}）)])(?<!\d)[1-9]$")
PDF_HEADER_TAIL = regex.compile(r"^(?:现状|目标|基期|基数|完成|规划|预期|值|目标值|现状值|基期值|完成值|属性"
                                r"|单位|名称)$")
MAX_PIECES = 6


@dataclass(frozen=True, slots=True)
class Token:
    text: str
    span: Span  # source
    clean_span: Span


def source_tokens(clean: CleanText, line: Line) -> list[Token]:
    """Blank-separated tokens of a line, read in the source (cleaning drops the single spaces between
    Han cells that a PDF text layer leaves)."""
    if line.blank:
        return []
    s, e = clean.to_source(line.start, line.end)
    src = clean.source
    s = src.rfind("\n", 0, s) + 1
    e2 = src.find("\n", e)
    e = len(src) if e2 < 0 else e2
    out = []
    for m in TOKEN.finditer(src, s, e):
        text = m.group().replace("\r", "")
        if not text:
            continue
        cs = clean.from_source(m.start(), m.start() + len(text))
        out.append(Token(text, (m.start(), m.start() + len(text)), cs))
    return out


def source_line(clean: CleanText, line: Line) -> str:
    """The source text of the line a clean line came from."""
    if line.blank:
        return ""
    s, e = clean.to_source(line.start, line.end)
    src = clean.source
    e2 = src.find("\n", e)
    return src[src.rfind("\n", 0, s) + 1 : len(src) if e2 < 0 else e2].replace("\r", "")


def joined_cell(tokens: list[Token], clean: CleanText, at: int) -> Cell:
    if not tokens:
        return make_cell(clean, at, at)
    text = ""
    for t in tokens:
        sep = " " if text and regex.match(r"[A-Za-z0-9]", t.text) and regex.search(r"[A-Za-z0-9]$", text) else ""
        text += sep + t.text
    return Cell(text, (min(t.span[0] for t in tokens), max(t.span[1] for t in tokens)),
                (min(t.clean_span[0] for t in tokens), max(t.clean_span[1] for t in tokens)))


def collect_pdf_rows(clean: CleanText, lines: list[Line], i: int) -> tuple[list[tuple[Cell, ...]], int]:
    """A PDF table: the header line, then rows found by their serial lines 1, 2, 3…; the lines between
    two serial lines are pieces of wrapped cells, shared between the row above and the row below as
    a vertically centred row shares them (as many below a row as above it)."""
    header = source_tokens(clean, lines[i])
    width = len(header)
    serial_col = next((k for k, t in enumerate(header) if t.text == "序号"), 0)
    name_col = next((k for k, t in enumerate(header) if k > serial_col and ("指标" in t.text or "名称" in t.text)),
                    serial_col + 1)
    unit_col = next((k for k, t in enumerate(header) if regex.fullmatch(r"(?:计量)?单位", t.text)), None)
    serial_lines: list[int] = []
    pieces: dict[int, list[int]] = {}
    j = i + 1
    gap: list[int] = []
    while j < len(lines):
        line = lines[j]
        m = PDF_SERIAL_LINE.match(source_line(clean, line).strip())
        if m and int(m.group(1)) == len(serial_lines) + 1:
            pieces[len(serial_lines)] = gap
            serial_lines.append(j)
            gap = []
        elif line.blank or "\t" in line.text or len(gap) >= MAX_PIECES or len(line.text.strip()) > 30 \
                or regex.search(r"[。；]", line.text) or CAPTION.match(line.text.strip()):
            break
        else:
            gap.append(j)
        j += 1
    if len(serial_lines) < 2:
        return [], i + 1
    # Header continuation lines (现状 / 目标 under 2020年 / 2025年) before the first row.
    lead = pieces[0]
    while lead and all(PDF_HEADER_TAIL.match(t.text) for t in source_tokens(clean, lines[lead[0]])):
        extra = source_tokens(clean, lines[lead.pop(0)])
        years = [k for k, t in enumerate(header) if regex.search(r"\d{4}", t.text)]
        for k, t in zip(years if len(years) == len(extra) else [], extra, strict=False):
            h = header[k]
            header[k] = Token(h.text + t.text, (h.span[0], t.span[1]), (h.clean_span[0], t.clean_span[1]))
    pieces[len(serial_lines)] = gap
    # Trailing pieces after the last row: at most as many as it had above.
    above = len(pieces[0])
    rows_pieces: list[tuple[list[int], list[int]]] = []
    for n in range(len(serial_lines)):
        between = pieces[n + 1]
        below_n = min(len(between), above) if n + 1 < len(serial_lines) else min(len(between), max(above, 1))
        rows_pieces.append((pieces[n][len(pieces[n]) - above :] if above else [], between[:below_n]))
        above = len(between) - below_n
    end = serial_lines[-1] + 1 + len(rows_pieces[-1][1])
    rows: list[tuple[Cell, ...]] = [tuple(Cell(t.text, t.span, t.clean_span) for t in header)]
    for n, k in enumerate(serial_lines):
        tokens = source_tokens(clean, lines[k])
        cells: list[list[Token]] = [[] for _ in range(width)]
        lead = 1 if not tokens[0].text.isdigit() else 0  # the 类别 cell before the 序号
        if lead and serial_col > 0:
            cells[0] = [tokens[0]]
        cells[serial_col] = [tokens[lead]]
        rest = tokens[lead + 1 :]
        before, after = rows_pieces[n]
        for col in range(width - 1, name_col, -1):
            if not rest or (len(rest) == 1 and not before and not after):
                break  # the last token left is the name, unless the name is all in pieces
            tok = rest[-1]
            if col == unit_col:
                ok = bool(UNIT_TOKEN.match(tok.text))
            elif regex.search(r"属性|类型", header[col].text):
                ok = bool(ATTRIBUTE_TOKEN.match(tok.text) or regex.fullmatch(r"[—–\-/／]+", tok.text))
            else:
                ok = bool(VALUE_TOKEN.match(tok.text)) or not UNIT_TOKEN.match(tok.text)
            if ok:
                cells[col] = [rest.pop()]
        cells[name_col] = rest
        for pos, piece_lines in (("before", before), ("after", after)):
            name_bits, unit_bits = [], []
            for pl in piece_lines:
                for t in source_tokens(clean, lines[pl]):
                    (unit_bits if unit_col is not None and UNIT_TOKEN.match(t.text) else name_bits).append(t)
            if pos == "before":
                cells[name_col] = name_bits + cells[name_col]
                if unit_col is not None:
                    cells[unit_col] = unit_bits + cells[unit_col]
            else:
                cells[name_col] = cells[name_col] + name_bits
                if unit_col is not None:
                    cells[unit_col] = cells[unit_col] + unit_bits
        row = [joined_cell(c, clean, lines[k].start) for c in cells]
        name = row[name_col]
        stripped = FOOTNOTE_DIGIT.sub("", name.text)  # a footnote digit glued to the name
        row[name_col] = Cell(stripped, name.span, name.clean_span)
        rows.append(tuple(row))
    return rows, end


def is_pdf_table_start(clean: CleanText, lines: list[Line], i: int) -> bool:
    """A header line read from a PDF: 序号 first, single blanks between at least three header words."""
    text = lines[i].text.lstrip()
    if not text.startswith(PDF_START_WORDS) or "\t" in text or GAP.search(text.strip()):
        return False
    tokens = source_tokens(clean, lines[i])
    first = 1 if tokens and tokens[0].text in PDF_CATEGORY_HEADER else 0
    return len(tokens) >= 3 + first and tokens[first].text == "序号" and any(
        regex.search(r"\d{4}年|目标|现状|基期|属性|完成|计划", t.text) for t in tokens)


# ---------------------------------------------------------------- task tables, one cell per paragraph
#
# A task table (任务分工表, 任务清单) exported one cell per paragraph, read as a grammar of its layout:
#   table   := header (group | row)*      the header may repeat after a page break (dropped)
#   group   := [number] name              `二` / `构建全链条…体系`, `（一）加强…`, a vertical 类别 cell
#   row     := serial task sub-row+       serials 1, 2… or （一）, （二）…, restarting after a group
#   sub-row := cells of the columns after the task: one sub-row per year node (`2018年` …), or as many
#              cells as those columns, when the serial and task cells are merged over several sub-rows.
# A cell merged over several rows stands in each of them (the same Cell: consumers read a cell once,
# by its span); a cell written `——` is empty.

# A header cell: 序号, 类别, a task or content word (工作任务, 主要工作内容), a time (节点, 完成时限), a unit
# column (牵头单位, 配合部门, 实施主体, 责任方), a value (指标数, 2025年计划), a note; a bracketed note may follow.
TASK_HEADER_WORD = regex.compile(
    r"^(?:序号?|编号|\p{Han}{0,6}(?:类别|分类|领域|类型|任务|内容|措施|举措|事项|目标|节点|时限|时间|期限|进度|单位|部门|"
    r"主体|科室|处室|文件|依据|备注|说明|成果|标志|要求|名称|计划|项目|安排|方向|指标数?)(?:[（(][^（）()]{1,12}[）)])?|"
    r"\p{Han}{1,4}方|(?:19|20)\d{2}[\p{Han}\d—\-–]{0,10})$")
# The second piece of a year's column split after the year (`2025年` / `计划`).
YEAR_PIECE = regex.compile(r"^(?:19|20)\d{2}年度?$")
YEAR_PIECE_TAIL = regex.compile(r"^(?:计划|目标|目标值|任务|工作|工作项目|项目|安排|重点|预期|指标)$")
TASK_SERIAL_HEADER = regex.compile(r"^(?:序号?|编号)$")
# `任务` / `分类`: a category column naming what it classifies, split after the word (two header words that
# stand as one column: a category column stands before the task, never after it).
TASK_WORD_PIECE = regex.compile(r"^(?:任务|工作|事项|项目)$")
CLASS_PIECE = regex.compile(r"^(?:分类|类别|类型)$")
# A header's bracketed note in a paragraph of its own (`重点任务` / `（2024-2026）`).
BRACKET_PIECE = regex.compile(r"^[（(][^（）()]{1,12}[）)]$")
# A header cell longer than a header piece: a word with its bracketed period (`重点任务（2024-2026）`).
LONG_HEADER_CELL = regex.compile(r"^\p{Han}{2,8}[（(][^（）()]{1,12}[）)]$")
# A unit column names the role of the units it lists (`牵头单位`, `配合部门`, `实施主体`); `指标单位` is a measure.
TASK_UNIT_HEADER = regex.compile(
    r"(?:责任|负责|主责|牵头|配合|协办|协同|协助|参与|参加|承担|推进|实施|落实|执行|完成|建设)\p{Han}{0,3}"
    r"(?:单位|部门|主体|科室|处室|方)(?:[（(][^（）()]{0,8}[）)])?$")
# An indicator table's name column: such a table is read by the indicator layouts, not as a task table.
INDICATOR_NAME_HEADER = regex.compile(r"^(?:主要|具体|核心)?指标(?:名称|项)?$")
# The column after the task whose cells open one sub-row per year (节点 / 2018年, 2019年 …).
NODE_HEADER = regex.compile(r"节点|时间|时限|期限|年度|年份|进度")
NODE_CELL = regex.compile(r"^(?:19|20)\d{2}(?:\s*年)?(?:\s*[—\-–~至]\s*(?:19|20)\d{2})?\s*年[^，。；;：:]{0,10}$")
# A row's serial: 1, 1., （一）, (1).
TASK_SERIAL = regex.compile(
    r"^(?:(?P<n>\d{1,3})[.、．]?|[（(](?P<cn>[一二三四五六七八九十]{1,3})[）)]|[（(](?P<pn>\d{1,2})[）)])$")
# A group row's number in the serial column: `二`, `三、`, and `—` written for 一 (青浦 附件3).
GROUP_MARK = regex.compile(r"^(?:[一二三四五六七八九十]{1,3}[、.．]?|[—–])$")
# A group row written as one cell with its number: `（一）加强源头管控`, `1、推进…`, `一、…`.
GROUP_HEADING_CELL = regex.compile(
    r"^(?:[一二三四五六七八九十]{1,3}[、.．]|[（(][一二三四五六七八九十\d]{1,3}[）)]|\d{1,2}(?:、|[.．](?!\d)))\s*\p{Han}")
PLACEHOLDER = regex.compile(r"^(?:[—–\-－]{1,4}|[/／]|无)$")
TASK_CLAUSE = regex.compile(r"[，,。；;：:]")
# A cell that may stand in a unit column: names ending in an organisational head, one per item or line.
UNIT_ITEM_END = regex.compile(r"[局委办府会院部门室所厅司行队组镇街道心区班处站位业]$")
MAX_TASK_WINDOW = 48  # cells read past the last serial before the table is taken to have ended

_CN_DIGITS = {c: k for k, c in enumerate("一二三四五六七八九", 1)}


def chinese_number(text: str) -> int | None:
    """一 … 九十九, as serials are written (`十二`, `二十一`)."""
    tens, ten, ones = text.partition("十")
    if not ten:
        return _CN_DIGITS.get(text) if len(text) == 1 else None
    if (tens and tens not in _CN_DIGITS) or (ones and ones not in _CN_DIGITS):
        return None
    return (_CN_DIGITS[tens] if tens else 1) * 10 + (_CN_DIGITS[ones] if ones else 0)


def task_serial(text: str) -> tuple[str, int] | None:
    """(form, number) of a serial cell: ("n", 3) for `3`, ("cn", 2) for `（二）`."""
    m = TASK_SERIAL.match(text)
    if not m:
        return None
    if m.group("n"):
        return "n", int(m.group("n"))
    if m.group("pn"):
        return "pn", int(m.group("pn"))
    n = chinese_number(m.group("cn"))
    return ("cn", n) if n else None


def is_vertical(clean: CleanText, cell: Cell) -> bool:
    """A cell written one character a line (a merged 类别 cell: `1.` / `分` / `类` / `投` / `放`)."""
    parts = clean.text[cell.clean_span[0] : cell.clean_span[1]].split("\n")
    return len(parts) >= 3 and sum(len(p.strip()) == 1 for p in parts) >= len(parts) - 1


def is_group_like(clean: CleanText, cell: Cell) -> bool:
    text = BLANKS.sub("", cell.text)
    return bool(GROUP_MARK.match(text) or GROUP_HEADING_CELL.match(text) or is_vertical(clean, cell))


def is_unit_like(text: str) -> bool:
    """A cell a unit column may hold: empty, a placeholder, or short items each ending in an
    organisational head (a loose check for where a table ends, not the unit grammar)."""
    if not text or PLACEHOLDER.match(text):
        return True
    items = [t for t in UNIT_ITEM_SEP.split(text) if t]
    return len(text) <= 80 and all(UNIT_ITEM_END.search(t) for t in items)


def join_task_header(pieces: list[Cell]) -> list[Cell]:
    """Header cells split over two paragraphs joined back (`牵头` / `部门`, `实施` / `主体`, `2025年` / `计划`):
    a piece that is no header word, or a whole year before a plan word, joins the next piece when
    together they are one header word."""
    out: list[Cell] = []
    for cell in pieces:
        if out:
            a, b = BLANKS.sub("", out[-1].text), BLANKS.sub("", cell.text)
            if TASK_HEADER_WORD.match(a + b) and (
                    not TASK_HEADER_WORD.match(a) or (YEAR_PIECE.match(a) and YEAR_PIECE_TAIL.match(b))
                    or (TASK_WORD_PIECE.match(a) and CLASS_PIECE.match(b)) or BRACKET_PIECE.match(b)):
                prev = out[-1]
                out[-1] = Cell(a + b, (prev.span[0], cell.span[1]), (prev.clean_span[0], cell.clean_span[1]))
                continue
        out.append(cell)
    return out


def read_task_header(clean: CleanText, cells) -> tuple[list[Cell], list[Cell], list[tuple[Cell, int]]]:
    """(raw header pieces, joined header cells, the cells read past the header): short cells up to the
    first serial, group number, vertical cell or sentence, joined back, cut at the first that is no
    header word (a group heading as short as a header cell)."""
    pieces: list[tuple[Cell, int]] = []
    rest: list[tuple[Cell, int]] = []
    for cell, line_no in cells:
        text = BLANKS.sub("", cell.text)
        if (len(pieces) >= MAX_HEADER_CELLS or not text or (len(text) > 12 and not LONG_HEADER_CELL.match(text))
                or TASK_CLAUSE.search(text)
                or task_serial(text) or GROUP_MARK.match(text) or GROUP_HEADING_CELL.match(text)
                or is_vertical(clean, cell)):
            rest.append((cell, line_no))
            break
        pieces.append((cell, line_no))
    joined = join_task_header([c for c, _ in pieces])
    k = next((k for k, c in enumerate(joined) if not TASK_HEADER_WORD.match(BLANKS.sub("", c.text))), len(joined))
    header = joined[:k]
    end = header[-1].clean_span[1] if header else -1
    used = sum(1 for c, _ in pieces if c.clean_span[0] < end)
    return [c for c, _ in pieces[:used]], header, pieces[used:] + rest


def task_body(pieces: list[Cell], first: list[tuple[Cell, int]], cells) -> tuple[list[tuple[Cell, int]], list[int]]:
    """The cells after the header (its repetitions after a page break dropped) and the indexes of the
    serial cells that open rows: 1, then each next number in the same form, or 1 again (a restart
    after a group) once a row of at least three cells has passed; a serial is followed by its task, a
    text cell. Reading stops when no row has opened within six cells, or MAX_TASK_WINDOW cells after
    the last row's serial (each start reads at most its table and a window: linear over a document)."""
    heads = [BLANKS.sub("", p.text) for p in pieces]
    raw = list(first)
    it = iter(cells)
    out: list[tuple[Cell, int]] = []
    texts: list[str] = []
    anchors: list[int] = []
    form, expected = None, 1

    def consider(k: int) -> None:  # does texts[k] open a row, now that texts[k + 1] is known?
        nonlocal form, expected
        sv = task_serial(texts[k])
        if not sv or not texts[k + 1] or task_serial(texts[k + 1]):
            return
        f, n = sv
        if not anchors:
            if n == 1:
                anchors.append(k)
                form, expected = f, 2
        elif f == form and n == expected and k - anchors[-1] >= 2:
            anchors.append(k)
            expected += 1
        elif f == form and n == 1 and k - anchors[-1] >= 3 and texts[k - 1] and not task_serial(texts[k - 1]):
            anchors.append(k)
            expected = 2

    k = 0
    while (len(out) <= 6 if not anchors else len(out) - anchors[-1] <= MAX_TASK_WINDOW):
        if k >= len(raw):
            nxt = next(it, None)
            if nxt is None:
                break
            raw.append(nxt)
        cell, line_no = raw[k]
        text = BLANKS.sub("", cell.text)
        if heads and text == heads[0]:
            while len(raw) < k + len(heads) and (nxt := next(it, None)) is not None:
                raw.append(nxt)
            if [BLANKS.sub("", c.text) for c, _ in raw[k : k + len(heads)]] == heads:
                k += len(heads)
                continue
        out.append((cell, line_no))
        texts.append(text)
        if len(texts) >= 2:
            consider(len(texts) - 2)
        k += 1
    return out, anchors


@dataclass(frozen=True, slots=True)
class TaskColumns:
    width: int
    serial: int  # the serial column; the columns before it (类别) are merged over a group
    node_rows: bool  # sub-rows open with a year node (the column after the task is 节点 / 时间)
    unit_cols: frozenset[int]

    @property
    def sub_start(self) -> int:
        return self.serial + 2  # after the serial and the task

    @property
    def sub_width(self) -> int:
        return self.width - self.sub_start


def task_columns(header: list[Cell]) -> TaskColumns | None:
    texts = [BLANKS.sub("", c.text) for c in header]
    serial = next((k for k, t in enumerate(texts) if TASK_SERIAL_HEADER.match(t)), None)
    units = frozenset(k for k, t in enumerate(texts) if TASK_UNIT_HEADER.search(t))
    if serial is None or not units or len(texts) < 3 or serial + 2 >= len(texts) or serial > 2 \
            or any(INDICATOR_NAME_HEADER.match(t) for t in texts):
        return None
    node = bool(NODE_HEADER.search(texts[serial + 2]))
    return TaskColumns(len(texts), serial, node, units)


def split_sub_rows(cols: TaskColumns, rest: list[Cell]) -> tuple[list[list[Cell]], list[Cell]]:
    """The sub-rows of a row's cells after its task, and trailing cells that are no sub-row's (a group
    heading before the next serial)."""
    if cols.node_rows and rest and NODE_CELL.match(rest[0].text):
        subs: list[list[Cell]] = []
        for k, cell in enumerate(rest):
            if NODE_CELL.match(cell.text):
                subs.append([cell])
            elif len(subs[-1]) < cols.sub_width:
                subs[-1].append(cell)
            else:
                return subs, rest[k:]
        return subs, []
    w = cols.sub_width
    if len(rest) <= w:
        return [rest], []
    extra = len(rest) % w
    tail = rest[len(rest) - extra :] if extra else []
    if tail and all(cell_kind(c.text) == "short" for c in tail):
        rest = rest[: len(rest) - extra]
    else:
        tail = []
    return [rest[k : k + w] for k in range(0, len(rest), w)], tail


def last_row_end(cols: TaskColumns, seg: list[Cell]) -> int:
    """How many cells after the table's last serial are its row: the first sub-row (up to its width),
    then sub-rows while their unit cells could be units; a partial one only where the cells end."""
    rest = seg[2:]

    def fits(k: int, cell: Cell) -> bool:  # the cell at position k of a sub-row
        return cols.sub_start + k not in cols.unit_cols or is_unit_like(cell.text)

    n = 0
    if cols.node_rows and rest and NODE_CELL.match(rest[0].text):
        while n < len(rest) and NODE_CELL.match(rest[n].text):
            k = n + 1
            while k < len(rest) and k - n < cols.sub_width and not NODE_CELL.match(rest[k].text) \
                    and fits(k - n, rest[k]):
                k += 1
            n = k
        return 2 + n
    w = cols.sub_width
    n = min(w, len(rest))
    while n < len(rest):
        chunk = rest[n : n + w]
        if not all(fits(k, c) for k, c in enumerate(chunk)) or (len(chunk) < w and n + len(chunk) < len(rest)):
            break
        n += len(chunk)
    return 2 + n


# ------------------------------------------ task tables without a 序号 column: the serial is in the task cell
#
#   table := header (group | row)*
#   group := level1 | level2          level1: `（一）` / `提升…品质` or `（二）提升…体验`; level2: `1、改善…环境`
#   row   := task text{n} unit{0..m}  the task cell opens with its serial `（1）建设…`; n text columns (years,
#                                     work) always written; unit cells merged over a group stand once
# Group cells fill the columns before the task (任务分类, 主要方向) and stand, merged, in each row of their
# group; a unit column that every later row of a group lacks is merged over the group (the same Cell).

INLINE_SERIAL = regex.compile(r"^[（(](\d{1,2})[）)]\s*\p{Han}")
LEVEL1_CELL = regex.compile(r"^(?:[一二三四五六七八九十]{1,3}[、.．]|[（(][一二三四五六七八九十]{1,3}[）)])\s*\p{Han}")
LEVEL2_CELL = regex.compile(r"^\d{1,2}(?:、|[.．](?!\d))\s*\p{Han}")
TASK_COLUMN_WORD = regex.compile(r"任务|内容|措施|举措|事项")
GROUP_COLUMN_END = regex.compile(r"(?:分类|类别|类型|领域|方向)$")


@dataclass(frozen=True, slots=True)
class InlineColumns:
    width: int
    task: int  # the task column; the columns before it hold group cells
    units: int  # the first unit column: the unit columns stand last


def inline_columns(header: list[Cell]) -> InlineColumns | None:
    """A header with no 序号, a task column (its cells carry their serial) and unit columns standing last."""
    texts = [BLANKS.sub("", c.text) for c in header]
    if any(TASK_SERIAL_HEADER.match(t) or INDICATOR_NAME_HEADER.match(t) for t in texts):
        return None
    task = next((k for k, t in enumerate(texts) if TASK_COLUMN_WORD.search(t) and not GROUP_COLUMN_END.search(t)),
                None)
    units = [k for k, t in enumerate(texts) if TASK_UNIT_HEADER.search(t)]
    if task is None or task > 2 or not units or units != list(range(units[0], len(texts))) or units[0] <= task:
        return None
    return InlineColumns(len(texts), task, units[0])


# The number a task or group cell opens with (`（1）`, `1、`, `（二）`): the row's or group's place, not its text.
CELL_NUMBER = regex.compile(r"^\s*(?:[（(](?:\d{1,2}|[一二三四五六七八九十]{1,3})[）)]"
                            r"|(?:\d{1,2}|[一二三四五六七八九十]{1,3})(?:、|[.．](?!\d)))\s*")
CELL_END = regex.compile(r"[。；;]\s*$")


def without_number(clean: CleanText, cell: Cell) -> Cell:
    """The cell without its leading number and final full stop (`（1）建设…300条。` → `建设…300条`)."""
    s, e = cell.clean_span
    raw = clean.text[s:e]
    m = CELL_NUMBER.match(raw)
    start = s + (m.end() if m else 0)
    end = s + (t.start() if (t := CELL_END.search(raw)) else len(raw))
    return make_cell(clean, start, end) if end > start else cell


BRACKETED = regex.compile(r"[（(][^（）()]*[）)]")
UNIT_ITEM_SEP = regex.compile(r"[、，,；;\s]+")


def unit_cell_like(text: str) -> bool:
    """A unit column's cell at the table's end: unit-like once bracketed notes are cut (`区建管委（区交通委）`),
    or items ending in 联 / 协 (`区妇联`, `区科协`)."""
    bare = BRACKETED.sub("", text)
    return is_unit_like(bare) or all(t.endswith(("联", "协")) or is_unit_like(t)
                                     for t in UNIT_ITEM_SEP.split(bare) if t)


def unit_paragraph(text: str) -> bool:
    """A paragraph naming units past a row's columns (a unit cell written one unit a paragraph): unit-like
    and without a number, which a year or work cell ending in 处 / 站 would hold (`完成30处`)."""
    return bool(text) and not PLACEHOLDER.match(text) and not HAS_NUMBER.search(text) and unit_cell_like(text)


# A goal that ends in a quantity (`…改造314个`, `完成30处`, `达到95%`) ends its cell.
QUANTITY_END = regex.compile(r"\d\s*(?:[%‰]|\p{Han}{1,3})$")
PARAGRAPH_BREAK = regex.compile(r"\n[ \t\u3000]*\n")


def unjoined_cells(clean: CleanText, cells):
    """The cells as the source wrote them, one a paragraph, where cleaning joined a goal to the next
    paragraph: it re-joins a sentence broken at a page end (no final punctuation before a blank line),
    and so joins a year cell of several goals (`完成X个；完成Y处`) to the cell after it. Inside a task
    table a break cleaning removed after a quantity is a cell boundary again; prose is left as cleaned."""
    for cell, line_no in cells:
        s, e = cell.clean_span
        if e - s < 2 or "\n" not in clean.source[cell.span[0] : cell.span[1]]:
            yield cell, line_no
            continue
        start = s
        k = bisect_right(clean.segments, s, key=lambda seg: seg.clean)
        while k < len(clean.segments) and (at := clean.segments[k].clean) < e:
            gap = clean.source[clean.end_of(at - 1) : clean.start_of(at)]
            if PARAGRAPH_BREAK.search(gap) and QUANTITY_END.search(clean.text[start:at].rstrip()):
                yield make_cell(clean, start, at), line_no
                start = at
            k += 1
        yield (make_cell(clean, start, e) if start > s else cell), line_no


def inline_serial(text: str) -> int | None:
    m = INLINE_SERIAL.match(text)
    return int(m.group(1)) if m else None


def collect_inline_task_rows(clean: CleanText, cols: InlineColumns, header: list[Cell], pieces: list[Cell],
                             first: list[tuple[Cell, int]], cells) -> tuple[list[tuple[Cell, ...]], int] | None:
    """The rows of a task table whose task cells carry their serials (the grammar above), and the line
    after it; None when no row opens within six cells of the header."""
    heads = [BLANKS.sub("", p.text) for p in pieces]
    seq = list(first)
    it = iter(cells)

    def at(k: int) -> tuple[Cell, str] | None:
        while len(seq) <= k:
            nxt = next(it, None)
            if nxt is None:
                return None
            seq.append(nxt)
        return seq[k][0], BLANKS.sub("", seq[k][0].text)

    n_text = cols.units - cols.task - 1
    n_units = cols.width - cols.units
    level1: Cell | None = None
    level2: Cell | None = None
    rows: list[tuple[Cell | None, Cell | None, Cell, list[Cell], list[Cell]]] = []  # level1, level2, task, texts, units
    expected, k, end, after_group = 1, 0, 0, False

    def opens_row(k: int, after_group: bool) -> bool:
        got = at(k)
        n = inline_serial(got[1]) if got else None
        return n is not None and (n == expected or (n == 1 and after_group and rows))

    def group_at(k: int, depth: int = 0) -> int:
        """How many cells from k are a group (level-1 mark and name, a level-1 or level-2 cell), if a row
        or another group follows them (a level-1 group above a level-2 one: at most two deep); 0 when none is."""
        if depth > 1:
            return 0
        got = at(k)
        if got is None:
            return 0
        text = got[1]
        if (task_serial(text) or ("", 0))[0] == "cn" or GROUP_MARK.match(text):
            size = 2 if (nxt := at(k + 1)) and nxt[1] and not inline_serial(nxt[1]) else 0
        elif LEVEL1_CELL.match(text) or LEVEL2_CELL.match(text):
            size = 1
        else:
            return 0
        if size and (opens_row(k + size, True) or group_at(k + size, depth + 1)):
            return size
        return 0

    def named_unit(q: int) -> bool:
        return unit_paragraph((at(q) or (None, ""))[1])

    def row_cells(j: int, expected: int) -> tuple[list[Cell], int]:
        """A row's cells after its task and where the row ends: up to the next row or group when one
        follows within the row's width, or past it after unit paragraphs only; else (the table's last
        row) text cells up to a heading, then unit-like cells."""
        width = n_text + n_units
        follows = None
        # past the row's width only unit paragraphs may stand: a cell naming one unit a paragraph
        for q in range(j, j + width + 1 + n_units):
            got = at(q)
            if got is None or (q > j + width and not named_unit(q - 1)):
                break
            # a text cell may open `1、…`: a level-2 group is looked for only past the text columns
            if inline_serial(got[1]) == expected or ((q >= j + n_text or not LEVEL2_CELL.match(got[1]))
                                                     and group_at(q)):
                follows = q
                break
        if follows is not None:
            return [seq[q][0] for q in range(j, follows)], follows
        own: list[Cell] = []
        n_unit_cells = 0
        while len(own) < width and n_unit_cells < n_units and (got := at(j + len(own))) is not None:
            t = got[1]
            if LEVEL1_CELL.match(t) or BODY_HEADING.match(t):
                break  # the section after the table
            named = bool(t) and not PLACEHOLDER.match(t) and unit_cell_like(t)
            if n_unit_cells or named or len(own) >= n_text:  # the unit cells (text cells may be missing)
                if not unit_cell_like(t):
                    break
                n_unit_cells += 1
            own.append(got[0])
        # unit paragraphs past the last unit column, when the table's end follows them at once (a heading
        # or the text's end): a signature or prose after the table is no cell of its last row
        q = j + len(own)
        extra = 0
        while n_unit_cells == n_units and extra < n_units and named_unit(q + extra):
            extra += 1
        after = at(q + extra)
        if extra and (after is None or LEVEL1_CELL.match(after[1]) or BODY_HEADING.match(after[1])):
            own += [seq[q + k][0] for k in range(extra)]
        return own, j + len(own)

    def split_row(own: list[Cell]) -> tuple[list[Cell], list[Cell]]:
        """Text and unit cells of a row: the cells past the text columns are units, and so are the
        named unit cells that end the row (a row lacking text cells: `区绿化市容局` after `89辆` alone)."""
        named = 0
        while named < len(own) and (t := BLANKS.sub("", own[-1 - named].text)) \
                and not PLACEHOLDER.match(t) and unit_cell_like(t) and (named < n_units or unit_paragraph(t)):
            named += 1
        # more named cells than unit columns: a cell names its units one a paragraph (joined in inline_rows)
        n = max(len(own) - n_text, named)
        return own[: len(own) - n], own[len(own) - n :]

    while True:
        got = at(k)
        if got is None:
            break
        cell, text = got
        repeated = heads and text == heads[0] and [(at(k + j) or (None, ""))[1] for j in range(len(heads))] == heads
        if repeated:
            k += len(heads)  # the header repeated after a page break
            continue
        if size := group_at(k):
            if size == 2 or LEVEL1_CELL.match(text):
                level1, level2 = seq[k + size - 1][0], None
            else:
                level2 = cell
            k += size
            after_group = True
            continue
        if not opens_row(k, after_group):
            if not rows and k - len(first) < 6:
                k += 1
                continue
            break
        expected = inline_serial(text) + 1
        own, j = row_cells(k + 1, expected)
        texts, units = split_row(own)
        texts += [make_cell(clean, cell.clean_span[1], cell.clean_span[1])] * (n_text - len(texts))
        rows.append((level1, level2, cell, texts, units))
        k, end, after_group = j, j, False
    if not rows:
        return None
    return inline_rows(clean, cols, header, rows), seq[end - 1][1] + 1


# A unit column whose cells list the units that help (配合部门, 协同单位): the usual home of a list of units.
COOPERATING_HEADER = regex.compile(r"配合|协办|协同|协助|参与|参加")


def join_unit_paragraphs(clean: CleanText, cols: InlineColumns, header: list[Cell], rows,
                         units: list[Cell]) -> list[Cell]:
    """A row's unit cells when a cell names its units one a paragraph (`区文明办` / `区房管局` in one 配合
    cell): the extra paragraphs join the unit column that holds lists of units in the table's other
    rows (most cells naming several units), on a tie the 配合 column, else the last."""
    n_units = cols.width - cols.units
    extra = len(units) - n_units
    if extra <= 0:
        return units

    def is_list(cell: Cell) -> bool:  # items apart by separators or by lines
        raw = clean.text[cell.clean_span[0] : cell.clean_span[1]]
        return len([t for t in UNIT_ITEM_SEP.split(BRACKETED.sub("", raw)) if t]) > 1

    full = [r[4] for r in rows if len(r[4]) == n_units]
    heads = [BLANKS.sub("", c.text) for c in header[cols.units :]]
    col = max(range(n_units), key=lambda u: (sum(is_list(r[u]) for r in full),
                                             bool(COOPERATING_HEADER.search(heads[u])), u))
    first, last = units[col], units[col + extra]
    joined = make_cell(clean, first.clean_span[0], last.clean_span[1])
    return [*units[:col], joined, *units[col + extra + 1 :]]


def inline_rows(clean: CleanText, cols: InlineColumns, header: list[Cell], rows) -> list[tuple[Cell, ...]]:
    """The table's rows: group cells in the columns before the task, unit cells merged over a group
    where every later row of the group lacks them."""
    n_units = cols.width - cols.units
    rows = [(*row[:4], join_unit_paragraphs(clean, cols, header, rows, row[4])) for row in rows]
    out: list[tuple[Cell, ...]] = [tuple(header)]
    k = 0
    while k < len(rows):
        group = (rows[k][0], rows[k][1])
        j = k + 1
        while j < len(rows) and (rows[j][0], rows[j][1]) == group:
            j += 1
        members = rows[k:j]
        merged = {u for u in range(len(members[0][4]))
                  if len(members) > 1 and all(len(m[4]) <= u for m in members[1:])}
        for level1, level2, task, texts, units in members:
            empty = make_cell(clean, task.clean_span[0], task.clean_span[0])
            texts = [empty if PLACEHOLDER.match(BLANKS.sub("", c.text)) else c for c in texts]  # `/`: empty
            groups = [without_number(clean, c) for c in (level1, level2) if c is not None][-cols.task:] \
                if cols.task else []
            task = without_number(clean, task)
            lead = [empty] * (cols.task - len(groups)) + groups
            unit_cells = [units[u] if u < len(units) else members[0][4][u] if u in merged else empty
                          for u in range(n_units)]
            unit_cells = [empty if PLACEHOLDER.match(BLANKS.sub("", c.text)) else c for c in unit_cells]
            out.append(tuple([*lead, task, *texts, *unit_cells]))
        k = j
    return out


def collect_task_para_cells(clean: CleanText, lines: list[Line], i: int) -> tuple[list[tuple[Cell, ...]], int]:
    """A task table laid out one cell per paragraph (the grammar above); ([], i + 1) when the header
    names no serial and unit column, so that the other para_cells readers try it."""
    cells = para_cells_from(clean, lines, i)
    pieces, header, first = read_task_header(clean, cells)
    cols = task_columns(header)
    if cols is None:
        inline = inline_columns(header)
        got = collect_inline_task_rows(clean, inline, header, pieces, list(unjoined_cells(clean, first)),
                                       unjoined_cells(clean, cells)) if inline else None
        return got if got else ([], i + 1)
    body, anchors = task_body(pieces, first, cells)
    if not anchors:
        return [], i + 1
    seq = [c for c, _ in body]
    pre = cols.serial

    def empty_at(cell: Cell) -> Cell:
        return make_cell(clean, cell.clean_span[0], cell.clean_span[0])

    def blank(cell: Cell) -> Cell:  # `——`: an empty cell
        return empty_at(cell) if PLACEHOLDER.match(BLANKS.sub("", cell.text)) else cell

    rows: list[tuple[Cell, ...]] = [tuple(header)]
    short: list[tuple[int, list[Cell]]] = []  # rows whose only sub-row lacks cells: placed by kind below
    category: Cell | None = None
    groups = seq[: anchors[0]]
    used = anchors[0]
    for n, a in enumerate(anchors):
        if groups:
            if pre:
                category = groups[-1]  # a 类别 cell merged over its group's rows
            else:
                rows.append(tuple(groups))
        if n + 1 < len(anchors):
            seg = seq[a : anchors[n + 1]]
            restart = task_serial(BLANKS.sub("", seq[anchors[n + 1]].text))[1] == 1
            j = len(seg)
            if restart and j > 3:
                j -= 1  # a group heading stands before a restarted serial
            while j > 3 and is_group_like(clean, seg[j - 1]):
                j -= 1
            seg, groups = seg[:j], seg[j:]
            used = anchors[n + 1]
        else:
            end = last_row_end(cols, seq[a:])
            seg, groups = seq[a : a + end], []
            used = a + end
        head = seg[:2] + [empty_at(seg[0])] * (2 - len(seg[:2]))
        subs, tail = split_sub_rows(cols, [blank(c) for c in seg[2:]])
        groups = tail + groups
        lead = [category or empty_at(seg[0])] * pre if pre else []
        above: list[Cell] | None = None
        for k, sub in enumerate(subs):
            cells_k = list(sub)
            if len(cells_k) < cols.sub_width:
                if k and above is not None:  # merged from the sub-row above
                    cells_k += above[len(cells_k) :]
                elif not cols.node_rows and len(subs) == 1:
                    short.append((len(rows), list(sub)))
                cells_k += [empty_at(seg[-1])] * (cols.sub_width - len(cells_k))
            above = cells_k
            rows.append(tuple(lead + head + cells_k))
    if short:
        full = [r for r in rows[1:] if len(r) == cols.width and all(c.text for c in r[pre:])]
        profiles = [Counter(cell_kind(r[k].text) for r in full) for k in range(pre, cols.width)]
        for n, own in short:
            row = rows[n]
            placed = place_short_row([*row[pre : pre + 2], *own], cols.width - pre, profiles, empty_at(row[-1]))
            if not placed[1].text and n > 1 and len(rows[n - 1]) == cols.width:
                placed[1] = rows[n - 1][pre + 1]  # the task cell merged over this row and the one above
            rows[n] = (*row[:pre], *placed)
    end_line = max(line for _, line in body[:used]) if used else i
    return rows, end_line + 1


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
    # min and max: a cell merged over several rows stands in each of them (task tables)
    clean_span = (min(c.clean_span[0] for c in cells), max(c.clean_span[1] for c in cells))
    return Table(
        caption=caption,
        caption_span=caption_span,
        rows=tuple(rows),
        span=clean.to_source(*clean_span),
        clean_span=clean_span,
        layout=layout,
        kind="toc" if is_toc(rows) else "table",
    )


# The longest first line of a para_cells or task table (a header word, at most MAX_PARA_START characters).
MAX_PARA_START = 12


def may_start_layout(text: str) -> bool:
    """False for a line no check of text_tables after is_grid_start can accept: longer than a para_cells or
    task table's header word, with no tab (tab_rows, cell_lines), pipe, double blank (space_cols) or
    leading PDF header word. Tried first because most lines of a document are such prose."""
    return len(text) <= MAX_PARA_START or "\t" in text or "|" in text or "  " in text \
        or text.lstrip().startswith(PDF_START_WORDS)


def text_tables(clean: CleanText, lines: list[Line] | None = None) -> list[Table]:
    lines = lines_of(clean.text) if lines is None else lines
    tables = []
    # A blank run ahead of which collect_cell_lines found no cell line: it finds none from any later
    # blank line of that run either, and rescanning the run from each of its lines was quadratic
    # (``\n\t`` repeated: 8,000 lines took 10 s).
    no_cells_before = 0
    i = 0
    while i < len(lines):
        line = lines[i]
        if not line.text:
            i += 1  # no layout starts on an empty line (a document of 500,000 of them)
            continue
        grid = read_cell_grid(clean, lines, i) if is_grid_start(lines, i) else None
        if grid is not None:
            rows, end, layout = grid
        elif not may_start_layout(line.text):
            i += 1  # a line of prose (most lines): none of the checks below could succeed
            continue
        elif is_pipe_line(line):
            rows, end = collect_pipe_rows(clean, lines, i)
            layout = "pipe_rows"
        elif is_serial_lines_start(lines, i) and (listed := collect_serial_lines(clean, lines, i))[0]:
            rows, end = listed
            layout = "serial_lines"
        elif (para_start := is_para_table_start(lines, i)) \
                and (task := collect_task_para_cells(clean, lines, i))[0]:
            rows, end = task
            layout = "para_cells"
        elif para_start:
            rows, end = collect_para_cells(clean, lines, i)
            layout = "para_cells"
        elif is_task_table_start(lines, i) and (task := collect_task_para_cells(clean, lines, i))[0]:
            rows, end = task  # a task table whose header names no 序号 (`任务` / `分类`, `主要方向`, …)
            layout = "para_cells"
        elif is_pdf_table_start(clean, lines, i):
            rows, end = collect_pdf_rows(clean, lines, i)
            layout = "pdf_rows"
        elif is_space_table_start(lines, i):
            rows, end = collect_space_cols(clean, lines, i)
            layout = "space_cols"
        elif is_cell_line(line):
            if i < no_cells_before:
                i += 1
                continue
            rows, end = collect_cell_lines(clean, lines, i)
            layout = "cell_lines"
            if not rows and line.blank:
                no_cells_before = next((j for j in range(i, len(lines)) if not lines[j].blank), len(lines))
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
            if layout in ("tab_rows", "pipe_rows"):
                rows = place_merged_rows(clean, rows)
            table = build_table(clean, lines, i, rows, layout)
            if grid is not None and table.caption is None:
                caption, caption_span = title_caption(clean, lines, i)
                table = replace(table, caption=caption, caption_span=caption_span)
            tables.append(table)
        i = max(end, i + 1)
    return tables


def reader_tables(clean: CleanText, layout_tables: tuple[LayoutTable, ...],
                  lines: list[Line] | None = None) -> list[Table]:
    """Tables a docx/pdf/html reader reported, re-expressed in clean text and source spans."""
    lines = lines_of(clean.text) if lines is None else lines
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


def find_tables(clean: CleanText, layout_tables: tuple[LayoutTable, ...] = (),
                lines: list[Line] | None = None) -> list[Table]:
    """Reader grids when the format has them (docx/pdf/html), else tables found in the text.

    ``lines`` are ``lines_of(clean.text)`` when the caller has them already."""
    if layout_tables:
        return reader_tables(clean, layout_tables, lines)
    return text_tables(clean, lines)
