"""Find: read every plausible number of a prose clause into a goal candidate (EXTRACTION_SPEC.md §3.3).

A number with a measure word is read right to left into ``INDICATOR [level verb][comparator] VALUE
UNIT`` or number-first ``[verb] VALUE UNIT NOUN``; `分别` lists, `新增X（累计Y）`, elided subjects and rank
goals are their own constructions (one row each in ``rules.RULES``). Each candidate carries the
``Frame`` that keep.py decided for it; only goals leave ``find_in_paragraph``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace

import regex

from extractors.clauses import GOAL_CLAUSE
from extractors.numbers import parse_number, plain, scale
from extractors.targets.grammar import (
    BARE_NOT_BEFORE,
    BASELINE_TAIL,
    CHANGE,
    CLAUSE_END,
    CN_DIGIT_AFTER,
    CN_IN_NAME,
    CN_MIN_VALUE,
    CN_ORDINAL_BEFORE,
    CN_ORDINAL_UNITS,
    CODE_NUMBER,
    DIGIT_COUNT_AFTER,
    DROPPED_VERBS,
    EXAMPLES_BEFORE,
    FLOOR_BEFORE_ONE,
    FLOOR_BEFORE_VERB,
    FLOW_TAIL,
    FLOW_VERB,
    FROM_VALUE_AFTER,
    FROM_VALUE_BEFORE,
    GLOSS,
    GROWTH,
    HALF,
    HALF_CHANGE,
    KEPT_VERB_TAIL,
    KEPT_VERBS,
    LATER_NUMBER,
    LATIN_UNIT_RE,
    LEVEL_VERBS,
    LIGHT_VERB,
    LIST_PREDICATE,
    LIST_SPLIT,
    NAME_NUMBER_AFTER,
    NAME_NUMBER_BEFORE,
    NAME_NUMBER_ENDS,
    NEXT_ITEM,
    NOT_VALUE_AFTER,
    NOT_VALUE_SIGNS,
    NOUN_TAIL,
    PREFIX,
    RANK,
    RANK_VERB,
    REFERENCE_COMPARATOR,
    SHARE_UNITS,
    STOCK_NOUN,
    TAIL_ACTIVITY,
    TIME_TAIL,
    UNIT_HEADS,
    VALUE,
    VALUE_JOIN,
    VERB_BEFORE_MODIFIER,
    WORK_TAIL,
    YEAR_LIST_BEFORE,
    YEAR_LIST_HEAD,
    YEAR_OF_LIST,
    may_end_with,
    value_of,
)
from extractors.targets.keep import (
    Frame,
    excluded,
    frame_of,
    glossary_start,
    reference_year,
    threshold_modifier,
)
from extractors.targets.prose import clause_start, in_quotes, sentences_of
from extractors.targets.rules import (
    COUNT,
    CUMULATIVE,
    ELLIPSIS,
    HALF_RULE,
    LEVEL,
    NUMBER_FIRST,
    RANK_RULE,
    RESPECTIVELY,
    SHARE_OF_UNITS,
)
from extractors.words import LIST_JOIN_RE, POST_COMPARATOR, PRE_COMPARATOR
from pipeline.structure import Structure

# The noun a coordination of counts shares, after the last item's 的: `3个国家级和至少5个市级的创新中心`.
SHARED_HEAD = regex.compile(r"\d\p{Han}{0,2}[^，。；、的\d]{1,10}的(?P<head>[^，。；、的\d]{1,12})$")
# The first item of a long object phrase a number-first value counts, up to a list joiner or a 的.
LONG_OBJECT_HEAD = regex.compile(r"[^、，的和及与]{2,30}?(?=[、的和及与])")
# ... when the value counts households, people or things, not a plant's capacity in a list of projects
# (`鑫华1万吨电子级多晶硅、中锂三期…` 呼和浩特.docx stays unread).
COUNTED_OBJECT_UNITS = ("户", "人", "家", "个", "所", "座", "处", "套", "台", "辆", "项", "栋", "幢")
# The trigger of a half (`占全省一半以上`): a sentence without it holds none.
HALF_WORD = regex.compile(r"一半(?!导)|半数")
# Where a half's subject ends: a hedge or the verb that relates it to the whole (`首位产业规模力争占全省一半以上`).
# A hedge between subject and verb (力争, 原则上, 一般) is no part of the indicator; after 占 the whole is (spec §3.3
# `X占Y比重` style): `专业课教师原则上占教师总数一半以上` → `专业课教师占教师总数` (round 6).
HALF_SUBJECT_END = regex.compile(
    r"(?:力争|争取|确保|努力|原则上|一般|基本)?(?:(?P<share>占)|超过|达到|不少于|不低于|接近)")
# The trigger of a rank goal: a sentence without a rank verb holds none.
RANK_VERB_RE = regex.compile(RANK_VERB)
# A rank's subject is no indicator when it holds a value or a list (`货邮吞吐量120万吨、`).
RANK_SUBJECT_NOT = regex.compile(r"\d|、")
# A comparator word's comparator (`不少于` → ge), for every reader of comparators here and in task_cells.
PRE_COMPARATOR_OF = dict(PRE_COMPARATOR)
# `教育、卫生健康、社保就业等9项民生支出占一般公共预算支出的82.3%` (毕节.docx): a count closing an
# enumeration with 等 sums up the subject; when a level verb or comparator and a value follow, that value
# is the goal and the count is part of its indicator.
ENUMERATION_END = regex.compile(r"等\s*$")
LATER_GOAL_VALUE = regex.compile(
    "(?:" + "|".join(regex.escape(w) for w in sorted({*LEVEL_VERBS, *PRE_COMPARATOR_OF}, key=len, reverse=True)
                     if len(w) > 1) + r")\s*(?:约|近)?\d")
# The longest comparator or level verb ending an indicator, one search each (strip_level runs per value).
PRE_COMPARATOR_END = regex.compile(
    "(?:" + "|".join(regex.escape(w) for w in sorted(PRE_COMPARATOR_OF, key=len, reverse=True)) + ")$")
LEVEL_VERB_END = regex.compile(
    "(?:" + "|".join(regex.escape(w) for w in sorted(set(LEVEL_VERBS), key=len, reverse=True)) + ")$")
# The characters a match of each pattern anchored with $ ends on: a stretch ending on none of them is not
# searched (a plain `in` test costs a tenth of a regex call, and these run for every value read).
PRE_COMPARATOR_LAST = frozenset(w[-1] for w in PRE_COMPARATOR_OF)
LEVEL_VERB_LAST = frozenset(w[-1] for w in LEVEL_VERBS)
CHANGE_LAST = frozenset("番倍增、，,")  # CHANGE: `翻一番`…`倍增`, then 、 or ，
TIME_TAIL_LAST = frozenset("年月份前底末")  # TIME_TAIL: `2025年`, `6月份`, `年底前`, `年末`
GROWTH_LAST = frozenset("长幅速高升加降低少率")  # GROWTH: `增长`…`减少`, then 率
# The longest word DROPPED_VERBS or KEPT_VERBS matches whole.
MAX_VERB_INDICATOR = 3


@dataclass(frozen=True, slots=True)
class Hit:
    """A goal found in clean text, before it is written as a record."""

    start: int
    end: int
    indicator: str
    value: float
    unit: str | None
    comparator: str
    change: str | None
    frame: Frame
    rule: str

def plausible(text: str, m: regex.Match) -> bool:
    """A number that can be a goal value: it carries a measure word or 万/亿 (so `2025年` is out), is
    not part of a code (`1+N`, `20吨/年`, `1∶1`), and a Chinese numeral is at least 2 (`一批` is out)
    and not an ordinal (`二期工程`)."""
    num, unit, mult = m.group("num", "unit", "mult")
    after = text[m.end():m.end() + 1]  # cheap tests on the characters around the number first
    if not (unit or mult) or ((after.isspace() or after in NOT_VALUE_SIGNS) and NOT_VALUE_AFTER.match(text, m.end())):
        return False
    if unit == "位" and DIGIT_COUNT_AFTER.match(text, m.end()):
        return False  # `实现两位数增长`
    if (num[0] == "0" and CODE_NUMBER.match(num)) or (
            text[m.start() - 1:m.start()] in NAME_NUMBER_ENDS
            and NAME_NUMBER_BEFORE.search(text, max(0, m.start() - 1), m.start())
            and NAME_NUMBER_AFTER.match(text, m.end("num"))):
        return False  # `XX路899号`, `XX路899项目`, `01单元`: a numeral of a name or an address
    if not num[0].isdigit():
        # CN_ORDINAL_BEFORE ends at the number, so its last two characters decide it: searching from 0
        # would rescan the document before every value (quadratic, issue #10).
        number = parse_number(num)
        at_least_one = number == 1 and FLOOR_BEFORE_ONE.search(text, max(0, m.start() - 8), m.start())
        return number is not None and (number >= CN_MIN_VALUE or bool(at_least_one)) and bool(unit) \
            and unit not in CN_ORDINAL_UNITS and not CN_IN_NAME.match(num) \
            and not CN_DIGIT_AFTER.match(text, m.end()) \
            and not CN_ORDINAL_BEFORE.search(text, max(0, m.start() - 2), m.start())
    return True


def strip_prefixes(text: str, start: int, end: int) -> int:
    """Drop clause openers (`到2025年，`, `力争`, `全市`, `每年`) from the front of text[start:end]."""
    while start < end:
        m = PREFIX.match(text, start, end)
        if not m or m.end() == start:
            break
        start = m.end()
    return start


def strip_level(text: str, start: int, end: int, share: bool = False) -> tuple[int, str | None, str | None]:
    """Read the level verb, comparator and change off the end of an indicator: (end, cmp, change).
    ``share``: the value is a share or multiple of a reference, which may stand between the comparator and
    the value (`不少于城市建成区面积的7.5%`)."""
    comparator = change = None
    changed = True
    while changed and end > start:
        changed = False
        seg = text[start:end]
        if comparator is None and may_end_with(text, start, end, PRE_COMPARATOR_LAST) \
                and (m := PRE_COMPARATOR_END.search(seg)):
            end, comparator, changed = start + m.start(), PRE_COMPARATOR_OF[m.group()], True
        elif may_end_with(text, start, end, LEVEL_VERB_LAST) and (m := LEVEL_VERB_END.search(seg)):
            end, changed = start + m.start(), True
        elif change is None and may_end_with(text, start, end, CHANGE_LAST) and (m := CHANGE.search(seg)):
            end, change, changed = start + m.start(), m.group("change"), True
        elif may_end_with(text, start, end, TIME_TAIL_LAST) and (m := TIME_TAIL.search(seg)):
            end, changed = start + m.start(), m.end() > m.start()
        elif comparator is None and share and (m := REFERENCE_COMPARATOR.search(seg)):
            end, comparator, changed = start + m.start(), PRE_COMPARATOR_OF[m.group("cmp")], True
    return end, comparator, change


def comparator_of(m: regex.Match, pre: str | None) -> str:
    if m.group("num2"):
        return "ge"  # a range `3—5个` → the lower bound, ge (spec §3.3)
    post = m.group("post")
    if post:
        return POST_COMPARATOR[post]
    return pre or "eq"


# What explain() collects while it runs: (start, end, outcome, evidence) for every number read.
TRACE: list[tuple[int, int, str, tuple[str, ...]]] | None = None


def note(m: regex.Match, outcome: str, *evidence: str) -> None:
    if TRACE is not None:
        TRACE.append((m.start(), m.end(), outcome, evidence))


def find_in_paragraph(doc: Structure, para: tuple[int, int],
                      reframe: Callable[[Frame], Frame] | None = None) -> list[Hit]:
    """The goals of one prose paragraph. One pass finds its numbers (VALUE) and rank verbs; only the
    sentences holding one are read, each number from the start of its clause. ``reframe`` revises each
    goal decision where the paragraph is a task-table cell (task_cells.table_frame)."""
    text = doc.text
    hits: list[Hit] = []
    # Only a number with a measure word or 万/亿 can be a value (plausible), or a bare number a list joiner
    # follows (`力争达到407、700万千瓦`: in_lists gives it the last value's unit); the rest (`2025年`, the 一
    # of `进一步`) is most of what VALUE finds and is read no further.
    triggers = [m for m in VALUE.finditer(text, para[0], para[1])
                if m.group("unit") or m.group("mult") or LIST_JOIN_RE.match(text, m.end())]
    if (glossary := glossary_start(doc)) is not None and para[0] > glossary:
        for m in triggers:  # `名词解释` closing the document: its entries explain, they set no goals
            if plausible(text, m):
                note(m, "not-goal", "glossary-section")
        return hits
    ranked = RANK_VERB_RE.search(text, para[0], para[1]) is not None
    halved = HALF_WORD.search(text, para[0], para[1]) is not None
    if not triggers and not ranked and not halved:
        return hits
    # A number's time frame is read before it (keep.ParagraphFrames), so without rank verbs or halves (read
    # anywhere) the paragraph is framed up to its last number only.
    framed = para if ranked or halved else (para[0], triggers[-1].start() + 1)
    k_trigger = 0
    for sent in sentences_of(text, para):
        lo = k_trigger
        while k_trigger < len(triggers) and triggers[k_trigger].start() < sent[1]:
            k_trigger += 1
        if ranked:
            hits.extend(find_ranks(doc, framed, sent))
        if halved:
            hits.extend(find_halves(doc, para, sent))
        if lo == k_trigger:
            continue
        values = [m for m in in_lists(text, triggers[lo:k_trigger])
                  if not in_quotes(text, sent[0], m.start())]
        if TRACE is not None:  # a year, a code or formula (`60%+20%`), a numeral of a name, a quoted name
            for m in triggers[lo:k_trigger]:
                if m not in values and (m.group("unit") or m.group("mult")):
                    note(m, "not-value", "in-quotes" if plausible(text, m) else "code-formula-or-name")
        consumed = sent[0]
        k = 0
        while k < len(values):
            m = values[k]
            group = [m]
            while k + len(group) < len(values) and VALUE_JOIN.match(
                    text[group[-1].end():values[k + len(group)].start()]):
                group.append(values[k + len(group)])
            c_start = clause_start(text, sent[0], m.start())
            left = max(c_start, consumed)
            left = skip_joiner(text, left, m.start())
            built, consumed_to = build_hits(doc, framed, sent, left, group, hits, c_start)
            if built and built[0].rule != RESPECTIVELY:
                group = group[:1]  # a plain chain: the next value is read on its own
            hits.extend(built)
            consumed = max(consumed, consumed_to)
            k += len(group)
    if reframe is not None:
        hits = [replace(h, frame=reframe(h.frame)) for h in hits]
    if TRACE is not None:
        TRACE.extend((h.start, h.end, f"{'goal' if h.frame.goal else 'not-goal'} {h.rule}", h.frame.reasons)
                     for h in hits)
    return [h for h in hits if h.frame.goal]


def bare(text: str, m: regex.Match) -> bool:
    """A number with no measure word, magnitude or comparator of its own, and no year or date."""
    return m.group("num")[0].isdigit() and not (m.group("unit") or m.group("mult") or m.group("nunit")
                                                or m.group("post") or m.group("num2") or m.group("about")) \
        and not BARE_NOT_BEFORE.match(text, m.end())


def in_lists(text: str, triggers: list[regex.Match]) -> list[regex.Match]:
    """The plausible values, and the bare numbers of a list whose last value carries the measure word they
    share (`分别不低于200、300万千瓦`); read back from the end of each list."""
    keep = [False] * len(triggers)
    for i in range(len(triggers) - 1, -1, -1):
        m = triggers[i]
        keep[i] = plausible(text, m) or (
            i + 1 < len(triggers) and keep[i + 1] and bare(text, m)
            and LIST_JOIN_RE.fullmatch(text, m.end(), triggers[i + 1].start()) is not None)
    return [m for m, k in zip(triggers, keep, strict=True) if k]


def year_list(text: str, sent_start: int, left: int, value_start: int) -> tuple[list[int], int]:
    """The years a list of values is paired with, and where the clause's head starts after them:
    `2024、2025年全市…` (at the head) or `2025年、2027年，…` (closing the clause before); ([], left) if none."""
    if m := YEAR_LIST_HEAD.match(text, left, value_start):
        return [int(y) for y in YEAR_OF_LIST.findall(m.group("list"))], m.end()
    if m := YEAR_LIST_BEFORE.search(text, max(sent_start, left - 40), left):
        return [int(y) for y in YEAR_OF_LIST.findall(m.group("list"))], left
    return [], left


def skip_joiner(text: str, left: int, end: int) -> int:
    """Skip the joiner that opens a clause: `、`, `，`, or one of 和/及/与/的 standing alone; after `、` a 和
    starts a name (`和美乡村中心村32个` 合肥.docx)."""
    start = left
    while left < end and text[left] in "、，,":
        left += 1
    if left == start:
        while left < end and text[left] in "和及与的":
            left += 1
    return left


def build_hits(doc: Structure, para, sent, left: int, group: list[regex.Match],
               previous: list[Hit], c_start: int) -> tuple[list[Hit], int]:
    """Read one value (or a 分别 list) leftwards into its indicator; ([], end) when it is no goal.
    ``c_start``: where the value's clause starts (``clause_start``)."""
    text = doc.text
    m = group[0]
    years, left = year_list(text, sent[0], left, m.start())
    head_start = strip_prefixes(text, left, m.start())
    if head_start == left + 1 and text[left - 1:left] == "、" and text[left] in "和及与":
        head_start = left  # `、和美乡村中心村32个` (合肥.docx): after 、 the 和 opens a name
    raw_head = text[head_start:m.start()]
    end, pre, change = strip_level(text, head_start, m.start(), share=m.group("unit") in SHARE_UNITS)
    level_end = end
    val = value_of(m)
    if threshold := threshold_modifier(text, m):
        note(m, "not-value", threshold)
        return [], left  # the clause's noun and its count come after: `培育产值超百亿元的…企业5家`
    if text.find("由", left, m.start()) >= 0 and FROM_VALUE_BEFORE.search(text, left, m.start()) \
            and FROM_VALUE_AFTER.match(text, m.end()):
        note(m, "not-value", "baseline-of-a-change")
        return [], left  # the value the change verb leads to is the goal; its head starts at the clause

    if val is None or (reason := excluded(text, sent[0], left, head_start, m, c_start)):
        note(m, "not-goal", reason if val else "no-number")
        return [], m.end()
    value, unit = val
    paired = len(group) > 1 and len(years) == len(group)
    shared_unit = len(group) > 1 and bare(text, m) and "分别" in raw_head  # `分别外出招商1、2、3次以上`
    if unit is None and pre is None and end == m.start() and not (paired or shared_unit):
        note(m, "not-value", "bare-number")
        return [], m.end()  # a bare number with neither measure word nor level verb
    # The time frame is read once the number's own clause has not ruled it out: it costs the most.
    frame = frame_of(doc, para, sent, c_start, m.start())
    respectively = "分别" in raw_head[end - head_start:] or (raw_head.endswith("分别") and len(group) > 1)
    if respectively or paired or (len(group) > 1 and "分别" in raw_head):
        hits = respectively_hits(doc, sent, left, head_start, end, group, frame, pre)
        if paired:  # `2024、2025年…分别达到10万辆、15万辆`: each value is its own year's goal
            hits = [replace(h, frame=frame_for_year(doc, h.frame, y)) for h, y in zip(hits, years, strict=True)]
        return hits, group[-1].end()
    if bare(text, m):
        note(m, "not-value", "bare-number")
        return [], m.end()  # a bare number of a list read as one value each: no measure word of its own
    growth = GROWTH.search(text, head_start, end) if may_end_with(text, head_start, end, GROWTH_LAST) else None
    if growth:  # `年均增长12%以上`: the value is the change itself, written without its comparator
        end, change = growth.start(), text[growth.start():m.start("post") if m.group("post") else m.end()]
    baseline = BASELINE_TAIL.search(text, head_start, end)
    end = baseline.start() if baseline else end
    indicator = text[head_start:end].strip()
    cmp = comparator_of(m, pre)
    same_sentence = [h for h in previous if h.start >= sent[0]]
    if indicator in ("", "累计") and (text[left - 1:left] in "（(" or indicator == "累计") and same_sentence:
        base = FLOW_VERB.sub("", same_sentence[-1].indicator)  # 新增X（累计Y）: two records (spec §3.3)
        return [Hit(head_start, m.end(), "累计" + base, value, unit, cmp, change, frame,
                    CUMULATIVE)], m.end()
    if STOCK_NOUN.fullmatch(indicator) and same_sentence:
        indicator = ""  # `新增高新技术企业100家，总量达到500家`: the stock of the subject before
    stop = CLAUSE_END.search(text, m.end(), sent[1])
    has_tail = bool(text[m.end():stop.start() if stop else sent[1]].strip(" 的以上左右"))
    if not indicator and not has_tail and text[left:m.start()].strip():  # `…翻一番，达到200亿元`
        if same_sentence:
            # `技术合同成交额12.6亿元，今年力争突破15亿元`: after a baseline the record spans from its subject
            base = same_sentence[-1]
            start = base.start if frame.goal and not base.frame.goal else head_start
            indicator = base.indicator
            if stock := STOCK_NOUN.match(text, head_start, m.start()):  # `高新技术企业净增200家以上、总数突破2180家`
                indicator = FLOW_TAIL.sub("", FLOW_VERB.sub("", indicator)) + stock.group()
            return [Hit(start, m.end(), indicator, value, unit, cmp, change, frame,
                        ELLIPSIS)], m.end()
        subject = elided_subject(text, sent, left)
        if subject:
            s_start, s_end, s_change = subject
            return [Hit(s_start, m.end(), text[s_start:s_end], value, unit, cmp, change or s_change, frame,
                        ELLIPSIS)], m.end()
        return [], m.end()
    if not indicator or (len(indicator) <= MAX_VERB_INDICATOR
                         and (DROPPED_VERBS.match(indicator) or KEPT_VERBS.match(indicator))):
        return number_first(doc, sent, head_start, end, m, val, frame, pre)
    if pre is None and level_end == m.start() and m.group("unit") and NOUN_TAIL.match(text, m.end(), sent[1]):
        # `加快实施680个省市县重点项目`: the noun after the number is what is counted, whatever the verb (in
        # its sentence: a table cell ending in the number has no noun after it, whatever cell comes next)
        return number_first(doc, sent, head_start, end, m, val, frame, pre)
    if previous and FLOW_VERB.match(previous[-1].indicator) and not FLOW_VERB.match(indicator) \
            and text[left - 1:left] == "、" and previous[-1].frame == frame:
        indicator = FLOW_VERB.match(previous[-1].indicator).group() + indicator
    if pre is None and level_end == m.start() and "、" in indicator and m.group("unit") \
            and LATIN_UNIT_RE.match(m.group("unit")):
        # `加快泰安二期抽水蓄能、中能建350MW、中电建2×300MW…` (泰安.docx): a Latin-letter capacity glued to a
        # name in a list of projects, with no level verb, sizes the project; it is no goal
        note(m, "not-goal", "capacity-in-a-name")
        return [], m.end()
    if pre is None and level_end == m.start() and text[m.end():m.end() + 1] == "的" \
            and VERB_BEFORE_MODIFIER.search(indicator):
        # `引导完成2000万平方米以上的既有建筑节能改造示范项目`: the value modifies the noun after 的
        return number_first(doc, sent, head_start, end, m, val, frame, pre)
    indicator = GLOSS.sub("", indicator) if "的" in indicator else indicator
    rule = LEVEL if (pre or end < m.start() - len(change or "")) else COUNT
    if pre is None and not m.group("post") and text.find("少", max(head_start, end - 7), end) >= 0 \
            and FLOOR_BEFORE_VERB.search(text, max(head_start, end - 7), end):
        cmp = "ge"  # `每个园区至少储备土地1000亩` (贵港.docx): a floor on the verb before the object and value
    return [Hit(head_start, m.end(), indicator, value, unit, cmp, change, frame, rule)], m.end()


