"""SourceDoc → Structure: clean text, metadata, the heading tree, tables, 专栏 boxes, sentences.

Extractors read a Structure and nothing else. Offsets inside a Structure are clean-text offsets
unless a field says ``span`` (source coordinates, spec §1).
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field

import regex

from pipeline.clean import CleanText, clean
from pipeline.ingest import SourceDoc
from pipeline.meta import extract_meta
from pipeline.models import Meta, Span
from pipeline.tables import CAPTION, Line, Table, find_tables, lines_of

CN_NUM = "一二三四五六七八九十百零〇"
# Heading markers from outermost to innermost. 第X条 articles sit where 1. items do.
HEADING_MARKERS: tuple[tuple[int, regex.Pattern], ...] = (
    (1, regex.compile(rf"^第[{CN_NUM}\d]+(?:[章编]|部分)(?=\s|\p{{Han}}|\d)")),
    (2, regex.compile(rf"^第[{CN_NUM}\d]+节(?=\s|\p{{Han}})")),
    # 一、2023年工作回顾 is a heading; only after a dot does a digit mean a number (一.5).
    (3, regex.compile(rf"^[{CN_NUM}]+(?:、|[．.](?!\d))")),
    (4, regex.compile(rf"^[（(][{CN_NUM}]+[）)]")),
    (5, regex.compile(r"^\d{1,2}(?:[.．、](?!\d)|\s)")),
    (5, regex.compile(rf"^第[{CN_NUM}\d]+条(?=\s|\p{{Han}})")),
    (6, regex.compile(r"^[（(]\d{1,2}[）)]")),
    (7, regex.compile(r"^[①-⑳]")),
)
# The markers as one alternation in the same order, so the first that matches decides as a loop over
# them would, in one match a line instead of up to eight (every line of a document is tried).
ANY_HEADING_MARKER = regex.compile(
    "|".join(f"(?P<marker{k}>{pattern.pattern})" for k, (_, pattern) in enumerate(HEADING_MARKERS)))
# The characters a heading marker can start with, digits aside, tested before the pattern because most
# lines are prose.
MARKER_FIRST_CHARS = frozenset(f"第{CN_NUM}（(①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳")


def may_open_marker(first: str) -> bool:
    """False when ANY_HEADING_MARKER cannot match a line starting with ``first``. A \\d of `regex` is an
    isdigit character, or one outside the BMP (its Unicode data is newer than Python's)."""
    return first in MARKER_FIRST_CHARS or first.isdigit() or first > "\uffff"


MARKER_LEVEL = {f"marker{k}": level for k, (level, _) in enumerate(HEADING_MARKERS)}
# A heading's title ends at its first full stop: ``1.引领优势产业提档升级。实施…``.
TITLE_END = regex.compile(r"[。；;！？]")
MAX_HEADING_TITLE = 60
LEAD_PHRASE_END = regex.compile(r"[，,：:]")
BOX_START = regex.compile(r"^专栏\s*\d*")
# Header words of a project list: its cells describe projects, never goals in prose.
PROJECT_HEADER = regex.compile(r"项目|建设内容|建设规模|投资|建设地点|起止|建设年限|实施单位|承担单位|实施主体")
# A column naming tasks is a task table's, even when it names projects too (`重点任务或项目`, gold/real
# plan_huangpu_fengmao 附件2, whose prose cells state goals).
TASK_COLUMN = regex.compile(r"任务")


def is_project_column(header: str) -> bool:
    return bool(PROJECT_HEADER.search(header)) and not TASK_COLUMN.search(header)


# A table cell holding a sentence of running prose: clause punctuation after some words.
PROSE_CELL = regex.compile(r"^(?=.{15})(?=.*[，；。])(?:[^\p{Han}]*\p{Han}){10}")


@dataclass(frozen=True, slots=True)
class Section:
    level: int
    number: str  # the marker as written: 一、 （一） 1.
    title: str  # heading text without its number, e.g. 引领优势产业提档升级
    span: Span  # source span of the heading line
    clean_span: Span  # clean span of the heading line
    body_end: int  # clean offset where this section's content ends
    parent: int | None  # index of the enclosing section


@dataclass(frozen=True, slots=True)
class Box:
    """A 专栏 box: a titled panel of items inside a section."""

    title: str
    span: Span
    clean_span: Span


@dataclass(slots=True)
class Structure:
    source: SourceDoc
    clean: CleanText
    meta: Meta
    sections: list[Section] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)  # in document order
    boxes: list[Box] = field(default_factory=list)
    # Sorted starts for bisection: lookups stay O(log n) on documents with thousands of headings.
    _section_starts: list[int] = field(init=False, repr=False)
    _table_starts: list[int] = field(init=False, repr=False)
    _cell_index: dict = field(init=False, repr=False, default_factory=dict)  # table span → sorted cells

    def __post_init__(self) -> None:
        self._section_starts = [s.clean_span[0] for s in self.sections]
        self._table_starts = [t.clean_span[0] for t in self.tables]

    @property
    def text(self) -> str:
        return self.clean.text

    def to_source(self, start: int, end: int) -> Span:
        return self.clean.to_source(start, end)

    def quote(self, span: Span) -> str:
        return self.source.text[span[0] : span[1]]

    def section_at(self, offset: int) -> Section | None:
        """The innermost section whose heading precedes ``offset`` and whose body contains it."""
        k = bisect_right(self._section_starts, offset) - 1
        while k >= 0:
            sec = self.sections[k]
            if offset < sec.body_end:
                return sec
            k = sec.parent if sec.parent is not None else -1
        return None

    def heading_path(self, offset: int) -> list[str]:
        path = []
        sec = self.section_at(offset)
        while sec is not None:
            path.append(sec.title)
            sec = self.sections[sec.parent] if sec.parent is not None else None
        return path[::-1]

    def table_at(self, offset: int) -> Table | None:
        """The table whose clean span contains ``offset`` (tables never overlap)."""
        k = bisect_right(self._table_starts, offset) - 1
        if k >= 0 and offset < self.tables[k].clean_span[1]:
            return self.tables[k]
        return None

    def in_table_zone(self, offset: int) -> bool:
        """True when a clean offset lies in a recognised table (indicator table, project list, any
        grid), whose numbers are no prose targets; a cell of a table laid out one cell per paragraph
        that holds running prose (a task table's 重点内容: `到2025年，…达到99%。`) is prose."""
        table = self.table_at(offset)
        if table is None:
            return False
        if table.layout != "para_cells" or any(is_project_column(c.text) for c in table.header):
            return True  # a project list's 建设内容 (新建厂房5万平方米，购置设备200台) is no goal
        index = self._cell_index.get(table.clean_span)
        if index is None:
            cells = sorted((c for row in table.rows for c in row if c.text), key=lambda c: c.clean_span)
            index = self._cell_index[table.clean_span] = ([c.clean_span[0] for c in cells], cells)
        k = bisect_right(index[0], offset) - 1
        if k >= 0 and offset < index[1][k].clean_span[1]:
            return not PROSE_CELL.match(index[1][k].text)
        return True


