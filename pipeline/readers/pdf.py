"""PDF: the text layer read with pdfium, turned back into paragraphs and tables (spec §1).

A PDF has no paragraphs, only positioned glyphs. Reading one happens in four stages:

1. ``read_page``: per page, the library work. Duplicate glyphs are dropped (fake bold draws every
   character twice), tables are found from their ruling lines, and the remaining characters are
   grouped into visual lines with their geometry.
2. ``drop_running_lines``: running headers, footers and page numbers are removed. They are lines at
   the top or bottom of a page that are page numbers (``- 3 -``, ``第3页``) or that repeat at the same
   height on many pages.
3. ``pages_to_blocks``: visual lines are joined back into paragraphs (``starts_paragraph`` holds the
   rule) and a table cut by a page break is joined back into one table.
4. ``read``: the blocks go through ``TextBuilder`` in reading order.

Stage 1 is the only place that touches a PDF library: ``pdfium_text`` reads glyphs, their boxes and
the page's strokes through pypdfium2, measured as pdfminer/pdfplumber measured them (this reader used
pdfplumber until glyph parsing in Python cost 80x the extraction), and pdfplumber's table finder
runs on those strokes for pages that draw ruling. Everything after it is pure functions on plain
data, so the layout rules are testable without building PDFs. Page numbers are 1-based throughout
(``LayoutTable.page``, warnings), as a reader of the PDF counts them.

Known limits: one text column per page (two-column layouts are read row by row); a table row that
Word splits across a page break comes back as two rows; pdfplumber ignores one-cell boxes, so a
ruled 专栏 panel reads as paragraphs (the .docx and .html readers do the same on purpose).
"""

from __future__ import annotations

import itertools
import math
import operator
import re
import statistics
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from itertools import repeat
from operator import itemgetter
from pathlib import Path
from typing import Any

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from pipeline.errors import IngestError
from pipeline.readers import ocr, pdf_limits, pdfium_text, stand_in_font
from pipeline.readers.layout import LayoutTable, ReadResult, TextBox, TextBuilder, cell_text

# A PDF starts with "%PDF-"; readers tolerate a little junk before it, so look this far in.
HEADER_SEARCH_BYTES = 1024

# --- stage 1: glyphs -----------------------------------------------------------------------------
# Share of a page's glyphs that may be unreadable ((cid:123), private-use, U+FFFD) before the page
# counts as garbled: a font without a Unicode map turns a whole page into such glyphs, while a few
# stray symbols from a decorative font are normal.
GARBLED_SHARE = 0.3
# Two glyphs this close (pt) with the same text, font and size are one glyph drawn twice (fake bold).
DEDUPE_TOLERANCE = 1.0
# The same text in another font this close (share of its size) is a second text layer over the first.
CROSS_FONT_DEDUPE = 0.2
# A glyph belongs to a table when its centre lies this close (pt) to the table's box.
TABLE_MARGIN = 1.0
# Glyphs further apart than this share of the font size end a word (for ``first_word_width``).
WORD_GAP_EM = 0.25
_TEXT, _X0, _X1, _SIZE = itemgetter("text"), itemgetter("x0"), itemgetter("x1"), itemgetter("size")
_TOP = itemgetter("top")

# --- stage 2: running headers and footers ----------------------------------------------------------
# Headers and footers sit in the top or bottom margin: this share of the page height.
MARGIN_BAND = 0.12
# Only this many lines at each end of a page are header/footer candidates.
RUNNING_LINE_CANDIDATES = 2
# A candidate repeated at the same height (pt) on at least this share of pages (and two pages) is
# a running header or footer. 0.4 keeps odd/even-page headers, which each cover half the pages.
REPEAT_SHARE = 0.4
REPEAT_POSITION_TOLERANCE = 4.0

PAGE_NUMBER_RE = re.compile(
    r"""^(?:
        [-—–－\s]*\d{1,4}[-—–－\s]*                          # 3   - 3 -   — 3 —
      | 第\s*\d{1,4}\s*页(?:\s*[,，/]?\s*共\s*\d{1,4}\s*页)?   # 第3页   第3页 共10页
      | \d{1,4}\s*/\s*\d{1,4}                               # 3/10
      | (?:page|p\.)\s*\d{1,4}(?:\s*of\s*\d{1,4})?          # Page 3 of 10
    )$""",
    re.VERBOSE | re.IGNORECASE,
)

