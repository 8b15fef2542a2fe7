"""Tense and scope for targets (EXTRACTION_SPEC.md §3.3): is a number a goal, for which year, hedged?

A plan mixes goals with last period's results. The decision is read from the language around the
number, from the nearest inward out: the clause (`每年`, `力争`), the sentence (`“十三五”期间`,
`截至2020年`, `比2015年提高`), the paragraph (a governing `到2025年，`), a lead line ending in `：`,
the section (`发展基础` holds achievements, `发展目标` holds goals) and the document's own date.
"""

from __future__ import annotations

from dataclasses import dataclass

import regex

from pipeline.structure import Structure

# Section titles whose body states results or the situation, never goals:
# `（一）发展基础`, `“十三五”科技创新发展成就`, `工作回顾`, `短板弱项`, `发展形势`.
ACHIEVEMENT_TITLE = regex.compile(
    r"(?:发展|现实|工作|良好)基础|发展现状|基本情况|成就|成效|回顾|短板|存在问题|不足|形势|"
    r"发展环境|机遇|挑战|背景"
)
# Section titles whose body lists goals even without a time word: `（六）发展目标`, `主要目标`.
GOAL_TITLE = regex.compile(r"目标|预期")

# A governing time frame. `到2025年`/`至2025年底`/`2025年前` name a year; `5年内`, `利用5年时间`,
# `今后五年` name a horizon with no year (spec: `5年内…` → year null).
YEAR_GOVERNOR = regex.compile(
    r"(?:到|至|截止到)\s*(?P<y>20\d{2})\s*年(?:底|末)?|(?P<y2>20\d{2})\s*年(?:底前|前|内)|"
    r"(?:到|至)\s*“?(?P<fyp>十[一二三四五六七]五)”?(?:末|期末)"
)
HORIZON_GOVERNOR = regex.compile(
    r"(?:\d{1,2}|[一二三四五六七八九十])\s*年(?:内|时间|之内)|今后(?:\d{1,2}|[一二三四五六七八九十])\s*年|"
    r"未来(?:\d{1,2}|[一二三四五六七八九十])\s*年|“?十[一二三四五六七]五”?(?:期间|时期)"
)
THIS_YEAR = regex.compile(r"今年|本年度?")
# The hedge words of spec §3.3 `aspirational`: 力争 / 争取 / 努力 (and 力求).
HEDGE = regex.compile(r"力争|争取|努力|力求")
# Per-year goals: `每年遴选…不少于10项`, `每年新引进大学生4万人以上`, `年均增长`.
ANNUAL = regex.compile(r"每年度?|年均|每一年")
# Goal words that make a sentence forward-looking when no time frame is written.
GOAL_WORD = regex.compile(r"力争|争取|努力|力求|确保|预期|预计|目标|每年度?")

# Past markers: `“十三五”期间`, `截至2020年底`, `2016年以来`, `与2016年相比`, `比2015年提高`,
# `由2015年的2.11%增加到`, `从41家增长到110家`, `已建成`, `共获得`, `居全省第五位`.
PAST = regex.compile(
    r"截至|截止|以来|近年来|近几年|过去|去年|上年度?|目前|现有|先后|已经|已|居全[省市国]|列全[省市国]|"
    r"创历史新高|累计获得|共承担|共获得|荣获"
)
# Baselines are past only when no future time frame governs the sentence: `比2015年提高了10.73%` is a
# result, `到2025年，研发投入比2020年翻一番` is a goal.
BASELINE = regex.compile(
    r"与\s*20\d{2}\s*年相比|比\s*20\d{2}\s*年|比“?十[一二三四五]五”?末|由\s*20\d{2}\s*年|"
    r"从\s*\d[\d.]*\s*\p{Han}{0,2}(?:增长|增加|提高|提升)|增幅|净增|同比|较上年"
)
FIVE_YEAR = regex.compile(r"“?(十[一二三四五六七]五)”?(?:期间|时期|以来|中期|规划期)")
FIVE_YEAR_END = {"十一五": 2010, "十二五": 2015, "十三五": 2020, "十四五": 2025, "十五五": 2030,
                 "十六五": 2035, "十七五": 2040}
BARE_YEAR = regex.compile(r"(?<![\d到至])(?P<y>(?:19|20)\d{2})\s*年(?!底前|前|内)")
MAX_LIST_LINES = 30  # how far above a list item its lead line may stand
CLAUSE_BREAK = regex.compile(r"[，,；;]")
LEAD_LINE_END = regex.compile(r"[：:]\s*$")


@dataclass(frozen=True, slots=True)
class Frame:
    """What governs a number: its year, whether a goal frame is in force, hedge and per-year flags."""

    goal: bool
    year: int | None
    aspirational: bool
    annual: bool
    evidence: str  # which context made it a goal: clause, paragraph, lead, section


