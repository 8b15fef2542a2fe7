"""Keep: is a number a goal, for which year, hedged, per year? (EXTRACTION_SPEC.md §3.3)

Two kinds of evidence decide it. The number's own clause can rule it out whatever its tense: funding
amounts, budget lines and pools, conditions, capacities, limits of a measure, rates of a procedure,
thresholds of a later noun (``excluded``, ``threshold_modifier``). Otherwise its time frame decides,
read from the nearest inward out: the clause (`每年`, `力争`), the sentence (`“十三五”期间`, `截至2020年`,
`比2015年提高`), the paragraph (a governing `到2025年，`), a lead line ending in `：`, the section
(`发展基础` holds achievements, `发展目标` holds goals), the document's tense zones (zones.py) and its
own date. The nearest time frame before a number decides its tense, past (`2023年，`, `一年来，`,
`截至…底`) or future (`到2025年`, `今年`, `2024年，` in a 2024 要点); with none, a plan's task prose
states goals.
"""

from __future__ import annotations

import os
from bisect import bisect_right
from dataclasses import dataclass, field

import regex

from extractors.targets.grammar import (
    ANNUAL_FLOOR,
    ATTRIBUTIVE_COVERB,
    BREAKDOWN,
    BUDGET_LINE,
    CAPACITY_CHAIN,
    CAPACITY_CHAIN_LAST,
    CAPACITY_HEAD,
    CAPACITY_HEAD_LAST,
    CLAUSE_END,
    CONDITION_HEAD,
    CONDITION_OBJECT,
    CONDITION_OPENS,
    COST_SHARE,
    CYCLE,
    DEFINITION_HEAD,
    DURATION_GOAL,
    DURATION_UNITS,
    EARMARK,
    FOCUS_VERB,
    FUNDING_NEAR,
    GLOSSARY_ENTRY,
    HOURS_MODIFIER_AFTER,
    HOURS_MODIFIER_BEFORE,
    LATER_VALUE_SUBJECT,
    LIST_TOTAL,
    MEASURE_LIMIT,
    MODIFIED_COUNT,
    PAYMENT_BEFORE,
    PER_ENTITY,
    PER_PLACE_FLOOR,
    PLACE_OF_ACTION_AFTER,
    POOL_AFTER,
    RATE_OF,
    RULE_SUBJECT_AFTER,
    STANDARD_GOAL,
    STANDARD_MET,
    STOCK_IN_BRACKET,
    TASK_COUNT_UNITS,
    TASK_NOUN,
    TASK_SOURCE,
    TERM_AFTER,
    TERM_AFTER_SIGNS,
    TERM_BEFORE,
    TERM_BEFORE_SIGNS,
    TERM_BEFORE_WIDTH,
    TEXT_PARTS,
    TEXT_PARTS_FIRST,
    may_end_with,
)
from extractors.words import GIVE_RE
from extractors.zones import zones_of
from pipeline.meta import FIVE_YEAR_PLANS
from pipeline.structure import Structure

# Section titles whose body states results or the situation, never goals:
# `（一）发展基础`, `“十三五”科技创新发展成就`, `工作回顾`, `短板弱项`, `发展形势`.
ACHIEVEMENT_TITLE = regex.compile(
    r"(?:发展|现实|工作|良好)基础|发展现状|基本情况|成就|成效|回顾|总结|完成情况|短板|存在问题|不足|形势|"
    r"发展环境|机遇|挑战|背景"
)
# Section titles whose body lists goals even without a time word: `（六）发展目标`, `主要目标`.
GOAL_TITLE = regex.compile(r"目标|预期")