# --- stage 3: paragraphs -----------------------------------------------------------------------
# A first-line indent is at least this many ems (公文 indent by two characters: "首行缩进2字符").
INDENT_MIN_EM = 0.9
# Two lines with left edges this close (in ems) share an indent.
SAME_INDENT_EM = 0.5
# A line that stops this many ems before the right margin ended its paragraph...
SHORT_LINE_EM = 2.0
# ...unless the next line's first word would not have fit there (a Latin word wrapped whole).
WORD_FIT_SLACK_EM = 0.5
# A gap this many ems larger than the usual gap between wrapped lines is paragraph spacing.
PARAGRAPH_GAP_EM = 0.4
# Two tables whose left and right edges match within this (pt) have the same frame.
TABLE_FRAME_TOLERANCE = 2.0
# Lines whose font sizes differ by more than this share belong to different paragraphs.
SIZE_CHANGE = 0.15
# The right margin is this quantile of line ends: robust to a stray overlong line.
RIGHT_EDGE_QUANTILE = 0.9
# A font size needs this many lines to be measured on its own (else the whole text's geometry).
MIN_GROUP_LINES = 6
# A document "marks its paragraphs" by indent or spacing when at least this share of the lines
# that follow a finished sentence are indented or spaced.
PARAGRAPH_MARK_SHARE = 0.5

# Sentence-final marks: a line ending in one of them may end a paragraph ("。！？；：").
SENTENCE_END = frozenset("。！？；：!?;:")
# Closing quotes and brackets that may follow a sentence-final mark: "……。”".
CLOSERS = "”’\"')）」』】》"

# A line that opens with a heading or list marker starts a paragraph.
HEADING_RE = re.compile(
    r"""^(?:
        [一二三四五六七八九十百]+[、.．]                      # 一、
      | [（(][一二三四五六七八九十百]+[）)]                   # （一）
      | [（(]\d{1,2}[）)]                                   # （1）
      | \d{1,2}[、.．](?!\d)                                # 1、 1. (not 1.5)
      | [①-⑳]                                              # ①
      | 第[一二三四五六七八九十百零\d]+[章节条部分篇]         # 第一章 第三条
      | (?:表|图)\s*\d+                                     # 表1 表 2 表2-1
      | 专栏\s*\d*                                          # 专栏1
      | 附件\s*\d*                                          # 附件2
      | ——                                                  # ——加快科技创新平台建设。
      | [●■◆▲•]
    )""",
    re.VERBOSE,
)


@dataclass(frozen=True, slots=True)
class Line:
    """One visual line of running text (table text excluded), in PDF points, top-down."""

    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    page: int  # 1-based
    first_word_width: float = 0.0
    # Each character's (x0, x1), when known: a quote's box then covers its own characters only.
    edges: tuple[tuple[float, float], ...] = ()


# A table cell's box on its page: (page, x0, top, x1, bottom); None where the grid has no cell.
CellBox = tuple[int, float, float, float, float] | None


@dataclass(frozen=True, slots=True)
class PageTable:
    rows: list[list[str | None]]
    x0: float
    x1: float
    top: float
    bottom: float
    page: int  # 1-based
    cells: list[list[CellBox]] = field(default_factory=list)  # parallel to ``rows`` (may be empty)


@dataclass(slots=True)
class PageContent:
    number: int  # 1-based
    height: float
    lines: list[Line] = field(default_factory=list)
    tables: list[PageTable] = field(default_factory=list)
    garbled: bool = False
    dropped_glyphs: int = 0
    ocr: bool = False  # lines read by OCR from the page's image


@dataclass(frozen=True, slots=True)
class Paragraph:
    text: str
    page: int
    # The visual lines it was joined from, each with the offset of its text in ``text``.
    lines: tuple[tuple[int, Line], ...] = ()


@dataclass(frozen=True, slots=True)
class TableBlock:
    rows: list[list[str | None]]
    page: int
    cells: list[list[CellBox]] = field(default_factory=list)


Block = Paragraph | TableBlock


@dataclass(frozen=True, slots=True)
class Geometry:
    """Measurements of one kind of running text (one font size) that the paragraph rule uses."""

    left: float
    right: float
    line_gap: float
    first_line_indent: bool  # paragraphs open with an indented line ("首行缩进")
    spacing: bool  # paragraphs are separated by extra vertical space

    @property
    def marks_paragraphs(self) -> bool:
        """Paragraphs are marked by layout, not only by punctuation."""
        return self.first_line_indent or self.spacing


@dataclass(frozen=True, slots=True)
class Geometries:
    """Geometry per font size: body text, boxed notes and footnotes have margins of their own."""

    default: Geometry
    by_size: dict[float, Geometry]

    def of(self, line: Line) -> Geometry:
        return self.by_size.get(line.size, self.default)


# --- stage 1: glyphs and tables ------------------------------------------------------------------


def is_cjk(ch: str) -> bool:
    """Chinese, Japanese, Korean and full-width characters: no space is written between them."""
    code = ord(ch)
    return (
        0x2E80 <= code <= 0x9FFF
        or 0xF900 <= code <= 0xFAFF
        or 0xFF00 <= code <= 0xFFEF
        or 0x20000 <= code <= 0x3FFFF
        or 0x3000 <= code <= 0x303F
    )


