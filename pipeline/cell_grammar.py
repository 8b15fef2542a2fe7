"""Indicator tables laid out one cell per paragraph or one cell per line, read as a grammar of layout.

A Word table exported as text keeps its cells and loses its grid: each cell is a paragraph (or a
line), an empty cell an empty paragraph, and a merged cell of a 类别 / 一级指标 column stands once,
in the first row it spans, so the rows below it are a cell short. What is left to cut rows by is
what each column holds:

- the header is a run of header words (指标名称, 指标单位, 2025年目标值, 现状值(2025年), 属性, 类别…), several
  to a paragraph (``指标名称\\n指标属性``) or one split over two (2020年 / 现状); each column gets a role
  from its words: serial, category, name, unit, value, attribute or note;
- a role admits some kinds of cell: a unit column ``万平方米``, ``%``, ``—``; a value column ``35%1``,
  ``>2``, ``—``, ``完成市级考核要求``; an attribute column ``预期性``; a name column a phrase;
- rows are cut from the cell stream one at a time: as wide as the header, or narrower by the merged
  category columns it lacks, whichever places every cell in a column that admits its kind (the task
  tables' placement by kind, ``table_cells.best_placement``) and lets the next row begin; the table
  ends where no row fits. A 序号 column helps, but the name, unit and number cells find rows without it.
- one cell a line with a blank line closing each row (``line_rows``): the blank lines are the rows'
  bounds, not cells; a row is one block and the kinds only place the merged columns it lacks, unless
  it leaves a cell empty as a blank line inside it: then it runs over several blocks, each blank line
  inside it an empty cell, read so only when no reading without one lets the next row begin.
- after the first row, a row whose 序号 follows the previous row's is a row even when its values are
  words (`基本消除`): the numbering opens it.

Headers holding a duty column (责任单位) or project words (项目名称, 建设内容) are task tables and project
lists, left to the readers of pipeline/tables.py.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache

import regex

from pipeline.cell_words import ATTRIBUTE_CELL, BLANKS, DASH_CELL, NUMBER_CELL, SERIAL_CELL, UNIT_CELL
from pipeline.clean import CleanText
from pipeline.models import Span
from pipeline.table_cells import (
    CAPTION,
    HEADER_TAIL,
    MAX_HEADER_CELLS,
    MAX_PARA_CELLS,
    Cell,
    Line,
    best_placement,
    joined,
    make_cell,
    para_cells_from,
    placed,
)

# ---------------------------------------------------------------- header words and column roles

YEAR_WORD = (r"(?:(?:19|20)\d{2}\s*(?:年(?:底|末)?)?(?:\s*[-—－~～至到]+\s*(?:19|20)\d{2}\s*年?)?"
             r"|“?十[一二三四五]五”?(?:末|期末|期间)?)")
VALUE_WORD = (r"(?:(?:基础|基期|基准|现状|目标|预期|规划|完成|实际|实现|预计|计划|远景|展望)"
              r"(?:值|数|情况|任务|目标|水平)?"
              r"|基数|年均增长率?|年均增速|增速|增幅|增长率|增量|[〔\[［【]?累计[〕\]］】]?|值)")
CUMULATIVE_WORD = r"(?:[〔\[［【]累计[〕\]］】])"  # 年均增长〔累计〕
# A value column's header: a year, a value word, or both (2025年目标值, 目标值（2025年）, 2020年（基期）,
# “十三五”规划目标, 现状).
VALUE_HEADER = regex.compile(
    rf"{YEAR_WORD}\s*(?:{VALUE_WORD})?|{VALUE_WORD}{CUMULATIVE_WORD}?\s*(?:[（(]\s*{YEAR_WORD}\s*[）)])?"
    rf"|{YEAR_WORD}\s*[（(]\s*(?:{VALUE_WORD})\s*[）)]")
ROLE_WORDS: tuple[tuple[str, regex.Pattern], ...] = (
    ("serial", regex.compile(r"序号|编号|序")),
    ("unit", regex.compile(r"(?:计量|指标)?单位")),
    ("attribute", regex.compile(r"(?:指标)?(?:属性|性质)|指标类型")),
    # 类型 before the name column groups rows; after it, it is the attribute (see column_roles).
    ("category", regex.compile(r"类别|分类|领域|维度|方面|板块|类型|一级指标|指标类别|指标分类")),
    ("name", regex.compile(r"(?:主要|具体|核心|重点|二级|三级)?指标(?:名称|内容|项)?|名称")),
    ("value", VALUE_HEADER),
    ("note", regex.compile(r"备注|说明|解释|进展评价|评价|完成率|达成率|其中.{0,12}")),
    # A task table's or project list's columns: such a header is no indicator table's.
    ("duty", regex.compile(r".{0,6}(?:单位|部门|主体|科室|处室)(?:[（(].{0,8}[）)])?")),
    ("project", regex.compile(r".{0,6}(?:项目|任务|投资).{0,6}|建设内容|建设规模|起止年限|建设年限")),
)
INDICATOR_ROLES = ("serial", "category", "name", "unit", "value", "attribute")
NAME_ALONE = regex.compile(r"指标(?:名称)?")
NAME_TAIL = regex.compile(r"属性|类型|性质|名称")
# The first header cell of such a table (START_WORD: their words at once, a cheap test for every line).
START_ROLES = ("serial", "category", "name")
START_WORD = regex.compile("|".join(f"(?:{w.pattern})" for role, w in ROLE_WORDS if role in START_ROLES)
                           + r"(?:[（(][^（）()]{1,8}[）)])?")
# A piece of a header cell split over paragraphs or lines (属 / 性, 2025年 / 目标, (%)).
PIECE = regex.compile(r"\p{Han}|[（(].{1,6}[）)]")
MAX_START = 12  # characters of a first header cell


TRAILING_BRACKET = regex.compile(r"[（(][^（）()]{1,8}[）)]$")


def header_role(text: str) -> str | None:
    """The role of a header cell's compacted text (a unit in brackets after it aside: 指标名称（单位）),
    or None when it is no header word."""
    for candidate in (text, TRAILING_BRACKET.sub("", text)):
        for role, words in ROLE_WORDS:
            if candidate and words.fullmatch(candidate):
                return role
    return None


def is_header_piece(text: str) -> bool:
    text = BLANKS.sub("", text)
    return bool(text) and (header_role(text) is not None or bool(PIECE.fullmatch(text))
                           or bool(HEADER_TAIL.match(text)))


def header_readings(pieces: list[Cell]) -> list[list[Cell]]:
    """The header cells the pieces can make: pieces that complete each other joined (2025年 / 目标,
    指标 / 属性, 属 / 性), and, when that joined any two header words, the pieces as they stand (序号 |
    指标 | 属性 may be three columns); the rows decide between them."""
    def join(pieces: list[Cell], words_too: bool) -> list[Cell]:
        out: list[Cell] = []
        for piece in pieces:
            if out:
                a, b = BLANKS.sub("", out[-1].text), BLANKS.sub("", piece.text)
                role = header_role(a + b)
                one_char = len(a) == 1 or len(b) == 1 or bool(TRAILING_BRACKET.fullmatch(b))
                # 指标 / 单位 are the name and unit columns; 指标 / 属性 is one attribute column.
                tail = bool(HEADER_TAIL.match(b)) or bool(YEAR_ONLY.fullmatch(a) and VALUE_ONLY.fullmatch(b))
                completes = tail and role in INDICATOR_ROLES and (
                    not NAME_ALONE.fullmatch(a) or bool(NAME_TAIL.fullmatch(b)))
                if (one_char and role is not None) or (words_too and completes):
                    out[-1] = joined(out[-1], piece)
                    continue
            out.append(piece)
        return out

    readings = [join(pieces, True)]
    alternative = join(pieces, False)
    if len(alternative) != len(readings[0]):
        readings.append(alternative)
    two_lines = second_header_line(alternative)
    if two_lines is not None:
        readings.insert(0, two_lines)
    return readings


YEAR_ONLY = regex.compile(rf"{YEAR_WORD}")
VALUE_ONLY = regex.compile(rf"{VALUE_WORD}{CUMULATIVE_WORD}?")


def second_header_line(cells: list[Cell]) -> list[Cell] | None:
    """A header of two lines read cell by cell: the first line's cells, then the second's under the
    year columns only (序号 | 指标 | 2020年 | 2025年 | 属性, then 现状 | 目标): as many trailing value words
    as year columns, joined to them in order."""
    texts = [BLANKS.sub("", c.text) for c in cells]
    tail = 0
    while tail < len(texts) and VALUE_ONLY.fullmatch(texts[len(texts) - 1 - tail]):
        tail += 1
    years = [k for k, t in enumerate(texts[: len(texts) - tail]) if YEAR_ONLY.fullmatch(t)]
    if not tail or len(years) != tail:
        return None
    out = list(cells[: len(cells) - tail])
    for k, word in zip(years, cells[len(cells) - tail :], strict=True):
        out[k] = joined(out[k], word)
    return out


def column_roles(header: list[Cell]) -> list[str]:
    roles = [header_role(BLANKS.sub("", c.text)) or "note" for c in header]
    names = [k for k, r in enumerate(roles) if r == "name"]
    if names and "attribute" not in roles:
        # 类型 after the name column is the attribute column (序号 | 类型 | 指标名称 | … | 属性 keeps it a category).
        roles = [("attribute" if r == "category" and k > names[0] and BLANKS.sub("", header[k].text) == "类型" else r)
                 for k, r in enumerate(roles)]
    return roles


def is_indicator_header(roles: list[str]) -> bool:
    """Columns of an indicator table: a name column, a value column, no duty or project column."""
    return len(roles) >= 3 and "name" in roles and "value" in roles and not {"duty", "project"} & set(roles)


# ---------------------------------------------------------------- cell kinds

PHRASE_CELL = regex.compile(r"[\p{Han}“”\"（）()、·]{1,8}")
SENTENCE_MARK = regex.compile(r"[。；;！？，,：:]|^注")
MAX_NAME = 60


@lru_cache(maxsize=4096)
def indicator_cell_kind(text: str) -> str:
    """What a cell holds: empty, a dash, a serial number, a value, an attribute word, a unit, a short
    phrase, a name (longer, digits allowed), or a sentence."""
    text = BLANKS.sub("", text)
    if not text:
        return "empty"
    if DASH_CELL.fullmatch(text):
        return "dash"
    if SERIAL_CELL.fullmatch(text):
        return "serial"
    if NUMBER_CELL.fullmatch(text):
        return "number"
    if ATTRIBUTE_CELL.fullmatch(text):
        return "attribute"
    if UNIT_CELL.fullmatch(text):
        return "unit"
    if PHRASE_CELL.fullmatch(text):
        return "phrase"
    if len(text) <= MAX_NAME and not SENTENCE_MARK.search(text):
        return "name"
    return "sentence"


# How well each kind of cell fits a column of each role; 0 (absent) means it cannot stand there.
FIT: dict[str, dict[str, float]] = {
    "serial": {"serial": 1.0},
    "category": {"phrase": 1.0, "name": 0.5, "empty": 0.5},
    "name": {"phrase": 1.0, "name": 1.0},
    "unit": {"unit": 1.0, "dash": 0.5, "empty": 0.5},
    "value": {"number": 1.0, "serial": 1.0, "dash": 0.7, "empty": 0.5, "phrase": 0.3, "name": 0.3,
              "sentence": 0.2},
    "attribute": {"attribute": 1.0, "dash": 0.3, "empty": 0.3},
    "note": dict.fromkeys(("empty", "dash", "serial", "number", "attribute", "unit", "phrase", "name",
                           "sentence"), 0.3),
}
# A row spanning the table (一、经济发展, （二）创新产出): a group heading between rows.
GROUP_ROW = regex.compile(
    r"(?:[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十]+[）)])\p{Han}[^。；，：]{0,18}")


# ---------------------------------------------------------------- the cell stream


class Stream:
    """Cells read lazily from a generator of (cell, last line): rows need a row or two of lookahead,
    and reading no further than the table keeps a document of many header-like lines linear."""

    def __init__(self, cells: Iterator[tuple[Cell, int]], lines: list[Line] | None = None) -> None:
        self._cells = cells
        self.cells: list[Cell] = []
        self.last_line: list[int] = []
        # Rows written as blocks of lines (row_block_cells_from): which cells open a block.
        self._lines = lines
        self.opens_block: list[bool] = []

    def take(self, start: int, n: int) -> list[Cell]:
        while len(self.cells) < start + n:
            item = next(self._cells, None)
            if item is None:
                break
            self.cells.append(item[0])
            self.last_line.append(item[1])
            if self._lines is not None:
                self.opens_block.append(item[1] > 0 and self._lines[item[1] - 1].blank)
        return self.cells[start : start + n]

    @property
    def in_blocks(self) -> bool:
        return self._lines is not None

    def is_block_row(self, at: int, n: int) -> bool:
        """Whether cells at..at+n may make a row: always, unless rows are blocks of lines, when a row is
        one block (a merged 类别 cell written as a block of its own line before it, too)."""
        if not self.in_blocks:
            return True
        if self.take(at + n, 1) and not self.opens_block[at + n]:
            return False
        return not any(self.opens_block[q] for q in range(at + 2, at + n))

    def blank_cell_rows(self, at: int, n: int, clean: CleanText) -> list[list[Cell]]:
        """Cells at..at+n as one row of several blocks of lines, a blank line inside the row an empty
        cell (`预期性` / blank / `≥10`: the base left empty); the row ends where a block does. The blank
        after the row's first line may also be no cell (a merged 类别 cell written on its own line)."""
        if not self.in_blocks or len(self.take(at, n + 1)) < n or (len(self.cells) > at + n
                                                                  and not self.opens_block[at + n]):
            return []
        inside = [q for q in range(at + 1, at + n) if self.opens_block[q]]
        if not inside or len(inside) > MAX_BLANK_CELLS + 1:
            return []
        readings = []
        for apart in ((False, True) if inside[0] == at + 1 else (False,)):
            blanks = set(inside[1:] if apart else inside)
            if not blanks or len(blanks) > MAX_BLANK_CELLS:
                continue
            row: list[Cell] = []
            for q in range(at, at + n):
                if q in blanks:
                    end = self.cells[q - 1].clean_span[1]
                    row.append(make_cell(clean, end, end))
                row.append(self.cells[q])
            readings.append(row)
        return readings