# A governing time frame. `到2025年`/`至2025年底`/`2025年前` name a year; `5年内`, `利用5年时间`,
# `今后五年` name a horizon with no year (spec: `5年内…` → year null).
# A deadline that opens a list item or a sentence names its year as `到2025年，` does (issue #16, class 1):
# `2025年底前，`, `2024年6月底前，`, and a window `2024年3月至12月，` / `2024年3月—2025年6月，` (its end's year;
# `至2025年` is read by the first branch).
YEAR_GOVERNOR = regex.compile(
    r"(?:到|(?<!截)至|截止到|展望|远景展望|面向)\s*(?P<y>20\d{2})\s*年(?:底|末)?|"
    r"(?P<y2>20\d{2})\s*年(?:\s*\d{1,2}\s*月份?)?(?:底前|末前|前|内)|"
    r"(?P<y3>20\d{2})\s*年\s*\d{1,2}\s*月(?:份)?\s*[—–\-~～至到]\s*\d{1,2}\s*月|"
    r"(?:到|至)\s*“?(?P<fyp>十[一二三四五六七]五)”?(?:末|期末)"
)
HORIZON_GOVERNOR = regex.compile(
    r"(?:\d{1,2}|[一二三四五六七八九十])\s*年(?:内|时间|之内)|今后(?:\d{1,2}|[一二三四五六七八九十])\s*年|"
    r"未来(?:\d{1,2}|[一二三四五六七八九十])\s*年|“?十[一二三四五六七]五”?(?:期间|时期)"
)
# `今年`/`本年`/`到今年底` in a dated document: a time frame for the issue year (spec §3.3 year).
THIS_YEAR = regex.compile(r"今年|本年度?")
# `全年…` names the whole of the year that governs it (`2023年，…全年兑现…` is 2023); with no other time
# frame in a 工作要点 it is the document's year: `全年实施农业科技项目10项以上`.
WHOLE_YEAR = regex.compile(r"全年")
# A bare year opening a clause frames it like `到2025年，`: a goal year when it is not before the plan's
# start (`2024年，力争引进…15个以上`), a result when it is (`2023年全县技术合同成交额12.6亿元`,
# `2022年，全省…达到1.86万家`). Not `到2025年` (YEAR_GOVERNOR), not `2016年以来`, `比2020年`, `2025年前`.
# A year after a hedge or a scope word frames its clause too (issue #16, class 3): `力争2024年“桂惠贷”投放量150亿元
# 以上` (百色.docx), `争取2024年实现通达城市26个` (菏泽.docx), `全市2026年…`; not after another noun (`比2020年`).
YEAR_OPENER = r"(?:力争|争取|确保|努力|力求|预计|计划|全市|全区|全县|全省|我市|我区|我县|我省|本市)(?:在|于)?"
BARE_YEAR_FRAME = regex.compile(
    rf"(?:(?<![\d\p{{Han}}“])|(?<={YEAR_OPENER}))(?P<y>20\d{{2}})\s*年(?:底|末|年底|全年)?"
    r"(?![\d—–\-~～至到）)]|以来|前|内|底前|的|相比|起|目标|基期|基础)(?=[，,、\s“]|\p{Han})"
)
# Past time frames that govern the rest of their paragraph, as `到2025年，` does for goals:
# `截至2022年底，`, `2016年以来，`, `“十三五”以来`, `一年来，`, `近年来，`, `过去五年`.
PAST_GOVERNOR = regex.compile(
    r"截[至止]到?\s*(?:20\d{2}\s*年(?:底|末|年底)?|“?十[一二三四五六]五”?末)|"
    r"(?:(?:19|20)\d{2}\s*年|“?十[一二三四五六]五”?)\s*以来|"
    r"(?:[一二三四五六七八九十两几多近]|\d{1,2})\s*年多?来|过去(?:\d{1,2}|[一二三四五六七八九十])?\s*年"
)
# Unambiguous hedges that reopen the future after a past frame in the same paragraph (`截至2022年底…。
# 力争新增100家`). Not 争取, which also reports what was won (`争取上级科技项目资金4100余万元`).
STRONG_HEDGE = regex.compile(r"力争|努力|力求|确保")
# Titles of forward-looking documents, whose task prose states goals even with no time word
# (`新增市级工程技术研究中心10家以上`); rules and measures (`实施办法`, `若干措施`) state conditions.
PLAN_TITLE = regex.compile(r"规划|计划|方案|要点|纲要|行动|工作安排|任务")
# The hedge words of spec §3.3 `aspirational`: 力争 / 争取 / 努力 (and 力求).
HEDGE_WORDS = r"力争|争取|努力|力求"
HEDGE = regex.compile(HEDGE_WORDS)
# Per-year goals: `每年遴选…不少于10项`, `每年新引进大学生4万人以上`. Not `年均增长15%`: an average
# over the period, stated once (challenge F `财政科技支出年均增长15%以上` → annual false).
ANNUAL = regex.compile(r"每年度?|每一年")
# Goal words that make a sentence forward-looking when no time frame is written: the hedges and these.
GOAL_WORD = regex.compile(rf"{HEDGE_WORDS}|确保|预期|预计|目标|每年度?")

# Past markers: `“十三五”期间`, `截至2020年底`, `2016年以来`, `与2016年相比`, `比2015年提高`,
# `由2015年的2.11%增加到`, `从41家增长到110家`, `已建成`, `共获得`, `居全省第五位`.
# `上年`/`去年` after 较/比/同 is the base of a comparison (`较上年增长15%以上`), read as a baseline below.
PAST = regex.compile(
    r"截至|截止|以来|近年来|近几年|过去|(?<![较比同于])去年|(?<![较比同于])上年度?|目前|现有|先后|已经|已|"
    r"创历史新高|累计获得|共承担|共获得|荣获"
)
# A place held (`居全省第五位`, `列全省第三位`) is a result unless a future frame governs it: `到2025年，区域创新
# 能力位居全省第3位`, `力争稳居全省前10名` are rank goals.
PLACE = regex.compile(r"居全[省市国]|列全[省市国]")
# Baselines are past only when no future time frame governs the sentence: `比2015年提高了10.73%` is a
# result, `到2025年，研发投入比2020年翻一番` is a goal.
BASELINE = regex.compile(
    r"与\s*20\d{2}\s*年相比|比\s*20\d{2}\s*年|比“?十[一二三四五]五”?末|由\s*20\d{2}\s*年|"
    r"从\s*\d[\d.]*\s*\p{Han}{0,2}(?:增长|增加|提高|提升)|增幅|净增"
)
# A change against last year (`较上年提高0.2个百分点`, `同比增长10%以上`) is a goal in a goal frame and a
# result in a past one; with neither, a forward-looking document states goals, anything else results.
LAST_YEAR_BASE = regex.compile(r"同比|(?:较|比|于)(?:上年度?|去年)")
FIVE_YEAR = regex.compile(r"“?(十[一二三四五六七]五)”?(?:期间|时期|以来|中期|规划期)")
FIVE_YEAR_END = {name: end for name, (_, end) in FIVE_YEAR_PLANS.items()}
BARE_YEAR = regex.compile(r"(?<![\d到至])(?P<y>(?:19|20)\d{2})\s*年(?!底前|前|内)")
# A lead line opens a goal list only when it says so: `主要目标：`, `具体指标如下：`, `力争实现：`.
LEAD_GOAL_WORD = regex.compile(r"目标|指标|任务|预期|力争|争取|确保|努力")
# A clause that states a level rather than a flow (`…达到9.5件`, `…比重提高到43%`): 每年 does not reach it.
STOCK_LEVEL = regex.compile(
    r"达到|达至|提高到|提高至|提升到|提升至|增加到|增长到|发展到|保持在|稳定在|控制在|拥有量|比重|占比")
