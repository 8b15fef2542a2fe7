"""Where targets reads: prose lines outside tables, their sentences and the clause around a number.

Sentences are cut by the shared splitter (extractors/clauses.py) with targets' own break set."""

from __future__ import annotations

import regex

from extractors.clauses import GOAL_CLAUSE, GOAL_SENTENCE, clauses
from pipeline.structure import Structure

HEADING_MARKER = regex.compile(r"\s*(?:[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十\d]+[）)]|"
                               r"\d{1,2}[.．、]|第[一二三四五六七八九十\d]+[章节条]|[①-⑳])\s*")


def paragraphs(doc: Structure) -> list[tuple[int, int]]:
    """Prose lines outside tables, with a heading's own title cut off the front."""
    text = doc.text
    headings = {s.clean_span[0] for s in doc.sections}
    out = []
    pos = 0
    for line in text.split("\n"):
        start, end = pos, pos + len(line)
        pos = end + 1
        if not line.strip() or doc.in_table_zone(start) or (end > start and doc.in_table_zone(end - 1)):
            continue
        if "\t" in line:  # a cell of a table the structure did not take as one (青州 project lists)
            continue
        first = start + len(line) - len(line.lstrip())
        if first in headings:  # a heading's title is prose (`（一）科技型中小企业达到6000家。`)
            marker = HEADING_MARKER.match(text, first, end)
            first = marker.end() if marker else first
        out.append((first, end))
    return out


def sentences_of(text: str, para: tuple[int, int]) -> list[tuple[int, int]]:
    """The sentences of a paragraph, by the shared splitter: a goal's sentence ends at 。！？ only, so
    `；`-joined goals of one lead keep their time frame (`主要预期目标是：…增长6.5%以上；…1.5万人以上；`)."""
    return [s for s in clauses(text, para[0], para[1], GOAL_SENTENCE) if s[1] > s[0]]


def clause_start(text: str, sentence_start: int, at: int) -> int:
    """Start of the clause holding ``at``: after the last ，；： or a bracket still open at ``at``."""
    start = sentence_start
    depth = 0
    for i in range(at - 1, sentence_start - 1, -1):
        ch = text[i]
        if ch in "）)":
            depth += 1
        elif ch in "（(":
            if depth == 0:
                return i + 1
            depth -= 1
        elif ch in GOAL_CLAUSE and depth == 0:
            return i + 1
    return start


def in_quotes(text: str, start: int, at: int) -> bool:
    """Inside a quoted name or a cited title: `“三位一体”`, `《…第十四个五年规划…》`."""
    segment = text[start:at]
    return segment.count("“") > segment.count("”") or segment.count("《") > segment.count("》")