def line_cells_from(clean: CleanText, lines: list[Line], i: int) -> Iterator[tuple[Cell, int]]:
    """One cell per line: a blank line is an empty cell; two blank lines, a tab row or a caption end it."""
    count = 0
    while i < len(lines) and count < MAX_PARA_CELLS:
        line = lines[i]
        if line.blank and (i + 1 >= len(lines) or lines[i + 1].blank):
            return
        if "\t" in line.text or (count and CAPTION.match(line.text.strip())):
            return
        count += 1
        yield make_cell(clean, line.start, line.end), i
        i += 1


def row_block_cells_from(clean: CleanText, lines: list[Line], i: int) -> Iterator[tuple[Cell, int]]:
    """One cell per line, a blank line between rows (not between cells): the blank lines are no cells
    but the rows' bounds (Stream.opens_block); two blank lines, a tab row or a caption end the table."""
    count = 0
    while i < len(lines) and count < MAX_PARA_CELLS:
        line = lines[i]
        if line.blank:
            if i + 1 >= len(lines) or lines[i + 1].blank:
                return
            i += 1
            continue
        if "\t" in line.text or (count and CAPTION.match(line.text.strip())):
            return
        count += 1
        yield make_cell(clean, line.start, line.end), i
        i += 1


MAX_BLANK_CELLS = 2  # empty cells a row of blocks may write as blank lines
MIN_BLOCK = 3  # lines of a row written as a block: a name, a value and one more cell at least


