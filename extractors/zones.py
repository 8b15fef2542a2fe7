"""Zones of a document by tense (EXTRACTION_SPEC.md §3.3 "future only"; year rules as amended).

A government work report reviews last year and then sets this year's work: `一、2023年工作回顾` …
`二、2024年工作安排`. The same numbers (`新增高新技术企业100家`) are achievements in the first half and
goals in the second, so the first evidence for a number is the zone it stands in. Zones come from
year-naming headings when the structure found them, and from the same words written where it did not:
a heading line without a marker (南充 `2024年工作安排建议`), a heading run into the paragraph (潍坊,
one 15,000-character line: `…认真加以解决。二、2024年政府工作安排　　2024年政府工作总的要求是：`), or
the sentence that opens this year's work when the heading is missing altogether (马鞍山 `今年是…重要一年`,
梧州 `2024年是中华人民共和国成立75周年`).

The document's year (for `今年`, spec §3.3) is its issue year, else its single-year period, else the
year these zones name: the future zone's year, or the reviewed year + 1.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

import regex

from pipeline.structure import Structure


def _after_break(stops: str) -> str:
    """Where a marker's leading blanks may start: the text's start, after one of ``stops``, or after a
    line break, but only the first such place in a run of blanks. The blanks are skipped the same way
    from any place in the run, so the later places add no match; trying them rescanned the run from
    each line break in it (500,000 empty lines: quadratic, minutes)."""
    after_stop = f"|[{stops}]" if stops else ""
    return rf"(?<=^{after_stop}|[^\s{stops}][^\S\n]*\n)"


# Where a zone marker may start: a line start, after a full stop, or after a heading number.
_AT_BREAK = (r"(?:" + _after_break("。！？；") + r"[\s　]*"
             r"(?:第[一二三四五六七八九十]部分[\s　]*|[一二三四五六七八九十]+[、.．][\s　]*)?)")
# A heading naming a year and its work: `2023年工作回顾` (past), `2024年工作安排` (future), or
# `2023年主要工作` (whichever the document's year makes it).
YEAR_HEADING = regex.compile(
    _AT_BREAK + r"(?P<y>20\d{2})\s*年(?:的)?(?P<words>[^。，；：\n]{0,14}?)"
    r"(?:(?P<past>回顾|总结|完成情况)|"
    r"(?P<future>工作安排|安排|重点工作|主要任务|工作任务|目标任务|工作建议|工作重点|工作目标|预期目标|总体要求|"
    r"发展思路|工作思路|重点任务|工作计划|总体思路|主要目标|奋斗目标|发展目标)|"
    r"(?P<either>主要工作|政府工作|工作)(?=[\s　\n]|$))"
)
# The sentence that opens a year's work or its review when no heading says so: `今年是…关键一年`,
# `2024年是…`, `今年全市经济社会发展主要预期目标是`, and for the past `2023年是…开局之年`, `一年来，`.
YEAR_OPENING = regex.compile(
    _after_break("。！？") + r"[\s　]*(?:(?P<y>20\d{2})\s*年|(?P<now>今年))[，,]?是|"
    + _after_break("。！？；") + r"[\s　]*(?:综合考虑[^。\n]{0,20}?，|建议)?(?:(?P<y2>20\d{2})\s*年|今年)"
    r"[^。\n]{0,20}?主要预期目标|"
    + _after_break("。！？") + r"[\s　]*(?P<past>一年来|五年来|(?:刚刚)?过去的?(?:一|五)年)"
)
# A bare year opening a paragraph: `2023年，在自治区党委…` (梧州) is the reviewed year when it is past.
YEAR_PARAGRAPH = regex.compile(_after_break("") + r"[\s　]*(?P<y>20\d{2})\s*年[，,]")
# Heading words with no year: `工作回顾`, `过去五年工作回顾` are past; a heading naming this year's work
# without the year (`今年经济社会发展目标任务和工作重点`) is future.
PAST_TITLE = regex.compile(r"回顾|总结|完成情况")
FUTURE_TITLE = regex.compile(r"^(?:今年|本年|明年)")
# A marker standing as a heading is short: a long sentence naming `2024年…政府工作` is prose.
MAX_MARKER_LINE = 40
YEAR = regex.compile(r"20\d{2}\s*年")
HEADING_NUMBER = regex.compile(r"[、.．部分]")
NEXT_SENTENCE = regex.compile(r"[\s　]|建议|20\d{2}|今年")
# An opening sentence right under a review heading, its first sentence, belongs to the review.
SENTENCE_STOP = regex.compile(r"[。！？]")

# Where a marker can start, for every pattern above: the text's start, after a stop, or after a line break
# that follows a non-blank character (the union of their ``_after_break``).
MAY_START = regex.compile(r"(?<=^|[。！？；]|[^\s][^\S\n]*\n)")
# A marker's first word after its blanks (a heading's after its number), as plain `re`: a year (`20`),
# `今年`, `综合考虑`/`建议` (a goal line), a review's `一年来`/`五年来`/`(刚刚)过去…`.
YEAR_FIRST = re.compile("20")
OPENING_FIRST = re.compile("20|今年|综合考虑|建议|一年来|五年来|刚刚|过去")
HEADING_NUMBER_CHARS = "第部分一二三四五六七八九十、.．"


def marker_matches(pattern: regex.Pattern, text: str, firsts: re.Pattern, lead: str = "") -> list[regex.Match]:
    """``pattern.finditer(text)`` as a list, with the pattern tried only where a match can start: at a
    break (MAY_START) from which only blanks and ``lead`` characters lead to one of its first words
    (``firsts``). Scanning the whole text tried the marker's lookbehind at every character (~6% of
    extraction on real text); its first words are rare. Same matches, found in the same order and
    without overlap, as ``finditer``'s."""
    starts = set()
    for first in firsts.finditer(text):
        at = first.start()
        begin = at
        while begin > 0 and (text[begin - 1].isspace() or text[begin - 1] in lead):
            begin -= 1
        starts.update(q for q in range(begin, at + 1) if MAY_START.match(text, q))
    found: list[regex.Match] = []
    end = 0
    for q in sorted(starts):
        if q >= end and (m := pattern.match(text, q)):
            found.append(m)
            end = m.end()
    return found