def frame_for_year(doc: Structure, frame: Frame, year: int) -> Frame:
    """A goal frame given the year of its place in a year list; a year before the plan starts is a baseline."""
    ref = reference_year(doc)
    if ref is not None and year < ref:
        return replace(frame, goal=False, year=None, evidence="past", reasons=(*frame.reasons, f"year-list:{year}"))
    return replace(frame, year=year, reasons=(*frame.reasons, f"year-list:{year}"))


def elided_subject(text: str, sent, left: int) -> tuple[int, int, str | None] | None:
    """The subject of the clause before ``left``: `研发经费投入比2020年翻一番，达到200亿元`."""
    prev_end = left - 1
    if prev_end <= sent[0] or text[prev_end] not in GOAL_CLAUSE:
        return None
    start = strip_prefixes(text, clause_start(text, sent[0], prev_end), prev_end)
    end, _, change = strip_level(text, start, prev_end)
    cut = BASELINE_TAIL.search(text, start, end) or GROWTH.search(text, start, end)
    end = cut.start() if cut else end
    if end <= start or any(plausible(text, v) for v in VALUE.finditer(text, start, prev_end)):
        return None
    return start, end, change


def number_first(doc: Structure, sent, verb_start: int, verb_end: int, m: regex.Match,
                 val: tuple[float, str | None], frame: Frame, pre: str | None) -> tuple[list[Hit], int]:
    """`转化10项重大科技成果`, `实现100项…突破`, `50%以上的县（市、区）…`: the noun follows the number
    (``val``: its value_of)."""
    text = doc.text
    if not m.group("num")[0].isdigit() and not FLOOR_BEFORE_ONE.search(text, max(0, m.start() - 8), m.start()):
        return [], m.end()  # a Chinese numeral counts before its noun only after a floor: `至少建设一所…学校`
    if pre is None and (floor := FLOOR_BEFORE_VERB.search(text, max(verb_start, m.start() - 7), m.start())):
        pre = PRE_COMPARATOR_OF[floor.group("cmp")]  # `至少建设一所…`: the floor opens the verb phrase
    if m.group("unit") and LATIN_UNIT_RE.match(m.group("unit")):
        # `推动中储国能300MW项目并网发电` (泰安.docx), `华兴5GW高效电池` (百色.docx): a capacity in Latin
        # letters before a noun is the size in a project's or plant's name, not a count of the noun
        note(m, "not-goal", "capacity-in-a-name")
        return [], m.end()
    stop = CLAUSE_END.search(text, m.end(), sent[1])
    tail_end = stop.start() if stop else sent[1]
    if ENUMERATION_END.search(text, sent[0], m.start()) and LATER_GOAL_VALUE.search(text, m.end(), tail_end):
        note(m, "not-value", "count-of-an-enumerated-subject")
        return [], m.end()
    shared = ""
    if nxt := NEXT_ITEM.search(text, m.end(), tail_end):
        # `建成3个国家级和至少5个市级的创新中心`: the head after the last item's 的 is every item's noun
        if head := SHARED_HEAD.search(text, nxt.end(), tail_end):
            shared = head.group("head")
        tail_end = nxt.start()
    elif (later := LATER_NUMBER.search(text, m.end(), tail_end)) and \
            (joint := text.rfind("、", m.end(), later.start())) > m.end() and \
            text.count("（", m.end(), joint) == text.count("）", m.end(), joint):
        tail_end = joint  # `新建13个社区嵌入式养老院、改造提升16家…敬老院` (抚州.docx): the next item has its verb
    tail_start = m.end() + (1 if text[m.end():m.end() + 1] == "的" else 0)
    rule = NUMBER_FIRST
    light = None
    if VALUE.search(text, tail_start, tail_end) and text[m.end():m.end() + 1] == "的":
        unit_noun = UNIT_HEADS.match(text, tail_start, tail_end)
        if not unit_noun:
            return [], m.end()
        tail_end, rule = unit_noun.end(), SHARE_OF_UNITS
    noun = text[tail_start:tail_end].strip()
    if rule == NUMBER_FIRST and (light := LIGHT_VERB.match(noun)):
        # `约24公里进行修复或改造`: the action after the light verb is the indicator, activity words and all
        noun, tail_start = noun[light.end():], tail_start + light.end()
    elif rule == NUMBER_FIRST and tail_start == m.end() and (activity := TAIL_ACTIVITY.search(noun)) \
            and activity.start() > 1:
        # after 的 the activity is what the amount measures: `完成20万平方米以上的老旧小区改造` keeps 改造
        noun, tail_end = noun[:activity.start()], tail_start + activity.start()
    if len(noun) > 30 and "的" in noun and not m.group("num")[0].isdigit():
        # `至少建设一所符合…、以…为主的中等职业学校`: a count of one names the head after its long modifier
        noun = noun[noun.rfind("的") + 1:]
    elif len(noun) > 30 and val[1] in COUNTED_OBJECT_UNITS and (first := LONG_OBJECT_HEAD.match(noun)):
        # `推进5万户老旧小区居民用户、沿街商铺用户…的安装工作`: a long object phrase counts its first item
        noun, tail_end = first.group(), tail_start + first.end()
    if rule == NUMBER_FIRST and "等" in noun and (examples := EXAMPLES_BEFORE.match(noun)):
        noun = WORK_TAIL.sub("", noun[examples.end():])  # `5万户老旧小区等居民用户的燃气管道改造工作`
    if not noun or len(noun) > 30:
        return [], m.end()
    if shared and "的" not in noun and not shared.startswith(noun):
        noun += shared
    kept = KEPT_VERB_TAIL.search(text, verb_start, verb_end)
    kept = kept if kept and kept.end() == verb_end else None
    start = kept.start() if kept and not light else m.start()
    indicator = (kept.group() if kept and not light else "") + noun
    return [Hit(start, tail_end, indicator, *val, comparator_of(m, pre), None, frame, rule)], tail_end