def heading_of(line: Line) -> tuple[int, str, str, int] | None:
    """(level, number, title, title_end_offset) when a line opens a numbered heading or item."""
    text = line.text.strip()
    if not text or "\t" in text or not may_open_marker(text[0]):
        return None
    m = ANY_HEADING_MARKER.match(text)
    if not m:
        return None
    rest = text[m.end() :].lstrip()
    stop = TITLE_END.search(rest)
    title = rest[: stop.start()] if stop else rest
    if len(title) > MAX_HEADING_TITLE:
        # An article with no short lead sentence (第三十条  建立…机制，依托…): its lead phrase.
        comma = LEAD_PHRASE_END.search(rest)
        title = rest[: comma.start()] if comma else ""
    if not title or len(title) > MAX_HEADING_TITLE:
        return None
    lead = len(line.text) - len(line.text.lstrip())
    title_end = line.start + lead + m.end() + (len(text[m.end() :]) - len(rest)) + len(title)
    return MARKER_LEVEL[m.lastgroup], m.group().strip(), title.strip(), title_end


def find_sections(clean: CleanText, lines: list[Line], tables: list[Table]) -> list[Section]:
    """Numbered headings outside tables, nested by marker level (see HEADING_MARKERS)."""
    table_starts = [t.clean_span[0] for t in tables]  # tables come sorted and never overlap
    found: list[tuple[int, str, str, int, int]] = []  # level, number, title, start, title_end
    for line in lines:
        k = bisect_right(table_starts, line.start) - 1
        if k >= 0 and line.start < tables[k].clean_span[1]:
            continue
        h = heading_of(line)
        if h:
            level, number, title, title_end = h
            start = line.start + len(line.text) - len(line.text.lstrip())
            found.append((level, number, title, start, title_end))
    # One pass with a stack of open sections: a heading closes every open one of its level or
    # deeper (their content ends where it starts) and is the child of the one left on top.
    ends = [len(clean.text)] * len(found)
    parents: list[int | None] = []
    stack: list[int] = []
    for idx, (level, _, _, start, _) in enumerate(found):
        while stack and found[stack[-1]][0] >= level:
            ends[stack.pop()] = start
        parents.append(stack[-1] if stack else None)
        stack.append(idx)
    return [Section(level, number, title, clean.to_source(start, title_end), (start, title_end), ends[idx],
                    parents[idx])
            for idx, (level, number, title, start, title_end) in enumerate(found)]


def find_boxes(clean: CleanText, lines: list[Line], sections: list[Section]) -> list[Box]:
    """专栏 boxes: from the 专栏 line to the next heading, caption, box or double blank line."""
    heading_starts = {s.clean_span[0] for s in sections}
    boxes = []
    for i, line in enumerate(lines):
        text = line.text.strip()
        if not text.startswith("专栏"):  # BOX_START's test, without a pattern call for every line
            continue
        end = line.end
        blanks = 0
        for nxt in lines[i + 1 :]:
            stripped = nxt.text.strip()
            if not stripped:
                blanks += 1
                if blanks >= 2:
                    break
                continue
            first = nxt.start + len(nxt.text) - len(nxt.text.lstrip())
            if first in heading_starts or BOX_START.match(stripped) or CAPTION.match(stripped):
                break
            blanks = 0
            end = nxt.end
        start = line.start + len(line.text) - len(line.text.lstrip())
        boxes.append(Box(text, clean.to_source(start, end), (start, end)))
    return boxes


def build_structure(source: SourceDoc) -> Structure:
    cleaned = clean(source.text)
    lines = lines_of(cleaned.text)
    tables = sorted(find_tables(cleaned, source.tables, lines), key=lambda t: t.clean_span)
    real_tables = [t for t in tables if t.kind == "table"]
    sections = find_sections(cleaned, lines, tables)
    boxes = find_boxes(cleaned, lines, sections)
    meta = extract_meta(cleaned, lines, real_tables, sections)
    return Structure(source, cleaned, meta, sections, tables, boxes)