# A lead line that lists conditions or requirements: its items are thresholds, not goals.
CONDITION_LEAD = regex.compile(r"条件|情形|标准|要求|资格|范围|对象|以下情况")
MAX_LIST_LINES = 30  # how far above a list item its lead line may stand
CLAUSE_BREAK = regex.compile(r"[，,；;]")
LEAD_LINE_END = regex.compile(r"[：:]\s*$")
LIST_ITEM = regex.compile(r"[\d（(①-⑳]")


@dataclass(frozen=True, slots=True)
class Frame:
    """What governs a number: its year, whether a goal frame is in force, hedge and per-year flags."""

    goal: bool
    year: int | None
    aspirational: bool
    annual: bool
    evidence: str  # the deciding evidence: clause, paragraph, lead, heading, zone, section, genre; past, condition
    # every piece of evidence read on the way, in order (explain(); not part of a frame's identity)
    reasons: tuple[str, ...] = field(default=(), compare=False)


def reference_year(doc: Structure) -> int | None:
    """The year the plan starts from: its period's first year, else its issue year, else the year its
    zones name (a work report with no date: `二、2024年工作安排` → 2024)."""
    if doc.meta.period:
        return doc.meta.period[0]
    if doc.meta.issue_date:
        return int(doc.meta.issue_date[:4])
    return zones_of(doc).year


def issue_year(doc: Structure) -> int | None:
    return int(doc.meta.issue_date[:4]) if doc.meta.issue_date else reference_year(doc)


@dataclass(frozen=True, slots=True)
class HeadingFacts:
    """What the headings above a number say. Every number of a section asks the same, so it is read
    once per section (``heading_facts``)."""

    achievement: bool  # a results section: `发展基础`, `工作回顾` anywhere on the path
    goal: bool  # the innermost title lists goals: `发展目标`
    year: int | None  # the year of the nearest heading announcing that year's work (``heading_year``)


_HEADING_CACHE: list = [None, {}]  # (doc, {section start or None: HeadingFacts})


def heading_facts(doc: Structure, offset: int) -> HeadingFacts:
    if _HEADING_CACHE[0] is not doc:
        _HEADING_CACHE[0], _HEADING_CACHE[1] = doc, {}
    section = doc.section_at(offset)
    key = section.clean_span[0] if section else None
    facts = _HEADING_CACHE[1].get(key)
    if facts is None:
        path = doc.heading_path(offset)
        facts = _HEADING_CACHE[1][key] = HeadingFacts(
            achievement=any(ACHIEVEMENT_TITLE.search(title) for title in path),
            goal=bool(path) and bool(GOAL_TITLE.search(path[-1])),
            year=heading_year(reference_year(doc), path))
    return facts


def in_achievement_section(doc: Structure, offset: int) -> bool:
    return heading_facts(doc, offset).achievement


def is_past(text: str, ref_year: int | None, future: bool = False, plan: bool = False) -> str | None:
    """True when a sentence reports results: a past marker, a past five-year plan or a past year.

    ``future``: a future time frame (`到2025年`) governs the sentence, so baselines are not results.
    ``plan``: a forward-looking document, whose `较上年提高3个百分点` with no time frame is a goal.
    Returns the evidence's name (`past-word:已`), None when the sentence is not past.
    """
    if m := PAST.search(text):
        return "past-word:" + m.group()
    for m in FIVE_YEAR.finditer(text) if "五" in text else ():  # `“十三五”期间`: cheap test first
        end = FIVE_YEAR_END.get(m.group(1))
        if end is not None and (end < ref_year if ref_year else end <= 2020):
            return "past-plan-period:" + m.group(1)
    if future:
        return None
    if m := BASELINE.search(text) or PLACE.search(text) or (not plan and LAST_YEAR_BASE.search(text)):
        return "baseline-or-place:" + m.group()
    if ref_year:
        for m in BARE_YEAR.finditer(text):
            if int(m.group("y")) < ref_year:
                return "past-year:" + m.group("y")
    return None


CHECK_FRAMES = bool(os.environ.get('CHECK_FRAMES'))


@dataclass(frozen=True, slots=True)
class Governor:
    """The time frame nearest before a number: its year (None for a horizon), tense and end offset."""

    year: int | None
    past: bool
    end: int


# The time frames a governor can be, in the order a tie is broken (the first found wins among equals).
FRAME_PATTERNS = (YEAR_GOVERNOR, HORIZON_GOVERNOR, BARE_YEAR_FRAME, PAST_GOVERNOR, THIS_YEAR)
# For each of FRAME_PATTERNS, words one of which every match holds: a paragraph without them is not scanned
# (`20` of a year, 十X五's `五`; `年内`, `今后`, `未来`, a period's `期间`; `截至`, `以来`/`年来`, `过去`; `今年`).
FRAME_MARKS = (("20", "五"), ("年内", "年时间", "年之内", "今后", "未来", "期间", "时期"), ("20",),
               ("截", "来", "过去"), ("今年", "本年"))


def _governor(doc: Structure, kind: int, m: regex.Match, ref: int | None) -> Governor:
    """The Governor a FRAME_PATTERNS[kind] match stands for."""
    if kind == 0:
        year = FIVE_YEAR_END[m.group("fyp")] if m.group("fyp") else int(m.group("y") or m.group("y2") or m.group("y3"))
        return Governor(year, False, m.end())
    if kind == 1:
        five = FIVE_YEAR.match(m.group())
        plan_end = FIVE_YEAR_END.get(five.group(1)) if five else None
        past = plan_end is not None and (plan_end < ref if ref else plan_end <= 2020)
        # A horizon names no year (spec §3.3: `5年内…`, goals under `“十四五”期间` with no year → null): a
        # plan period only says whether it is past (`“十三五”期间` in a 十四五 plan). `到“十四五”末` names one.
        return Governor(None, past, m.end())
    if kind == 2:
        year = int(m.group("y"))
        past = ref is not None and year < ref
        return Governor(None if past else year, past, m.end())
    if kind == 3:
        return Governor(None, True, m.end())
    return Governor(issue_year(doc), False, m.end())