def respectively_hits(doc: Structure, sent, left: int, head_start: int, head_end: int,
                      group: list[regex.Match], frame: Frame, pre: str | None = None) -> list[Hit]:
    """`高新技术企业、科技型中小企业分别达到1800家和2700家`: one record per value (spec §3.3).

    Record i spans from its own indicator to its own value (gold convention 6); a trailing 以上 after
    the last value applies to every value, and so does a comparator before the first
    (`营收分别突破2000亿元、1600亿元` 滨州.docx → gt, gt).
    """
    text = doc.text
    cut = text.find("分别", head_start, group[0].start())
    list_start, list_end = head_start, cut if cut >= 0 else head_end
    if list_end <= list_start:  # the list sits in the clause before: `A和B数量实现新增长，分别达到…`
        prev_end = left - 1
        list_start = strip_prefixes(text, clause_start(text, sent[0], prev_end), prev_end)
        pred = LIST_PREDICATE.search(text, list_start, prev_end)
        list_end = pred.start() if pred else prev_end
    items = []
    pos = list_start
    for sep in LIST_SPLIT.finditer(text, list_start, list_end):
        items.append((pos, sep.start()))
        pos = sep.end()
    items.append((pos, list_end))
    shared_name = len(items) != len(group)
    if shared_name:
        items = [(list_start, list_end)] * len(group)
    last_post = group[-1].group("post")
    last = group[-1]
    hits = []
    for i, ((s, e), m) in enumerate(zip(items, group, strict=True)):
        cmp = POST_COMPARATOR[last_post] if last_post and not m.group("post") else comparator_of(m, pre)
        value, unit = value_of(m)
        owner = next((v for v in group[i:] if not bare(text, v)), last) if bare(text, m) else m
        if owner is not m:  # `200、300万千瓦`: the magnitude and unit written once after the list's last value
            value = plain(scale(parse_number(m.group("num")), owner.group("mult")))
        if unit is None and (owner.group("unit") or owner.group("nunit")):
            unit = value_of(owner)[1]
        elif unit is None and (last.group("unit") or last.group("nunit")):
            unit = value_of(last)[1]
        if shared_name and e > s:  # `新能源汽车产量力争分别…` (one name for every value): no level verb in it
            e = strip_level(text, s, e)[0]
        hits.append(Hit(s, m.end(), text[s:e].strip(), value, unit, cmp, None, frame,
                        RESPECTIVELY))
    return hits