@dataclass(frozen=True, slots=True)
class Zone:
    """From ``start`` (clean offset) on, numbers are results (``past``) or goals of ``year``."""

    start: int
    past: bool
    year: int | None
    evidence: str  # heading | marker | opening


@dataclass(frozen=True, slots=True)
class Zones:
    zones: list[Zone]
    year: int | None  # the document's own year, from its zones
    starts: list[int]

    def at(self, offset: int) -> Zone | None:
        k = bisect_right(self.starts, offset) - 1
        return self.zones[k] if k >= 0 else None


_CACHE: list = [None, None]  # (doc, Zones): one document is extracted at a time


def zones_of(doc: Structure) -> Zones:
    """The tense zones of ``doc`` in order (cached for the document being extracted)."""
    if _CACHE[0] is doc:
        return _CACHE[1]
    zones = find_zones(doc)
    _CACHE[0], _CACHE[1] = doc, zones
    return zones


def _line_of(text: str, at: int) -> tuple[int, int]:
    start = text.rfind("\n", 0, at) + 1
    end = text.find("\n", at)
    return start, len(text) if end < 0 else end


def _heading_like(text: str, m: regex.Match) -> bool:
    """A marker counts when it stands as a heading: its own short line, or a numbered heading run
    into the text (`二、2024年政府工作安排　　`), never a clause of a sentence."""
    start, end = _line_of(text, m.start("y"))
    line = text[start:end].strip()
    if len(line) <= MAX_MARKER_LINE:
        return True
    head = text[m.start():m.start("y")]
    after = text[m.end():m.end() + 4]
    # `。二、2024年政府工作安排　　2024年…`, `意见。2023年工作回顾2023年是…` (泸州)
    return bool(HEADING_NUMBER.search(head)) or bool(NEXT_SENTENCE.match(after))