def governor_before(doc: Structure, text: str, end: int, sentence_start: int = 0) -> Governor | None:
    """The last time frame in ``text[:end]``, future (`到2025年`, `5年内`, `今年`, `2024年，`) or past
    (`截至2022年底`, `一年来`, `“十三五”期间`, `2023年，` before the plan starts); None if there is none.

    `今年` is an adverb of its own sentence (`今年争取…立项25项以上。每年组织实施…40项` → the 40 has no
    year); a written year or `到2025年，` governs the rest of the paragraph."""
    ref = reference_year(doc)
    found: list[Governor] = []
    for kind, pattern in enumerate(FRAME_PATTERNS):
        if kind == 2 and not ref:
            continue  # undated: the tense of a bare year is unknown
        for m in pattern.finditer(text, sentence_start if kind == 4 else 0, end):
            found.append(_governor(doc, kind, m, ref))
    return max(found, key=lambda g: (g.end, g.past), default=None)  # `截至2020年底`: past wins a tie


# A frame pattern match is at most this long, and its lookarounds read at most STABLE characters past it.
MAX_FRAME = 32
STABLE = 16


class ParagraphFrames:
    """The time frames of one paragraph, found in one pass; ``before(v, s)`` answers as
    ``governor_before`` over the paragraph's first ``v`` characters would, without rescanning them.

    A match that ends STABLE characters before ``v`` is found alike in the paragraph and in its first
    ``v`` characters; only the last MAX_FRAME + STABLE characters before ``v`` are scanned again."""

    def __init__(self, doc: Structure, text: str):
        self.doc, self.text = doc, text
        self.ref = reference_year(doc)
        self.found = [list(p.finditer(text)) if (k != 2 or self.ref) and any(w in text for w in marks) else []
                      for k, (p, marks) in enumerate(zip(FRAME_PATTERNS, FRAME_MARKS, strict=True))]
        self.ends = [[m.end() for m in ms] for ms in self.found]

    def before(self, v: int, sentence_start: int) -> Governor | None:
        best: Governor | None = None
        for kind, pattern in enumerate(FRAME_PATTERNS):
            ms = self.found[kind]
            if not ms:
                continue
            lo = sentence_start if kind == 4 else 0
            cut = bisect_right(self.ends[kind], v - STABLE)
            candidates = []
            resume = max(lo, v - MAX_FRAME - STABLE)
            if cut:
                last = ms[cut - 1]
                resume = max(resume, last.end())
                if last.start() >= lo:
                    candidates.append(last)
            if resume < v:
                candidates.extend(pattern.finditer(self.text, resume, v))
            for m in candidates:
                g = _governor(self.doc, kind, m, self.ref)
                if best is None or (g.end, g.past) > (best.end, best.past):
                    best = g
        return best


_FRAMES_CACHE: list = [None, {}]  # (doc, {paragraph start: ParagraphFrames})


def paragraph_frames(doc: Structure, para: tuple[int, int]) -> ParagraphFrames:
    if _FRAMES_CACHE[0] is not doc:
        _FRAMES_CACHE[0], _FRAMES_CACHE[1] = doc, {}
    frames = _FRAMES_CACHE[1].get(para[0])
    if frames is None:
        frames = _FRAMES_CACHE[1][para[0]] = ParagraphFrames(doc, doc.text[para[0]:para[1]])
    return frames


def is_goal_lead(line: str) -> bool:
    """A lead line that opens a list of goals: `主要目标：`, `到2025年，实现以下目标：`; not an addressee
    line (`各设区市科技局、财政局：`) or a list of conditions (`应当同时具备以下条件：`)."""
    return bool(LEAD_GOAL_WORD.search(line) or YEAR_GOVERNOR.search(line) or HORIZON_GOVERNOR.search(line))


_LEAD_CACHE: list = [None, {}]  # (doc, {paragraph start: lead}): every value of a paragraph asks


def lead_line_year(doc: Structure, para_start: int) -> tuple[bool | None, int | None]:
    if _LEAD_CACHE[0] is not doc:
        _LEAD_CACHE[0], _LEAD_CACHE[1] = doc, {}
    if para_start not in _LEAD_CACHE[1]:
        _LEAD_CACHE[1][para_start] = _lead_line_year(doc, para_start)
    return _LEAD_CACHE[1][para_start]


def _lead_line_year(doc: Structure, para_start: int) -> tuple[bool | None, int | None]:
    """A lead line ending in `：` above a list governs it (spec §3.3 year): `到2025年，主要目标是：`.

    (True, year) under a goal lead, (None, None) under a lead that lists conditions (`应当具备以下条件：`),
    whose items are never goals, (False, None) otherwise."""
    text = doc.text
    pos = text.rfind("\n", 0, para_start)
    for _ in range(MAX_LIST_LINES):
        if pos <= 0:
            break
        line_start = text.rfind("\n", 0, pos) + 1
        line = text[line_start:pos].strip()
        if line and LEAD_LINE_END.search(line):
            if not is_goal_lead(line):
                return (None if CONDITION_LEAD.search(line) else False), None
            gov = governor_before(doc, line, len(line))
            return True, gov.year if gov and not gov.past else None
        if line and not line.startswith(("——", "—", "-", "•", "·")) and not LIST_ITEM.match(line):
            return False, None
        pos = line_start - 1
    return False, None


