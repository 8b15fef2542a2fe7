"""Cells of tables found in text: the cell and line types, one cell per paragraph, headers split over
paragraphs joined back, and the kinds of cells by which a row that lost cells to a merged cell is
placed. Shared by the layouts of pipeline/tables.py and the grammar of pipeline/cell_grammar.py."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from itertools import combinations

import regex

from pipeline.clean import CleanText
from pipeline.models import Span

# `表1`, `表 2-1`, `附表3`, `续表`; 表 needs its number, or `表彰先进集体` would be a caption.
CAPTION = regex.compile(
    r"^(?:(?:附表|续表)\s*(?:[\d一二三四五六七八九十]+)?|表\s*[\d一二三四五六七八九十]+)(?:\s*[-—－.]\s*\d+)*"
)


@dataclass(frozen=True, slots=True)
class Cell:
    text: str  # clean text, on one line
    span: Span  # source coordinates
    clean_span: Span


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


def joined(a: Cell, b: Cell) -> Cell:
    """Two cells of a header cell split over paragraphs or lines, as one."""
    return Cell(a.text + b.text, (a.span[0], b.span[1]), (a.clean_span[0], b.clean_span[1]))


def make_cell(clean: CleanText, start: int, end: int) -> Cell:
    """A cell over clean[start:end], trimmed of blanks; an empty cell gets a zero-width span."""
    raw = clean.text[start:end]
    lead = len(raw) - len(raw.lstrip())
    trail = len(raw.rstrip())
    if trail <= lead:
        return Cell("", clean.to_source(start, start), (start, start))
    s, e = start + lead, start + trail
    return Cell(clean.text[s:e].replace("\n", ""), clean.to_source(s, e), (s, e))


# The second piece of a header cell split over two paragraphs (指标 / 属性, 2025年 / 目标).
HEADER_TAIL = regex.compile(r"^(?:属性|类型|性质|名称|目标|目标值|现状|现状值|基础值|基期值|完成值|情况|单位|值"
                            r"|任务|增速|\(.{1,6}\)|（.{1,6}）)$")
MAX_PARA_CELLS = 20000
MAX_HEADER_CELLS = 24


def para_cells_from(clean: CleanText, lines: list[Line], i: int):
    """Cells from line i on, one per paragraph, with the index of each cell's last line; a run of n
    blank lines holds ``(n - 1) // 2`` empty cells. Stops at a run of more than seven blank lines, a
    tab row or a caption. A generator: the caller stops reading where the table ends."""
    count = 0
    while i < len(lines) and count < MAX_PARA_CELLS:
        if lines[i].blank:
            j = i
            while j < len(lines) and lines[j].blank:
                j += 1
            if j - i > 7 or j >= len(lines):
                return
            for _ in range((j - i - 1) // 2):
                count += 1
                yield make_cell(clean, lines[i].start, lines[i].start), i
            i = j
            continue
        text = lines[i].text
        if "\t" in text or (CAPTION.match(text.strip()) and count):
            return
        j = i
        while j + 1 < len(lines) and not lines[j + 1].blank and "\t" not in lines[j + 1].text:
            j += 1
        count += 1
        yield make_cell(clean, lines[i].start, lines[j].end), j
        i = j + 1


def merge_header(cells: list[Cell], width: int, clean: CleanText, only_split: bool = False) -> list[Cell]:
    """Header cells split over paragraphs joined back until there are ``width`` of them (or, with
    ``only_split``, while some pair is a split header)."""
    cells = list(cells)
    while len(cells) > width or only_split:
        def fits(k: int) -> bool:
            """A split header: a one-character piece (属 / 性), or a second half that completes the
            first (指标 / 属性, 2025年 / 目标), never a value word after the name column (指标 / 基础值)."""
            a, b = cells[k].text, cells[k + 1].text
            if len(a) == 1 or len(b) == 1:
                return True
            if not HEADER_TAIL.match(b):
                return False
            return not regex.fullmatch(r"指标(?:名称)?", a) or bool(regex.fullmatch(r"属性|类型|性质|名称", b))

        pairs = [k for k in range(len(cells) - 1) if fits(k)]
        if not pairs and only_split:
            break
        pairs = pairs or list(range(len(cells) - 1))
        k = min(pairs, key=lambda k: len(cells[k].text) + len(cells[k + 1].text))
        cells[k : k + 2] = [joined(cells[k], cells[k + 1])]
    while len(cells) < width:
        end = cells[-1].clean_span[1] if cells else 0
        cells.append(make_cell(clean, end, end))
    return cells


# The kinds of cell_kind, one pattern each (compiled once: cell_kind runs per cell of every candidate row).
NUMBER_CELL = regex.compile(r"[\d.%\-—]+")
PROSE_PUNCT = regex.compile(r"[。；;：:]")
TIME_CELL = regex.compile(r"\d{4}年|\d{1,2}月|[年月季]底|前$|持续|长期|每年|常态")
UNIT_LIST_SPLIT = regex.compile(r"[、，,；;]")
UNIT_NAME_END = regex.compile(r"[局委办府会院部室所厅司行队组镇街道心区]$")


def cell_kind(text: str) -> str:
    """A coarse kind of a cell's text, to place the cells of a row that lost one to a merged cell: a
    number, running prose, a document title, a deadline, one unit, a list of units, a short phrase, or
    nothing."""
    if not text:
        return "empty"
    if NUMBER_CELL.fullmatch(text):
        return "number"
    if text.startswith("《"):
        return "title"
    if len(text) > 30 or PROSE_PUNCT.search(text):
        return "prose"
    if len(text) <= 16 and TIME_CELL.search(text):
        return "time"
    items = UNIT_LIST_SPLIT.split(text)
    if UNIT_NAME_END.search(items[0]):
        return "units" if len(items) > 1 else "unit"  # 牵头 cells name one unit more often than 配合 cells
    return "short"


def best_placement(cells: Sequence[Cell], width: int, fit: Callable[[int, Cell], float],
                   skippable: Sequence[int]) -> tuple[float, tuple[int, ...]] | None:
    """The columns a short row leaves empty (chosen among ``skippable``): those that put each cell, in
    order, in the column it fits best (``fit(column, cell)``, summed); ties leave the later columns
    empty. None when the row has no cell too few."""
    missing = width - len(cells)
    best: tuple[float, tuple[int, ...]] | None = None
    for skip in combinations(skippable, missing):
        cols = [k for k in range(width) if k not in skip]
        key = (sum(fit(k, c) for k, c in zip(cols, cells, strict=False)), skip)  # ties: later columns empty
        if best is None or key > best:
            best = key
    return best


def placed(cells: Sequence[Cell], width: int, skip: Sequence[int], fill: Cell) -> list[Cell]:
    """The row's cells in order, ``fill`` in the skipped columns."""
    out, it = [], iter(cells)
    for k in range(width):
        out.append(fill if k in skip else next(it))
    return out