def find_ranks(doc: Structure, para, sent) -> list[Hit]:
    """Rank goals: `进入全国高新区前30强` → 30 名 le (spec §3.3); `跻身全国科技创新百强县（市）` → 100."""
    text = doc.text
    hits = []
    for m in RANK.finditer(text, sent[0], sent[1]):
        n = parse_number(m.group("n") or m.group("cn") or m.group("ord"))
        if n is None:
            continue
        left = clause_start(text, sent[0], m.start())
        subj_start = strip_prefixes(text, left, m.start())
        subj_end, _, _ = strip_level(text, subj_start, m.start())
        frame = frame_of(doc, para, sent, left, m.start())
        subject = text[subj_start:subj_end].strip()
        if subject and not RANK_SUBJECT_NOT.search(subject):
            start, end, indicator = subj_start, m.end(), subject
        elif subject and m.group("obj").strip():
            # `力争货邮吞吐量120万吨、进入全国前四` (wr_ezhou_2024): the clause before is another goal, the
            # field ranked in is the object (`全国`, `全国县域经济`)
            start, end, indicator = m.start(), m.end(), m.group("obj").strip()
        else:
            stop = CLAUSE_END.search(text, m.end(), sent[1])
            start, end = m.start("obj"), stop.start() if stop else sent[1]
            indicator = text[start:end].strip()
        hits.append(Hit(start, end, indicator, int(n), "名", "le", None, frame, RANK_RULE))
    return hits


