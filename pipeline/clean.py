"""Source text → CleanText: artifacts removed, broken lines re-joined, width normalised.

Every cleaning step is a list of edits ``(start, end, replacement)`` on the previous text. Each clean
character remembers the source range it came from, so any span an extractor finds in clean text
maps back to source coordinates (spec §1) with ``CleanText.to_source``.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import NamedTuple

import regex

from pipeline.cell_words import is_serial_cell, is_value_cell
from pipeline.models import Span

Edit = tuple[int, int, str]

# Word/WPS exports leave ``[bookmark: _Toc18748]`` before headings.
BOOKMARK = regex.compile(r"\[bookmark:[^\]\n]{0,200}\]")
HTML_TAG = regex.compile(r"</?[A-Za-z][A-Za-z0-9]{0,10}(?:\s[^<>\n]{0,300})?/?>")
MD_HEADING = regex.compile(r"(?m)^[ \t]{0,3}#{1,6}[ \t]+")
MD_BOLD = regex.compile(r"\*\*|__")
# Markdown's two-space hard break and other trailing blanks carry nothing.
# Tried only where a run of blanks starts, and possessive: a long run not at a line end costs one pass.
TRAILING_BLANKS = regex.compile(r"(?m)(?<![ \u3000\u00a0])[ \u3000\u00a0]++$")
# A blank before a tab marks an empty table cell in the 青州 one-cell-per-line layout: keep it.
LEADING_BLANKS = regex.compile(r"(?m)^[ \u3000\u00a0]++(?!\t)")

# Spaces Word exports put around numbers and Latin words inside Chinese text (`到 2025 年`).
HAN_OR_CJK_PUNCT = r"[\p{Han}\u3000-\u303f\uff01-\uff0f\uff1a-\uff20\u2014\u2018-\u201d]"
# A run of two or more blanks is layout, not an artifact: it separates joint issuers
# (``山东省科学技术厅  山东省财政厅``), so only a single blank is dropped.
SPACE_NEXT_TO_HAN = regex.compile(
    rf"(?<={HAN_OR_CJK_PUNCT})[ \u00a0](?![ \u3000\u00a0])"
    rf"|(?<![ \u3000\u00a0])[ \u00a0](?={HAN_OR_CJK_PUNCT})"
)
# Spaces inside numbers left by PDF conversion: `2 .5`, `1 000`, `20 25`.
SPACE_IN_NUMBER = regex.compile(r"(?<=\d)[ \u00a0]++(?=[.\d])(?=[.\d]*\d)|(?<=\d\.)[ \u00a0]++(?=\d)")
# The four blank patterns in one scan, a third of the time of four. TRAILING, LEADING and SPACE_IN_NUMBER
# each match a whole run of blanks, never overlapping but on a line of blanks alone (the same run).
# SPACE_NEXT_TO_HAN matches one blank, which may lie inside such a run when the run holds an ideographic
# space (`汉 \u3000` at a line end): four scans' edits, applied in order, deleted that blank alone when it
# opened the run and the whole run otherwise, as trying SPACE_NEXT_TO_HAN first at each position does.
BLANK_DELETIONS = regex.compile(
    "|".join(f"(?:{p.pattern.removeprefix('(?m)')})"
             for p in (SPACE_NEXT_TO_HAN, TRAILING_BLANKS, LEADING_BLANKS, SPACE_IN_NUMBER)),
    regex.MULTILINE,
)

# Characters that end a sentence or a clause-final quote/bracket: after them a line break is real.
LINE_FINAL = set("。！？；：…”’）)】》」』!?;:")
# A line that starts like this opens a new block (heading, list item, caption, box, signature…).
BLOCK_START = regex.compile(
    r"""^(?:
        [一二三四五六七八九十百]+[、.．]
      | [（(][一二三四五六七八九十]+[）)]
      | \d{1,3}(?:[.．、](?!\d)|\s)
      | [（(]\d{1,3}[）)]
      | [①-⑳]
      | 第[一二三四五六七八九十百\d]+[章节条部分]
      | 表\s*\d | 续表 | 附件 | 附表 | 专栏 | 注[:：]
      | ——|—— | -- | [•·▪●○■□◆◇\-*]
      | \p{Han}{1,4}〔\d{4}〕\d+号
      | \d{4}年\d{1,2}月\d{1,2}日
      | [〇零○一二三四五六七八九]{4}年
      | [（(](?:此件|征求意见稿|试行|草案|送审稿|暂行)
    )""",
    regex.X,
)
# A full stop inside a line that opens like a heading makes it prose, not a long heading.
SENTENCE_STOP = regex.compile("[。；！？]")
CRLF = regex.compile(r"\r\n?")
# Prose wrapped at a page edge has clause punctuation; a title line has none.
CLAUSE_PUNCT = regex.compile(r"[，。；：,;]")
# Two or more blanks inside a line are layout (signature lines, spaced-out headings).
LAYOUT_GAP = regex.compile(r"[ \u3000\u00a0]{2,}")
# Shorter lines than this are titles or headings, not text wrapped at the page edge.
MIN_WRAPPED_LINE = 18
# A short line of Han alone between blank lines is a paragraph of its own: a table cell laid out one cell
# per paragraph (a 牵头单位 `公安青浦分局` after a 工作内容 cell, 青浦 附件3), never the rest of a sentence
# broken at a page end, which goes on to its punctuation.
STANDALONE_CELL = regex.compile(r"[\p{Han}（）()“”]{1,20}")
# A crawled page can put a number, its unit and the parts of a unit on lines of their own (`1.2` / `元` /
# `/` / `千瓦时`). A unit is a measure word over an optional magnitude, or a price over a quantity (`元/千瓦时`).
MEASURE_WORD = (r"(?:元|角|分|千瓦时|万千瓦|千瓦|兆瓦|瓦|度|吨|千克|公斤|立方米|平方米|平方公里|公里|千米|米|亩|公顷|"
                r"%|％|‰|个|家|户|项|件|台|套|辆|座)")
PRICE_PER = (r"(?:[万亿]?(?:元|角|分)[/／][万千]?(?:千瓦时|度|吨|千克|公斤|立方米|平方米|亩|人|户|公里|千米))")
UNIT = rf"(?:{PRICE_PER}|[万亿千百]?{MEASURE_WORD})"
# A line ending in a number (`上限为2.0`, `1.2`), not a tab row's cell.
LINE_ENDING_IN_NUMBER = regex.compile(r"(?<![\d０-９.．])[\d０-９]+(?:[.．][\d０-９]+)?$")
BARE_NUMBER = regex.compile(r"[\d０-９]+(?:[.．][\d０-９]+)?")
# Lines spelling one unit; the last may go on with the sentence (`千瓦时，…`, `元。`).
UNIT_PIECE = regex.compile(r"[万亿]?(?:元|角|分)[/／]?|[/／]|[/／]?[万千]?\p{Han}{1,3}")
WHOLE_UNIT = regex.compile(rf"(?P<unit>{UNIT})(?P<more>[，。；、,;）)].*)?")
# Words a number follows in a sentence, standing at the end of the line above a bare number (`上限为` /
# `2.0`); a table's name cell does not end so.
NUMBER_LEAD = regex.compile(r"(?:为|至|到|达|达到|超过|不超过|不低于|不高于|低于|高于|最高|最多|上限|"
                            r"给予|补贴|补助|奖励|降|降低|提高|增加|减少)$")
MAX_UNIT_LINES = 3
MAX_NUMBER = 24  # the end of a line a number is read from
# Where a unit may start on a new line: the first characters of a unit piece, found with `re` (a tenth of
# the time `regex` takes to find a digit before a line break, which tables hold by the thousand).
UNIT_LINE_START = re.compile("\n[/／万亿千百元角分千兆瓦度吨公立平米亩%％‰个家户项件台套辆座]")
FULLWIDTH_FOLD = {chr(c): chr(c - 0xFEE0) for c in range(0xFF10, 0xFF1A)}  # ０-９
FULLWIDTH_FOLD.update({chr(c): chr(c - 0xFEE0) for c in range(0xFF21, 0xFF3B)})  # Ａ-Ｚ
FULLWIDTH_FOLD.update({chr(c): chr(c - 0xFEE0) for c in range(0xFF41, 0xFF5B)})  # ａ-ｚ
FULLWIDTH_FOLD.update({"％": "%", "＋": "+", "．": ".", "／": "/", "＆": "&", "\u3000": " ", "\u00a0": " "})
# Look-alikes of list markers and quotation marks (NFKC and small forms), folded before heading and
# quote matching: 1﹒ 1． ⒈ ⑴ ＂.
FULLWIDTH_FOLD.update({"﹒": ".", "﹑": "、", "﹐": "，", "﹔": "；", "﹕": "：", "﹙": "（", "﹚": "）", "＂": '"',
                       "〝": "“", "〞": "”", "＇": "'"})
FULLWIDTH_FOLD.update({chr(0x2488 + k): f"{k + 1}." for k in range(20)})  # ⒈-⒛
FULLWIDTH_FOLD.update({chr(0x2474 + k): f"({k + 1})" for k in range(20)})  # ⑴-⒇
# One C-level scan for them: a Python loop over every character cost 3% of all extraction time. With
# the standard library's `re`: on a class of ninety literal characters it scans the real corpus in
# 0.01 s where `regex` takes 0.15 s (3% of extraction again); the class needs nothing `regex` adds.
FULLWIDTH = re.compile("[" + "".join(re.escape(ch) for ch in FULLWIDTH_FOLD) + "]")


class Segment(NamedTuple):
    """Clean text [clean, clean + length) came from source [src_start, src_end).

    A copied segment maps character to character (``src_end - src_start == length``); in a
    replacement every clean character stands for the whole source range it replaced.
    Immutable as a tuple rather than a frozen dataclass: cleaning makes ~700 a document, and a tuple
    costs a quarter of a frozen dataclass to create.
    """

    clean: int
    length: int
    src_start: int
    src_end: int
    copied: bool


@dataclass(frozen=True, slots=True)
class CleanText:
    """Clean text with, for each of its characters, the source range it came from.

    The map is kept as segments, one per run of copied text and one per replacement, so its
    size grows with the number of edits, not with the length of the document.
    """

    text: str
    source: str
    segments: tuple[Segment, ...]
    _keys: tuple[int, ...]  # segment starts in clean coordinates, for bisection

    @classmethod
    def build(cls, text: str, source: str, segments: list[Segment]) -> CleanText:
        segments = [seg for seg in segments if seg.length > 0]
        return cls(text, source, tuple(segments), tuple(seg.clean for seg in segments))

    @classmethod
    def identity(cls, source: str) -> CleanText:
        return cls.build(source, source, [Segment(0, len(source), 0, len(source), True)])

    def _segment(self, i: int) -> Segment:
        return self.segments[bisect_right(self._keys, i) - 1]

    def start_of(self, i: int) -> int:
        """First source offset of clean character i."""
        seg = self._segment(i)
        return seg.src_start + (i - seg.clean) if seg.copied else seg.src_start

    def end_of(self, i: int) -> int:
        """Source offset just after clean character i."""
        seg = self._segment(i)
        return seg.src_start + (i - seg.clean) + 1 if seg.copied else seg.src_end

    def to_source(self, start: int, end: int) -> Span:
        """Map a clean span to the source span covering exactly the characters it came from."""
        if not 0 <= start <= end <= len(self.text):
            raise ValueError(f"span ({start}, {end}) outside clean text of length {len(self.text)}")
        if start == end:
            point = self.start_of(start) if start < len(self.text) else len(self.source)
            return (point, point)
        return self._source_range(start, end)

    def _source_range(self, start: int, end: int) -> Span:
        """(start_of(start), end_of(end - 1)) for start < end, with one bisection when both ends lie in
        one segment (a record's quote, a cell, a replaced line end)."""
        seg = self._segment(start)
        if end > seg.clean + seg.length:
            return (self.start_of(start), self.end_of(end - 1))
        if seg.copied:
            return (seg.src_start + (start - seg.clean), seg.src_start + (end - seg.clean))
        return (seg.src_start, seg.src_end)

    def _first_clean(self, predicate) -> int:
        """Smallest clean index i with predicate(i) true (predicate is monotonic), else len(text)."""
        lo, hi = 0, len(self.text)
        while lo < hi:
            mid = (lo + hi) // 2
            if predicate(mid):
                hi = mid
            else:
                lo = mid + 1
        return lo

    def from_source(self, start: int, end: int) -> Span:
        """The clean span whose characters all come from inside source[start:end]."""
        first = self._first_clean(lambda i: self.start_of(i) >= start)
        after = self._first_clean(lambda i: self.end_of(i) > end)
        return (first, max(first, after))

    def _copy(self, start: int, end: int, offset: int, out: list[Segment]) -> None:
        """Append the map of clean [start, end), re-based so that ``start`` lands at ``offset``.

        Segments tile the clean text, so only the first and last are cut; the ones between are
        shifted as they are (kept as they are when nothing before them changed length): a text with
        CRLF line ends has a segment per line, and every cleaning step copies them all."""
        if start >= end:
            return
        segments, delta = self.segments, offset - start
        first = bisect_right(self._keys, start) - 1
        last = bisect_right(self._keys, end - 1) - 1
        if first == last:
            out.append(_part(segments[first], start, end, delta))
            return
        out.append(_part(segments[first], start, segments[first + 1].clean, delta))
        between = segments[first + 1 : last]
        if delta:
            out.extend([Segment(seg.clean + delta, seg.length, seg.src_start, seg.src_end, seg.copied)
                        for seg in between])
        else:
            out.extend(between)
        out.append(_part(segments[last], segments[last].clean, end, delta))

    def apply(self, edits: Iterable[Edit]) -> CleanText:
        """Apply non-overlapping edits (in clean coordinates) and compose the offset map."""
        edits = sorted(edits)
        if not edits:
            return self
        parts: list[str] = []
        segments: list[Segment] = []
        length = 0
        pos = 0
        for start, end, replacement in edits:
            if start < pos:
                continue  # overlapping edit: the earlier one wins
            parts.append(self.text[pos:start])
            self._copy(pos, start, length, segments)
            length += start - pos
            if replacement:
                # A replacement stands for the whole range it replaced.
                if end > start:
                    src_start, src_end = self._source_range(start, end)
                else:
                    src_start = src_end = self.start_of(start) if start < len(self.text) else len(self.source)
                parts.append(replacement)
                segments.append(Segment(length, len(replacement), src_start, src_end, False))
                length += len(replacement)
            pos = end
        parts.append(self.text[pos:])
        self._copy(pos, len(self.text), length, segments)
        return CleanText.build("".join(parts), self.source, segments)


def _part(seg: Segment, lo: int, hi: int, delta: int) -> Segment:
    """Clean [lo, hi) of ``seg``, moved by ``delta``: a copied segment maps it character by character."""
    if seg.copied:
        src = seg.src_start + (lo - seg.clean)
        return Segment(lo + delta, hi - lo, src, src + hi - lo, True)
    return Segment(lo + delta, hi - lo, seg.src_start, seg.src_end, False)


def _deletions(pattern: regex.Pattern, text: str, *marks: str) -> list[Edit]:
    """Every match of ``pattern``, deleted. With ``marks`` (strings every match holds, one at least) a text
    holding none of them is not scanned: most texts have no bookmark, tag, markdown or CR at all."""
    if marks and not any(mark in text for mark in marks):
        return []
    return [(m.start(), m.end(), "") for m in pattern.finditer(text)]


def artifact_edits(text: str) -> list[Edit]:
    edits = _deletions(BOOKMARK, text, "[bookmark:") + _deletions(HTML_TAG, text, "<")
    edits += _deletions(MD_HEADING, text, "#") + _deletions(MD_BOLD, text, "**", "__")
    return edits


def blank_edits(text: str) -> list[Edit]:
    edits = _deletions(BLANK_DELETIONS, text)
    if "\r" in text:
        edits += [(m.start(), m.end(), "\n") for m in CRLF.finditer(text)]
    return edits


def is_wrapped(line: str, next_line: str) -> bool:
    """True when a line break between these two lines falls inside a sentence.

    Word/PDF exports break paragraphs at page ends (淄博: ``围绕科技体制机制创`` / blank / ``新，释放``).
    A real break follows sentence-final punctuation, a short heading-like line, or precedes a
    line that opens a new block; table rows (tabs) are never joined.
    """
    # The checks that reject most lines (a sentence's end, a short line) come first.
    if len(line) < MIN_WRAPPED_LINE or line[-1] in LINE_FINAL or not next_line:
        return False
    if "\t" in line or next_line.startswith("\t"):
        return False
    if line.lstrip().startswith("|") or next_line.lstrip().startswith("|"):
        return False  # markdown table rows
    if not CLAUSE_PUNCT.search(line) or LAYOUT_GAP.search(line.strip()):
        return False  # a title or a signature line (`江西省科学技术厅  江西省财政厅`), not wrapped prose
    if BLOCK_START.match(line) and len(line) < 40 and not SENTENCE_STOP.search(line):
        return False  # a long heading such as （一）明确引导支持重点，提升产业科技竞争力
    return not BLOCK_START.match(next_line)


def is_standalone(spans: list[tuple[int, str]], j: int) -> bool:
    """Line j is a short paragraph of its own: Han only, a blank line (or the end) after it."""
    return bool(STANDALONE_CELL.fullmatch(spans[j][1].strip())) and (j + 1 >= len(spans) or not spans[j + 1][1].strip())


# A table written one cell a line (or a paragraph) states its values in lines of their own: a line among
# them is a cell, and a cell that is a sentence (`至2026年底，全面启动…；2027年全面完成…`) ends at its line.
CELL_CONTEXT = 3  # non-blank lines looked at above a line
MIN_VALUE_CELLS = 2  # value cells among them that make it a table's
MAX_CELL_LINE = 80  # a longer line is prose wrapped at a page end, whatever stands above it


def is_table_cell(spans: list[tuple[int, str]], i: int, j: int,
                  is_value_line: Callable[[int], bool] | None = None) -> bool:
    """Line i is a table cell: short, and under value cells (`%`, `预期性`, `74.2`: at least
    MIN_VALUE_CELLS of the CELL_CONTEXT non-blank lines above it), or under one with the next row's
    序号 after it (line j a bare serial). A value line alone after a line proves nothing: PDF text
    breaks a sentence around its number (`达到` / `3200亿元` / `，增长5.5%`). ``is_value_line(k)`` is
    is_value_cell of line k, remembered by a caller that asks about the lines of a document in turn."""
    if len(spans[i][1].strip()) > MAX_CELL_LINE:
        return False
    is_value_line = is_value_line or (lambda k: is_value_cell(spans[k][1]))
    above, k = [], i - 1
    while k >= 0 and len(above) < CELL_CONTEXT:
        if spans[k][1].strip():
            above.append(k)
        k -= 1
    values = sum(1 for k in above if is_value_line(k))
    return values >= MIN_VALUE_CELLS or (values > 0 and is_serial_cell(spans[j][1]))


def rejoin_edits(text: str) -> list[Edit]:
    """Delete the line break (and blank lines) inside a wrapped sentence."""
    edits: list[Edit] = []
    spans = []  # (offset, line) of every line, blank ones included
    pos = 0
    for line in text.split("\n"):
        spans.append((pos, line))
        pos += len(line) + 1
    # Only the lines is_wrapped's first test lets through are read further (a tenth of them): each is
    # joined, or not, to the next non-blank line whatever the lines before it.
    maybe_wrapped = [i for i, (_, line) in enumerate(spans)
                     if len(line) >= MIN_WRAPPED_LINE and line[-1] not in LINE_FINAL]
    value_lines: dict[int, bool] = {}  # is_value_cell of a line, asked again by each of the lines below it

    def is_value_line(k: int) -> bool:
        if k not in value_lines:
            value_lines[k] = is_value_cell(spans[k][1])
        return value_lines[k]

    for i in maybe_wrapped:
        start, line = spans[i]
        j = i + 1
        while j < len(spans) and not spans[j][1].strip():
            j += 1
        # Up to three blank lines: a page break in a Word export, not a section gap.
        if j < len(spans) and j - i - 1 <= 3 and is_wrapped(line, spans[j][1]) \
                and not (j > i + 1 and is_standalone(spans, j)) and not is_table_cell(spans, i, j, is_value_line):
            edits.append((start + len(line), spans[j][0], ""))
    return edits


def unit_break_edits(text: str) -> list[Edit]:
    """Delete the line breaks between a number and its unit and between the parts of one unit.

    Only breaks inside a number-unit sequence are joined, and only where the layout cannot be a table's
    (a value cell and a unit cell stand one a line too): the unit is split over lines (`元` / `/` /
    `千瓦时`), or it goes on with the sentence (`元，`), or the bare number stands under the word it follows
    (`上限为` / `2.0`). A break before the number or after the unit may end a sentence or a cell and is
    left to ``rejoin_edits``. Each join deletes a line break only: every clean character still maps to its
    own source character.
    """
    edits: list[Edit] = []
    done = 0
    # One scan for a line opening like a unit; only after a digit are the lines read.
    for m in UNIT_LINE_START.finditer(text):
        if m.start() < done or not text[m.start() - 1 : m.start()].isdigit():
            continue
        line_start = text.rfind("\n", 0, m.start()) + 1
        line = text[line_start : m.start()]
        if "\t" in line or not LINE_ENDING_IN_NUMBER.search(line[-MAX_NUMBER:]):
            continue
        breaks = unit_breaks_after(text, m.start())
        if len(breaks) == 1 and not unit_goes_on(text, breaks[0]) and not follows_its_lead(text, line_start, line):
            continue
        edits += [(b, b + 1, "") for b in breaks]
        done = breaks[-1] + 1 if breaks else done
    return edits


def unit_breaks_after(text: str, pos: int) -> list[int]:
    """The line breaks from ``pos`` on that part a number's line from the lines spelling its unit (the
    most lines that still spell one: `元` / `/` / `千瓦时`), or none."""
    breaks, pieces = [pos], []
    while len(pieces) < MAX_UNIT_LINES and breaks[-1] >= 0:
        end = text.find("\n", breaks[-1] + 1)
        pieces.append(text[breaks[-1] + 1 : len(text) if end < 0 else end])
        breaks.append(end)
    for n in range(len(pieces), 0, -1):
        if all(UNIT_PIECE.fullmatch(p) for p in pieces[: n - 1]) and "\t" not in pieces[n - 1] \
                and WHOLE_UNIT.fullmatch("".join(pieces[:n])):
            return breaks[:n]
    return []


def unit_goes_on(text: str, pos: int) -> bool:
    """The unit line after ``pos`` goes on with the sentence's punctuation (`元，…`)."""
    end = text.find("\n", pos + 1)
    m = WHOLE_UNIT.fullmatch(text[pos + 1 : len(text) if end < 0 else end])
    return bool(m and m["more"])


def follows_its_lead(text: str, line_start: int, line: str) -> bool:
    """A bare number standing under the word it follows in a sentence (`上限为` / `2.0`)."""
    if not BARE_NUMBER.fullmatch(line) or line_start == 0:
        return False
    above = text[text.rfind("\n", 0, line_start - 1) + 1 : line_start - 1]
    return "\t" not in above and bool(NUMBER_LEAD.search(above))


def width_edits(text: str) -> list[Edit]:
    return [(m.start(), m.end(), FULLWIDTH_FOLD[m.group()]) for m in FULLWIDTH.finditer(text)]


def clean(source: str) -> CleanText:
    """The clean copy extractors read; see the module docstring for the offset guarantee."""
    doc = CleanText.identity(source)
    doc = doc.apply(artifact_edits(doc.text))
    doc = doc.apply(blank_edits(doc.text))
    doc = doc.apply(unit_break_edits(doc.text))
    doc = doc.apply(rejoin_edits(doc.text))
    return doc.apply(width_edits(doc.text))