def _kind(m: regex.Match) -> str:
    return "past" if m.group("past") else "future" if m.group("future") else "either"


def find_zones(doc: Structure) -> Zones:
    text = doc.text
    marks: list[tuple[int, str, int | None, str]] = []  # (start, kind, year, evidence)
    for sec in doc.sections:
        start = sec.clean_span[0]
        m = YEAR_HEADING.match(sec.title)
        kind = _kind(m) if m and len(YEAR.findall(sec.title)) == 1 else None
        if kind:
            marks.append((start, kind, int(m.group("y")), "heading"))
        elif sec.level <= 3 and PAST_TITLE.search(sec.title) and not YEAR.search(sec.title):
            kind = "past"
            marks.append((start, kind, None, "heading"))
        if kind == "past" and sec.body_end < len(text):
            # the review ends where its section does: `一、2023年工作回顾` … `二、总体要求和主要目标`
            marks.append((sec.body_end, "future", None, "heading"))
        elif sec.level <= 3 and FUTURE_TITLE.search(sec.title):
            marks.append((start, "future", None, "heading"))
    for m in marker_matches(YEAR_HEADING, text, YEAR_FIRST, HEADING_NUMBER_CHARS):
        if _heading_like(text, m):
            marks.append((m.start("y"), _kind(m), int(m.group("y")), "marker"))
    for m in marker_matches(YEAR_OPENING, text, OPENING_FIRST):
        y = m.group("y") or m.group("y2")
        kind = "past" if m.group("past") else "either" if y else "future"
        marks.append((m.start(), kind, int(y) if y else None, "opening"))
    for m in marker_matches(YEAR_PARAGRAPH, text, YEAR_FIRST):
        marks.append((m.start(), "either", int(m.group("y")), "opening"))
    headed = [(y, k) for _, k, y, e in marks if y and e != "opening"]
    opened = [(y, k) for _, k, y, e in marks if y and e == "opening"]
    # Without a year heading, openings alone make zones only in a text that reviews a year (`一年来，`):
    # a plan's `2025年，…` paragraphs are goals of that year, not a review.
    reviews = any(k == "past" and e == "opening" for _, k, _, e in marks)
    if not (headed or (reviews and any(k == "either" for _, k in opened))):
        return Zones([], None, [])
    future = [y for y, k in headed if k == "future"]
    past = [y for y, k in headed if k == "past"]
    either = [y for y, k in headed + opened if k == "either"]
    year = min(future) if future else max(past) + 1 if past else max(either)
    if not (future or past):
        # `2023年，是…开局之年。一年来，…` (益阳): a year whose review follows is last year.
        last = max((start for start, k, y, _ in marks if k == "either" and y == year))
        if any(k == "past" and start > last for start, k, _, _ in marks):
            year += 1
    marks.sort(key=lambda k: (k[0], k[3] != "heading"))
    zones: list[Zone] = []
    for start, kind, y, evidence in marks:
        if evidence == "opening" and zones and zones[-1].past and zones[-1].evidence != "opening" \
                and kind != "past" and not SENTENCE_STOP.search(text, zones[-1].start, start):
            continue  # `一、2023年工作回顾\n今年是…开局之年` (永州): the review's own first words
        y = (year - 1 if kind == "past" else year) if y is None else y
        is_past = kind == "past" or (kind == "either" and y < year)  # `2023年主要工作`
        if zones and is_past == zones[-1].past and (y == zones[-1].year or start - zones[-1].start < 80):
            continue  # the heading and its own first words, or the same tense again
        zones.append(Zone(start, is_past, y, evidence))
    return Zones(zones, year, [z.start for z in zones])