# ``is_unreadable_glyph`` over single code points, for a whole page at once.
UNREADABLE_RE = re.compile("[\ue000-\uf8ff\ufffd\U000f0000-\U0010ffff]")


def is_unreadable_glyph(text: str) -> bool:
    """A glyph with no usable Unicode: pdfminer's ``(cid:123)``, private-use code points, U+FFFD."""
    if text.startswith("(cid:"):
        return True
    return any(ch == "\ufffd" or 0xE000 <= ord(ch) <= 0xF8FF or ord(ch) >= 0xF0000 for ch in text)


def join_wrapped(left: str, right: str) -> str:
    """Re-join a visual line wrap: no space inside Chinese text, one space between Latin words."""
    if not left or not right:
        return left + right
    a, b = left[-1], right[0]
    if a.isascii() and a.isalnum() and b.isascii() and b.isalnum():
        return f"{left} {right}"
    return left + right


def cell_lines_joined(raw: str | None) -> str | None:
    """A table cell's wrapped lines joined like paragraph lines (pdfplumber keeps the wraps)."""
    if raw is None:
        return None
    text = ""
    for part in raw.splitlines():
        text = join_wrapped(text, part.strip())
    return text


def outside_boxes(chars: list[dict[str, Any]], boxes: list[tuple[float, float, float, float]]) -> list[dict[str, Any]]:
    """The glyphs whose centre lies in none of the (table) boxes widened by ``TABLE_MARGIN``. One
    loop with the bounds worked out once: a call per glyph and box cost more than the test."""
    bounds = [(x0 - TABLE_MARGIN, x1 + TABLE_MARGIN, top - TABLE_MARGIN, bottom + TABLE_MARGIN)
              for x0, top, x1, bottom in boxes]
    kept = []
    for c in chars:
        x = (c["x0"] + c["x1"]) / 2
        y = (c["top"] + c["bottom"]) / 2
        for left, right, top, bottom in bounds:
            if left <= x <= right and top <= y <= bottom:
                break
        else:
            kept.append(c)
    return kept


def first_word_width(chars: list[dict[str, Any]], size: float) -> float:
    """Width of a line's first word: one character for Chinese, a gap-free run for Latin."""
    if not chars:
        return 0.0
    first = chars[0]
    if first["text"] and is_cjk(first["text"][0]):
        return float(first["x1"] - first["x0"])
    end = first["x1"]
    for ch in chars[1:]:
        text = ch["text"]
        if not text or text.isspace() or is_cjk(text[0]) or ch["x0"] - end > WORD_GAP_EM * size:
            break
        end = ch["x1"]
    return float(end - first["x0"])


def _line_size(chars: list[dict[str, Any]]) -> float:
    """The most common font size of a line's glyphs, to the half point."""
    distinct = set(map(_SIZE, chars))
    if len(distinct) == 1:  # most lines
        return round(float(distinct.pop()) * 2) / 2
    sizes = Counter(round(float(c["size"]) * 2) / 2 for c in chars)
    return sizes.most_common(1)[0][0] if sizes else 0.0


def _near_same_text(chars: list[dict[str, Any]], reach: float) -> list[int]:
    """Indexes (ascending) of the glyphs that have another glyph with the same text within ``reach``
    on both axes, and some more (vertically up to two rows apart). Only these can drop a glyph or
    be dropped, and on most pages there are none.

    Glyphs are put in rows a little taller than ``reach`` by their top, so such a pair lies in one
    row or in two neighbouring ones; whole rows are counted at once (no Python step a glyph), and
    only a text that occurs twice in a row or in two neighbouring rows is looked at closer: sorted
    by x0, every pair within reach in x0 is two neighbours or has only such neighbours between them.
    """
    row = reach * 1.001  # float rounding cannot then put a pair within reach two rows apart
    texts = list(map(_TEXT, chars))
    rows = list(map(operator.floordiv, map(_TOP, chars), repeat(row)))
    keys = list(zip(texts, rows, strict=True))
    counts = Counter(keys)
    lower = counts.keys() & set(zip(texts, map(operator.sub, rows, repeat(1.0)), strict=True))
    wanted = {key for key, n in counts.items() if n > 1}
    wanted |= lower
    wanted.update((text, r + 1.0) for text, r in lower)
    if not wanted:
        return []
    members: dict[tuple[str, float], list[int]] = defaultdict(list)
    for i in [i for i, key in enumerate(keys) if key in wanted]:
        members[keys[i]].append(i)
    x0s = list(map(_X0, chars))
    near: set[int] = set()
    for (text, r), group in members.items():
        upper = members.get((text, r + 1.0))
        if upper:
            group = group + upper
        if len(group) < 2:
            continue
        group.sort(key=x0s.__getitem__)
        for a, b in itertools.pairwise(group):
            if x0s[b] - x0s[a] <= reach:
                near.add(a)
                near.add(b)
    return sorted(near)