# A heading that names the year of the work it lists: `第二部分 2024年工作计划`, `二、2024年重点任务`.
PLAN_HEADING = regex.compile(r"^(?:(?!\d{4}).)*?(?P<y>20\d{2})年(?:(?!\d{4}).)*(?:计划|安排|要点|重点|任务|目标)")


def heading_year(ref: int | None, path: list[str]) -> int | None:
    """The year of the nearest heading on ``path`` that announces that year's work, if not past."""
    for title in reversed(path):
        m = PLAN_HEADING.match(title)
        if m and (ref is None or int(m.group("y")) >= ref):
            return int(m.group("y"))
    return None


def is_plan(doc: Structure) -> bool:
    """A forward-looking document: it has a plan period, or its title names a plan or a work programme."""
    return doc.meta.period is not None or bool(doc.meta.title and PLAN_TITLE.search(doc.meta.title))


# A technical standard, code or guide speaks of itself (`本标准`, `本规程`, `本导则`) and cites
# `规范性引用文件`: its numbers are norms, definitions and worked examples, never a government's goals
# (../shared/realcorpus/planning: 13_chengshi_tijian_guicheng_shixing `人均公园绿地面积（平方米）`,
# 14_xiangcun_qixiang_fangzai_guifan `如设定目标为每万人5个`). Its title is no help: the reader takes the
# drafting institutes (`…城市规划…`) or the `发布 … 实施` line for it.
STANDARD_MARK = regex.compile(r"规范性引用文件|本(?:标准|规程|导则|规范|指南)(?!申报)")
MIN_STANDARD_MARKS = 2

# Every word a goal decision can rest on (frame_of): a year or plan period (`到2025年`, `2024年，`, `“十四五”`),
# a horizon (`5年内`, `今后五年`, `未来三年`), `今年`/`本年`/`全年`, goal and hedge words, a lead's or a
# section's goal words (`目标`, `指标`, `任务`, `预期`), `每年`. A document with none of them, and no plan
# genre, holds no goal: none of its numbers needs reading (one scan instead of one decision per number).
GOAL_EVIDENCE = regex.compile(
    r"20\d{2}\s*年|十[一二三四五六七]五|年(?:内|时间|之内)|今后|未来|今年|本年|全年|每年|每一年|"
    r"力争|争取|努力|力求|确保|预期|预计|目标|指标|任务")


def may_hold_goals(doc: Structure) -> bool:
    """False when no number of ``doc`` can be a goal: a standard, or no goal evidence anywhere."""
    genre = genre_of(doc)
    return genre == "plan" or (genre != "standard" and GOAL_EVIDENCE.search(doc.text) is not None)


_GENRE_CACHE: list = [None, None]


def genre_of(doc: Structure) -> str:
    """`standard` (two marks of a standard), `plan` (is_plan) or `other`, once per document."""
    if _GENRE_CACHE[0] is not doc:
        marks = 0
        for _ in STANDARD_MARK.finditer(doc.text):
            marks += 1
            if marks >= MIN_STANDARD_MARKS:
                break
        genre = "standard" if marks >= MIN_STANDARD_MARKS else "plan" if is_plan(doc) else "other"
        _GENRE_CACHE[0], _GENRE_CACHE[1] = doc, genre
    return _GENRE_CACHE[1]


# Every year a time frame can name is written here: `20xx` (`到2025年`, `2024年，`, `2025年前`), a plan
# period (`“十四五”期间`, `到“十五五”末`) or `今年`/`本年` (the issue year). See FRAME_PATTERNS.
YEAR_WORDS = regex.compile(r"20\d{2}|十[一二三四五六七]五|今年|本年")


def only_results(doc: Structure, para: tuple[int, int]) -> bool:
    """True when ``frame_of`` would rule every number of the paragraph a result before reading its
    clause: the paragraph stands in a results section or a past zone (a work report's review half), and
    names no year after the reference year, which alone reopens goals there (frame_of's ``next_year``:
    `2025年，我们将…力争…` under `存在的问题和不足`). Such a paragraph need not be read number by number.

    Sections start at a line's first character, so one prose line lies in one section; a zone may start
    mid-line (`…。今年是…`), so the zone must be the same at both ends."""
    zones = zones_of(doc)
    zone = zones.at(para[0])
    if zone is not zones.at(para[1] - 1):
        return False
    if zone is not None and not zone.past:
        return False
    if zone is None and not in_achievement_section(doc, para[0]):
        return False
    ref = reference_year(doc)
    if ref is None:
        return True  # next_year needs a reference year
    this_year = issue_year(doc)
    for m in YEAR_WORDS.finditer(doc.text, para[0], para[1], overlapped=True):
        word = m.group()
        if word[0] == "2":
            year = int(word)
        elif word[0] == "十":
            year = FIVE_YEAR_END[word]
        else:
            year = this_year
        if year is not None and year > ref:
            return False
    return True


# The title of a glossary or notes section that closes a document (issue #16, class 4): `名词解释` after the end of
# 来宾.docx's work report explains programmes (`每年重点建设100个自治区级示范村…`); its numbers are no goals.
GLOSSARY_TITLE = regex.compile(r"^[ \t]*(?:\d+[ \t]*)?(?:附录[ \t]*[A-Z]?[ \t]*)?"
                               r"(?:名词解释|名词注释|术语解释|名词术语)(?:和说明)?[ \t]*$", regex.M)
_GLOSSARY_CACHE: list = [None, None]


def glossary_start(doc: Structure) -> int | None:
    """Where a closing glossary section starts (its title line), None when the document has none; once per
    document. Everything after the title is glossary: such notes close the document."""
    if _GLOSSARY_CACHE[0] is not doc:
        m = GLOSSARY_TITLE.search(doc.text)
        _GLOSSARY_CACHE[0], _GLOSSARY_CACHE[1] = doc, m.start() if m else None
    return _GLOSSARY_CACHE[1]