def is_row_block_layout(lines: list[Line], i: int) -> bool:
    """Cells one per line with a blank line closing the header and each row: the header's block, then
    two blocks of at least MIN_BLOCK lines, each after a single blank line (a block of one line between
    them, a merged 类别 cell written on its own, aside)."""
    blocks: list[int] = []
    k, size = i, 0
    while k < len(lines) and len(blocks) < 3 and k < i + 6 * MAX_HEADER_CELLS:
        if lines[k].blank:
            if size == 0:
                return False  # two blank lines in a row: no row between them
            if size > 1 or not blocks:
                blocks.append(size)
            size = 0
        else:
            size += 1
        k += 1
    return len(blocks) == 3 and blocks[0] >= MIN_BLOCK and min(blocks[1:]) >= MIN_BLOCK


def is_paragraph_layout(lines: list[Line], i: int) -> bool:
    """Cells one per paragraph (blank lines between them) rather than one per line."""
    return sum(1 for line in lines[i + 1 : i + 9] if line.blank) >= 2


def header_pieces(clean: CleanText, lines: list[Line], cell: Cell, last: int) -> list[Cell] | None:
    """A header paragraph's pieces, one a line (``指标名称\\n指标属性`` holds two header cells), or None
    when one of its lines is no header word."""
    first = last
    while first > 0 and not lines[first - 1].blank and lines[first - 1].end >= cell.clean_span[0]:
        first -= 1
    pieces = [make_cell(clean, line.start, line.end) for line in lines[first : last + 1] if not line.blank]
    return pieces if all(is_header_piece(p.text) for p in pieces) else None