def place_short_row(cells: list[Cell], width: int, profiles: list[Counter], fill: Cell) -> list[Cell]:
    """A row with fewer cells than columns (a merged cell of an earlier row spans it): its cells kept in
    order, the missing columns chosen so that each cell lands in a column whose full rows hold cells of
    its kind; ties leave the later columns empty (merged unit and deadline columns stand on the right)."""
    missing = width - len(cells)
    if missing > 2 or width > 12:  # a merged cell or two; more is no row of this table (and a bounded search)
        return cells + [fill] * missing

    def fit(k: int, cell: Cell) -> float:
        return profiles[k][cell_kind(cell.text)] / (sum(profiles[k].values()) or 1)

    best = best_placement(cells, width, fit, range(1, width))  # the 序号 column is never merged
    return placed(cells, width, best[1] if best else range(len(cells), width), fill)


# A unit of measure written in a cell of its own: %, 万元, 人·年/万人, 万元/ (the first line of one wrapped).
UNIT_TOKEN = regex.compile(
    r"^[（(]?(?:[%‰]|(?:[万亿千百]?(?:元|人|家|个|件|项|所|座|台|套|次|吨|亩|辆|张|户|床|册|篇|平方米|平方公里|公顷|千米|公里|米|千瓦|瓦|标准煤|立方米|小时|天|年|分|名|处|种|条|倍|份|位|例|部|只))+)"
    r"(?:[·/][^\s]{0,6})?[)）]?$|^[^\s]{1,4}/$"
)