def find_halves(doc: Structure, para, sent) -> list[Hit]:
    """Half as a share (issue #16, class 6): `首位产业规模力争占全省一半以上` (芜湖.docx) → 50 % ge;
    `超过一半` → gt; `办理时限压减一半以上` → 50 % ge with the change `压减一半`."""
    text = doc.text
    hits = []
    for m in HALF.finditer(text, sent[0], sent[1]):
        if in_quotes(text, sent[0], m.start()):
            continue
        left = clause_start(text, sent[0], m.start())
        head_start = strip_prefixes(text, left, m.start())
        head_end, head_cmp, _ = strip_level(text, head_start, m.start())
        change = None
        if verb := HALF_CHANGE.search(text, head_start, m.start()):
            head_end, change = verb.start(), text[verb.start():m.end("half")]
        whole = ""
        if cut := HALF_SUBJECT_END.search(text, head_start, head_end):
            whole = "占" + text[cut.end():m.start()].strip().removesuffix("的") if cut.group("share") else ""
            head_end = cut.start()
        indicator = GLOSS.sub("", text[head_start:head_end]).strip()
        if not indicator or LATER_NUMBER.search(indicator):
            note(m, "not-value", "half-without-subject")
            continue
        indicator += whole if len(whole) > 1 else ""
        if m.group("post"):
            cmp = POST_COMPARATOR[m.group("post")]
        elif m.group("pre"):
            cmp = PRE_COMPARATOR_OF.get(m.group("pre"), "eq")
        else:
            cmp = head_cmp or "eq"
        frame = frame_of(doc, para, sent, left, m.start())
        hits.append(Hit(head_start, m.end(), indicator, 50, "%", cmp, change, frame, HALF_RULE))
    return hits