# ---------------------------------------------------------------- rows


def row_fit(roles: list[str], serial: int | None):
    def fit(k: int, cell: Cell) -> float:
        kind = indicator_cell_kind(cell.text)
        weight = FIT[roles[k]].get(kind, 0.0)
        if roles[k] == "serial" and serial is not None and cell.text.strip() != str(serial):
            weight /= 2  # numbering restarted in a group, or a value read as a serial
        return weight
    return fit


DIGIT = regex.compile(r"\d")


def has_values(roles: list[str], cells: list[Cell], first: bool) -> bool:
    """A data row holds a number in a value column or an attribute word; after the first row, a value
    cell with a number in its words will do (`苏州河沿线堤防达到 100年一遇防洪标准`)."""
    for role, cell in zip(roles, cells, strict=True):
        kind = indicator_cell_kind(cell.text)
        if role == "value" and (kind in ("number", "serial") or (not first and DIGIT.search(cell.text))):
            return True
        if role == "attribute" and kind == "attribute":
            return True
    return False


def fit_row(cells: list[Cell], roles: list[str], skippable: list[int], serial: int | None,
            clean: CleanText, first: bool = False, later_values_first: bool = False
            ) -> tuple[float, list[Cell]] | None:
    """The row these cells make (as wide as the header; the skipped category columns empty), with its
    score, or None when some cell stands in a column that cannot hold it. ``later_values_first``: of
    value columns a short row may leave empty, the earlier ones are (a row stating one value of base
    and goal states its goal)."""
    width = len(roles)
    if not cells or len(cells) < width - len(skippable):
        return None
    fit = row_fit(roles, serial)

    def placement_fit(k: int, cell: Cell) -> float:
        weight = fit(k, cell)
        return weight * (1 + 1e-3 * k) if later_values_first and roles[k] == "value" else weight

    best = best_placement(cells, width, placement_fit, skippable)
    if best is None:
        return None
    score, skip = best
    fill = make_cell(clean, cells[0].clean_span[0], cells[0].clean_span[0])
    row = placed(cells, width, skip, fill)
    if any(k not in skip and fit(k, c) <= 0 for k, c in enumerate(row)):
        return None
    if not has_values(roles, row, first) and (first or not opens_by_serial(roles, row, serial)):
        return None
    return score, row