def reference_year(doc: Structure) -> int | None:
    """The year the plan starts from: its period's first year, else its issue year."""
    if doc.meta.period:
        return doc.meta.period[0]
    if doc.meta.issue_date:
        return int(doc.meta.issue_date[:4])
    return None


def issue_year(doc: Structure) -> int | None:
    return int(doc.meta.issue_date[:4]) if doc.meta.issue_date else reference_year(doc)


def in_achievement_section(doc: Structure, offset: int) -> bool:
    return any(ACHIEVEMENT_TITLE.search(title) for title in doc.heading_path(offset))


def in_goal_section(doc: Structure, offset: int) -> bool:
    path = doc.heading_path(offset)
    return bool(path) and bool(GOAL_TITLE.search(path[-1]))


def is_past(text: str, ref_year: int | None, future: bool = False) -> bool:
    """True when a sentence reports results: a past marker, a past five-year plan or a past year.

    ``future``: a future time frame (`到2025年`) governs the sentence, so baselines are not results.
    """
    if PAST.search(text):
        return True
    for m in FIVE_YEAR.finditer(text):
        end = FIVE_YEAR_END.get(m.group(1))
        if end is not None and (end < ref_year if ref_year else end <= 2020):
            return True
    if future:
        return False
    if BASELINE.search(text):
        return True
    if ref_year:
        for m in BARE_YEAR.finditer(text):
            if int(m.group("y")) < ref_year:
                return True
    return False


def governor_before(text: str, end: int) -> tuple[bool, int | None, int]:
    """The last time frame in ``text[:end]``: (found, year or None for a horizon, its end offset)."""
    best: tuple[bool, int | None, int] = (False, None, -1)
    for m in YEAR_GOVERNOR.finditer(text, 0, end):
        if m.end() > best[2]:
            year = FIVE_YEAR_END[m.group("fyp")] if m.group("fyp") else int(m.group("y") or m.group("y2"))
            best = (True, year, m.end())
    for m in HORIZON_GOVERNOR.finditer(text, 0, end):
        if m.end() > best[2]:
            best = (True, None, m.end())
    return best


def lead_line_year(doc: Structure, para_start: int) -> tuple[bool, int | None]:
    """A lead line ending in `：` above a list governs it (spec §3.3 year): `到2025年，主要目标是：`."""
    text = doc.text
    pos = text.rfind("\n", 0, para_start)
    for _ in range(MAX_LIST_LINES):
        if pos <= 0:
            break
        line_start = text.rfind("\n", 0, pos) + 1
        line = text[line_start:pos].strip()
        if line and LEAD_LINE_END.search(line):
            found, year, _ = governor_before(line, len(line))
            return True, year if found else None
        if line and not line.startswith(("——", "—", "-", "•", "·")) and not regex.match(r"[\d（(①-⑳]", line):
            return False, None
        pos = line_start - 1
    return False, None


def frame_of(doc: Structure, para: tuple[int, int], sentence: tuple[int, int], clause_start: int,
             value_start: int) -> Frame:
    """Decide goal / year / hedge / annual for a number at ``value_start`` (clean offsets)."""
    text = doc.text
    ref = reference_year(doc)
    s_start, s_end = sentence
    sentence_text = text[s_start:s_end]
    head = text[s_start:value_start]
    clause = text[clause_start:value_start]
    if in_achievement_section(doc, value_start):
        return Frame(False, None, False, False, "past")

    # Year: nearest governor before the number in the paragraph (`到2025年，` may open it).
    found, year, gov_end = governor_before(text[para[0]:value_start], value_start - para[0])
    evidence = ""
    if found:
        evidence = "clause" if gov_end + para[0] >= s_start else "paragraph"
    else:
        lead_found, lead_year = lead_line_year(doc, para[0])
        if lead_found:
            found, year, evidence = True, lead_year, "lead"
    future = found and (year is None or ref is None or year >= ref)
    if is_past(sentence_text, ref, future):
        return Frame(False, None, False, False, "past")
    this_year = THIS_YEAR.search(head)
    if this_year and year is None:
        year, found, evidence = issue_year(doc), True, "clause"
    if year is not None and ref is not None and year < ref:
        return Frame(False, None, False, False, "past")

    # 力争 governs forward to the sentence end, until a new clause opens with its own time frame
    # (`每年力争有10个以上项目…，到2025年，申报…150项以上`: the 150 is not hedged).
    hedge_at = max((m.end() for m in HEDGE.finditer(head)), default=-1)
    aspirational = hedge_at >= 0 and not any(
        g.start() > hedge_at and CLAUSE_BREAK.search(head, hedge_at, g.start())
        for pattern in (YEAR_GOVERNOR, HORIZON_GOVERNOR) for g in pattern.finditer(head))
    annual = bool(ANNUAL.search(clause))
    goal = found or bool(GOAL_WORD.search(head))
    if not goal and in_goal_section(doc, value_start):
        goal, evidence = True, "section"
    if goal and not evidence:
        evidence = "clause"
    return Frame(goal, year, aspirational, annual, evidence)