PAST_FRAME = Frame(False, None, False, False, "past")


def _past(*reasons: str) -> Frame:
    return Frame(False, None, False, False, "past", reasons)


def frame_of(doc: Structure, para: tuple[int, int], sentence: tuple[int, int], clause_start: int,
             value_start: int) -> Frame:
    """Decide goal / year / hedge / annual for a number at ``value_start`` (clean offsets). ``para``
    starts where the number's paragraph does and reaches at least past every number asked about in it.

    The evidence read, in order of precedence (the first that decides wins; ``Frame.reasons`` lists
    what was read, ``Frame.evidence`` names the deciding one, ``rules.EVIDENCE_WEIGHT`` weighs it):
    a results section or a past zone; a past time frame (`截至…`, `一年来`, `2023年，`) unless a strong
    hedge (力争/确保) reopens the future; a future time frame (`到2025年`, `今年`, `2024年，`) in the clause or
    paragraph; else a goal lead line (or a condition lead: never goals), a heading naming the year,
    the zone of this year's work; past words and baselines in the sentence (了/已/累计获得, `比2015年`);
    a year before the plan starts; then goal words (力争, 目标, 每年), a 目标 section, the genre (a plan)."""
    text = doc.text
    genre = genre_of(doc)
    if genre == "standard":
        return Frame(False, None, False, False, "standard", ("genre:standard",))
    ref = reference_year(doc)
    s_start, s_end = sentence
    head = text[s_start:value_start]
    clause = text[clause_start:value_start]
    why: list[str] = []
    # Year: nearest time frame before the number in the paragraph (`到2025年，` may open it); a past
    # one (`2023年，`, `一年来，`) holds until a new frame or an unambiguous hedge reopens the future.
    gov = paragraph_frames(doc, para).before(value_start - para[0], s_start - para[0])
    if CHECK_FRAMES:
        assert gov == governor_before(doc, text[para[0]:value_start], value_start - para[0], s_start - para[0])
    if gov:
        why.append(f"time-frame:{'past' if gov.past else 'future'}:{gov.year}")
    # A results section holds results, except a paragraph that opens the next year's work inside it
    # (`存在的问题和不足` … `2025年，我们将…力争…`).
    next_year = gov is not None and not gov.past and gov.year is not None and ref is not None and gov.year > ref
    zone = zones_of(doc).at(value_start)
    if zone is not None:
        why.append(f"zone:{'past' if zone.past else 'future'}:{zone.year}:{zone.evidence}")
    # A review section whose next heading the structure missed ends where this year's work opens
    # (马鞍山: `今年全市经济社会发展主要预期目标是：` inside `一、2023年工作回顾`).
    headings = heading_facts(doc, value_start)
    if headings.achievement and not next_year and (zone is None or zone.past):
        return _past(*why, "achievement-section")
    if zone is not None and zone.past and not next_year:
        return _past(*why, "past-zone")  # `一、2023年工作回顾` … until `二、2024年工作安排` (zones.py)
    if gov and gov.past and not STRONG_HEDGE.search(text, para[0] + gov.end, value_start):
        return _past(*why, "past-time-frame")
    if gov and gov.past:
        why.append("strong-hedge-reopens-future")
        gov = None
    evidence = ""
    found, year = gov is not None, gov.year if gov else None
    if gov:
        evidence = "clause" if gov.end + para[0] >= s_start else "paragraph"
    else:
        lead_found, lead_year = lead_line_year(doc, para[0])
        if lead_found is None:
            return Frame(False, None, False, False, "condition", (*why, "condition-lead"))
        if lead_found:
            found, year, evidence = True, lead_year, "lead"
        if year is None and (h_year := headings.year) is not None:
            found, year, evidence = True, h_year, "heading"
        elif year is None and zone is not None and zone.year is not None:
            # spec §3.3 (amended): the year of the heading or opening sentence of this year's work, also
            # under a lead line naming no year (`围绕总体要求和预期目标，重点做好以下工作：`)
            found, year, evidence = True, zone.year, "zone"
    # A frame opened inside the sentence (`2023年…12.6亿元，今年力争突破15亿元`) leaves what came before it
    # out of the tense check: the baseline clause is the past, the goal clause is not.
    since = para[0] + gov.end if gov and gov.end + para[0] > s_start else s_start
    future = found and (year is None or ref is None or year >= ref)
    # Under a future frame a past word in a later clause is about something else: `到2025年，新建全国重点实验室
    # 5个以上，推动现有省重点实验室优化重组`.
    until = s_end
    if future and (brk := CLAUSE_BREAK.search(text, value_start, s_end)):
        until = brk.start()
    if past := is_past(text[since:until], ref, future, genre == "plan"):
        return _past(*why, past)
    if year is None and not found and "全年" in head:  # WHOLE_YEAR
        year, found, evidence = issue_year(doc), True, "clause"
    if year is not None and ref is not None and year < ref:
        return _past(*why, f"year-before-reference:{year}")

    # 力争 governs forward to the sentence end, until a new clause opens with its own time frame
    # (`每年力争有10个以上项目…，到2025年，申报…150项以上`: the 150 is not hedged).
    hedged = "力" in head or "争取" in head  # HEDGE's words (力争, 力求, 努力, 争取): a cheap test first
    hedge_at = max((m.end() for m in HEDGE.finditer(head)), default=-1) if hedged else -1
    aspirational = hedge_at >= 0 and not any(
        g.start() > hedge_at and CLAUSE_BREAK.search(head, hedge_at, g.start())
        for pattern in (YEAR_GOVERNOR, HORIZON_GOVERNOR) for g in pattern.finditer(head))
    annual = ("每" in clause and bool(ANNUAL.search(clause))) \
        or annual_carries(text, s_start, clause_start, value_start)
    period = doc.meta.period
    if year is None and gov is None and not annual and period and period[0] == period[1]:
        # spec §3.3 (amended): in a document whose period is one year (`2026年…工作要点`, `…年度工作计划`,
        # `2025年…工作方案`: pipeline/meta.py title_period), that year, when no closer frame names one. Not a
        # horizon (`5年内`, `“十四五”期间` with no year: gov) and not a per-year goal (`每年…`).
        year = period[0]
        why.append(f"single-year-period:{year}")
    if annual and evidence in ("heading", "zone"):
        year = None  # a 每年… goal under a year's heading is per year, not for that year (spec: 每年… → null)
    goal = found or bool(GOAL_WORD.search(head))
    if not goal and headings.goal:
        goal, evidence = True, "section"
    if not goal and genre == "plan":
        goal, evidence = True, "genre"
    if goal and not evidence:
        evidence = "clause"
    why.append(f"goal:{evidence}" if goal else "no-goal-evidence")
    if aspirational:
        why.append("hedge")
    if annual:
        why.append("annual")
    return Frame(goal, year, aspirational, annual, evidence, tuple(why))