def opens_by_serial(roles: list[str], row: list[Cell], serial: int | None) -> bool:
    """The row's 序号 is the one after the previous row's: the numbering, not a number in its values,
    makes it a row (`5 | 消除老旧小区手拎马桶 | — | 基本消除`: a goal in words, no attribute column)."""
    return serial is not None and "serial" in roles and row[roles.index("serial")].text.strip() == str(serial)


MAX_EMPTY_VALUES = 2  # value cells a block of lines may lack


def cut_rows(stream: Stream, start: int, roles: list[str], clean: CleanText) -> tuple[list[tuple[Cell, ...]], int]:
    """Data rows from cell ``start`` of the stream on, and the position of the cell after them."""
    width = len(roles)
    name = roles.index("name")
    skippable = [k for k in range(name) if roles[k] == "category"][:2]
    has_serial = "serial" in roles
    rows: list[tuple[Cell, ...]] = []
    p = start
    serial: int | None = 1 if has_serial else None

    # Rows as blocks of lines cannot write an empty cell as a blank line: a block that no reading
    # with merged category columns fits may lack value cells too (an empty value), placed by kind.
    with_empty_values = skippable + [k for k, r in enumerate(roles) if r in ("value", "note")]

    def options(at: int, serial: int | None) -> list[tuple[float, int, list[Cell], int]]:
        """Readings of the row at ``at``: (score, cells taken, row, empty cells written as blank lines)."""
        found = []
        for n in range(width, width - len(skippable) - 1, -1):
            cells = stream.take(at, n)
            if len(cells) == n and stream.is_block_row(at, n):
                row = fit_row(cells, roles, skippable, serial, clean, first=not rows)
                if row is not None:
                    found.append((row[0], n, row[1], 0))
        if stream.in_blocks:
            # A row of blocks with an empty cell written as a blank line; the choice below takes it
            # after every reading that needs no blank cell.
            for n in range(width - len(skippable) - MAX_BLANK_CELLS, width):
                for cells in stream.blank_cell_rows(at, n, clean):
                    if len(cells) <= width:
                        row = fit_row(cells, roles, skippable, serial, clean, first=not rows)
                        if row is not None:
                            found.append((row[0], n, row[1], len(cells) - n))
        if not found and stream.in_blocks:
            for n in range(width - 1, width - len(skippable) - MAX_EMPTY_VALUES - 1, -1):
                cells = stream.take(at, n)
                if len(cells) == n and stream.is_block_row(at, n):
                    row = fit_row(cells, roles, with_empty_values, serial, clean, first=not rows,
                                  later_values_first=True)
                    if row is not None:
                        found.append((row[0], n, row[1], 0))
        if not found and stream.in_blocks:
            found = wrapped_block_rows(at, serial)
        return found

    def wrapped_block_rows(at: int, serial: int | None) -> list[tuple[float, int, list[Cell], int]]:
        """A block one line longer than a row: the name written over two lines (a line break in its
        cell), joined where that lets the row fit with the joined cell in the name column."""
        found = []
        for n in range(width + 1, width - len(skippable), -1):
            cells = stream.take(at, n)
            if len(cells) != n or not stream.is_block_row(at, n):
                continue
            for j in range(n - 1):
                if not all(indicator_cell_kind(c.text) in ("phrase", "name") for c in cells[j : j + 2]):
                    continue
                name_cell = joined(cells[j], cells[j + 1])
                row = fit_row([*cells[:j], name_cell, *cells[j + 2 :]], roles, skippable, serial, clean,
                              first=not rows)
                if row is not None and row[1][name] is name_cell:
                    found.append((row[0], n, row[1], 0))
        return found

    while True:
        first = stream.take(p, 1)
        if not first:
            break
        if GROUP_ROW.fullmatch(BLANKS.sub("", first[0].text)) and options(p + 1, None):
            rows.append((first[0],))  # a group heading as a row of one cell
            p += 1
            continue
        found = options(p, serial)
        if not found:
            break

        def next_starts(at: int) -> bool:
            return not stream.take(at, 1) or bool(options(at, None))

        _, n, row, _ = max(found, key=lambda o, at=p: (next_starts(at + o[1]), -o[3], o[0]))
        rows.append(tuple(row))
        p += n
        if has_serial:
            text = row[roles.index("serial")].text.strip()
            serial = int(text) + 1 if text.isdigit() else None
    return rows, p