def duplicate_glyphs(chars: list[dict[str, Any]]) -> set[int]:
    """Indexes of glyphs that repeat an earlier glyph: the same text drawn again within
    ``DEDUPE_TOLERANCE`` pt, or within a fifth of its size when the font differs (an invisible OCR
    layer laid over the real text by a scanner's software places its glyphs less exactly).

    Only glyphs with a twin nearby (``_near_same_text``) are looked at: the others neither repeat a
    glyph nor are repeated. Those are hashed into a grid of cells two tolerances wide, so a glyph
    within tolerance of this one lies in its own cell or in the neighbours on the near side of each
    axis: at most four cells are looked at. Both steps are linear in the number of glyphs.
    (pdfplumber's ``dedupe_chars`` sorts with ``key=chars.index``, quadratic in glyphs per page.)
    """
    grid: dict[tuple[str, int, int], list[dict[str, Any]]] = {}
    # (the largest size times the share: the same float as the largest product, scaling keeps order)
    reach = max(DEDUPE_TOLERANCE, CROSS_FONT_DEDUPE * float(max(map(_SIZE, chars))) if chars else 0.0)
    cell = 2 * reach
    drop: set[int] = set()
    for i in _near_same_text(chars, reach):
        ch = chars[i]
        text = ch["text"]
        if text.isspace():
            continue
        x, y = float(ch["x0"]), float(ch["top"])
        gx, gy = int(x // cell), int(y // cell)
        nx = gx - 1 if x - gx * cell < reach else gx + 1
        ny = gy - 1 if y - gy * cell < reach else gy + 1
        duplicate = False
        for key in ((text, gx, gy), (text, nx, gy), (text, gx, ny), (text, nx, ny)):
            for kept in grid.get(key, ()):
                same_font = kept["fontname"] == ch["fontname"] and kept["size"] == ch["size"]
                tolerance = DEDUPE_TOLERANCE if same_font else CROSS_FONT_DEDUPE * float(ch["size"])
                if abs(kept["x0"] - x) <= tolerance and abs(kept["top"] - y) <= tolerance:
                    duplicate = True
                    break
            if duplicate:
                break
        if duplicate:
            drop.add(i)
        else:
            grid.setdefault((text, gx, gy), []).append(ch)
    return drop


def char_edges(text: str, chars: list[dict[str, Any]]) -> tuple[tuple[float, float], ...]:
    """Each character of a line's ``text`` with its glyph's (x0, x1). pdfplumber inserts spaces
    that have no glyph: they span the gap between their neighbours."""
    texts = list(map(_TEXT, chars))
    words = text.split(" ")
    if all(words) and "" not in texts and len(texts) == len(text) - len(words) + 1 and "".join(texts) == "".join(words):
        # One glyph a character, and spaces between words that pdfplumber inserted (no glyph is one).
        spans = list(zip(map(float, map(_X0, chars)), map(float, map(_X1, chars)), strict=True))
        if len(words) == 1:
            return tuple(spans)
        placed: list[tuple[float, float]] = []
        start = 0
        for word in words:
            if start:
                last = placed[-1][1]
                placed.append((last, max(last, spans[start][0])))
            placed += spans[start : start + len(word)]
            start += len(word)
        return tuple(placed)
    return char_edges_walked(text, chars)


def char_edges_walked(text: str, chars: list[dict[str, Any]]) -> tuple[tuple[float, float], ...]:
    """``char_edges`` for any line, walking text and glyphs side by side (a glyph that is not the next
    character, a space pdfplumber drew from a glyph): the general path, and the one the fast path must
    agree with (tests compare them)."""
    edges: list[tuple[float, float]] = []
    j = 0
    last = float(chars[0]["x0"]) if chars else 0.0
    for ch in text:
        if j < len(chars) and chars[j]["text"] == ch:
            x0, x1 = float(chars[j]["x0"]), float(chars[j]["x1"])
            j += 1
        else:
            following = next((c for c in chars[j : j + 1]), None)
            x0, x1 = last, float(following["x0"]) if following else last
            x1 = max(x0, x1)
        edges.append((x0, x1))
        last = x1
    return tuple(edges)


def read_page(page: pdfium.PdfPage, number: int, chars: list[dict[str, Any]]) -> PageContent:
    """One page → its lines and tables (all pdfium calls happen here). Only a page that draws
    ruling goes to pdfplumber's table finder, with the page's glyphs and strokes as pdfium read them."""
    duplicates = duplicate_glyphs(chars)
    if duplicates:
        chars = [c for i, c in enumerate(chars) if i not in duplicates]
    _, mb_bottom, _, mb_top = page.get_mediabox()
    content = PageContent(number=number, height=float(mb_top - mb_bottom))
    texts = "".join(map(_TEXT, chars))  # one code point a glyph, as pdfium reads them
    bad = {m.start() for m in UNREADABLE_RE.finditer(texts)}
    unreadable = len(bad)
    readable = len(texts) - sum(map(str.isspace, texts)) - unreadable
    if unreadable > GARBLED_SHARE * (readable + unreadable):
        content.garbled = True
        return content
    if readable == 0:  # a scanned or blank page: no text layer at all
        return content
    content.dropped_glyphs = unreadable

    boxes: list[tuple[float, float, float, float]] = []
    ruled = pdfium_text.TablePage(page, chars) if pdfium_text.has_ruling(page) else None
    for table in ruled.find_tables() if ruled else ():
        rows = [[cell_lines_joined(cell) for cell in row] for row in ruled.extract(table)]
        cells = [[(number, *(float(v) for v in box)) if box else None for box in row.cells] for row in table.rows]
        x0, top, x1, bottom = (float(v) for v in table.bbox)
        boxes.append((x0, top, x1, bottom))
        content.tables.append(PageTable(rows, x0, x1, top, bottom, number, cells))

    running = [c for i, c in enumerate(chars) if i not in bad] if bad else chars
    if boxes:
        running = outside_boxes(running, boxes)
    for raw in pdfium_text.text_lines(running):
        lead = len(raw["text"]) - len(raw["text"].lstrip())
        text = raw["text"].strip()
        if not text:
            continue
        edges = char_edges(raw["text"], raw["chars"])[lead : lead + len(text)]
        line_chars = raw["chars"]  # never a whitespace glyph: text_lines splits words there
        size = _line_size(line_chars)
        content.lines.append(
            Line(
                text=text,
                x0=float(raw["x0"]),
                x1=float(raw["x1"]),
                top=float(raw["top"]),
                bottom=float(raw["bottom"]),
                size=size,
                page=number,
                first_word_width=first_word_width(line_chars, size),
                edges=edges,
            )
        )
    return content


# --- stage 2: running headers, footers, page numbers ---------------------------------------------


def _normalised(text: str) -> str:
    """Header text with page-dependent digits masked: "第3页 共10页" → "第#页共#页"."""
    return re.sub(r"\d+", "#", re.sub(r"\s+", "", text))


def _candidates(page: PageContent) -> Iterator[tuple[int, Line]]:
    """Lines at either end of a page that lie in the top or bottom margin band."""
    n = len(page.lines)
    band = MARGIN_BAND * page.height
    for i, line in enumerate(page.lines):
        at_top = i < RUNNING_LINE_CANDIDATES and line.top <= band
        at_bottom = i >= n - RUNNING_LINE_CANDIDATES and line.bottom >= page.height - band
        if at_top or at_bottom:
            yield i, line


def running_line_positions(pages: list[PageContent]) -> set[tuple[int, int]]:
    """(page number, line index) of every header, footer and page-number line."""
    drop: set[tuple[int, int]] = set()
    groups: dict[str, list[tuple[int, int, Line]]] = defaultdict(list)
    for page in pages:
        for i, line in _candidates(page):
            if PAGE_NUMBER_RE.match(line.text):
                drop.add((page.number, i))
            else:
                groups[_normalised(line.text)].append((page.number, i, line))
    needed = max(2, math.ceil(REPEAT_SHARE * len(pages)))
    for members in groups.values():
        if len({p for p, _, _ in members}) < needed:
            continue
        usual_top = statistics.median(line.top for _, _, line in members)
        aligned = [(p, i) for p, i, line in members if abs(line.top - usual_top) <= REPEAT_POSITION_TOLERANCE]
        if len({p for p, _ in aligned}) >= needed:
            drop.update(aligned)
    return drop


def drop_running_lines(pages: list[PageContent]) -> list[PageContent]:
    """Pages without their running headers, footers and page numbers."""
    drop = running_line_positions(pages)
    return [
        replace(page, lines=[line for i, line in enumerate(page.lines) if (page.number, i) not in drop])
        for page in pages
    ]


# --- stage 3: paragraphs and tables --------------------------------------------------------------


def ends_sentence(text: str) -> bool:
    """True when a line ends with 。！？；： (possibly followed by a closing quote: "……。”")."""
    stripped = text.rstrip().rstrip(CLOSERS)
    return bool(stripped) and stripped[-1] in SENTENCE_END


def is_indented(line: Line, geometry: Geometry) -> bool:
    return line.x0 - geometry.left >= INDENT_MIN_EM * line.size


def is_short(prev: Line, line: Line, geometry: Geometry) -> bool:
    """The previous line stopped early, and not merely because the next word did not fit."""
    room = geometry.right - prev.x1
    needed = max(SHORT_LINE_EM * prev.size, line.first_word_width + WORD_FIT_SLACK_EM * prev.size)
    return room >= needed


def has_paragraph_gap(prev: Line, line: Line, geometry: Geometry) -> bool:
    if prev.page != line.page:
        return False
    return line.top - prev.bottom > geometry.line_gap + PARAGRAPH_GAP_EM * max(prev.size, line.size)


def starts_paragraph(prev: Line, line: Line, geometry: Geometry) -> bool:
    """Whether ``line`` starts a new paragraph rather than continuing ``prev`` after a wrap.

    A break is certain when ``line`` opens with a heading or list marker (一、 （一） 1. 表1 ——),
    changes font size, follows extra vertical space, or when ``prev`` stopped well before the right
    margin although the next word would have fit. An indented line starts a paragraph in documents
    that indent first lines; elsewhere an indent shared with ``prev`` is a block indent, broken only
    after a finished sentence. Documents that mark paragraphs neither by indent nor by spacing leave
    only punctuation: there a line after a sentence-final mark (``SENTENCE_END``) starts a paragraph.
    Where indent or spacing is used, a full line ending in 。 is as likely a wrap that fell on a
    sentence end, so punctuation alone does not break.
    """
    if HEADING_RE.match(line.text) or "\t" in line.text or "\t" in prev.text:
        return True  # (a tab only comes from OCR: a table row read off a scan)
    if abs(line.size - prev.size) > SIZE_CHANGE * max(line.size, prev.size):
        return True
    if has_paragraph_gap(prev, line, geometry) or is_short(prev, line, geometry):
        return True
    if is_indented(line, geometry):
        if geometry.first_line_indent:
            return True
        same_indent = abs(line.x0 - prev.x0) < SAME_INDENT_EM * line.size
        return not same_indent or ends_sentence(prev.text)
    return not geometry.marks_paragraphs and ends_sentence(prev.text)


def _quantile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def _same_page_pairs(lines: list[Line]) -> list[tuple[Line, Line]]:
    return [(prev, line) for prev, line in itertools.pairwise(lines) if prev.page == line.page]


def _measure(lines: list[Line], pairs: list[tuple[Line, Line]]) -> Geometry:
    left = Counter(round(line.x0) for line in lines).most_common(1)[0][0]
    right = _quantile([line.x1 for line in lines], RIGHT_EDGE_QUANTILE)
    gaps = [ln.top - p.bottom for p, ln in pairs if 0 <= ln.top - p.bottom < 3 * ln.size]
    line_gap = statistics.median(gaps) if gaps else 0.3 * lines[0].size
    plain = Geometry(float(left), right, line_gap, first_line_indent=False, spacing=False)
    # The lines after a finished sentence are mostly paragraph starts: how are they marked?
    starts = [(p, ln) for p, ln in pairs if ends_sentence(p.text) or is_short(p, ln, plain)]
    needed = PARAGRAPH_MARK_SHARE * len(starts)
    indented = sum(1 for _, ln in starts if is_indented(ln, plain))
    spaced = sum(1 for p, ln in starts if has_paragraph_gap(p, ln, plain))
    return replace(
        plain, first_line_indent=bool(starts) and indented >= needed, spacing=bool(starts) and spaced >= needed
    )


def measure_geometry(lines: list[Line]) -> Geometries:
    """Margins, the usual gap between wrapped lines, and how paragraphs are marked, per font size."""
    if not lines:
        empty = Geometry(0.0, 0.0, 0.0, first_line_indent=False, spacing=False)
        return Geometries(empty, {})
    pairs = [(p, ln) for p, ln in _same_page_pairs(lines) if p.size == ln.size]
    by_size: dict[float, Geometry] = {}
    for size in {line.size for line in lines}:
        members = [line for line in lines if line.size == size]
        if len(members) >= MIN_GROUP_LINES:
            by_size[size] = _measure(members, [(p, ln) for p, ln in pairs if ln.size == size])
    return Geometries(_measure(lines, pairs), by_size)


def _page_items(page: PageContent) -> list[Line | PageTable]:
    items: list[Line | PageTable] = [*page.lines, *page.tables]
    return sorted(items, key=lambda item: item.top)


def continues_table(prev: PageTable, table: PageTable) -> bool:
    """Whether ``table`` (first on its page) carries on ``prev`` (last on the page before).

    Word and LibreOffice cut a long table at the page break; pdfplumber then finds two tables.
    Same column count and the same left and right edges make it one table.
    """
    if prev.page != table.page - 1 or not prev.rows or not table.rows:
        return False
    same_columns = len(prev.rows[-1]) == len(table.rows[0])
    same_frame = abs(prev.x0 - table.x0) <= TABLE_FRAME_TOLERANCE and abs(prev.x1 - table.x1) <= TABLE_FRAME_TOLERANCE
    return same_columns and same_frame


def pages_to_blocks(pages: list[PageContent]) -> list[Block]:
    """Visual lines → paragraphs, and tables in reading order, across page breaks."""
    geometries = measure_geometry([line for page in pages for line in page.lines])
    blocks: list[Block] = []
    paragraph: list[Line] = []
    # The last table seen, while nothing but page furniture has followed it.
    open_table: PageTable | None = None

    def flush() -> None:
        if paragraph:
            text = ""
            placed: list[tuple[int, Line]] = []
            for ln in paragraph:
                text = join_wrapped(text, ln.text)
                placed.append((len(text) - len(ln.text), ln))
            blocks.append(Paragraph(text, paragraph[0].page, tuple(placed)))
            paragraph.clear()

    for page in pages:
        items = _page_items(page)
        for index, item in enumerate(items):
            if isinstance(item, PageTable):
                flush()
                previous = blocks[-1] if blocks else None
                if index == 0 and open_table and isinstance(previous, TableBlock) and continues_table(open_table, item):
                    # A header row repeated on the new page ("标题行重复") is dropped.
                    skip = 1 if item.rows[0] == previous.rows[0] else 0
                    cells = previous.cells + item.cells[skip:] if previous.cells and item.cells else []
                    blocks[-1] = TableBlock(previous.rows + item.rows[skip:], previous.page, cells)
                else:
                    blocks.append(TableBlock(item.rows, item.page, item.cells))
                open_table = item if index == len(items) - 1 else None
                continue
            open_table = None
            if paragraph and starts_paragraph(paragraph[-1], item, geometries.of(item)):
                flush()
            paragraph.append(item)
    flush()
    return blocks


# --- stage 4: source text ------------------------------------------------------------------------


def needs_ocr(page: PageContent) -> bool:
    return page.garbled or not (page.lines or page.tables)


def page_warnings(pages: list[PageContent], ocr_ran: bool = False) -> list[str]:
    """Pages that need OCR (or that OCR found empty), and pages that lost a few unreadable glyphs."""
    warnings = []
    for page in pages:
        if needs_ocr(page):
            why = "OCR found no text" if ocr_ran else ocr.INSTALL_HINT
            warnings.append(f"page {page.number}: no usable text layer; {why}")
        elif page.dropped_glyphs:
            warnings.append(f"page {page.number}: {page.dropped_glyphs} unreadable glyphs dropped")
    return warnings


def line_boxes(paragraph: Paragraph, start: int) -> Iterator[TextBox]:
    """Where each visual line of a paragraph placed at source offset ``start`` is printed."""
    for offset, line in paragraph.lines:
        begin = start + offset
        yield TextBox(begin, begin + len(line.text), line.page, line.x0, line.top, line.x1, line.bottom,
                      line.edges if len(line.edges) == len(line.text) else ())


def kept_rows(block: TableBlock) -> tuple[list[list[str | None]], list[list[CellBox]]]:
    """The rows ``TextBuilder.add_table`` keeps (it drops empty ones), with their cell boxes, so
    that the builder's row indexes and the boxes' stay in step."""
    boxes = block.cells if len(block.cells) == len(block.rows) else [[] for _ in block.rows]
    pairs = [(row, box) for row, box in zip(block.rows, boxes, strict=True) if any(cell_text(c) for c in row)]
    return [row for row, _ in pairs], [box for _, box in pairs]


def cell_boxes(table: LayoutTable, boxes: list[list[CellBox]]) -> Iterator[TextBox]:
    for cell in table.cells:
        row = boxes[cell.row] if cell.row < len(boxes) else []
        box = row[cell.col] if cell.col < len(row) else None
        if box is not None and cell.span[1] > cell.span[0]:
            page, x0, top, x1, bottom = box
            yield TextBox(cell.span[0], cell.span[1], page, x0, top, x1, bottom)


def blocks_to_result(blocks: Iterable[Block], page_count: int, warnings: list[str]) -> ReadResult:
    """Blocks → source text, one page span per page: the blocks that start on that page (a paragraph
    running over a page break belongs to the page it starts on; an empty page has an empty span)."""
    builder = TextBuilder()
    current = 0
    for block in blocks:
        while current < block.page:
            if current:
                builder.end_page()
            builder.start_page()
            current += 1
        if isinstance(block, Paragraph):
            start, _ = builder.add_paragraph(block.text)
            builder.boxes.extend(line_boxes(block, start))
        else:
            rows, boxes = kept_rows(block)
            table = builder.add_table(rows, page=block.page)
            if table is not None:
                builder.boxes.extend(cell_boxes(table, boxes))
    while current < page_count:
        if current:
            builder.end_page()
        builder.start_page()
        current += 1
    if current:
        builder.end_page()
    builder.warnings.extend(warnings)
    return builder.result()


def _check_header(path: Path, data: bytes) -> None:
    if b"%PDF-" not in data[:HEADER_SEARCH_BYTES]:
        raise IngestError(path, "is not a PDF (no %PDF- header)")


def _open_pdfium(path: Path, data: bytes) -> pdfium.PdfDocument:
    try:
        return pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        if getattr(exc, "err_code", None) == pdfium_c.FPDF_ERR_PASSWORD:
            raise IngestError(path, "is an encrypted PDF that needs a password; policyx cannot read it") from None
        raise IngestError(path, f"is not a readable PDF ({exc})") from None


def read_pages(path: Path, data: bytes) -> list[PageContent]:
    """Stage 1 for every page; any pdfium failure becomes an IngestError.
    Streams are checked against the expansion limit before pdfium inflates any of them."""
    pdf_limits.check_streams(path, data)
    pages: dict[int, PageContent] = {}
    with stand_in_font.stand_in_fonts():
        redo = _read_pdfium(path, data, pages, None)
    if redo:  # pages where pdfium left out a text object (fake bold, or no outlines): read with system fonts
        _read_pdfium(path, data, pages, redo)
    return [pages[n] for n in sorted(pages)]


def _read_pdfium(path: Path, data: bytes, pages: dict[int, PageContent], only: list[int] | None) -> list[int]:
    """Read the pages numbered ``only`` (default all) into ``pages``; the numbers of the pages whose
    text came back incomplete (``pdfium_text.page_chars``) are returned instead, when ``only`` is None."""
    document = _open_pdfium(path, data)
    redo = []
    fonts: dict[int, pdfium_text.FontFacts] = {}  # lives and dies with ``document``
    try:
        for n in only or range(1, len(document) + 1):
            page = document[n - 1]
            try:
                chars, complete = pdfium_text.page_chars(page, fonts)
                if complete or only is not None:
                    pages[n] = read_page(page, n, chars)
                else:
                    redo.append(n)
            finally:
                page.close()
        return redo
    except IngestError:
        raise
    except Exception as exc:  # a damaged page
        raise IngestError(path, f"is not a readable PDF ({type(exc).__name__}: {exc})") from None
    finally:
        document.close()


def read(path: Path, data: bytes) -> ReadResult:
    """A PDF's text layer as source text. Pages without usable text are warnings, not errors:
    a scanned plan still yields a result that says which pages need OCR."""
    _check_header(path, data)
    pages = read_pages(path, data)
    if not pages:
        raise IngestError(path, "is a PDF with no pages")
    pages, ocr_ran = read_by_ocr(path, data, pages)
    pages = drop_running_lines(pages)
    notes = [f"page {page.number}: read by OCR" for page in pages if page.ocr and page.lines]
    return blocks_to_result(pages_to_blocks(pages), len(pages), notes + page_warnings(pages, ocr_ran))


def ocr_page_content(number: int, height: float, lines: list[ocr.OcrLine]) -> PageContent:
    """OCR lines as the visual lines of a text layer (stages 2–4 treat them alike)."""
    content = PageContent(number=number, height=height, ocr=True)
    for ln in lines:
        first = ln.edges[0][1] - ln.edges[0][0] if ln.edges else 0.0
        if ln.text and not is_cjk(ln.text[0]):
            end = next((i for i, ch in enumerate(ln.text) if ch.isspace() or is_cjk(ch)), len(ln.text))
            first = ln.edges[end - 1][1] - ln.x0 if ln.edges else first
        content.lines.append(Line(ln.text, ln.x0, ln.x1, ln.top, ln.bottom, ln.size, number, first, ln.edges))
    return content


def read_by_ocr(path: Path, data: bytes, pages: list[PageContent]) -> tuple[list[PageContent], bool]:
    """Pages without a usable text layer, read by OCR when the extra is installed (else they stay
    empty and ``page_warnings`` says how to install it)."""
    wanted = [page.number for page in pages if needs_ocr(page)]
    if not wanted or not ocr.available():
        return pages, False
    by_number = {page.number: page for page in pages}
    try:
        for number, height, lines in ocr.ocr_pages(data, wanted, label=path.name):
            if lines:
                by_number[number] = ocr_page_content(number, height, lines)
    except ocr.OcrUnavailable:
        return pages, False
    except ocr.RenderError as exc:  # pdfium rejects what pdfminer accepted
        raise IngestError(path, f"could not be rendered for OCR ({exc})") from None
    return [by_number[page.number] for page in pages], True