def annual_carries(text: str, s_start: int, clause_start: int, value_start: int) -> bool:
    """`每年选派…不少于30名，选认…特派员50名`: 每年 governs the verb phrases coordinated after it, until a
    clause states a level (`…，万人有效发明专利拥有量达到9.5件` is not annual) or a new time frame."""
    head = text[s_start:clause_start]
    if "每" not in head:  # ANNUAL's words: 每年, 每一年
        return False
    m = next(reversed(list(ANNUAL.finditer(head))), None)
    if m is None or not m.group().startswith("每"):
        return False
    rest = text[s_start + m.end():value_start]
    later_clauses = CLAUSE_BREAK.split(rest)[1:]
    return bool(later_clauses) and not any(
        STOCK_LEVEL.search(c) or YEAR_GOVERNOR.search(c) or THIS_YEAR.search(c) or WHOLE_YEAR.search(c)
        or HORIZON_GOVERNOR.search(c) for c in later_clauses)


def threshold_modifier(text: str, m: regex.Match) -> str | None:
    """A number that modifies the noun of a later value in its clause is no value of its own:
    money before 的 (`产值超百亿元的创新型领军企业`), money glued to a counted noun (`新签约10亿元以上项目50个`,
    `10亿元企业达25家` 六安.docx), and the sizes in a list a count sums up (`宏烨200万千瓦渔光互补、华能85万千瓦
    光伏发电等20个项目` 滨州.docx). Returns the evidence's name, None when the number is a value."""
    money = m.group("unit") == "元" or bool(m.group("mult") and not m.group("unit") and not m.group("nunit"))
    if money and text.startswith("的", m.end()):
        return "threshold-before-的"
    stop = CLAUSE_END.search(text, m.end())
    end = stop.start() if stop else len(text)
    if money and (later := MODIFIED_COUNT.match(text, m.end(), end)) and later.group("v"):
        return "threshold-of-counted-noun"
    if end - m.end() > 1 and m.group("post") in ("以上", "及以上"):  # a noun follows in the clause
        if RULE_SUBJECT_AFTER.match(text, m.end(), end):
            return "threshold-of-rule-subject"  # `5000平方米以上政府投资项目应当采用装配式建筑`
        if LATER_VALUE_SUBJECT.match(text, m.end(), end):
            return "threshold-of-later-value"  # `高考600分以上人数增长10%`
    listed = text.find("等", m.end(), end) >= 0 and LIST_TOTAL.search(text, m.end(), end)  # 等 first: cheap
    return "size-in-counted-list" if listed else None