def read_cell_grid(clean: CleanText, lines: list[Line], i: int
                   ) -> tuple[list[tuple[Cell, ...]], int, str] | None:
    """An indicator table whose header begins on line i, laid out one cell per paragraph or per line:
    its rows (header first), the line after it and its layout (para_cells, line_rows, line_cells), or
    None."""
    paragraphs = is_paragraph_layout(lines, i)
    blocks = not paragraphs and is_row_block_layout(lines, i)
    if paragraphs:
        stream = Stream(para_cells_from(clean, lines, i))
    elif blocks:
        stream = Stream(row_block_cells_from(clean, lines, i), lines)
    else:
        stream = Stream(line_cells_from(clean, lines, i))
    pieces: list[Cell] = []
    p = 0
    while len(pieces) <= MAX_HEADER_CELLS:
        cell = stream.take(p, 1)
        if not cell or not cell[0].text or (blocks and p and stream.opens_block[p]):
            break
        got = header_pieces(clean, lines, cell[0], stream.last_line[p]) if paragraphs else (
            [cell[0]] if is_header_piece(cell[0].text) else None)
        if got is None:
            break
        pieces += got
        p += 1
    best: tuple[int, list[Cell], list[tuple[Cell, ...]], int] | None = None
    for header in header_readings(pieces):
        roles = column_roles(header)
        if not is_indicator_header(roles) or roles[0] not in START_ROLES:
            continue
        rows, end = cut_rows(stream, p, roles, clean)
        count = sum(1 for r in rows if len(r) > 1)
        if best is None or count > best[0]:
            best = (count, header, rows, end)
    if best is None or best[0] < 2:
        return None
    _, header, rows, end = best
    layout = "para_cells" if paragraphs else "line_rows" if blocks else "line_cells"
    return [tuple(header), *rows], stream.last_line[end - 1] + 1, layout


def is_grid_start(lines: list[Line], i: int) -> bool:
    """A short line holding a first header word (序号, 类别, 指标名称…), not preceded by another (a header
    begins at its first word, not inside)."""
    if len(lines[i].text) > 4 * MAX_START:
        return False
    text = BLANKS.sub("", lines[i].text)
    if not (0 < len(text) <= MAX_START and START_WORD.fullmatch(text) and "\t" not in lines[i].text
            and header_role(text) in START_ROLES):
        return False
    k = i - 1
    while k >= 0 and k >= i - 2 and lines[k].blank:
        k -= 1
    return k < 0 or lines[k].blank or header_role(BLANKS.sub("", lines[k].text)) is None


# ---------------------------------------------------------------- caption

# A title line above a table that has no 表N caption: `“十四五”指标完成情况`, `…规划指标`, `发展目标、主要指标`,
# `主要指标表`; or a numbered item title (`2.主要指标`, `（三）主要指标`), whose number is no part of it.
TITLE_LINE = regex.compile(r"[^。；;：:，,！？]{2,48}(?:指标|指标体系|指标表|完成情况|情况表|一览表|目标|目标表)")
NUMBERED = regex.compile(r"^(?:[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十\d]+[）)]|\d+[.、．](?!\d))\s*")


def title_caption(clean: CleanText, lines: list[Line], first: int) -> tuple[str | None, Span | None]:
    """The title line or numbered item title just above a table, as its caption (the number stripped)."""
    k = first - 1
    while k >= 0 and lines[k].blank:
        k -= 1
    if k < 0:
        return None, None
    line = lines[k].text
    number = NUMBERED.match(line.strip())
    text = line.strip()[number.end() if number else 0 :]
    if not TITLE_LINE.fullmatch(text):
        return None, None
    s = lines[k].start + len(line) - len(line.lstrip()) + (number.end() if number else 0)
    return text, clean.to_source(s, s + len(text))


MAX_BLANKS_ABOVE = 4  # blank lines a title may stand above a table's first line


def title_above(clean: CleanText, start: int) -> tuple[str | None, Span | None]:
    """title_caption for a table of any layout whose first cell begins at clean offset ``start``."""
    text = clean.text
    end = text.rfind("\n", 0, start)  # the end of the line before the table's first line
    for _ in range(MAX_BLANKS_ABOVE + 1):
        if end < 0:
            break
        begin = text.rfind("\n", 0, end) + 1
        line = Line(begin, end, text[begin:end])
        if not line.blank:
            return title_caption(clean, [line], 1)
        end = begin - 1
    return None, None