def excluded(text: str, sent_start: int, left: int, head_start: int, m: regex.Match,
             c_start: int) -> str | None:
    """Funding amounts, budget lines and pools, eligibility conditions, capacities and the limits of a
    measure (time spans, earmarked shares, `最多`/`最长`, `原则上`) are not goals (spec §3.1, §3.3).

    `争取补助资金3000万元以上` is a goal of winning grants, so 争取 lifts the money exclusions.
    Returns the name of the evidence that rules the number out, None when none does.
    """
    start, end, unit = m.start(), m.end(), m.group("unit")
    clause = text[left:start]
    after = text[end:end + 4]
    if reason := catalogue_or_measure_term(text, sent_start, c_start, m):
        return reason
    if text[start - 1:start] in ("（", "(") and after[:1] in ("）", ")"):
        return "size-in-brackets"  # `嘉定老城特定区（3.92平方公里）` (plan_jiading_haimian): a size naming which area
    if unit == "元" and "争取" not in clause and (
            FUNDING_NEAR.search(clause + after) or BUDGET_LINE.search(clause) or POOL_AFTER.match(text, end)):
        return "funding"
    if unit in ("%", "‰") and GIVE_RE.search(text, c_start, start):
        return "funding-rate"  # `服务合同完成并经审核后，给予不超过20%的支持` (policy_jingan_chuhai)
    if text[c_start - 1:c_start] in ("（", "(") and BREAKDOWN.search(text, max(0, c_start - 24), c_start) \
            and not STOCK_IN_BRACKET.match(text, c_start):
        return "breakdown-of-a-total"  # `公园建设项目共计9个（嘉定新城5个、其他区域4个）` (plan_jiading_haimian)
    # Cheap tests before a pattern where one is exact: a word every match holds (`用于`, `按`, 每/单/同一), the
    # character a match ends on (CAPACITY_*) or starts with (TEXT_PARTS).
    if ("用于" in clause and EARMARK.search(clause)) or MEASURE_LIMIT.search(clause):
        return "limit-of-measure"
    if unit == "年一遇" and not STANDARD_GOAL.search(text, c_start, start) and not STANDARD_MET.match(text, end):
        return "design-standard"  # `重要地区30年一遇、其他地区20年一遇除涝标准` (plan_jiading_haimian)
    if unit in DURATION_UNITS and not DURATION_GOAL.search(clause) and not ANNUAL_FLOOR.search(clause):
        return "procedural-time-span"  # `公示期不少于5个工作日`: a time limit of a procedure
    # `按实际支付费用的60%兑付`, `按不低于10%的比例抽查`: a rate of a procedure
    if "按" in clause and RATE_OF.search(clause):
        return "procedural-rate"
    if unit in ("%", "‰") and COST_SHARE.search(clause):  # `市县两级财政各负担50%`
        return "cost-share"
    stop = CLAUSE_END.search(text, end)
    tail = text[end:stop.start() if stop else end]
    if "的" in tail and ATTRIBUTIVE_COVERB.search(text, sent_start, start):
        return "modifier-of-later-noun"  # `由市科技局…等18个部门为成员的…制度`: the number sits in a modifier
    if tail.startswith("的") and CONDITION_OBJECT.search(clause):
        return "condition-object"  # `对…比重超过5%的企业`: the number qualifies the object of 对
    # The condition governs its clause whole, also a value read after another (`按照…100年一遇、区域50年一遇
    # 洪水标准` plan_jiading_haimian: design standards that a project follows): a condition word opening
    # the value's clause, the stretch read for it or its indicator, or after a break inside the clause
    # (which holds the other two).
    if CONDITION_HEAD.search(text, c_start, start) or any(
            CONDITION_OPENS.match(text, opening, start) for opening in {c_start, left, head_start}):
        return "condition"
    if (may_end_with(clause, 0, len(clause), CAPACITY_HEAD_LAST) and CAPACITY_HEAD.search(clause)) or (
            may_end_with(text, c_start, start, CAPACITY_CHAIN_LAST) and CAPACITY_CHAIN.search(text, c_start, start)):
        return "capacity"
    if ("每" in clause or "单" in clause or "同一" in clause) and PER_ENTITY.search(clause) \
            and (unit == "元" or not PER_PLACE_FLOOR.search(clause)):
        return "limit-per-beneficiary"
    if after.startswith("规模"):
        return "size"
    if text[end:end + 1] in TEXT_PARTS_FIRST and TEXT_PARTS.match(text, end):
        return "parts-of-the-text"
    if unit in TASK_COUNT_UNITS and TASK_NOUN.match(text, end) \
            and TASK_SOURCE.search(text, c_start, m.start()):
        return "tasks-of-a-plan"  # `落实…明确的280项任务`: the tasks another text lists
    if unit == "小时" and (HOURS_MODIFIER_AFTER.match(text, end)
                         or HOURS_MODIFIER_BEFORE.search(text, c_start, m.start())):
        return "hours-as-modifier"  # `30座城市公园24小时开放`: when, not how much
    return "focus-of-the-text" if FOCUS_VERB.search(text, c_start, m.start()) else None


# A definition's head opens its line or cell: `计算方法：`, `1.指标说明：`.
DEFINITION_OPENS_WITHIN = 12


def catalogue_or_measure_term(text: str, sent_start: int, c_start: int, m: regex.Match) -> str | None:
    """Numbers of an assessment catalogue or a measure that read like goals and are none (issue #16, round 5):
    a formula's term, an indicator's definition, a scoring band, a headless 的 condition, a payment schedule,
    a revision cycle, the place an action happens, a glossary entry. Returns the evidence's name."""
    start, end, unit = m.start(), m.end(), m.group("unit")
    # Most values have none of these signs next to them: one look at each neighbour spares the searches.
    before = TERM_BEFORE.search(text, max(c_start, start - TERM_BEFORE_WIDTH), start) \
        if text[start - 1:start] in TERM_BEFORE_SIGNS or text[start - 1:start].isspace() else None
    after = TERM_AFTER.match(text, end) if text[end:end + 1] in TERM_AFTER_SIGNS else None
    if before and before.group("formula") and unit in ("%", "‰"):
        return "formula-term"  # `A/B×100%`
    if (before and before.group("band")) or (after and after.group("band")):
        return "scoring-band"  # `完成率<80%`, `80%≤完成率≤120%`
    if after and after.group("condition"):
        return "condition-clause"  # `比值不低于5%的，给予支持`, `长度超过2米的，`
    if (after and after.group("payment")) or (
            text.find("拨付", c_start, start) >= 0 and PAYMENT_BEFORE.search(text, c_start, start)):
        return "payment-schedule"  # `每年拨付20%`, `拨付比例分别为40%、30%、30%`
    line_start = text.rfind("\n", 0, start) + 1
    head_end = min(start, line_start + DEFINITION_OPENS_WITHIN)
    if (text.find("：", line_start, head_end) >= 0 or text.find(":", line_start, head_end) >= 0) \
            and DEFINITION_HEAD.search(text, line_start, head_end):
        return "definition"  # `计算方法：…`, `指标说明：…` opening the line or cell
    if unit == "次" and CYCLE.search(text, c_start, start):
        return "cycle"  # `每5年修订1次`
    if before and before.group("place") and PLACE_OF_ACTION_AFTER.match(text, end):
        return "place-of-action"  # `在10个左右重点领域开展…试点`
    line_end = text.find("\n", end)
    line_end = line_end if line_end >= 0 else len(text)
    if text.find("页", sent_start, line_end) >= 0 and GLOSSARY_ENTRY.search(text, sent_start, line_end):
        return "glossary-entry"  # `…50-300米半径…（第55页）`
    return None
