"""funding extractor (EXTRACTION_SPEC.md §3.1): amounts and rates the document's government grants.

Find, then build (STYLE.md §2). ``find_mentions`` collects every money amount, rate, 1∶1 match and
不设上限 in a sentence; ``keep_grants`` drops what the spec says is not funding (statistics, targets,
fund sizes, payment schedules, eligibility thresholds, cost sharing, other governments' money) and
what no word of granting governs; ``link`` applies the 分别/最高 list rule and binds a rate to the
cap that bounds it; ``to_record`` maps each kept mention to a ``Funding`` with source coordinates.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import pairwise

import regex

from extractors import funding_context as ctx
from extractors.numbers import MATCH_RATIO, MONEY, PERCENT, parse_number, percent_value, to_yuan
from extractors.targets.zones import zones_of
from extractors.words import (
    AMOUNT_START,
    ARABIC,
    ARTICLE,
    CAP_AFTER_WORDS,
    CAP_WORDS,
    COST_SHARING_RE,
    COUNT_DIGIT,
    FLOOR_WORDS,
    GOV_LEVEL,
    GRANT_ACT_RE,
    LEVEL_RANK,
    LIST_JOIN_RE,
    MAGNITUDE,
    MAGNITUDE_NO_YUAN,
    NUMBER,
    RANGE_MARK,
    RATE_CAP_WORDS,
    SUPPORT_AFTER_BARE_AMOUNT,
)
from extractors.words import (
    ISSUER_LEVEL as ISSUER_LEVEL_WORDS,
)
from extractors.words import (
    ISSUER_ORGAN as ISSUER_ORGAN_WORDS,
)
from extractors.words import (
    THRESHOLD_AFTER as THRESHOLD_AFTER_WORDS,
)
from extractors.words import (
    UNCAPPED as UNCAPPED_WORDS,
)
from pipeline.models import Funding, FundingKind, Per
from pipeline.structure import Structure

# --- candidates -------------------------------------------------------------------------------
# `给予50万奖励`: 万/亿 with no 元, only right before a support word.
MONEY_NO_YUAN = regex.compile(
    rf"{AMOUNT_START}(?P<num>{NUMBER})\s*(?P<mult>{MAGNITUDE_NO_YUAN})(?!元)"
    rf"(?=的?(?:一次性)?(?:资金)?{SUPPORT_AFTER_BARE_AMOUNT})"
)
# `按3%—10%给予奖励` → one rate, the upper bound (spec §3.1).
# Possessive: `\s*[%‰]?\s*` over a long run of blanks would otherwise try every split of the run.
RATE_RANGE = regex.compile(
    rf"(?<!\d)(?P<lo>{ARABIC})\s*+[%‰]?+\s*+{RANGE_MARK}++\s*+(?P<hi>{ARABIC})\s*+(?P<sign>[%‰])"
)
# `给予10万—50万元资助`, `20万元至50万元`: one cap of the upper bound, spanned on the range (like the
# spec's rate range `按3%—10%`). No `（含）` inside: `5000万元（含）至1亿元的` is a threshold tier.
MONEY_RANGE = regex.compile(
    rf"{AMOUNT_START}(?P<lo>{NUMBER})\s*+{MAGNITUDE}?元?\s*+{RANGE_MARK}\s*+"
    rf"(?P<num>{NUMBER})\s*+(?P<mult>{MAGNITUDE})?\s*元"
)
# `1∶1配套`; `3∶3∶4` is a split, not a match.
MATCH = regex.compile(rf"(?<![\d.∶:：]){MATCH_RATIO.pattern}(?!\s*[∶:：]\s*\d)")
# `按…10%给予奖补，奖补资金不设上限`: binds the rate before it like a cap (one `uncapped` record with ratio).
UNCAPPED = regex.compile(UNCAPPED_WORDS)
# Cap qualifiers before the amount (`最高`, `不超过`, `最高补助不超过`, `最高给予`); span starts there.
CAP_BEFORE = regex.compile(
    rf"{CAP_WORDS}"
    r"(?:给予|予以|补助|补贴|奖励|资助|支持|奖补|金额|额度|可达|可|为|达|不超过|不高于|不多于)*$"
)
# A rate's own qualifier right before it: `最高50%`, `不超过30%`.
RATE_QUALIFIER = regex.compile(rf"{RATE_CAP_WORDS}$")
# ... or after it: `50万元封顶`, `50万元以内`.
CAP_AFTER = regex.compile(CAP_AFTER_WORDS)
# `300元/亩`, `50元/人·天`: a per-unit rate, kind fixed (spec §3.1).
UNIT_AFTER = regex.compile(r"\s*/\s*(?:人·?[年月天日次]?|[年月天日次亩户家项台套件吨个]|平方米|㎡|千瓦)")
UNIT_BEFORE = regex.compile(r"每(?:人|亩|平方米|户|天|日|月|次)(?:每(?:天|日|月|年|次))?\p{Han}{0,4}$")

# --- grant evidence ---------------------------------------------------------------------------
# Language of granting (`给予`, `奖励`, `补助`…); 补助资金 / 支持政策 are nouns, not acts of granting.
GRANT = GRANT_ACT_RE
# Statistics, targets, thresholds and pools (`争取支持资金`, `超过800亿元`, `设立…基金`, `安排资金`).
# Not blockers: a relative `获得的本条奖励`, a total's ceiling `奖励合计不超过30万元`, and `发放生活补贴`
# (only `发放贷款…亿元` is a statistic).
NOT_GRANT = regex.compile(
    r"争取|获批|获得(?!的)|达到|(?<!不)超过|突破|完成|(?:累计|共计|合计|总计)(?!(?:最高)?(?:不超过|不高于|最多|最高))|"
    r"实现|增长|增加|提高|提升|增幅|下降|降低|发放(?!\p{Han}{0,4}(?:补贴|补助|奖励|津贴|资助|奖金))|带动|撬动|"
    r"吸引|拉动|筹集|募集|设立|安排|统筹|设置|规模|比重|占比|翻一番|营业收入|销售收入|产值|"
    # money taken back, not granted: `收回结余资金46万元`, `追回已拨付资金`
    r"收回|追回|退回|扣减|核减"
)
# A statistic sentence: `截至2020年…`, `“十三五”期间…`.
STAT_CONTEXT = regex.compile(r"截至|截止|十三五”?期间|十二五”?期间|近年来")
# Eligibility thresholds: `300万元以上`, `10万元（含）以上`, and a tier's bound `5000万元（含）至1亿元的`.
THRESHOLD_AFTER = regex.compile(THRESHOLD_AFTER_WORDS)
# A floor is a requirement, never a grant: `单笔投资额不低于50万元`, `比例不低于70%`, `按照不低于10%的比例…
# 抽查`; only `给予不低于…` grants.
FLOOR_BEFORE = regex.compile(rf"(?<!给予|予以){FLOOR_WORDS}(?:为|达到?)?$")
# A share of a recorded grant or of income put to a use: `奖励资金的70%用于奖励团队`, `其余30%由…统筹用于`,
# `收益…按照…的比例用于奖励完成人`: `用于` after the rate in its clause, or `其余` right before it.
SHARE_USE = regex.compile(r"用于|其余|剩余")
# Attributive amount (`总规模10亿元的引导基金`, `营收不超过2亿元的企业`) unless a form word follows.
ATTRIBUTIVE = regex.compile(r"(?:以下|以内)?的")
# Another government's money: `在省补贴60%补助的同时`, `除省级财政奖励资金外`, and an earlier grant that
# this one tops up: `在国家给予每家50万元奖励的基础上` (only the 省级再给予 amount after it is a record).
OTHER_GOVERNMENT = regex.compile(r"在[^，。；]{0,30}?(?:的同时|之外|以外|的?基础上)|除[^，。；]{0,30}?(?:外|以外|之外)")
# The government that grants an amount, right before 给予 in its clause: `设区市可…再给予不低于20%`,
# `省科技厅对首次认定企业给予的10万元`, `国家给予每家50万元`. One of another level than the
# document's issuer pays it itself (spec §3.1: amounts that another level of government pays).
GRANTOR = regex.compile(
    rf"\s*(?:{ARTICLE}\s*)?(?P<level>{GOV_LEVEL})(?:级)?(?:财政|政府|人民政府|\p{{Han}}{{0,6}}?[厅局委])?"
    r"(?:可|可以|也可|还可|另行|再)?(?:在[^，。；]{0,20}?基础上)?(?:再|另行)?(?:对[^，。；]{0,30}?)?(?:给予|予以)"
)
LEVEL_OF = LEVEL_RANK
# The issuer's level: the first of 省 / 自治区 / 市 / 县 / 区 in its name (`江西省科学技术厅` → 省).
# The last level before the organ: `绵阳市涪城区人民政府办公室` → 区, `长兴县人民政府办公室` → 县.
ISSUER_LEVEL = regex.compile(ISSUER_LEVEL_WORDS)
ISSUER_ORGAN = regex.compile(ISSUER_ORGAN_WORDS)
# `其中`: the amounts that follow split the one before.
BUDGET_PARTS = regex.compile(r"\s*其中")
# `按/按照/依据…`: what follows until the rate is the base it is computed on, not a statistic.
RATE_BASIS = regex.compile(r"按照?|依据|根据|以")
# Cost sharing between governments: `市县两级财政各负担50%`, `按1∶1比例分担`.
# `所需资金由市、县两级财政按5∶5比例承担`.
COST_SHARING = COST_SHARING_RE
# Payment schedules that split a recorded grant: `分三年按40%、30%、30%拨付`.
SCHEDULE = regex.compile(rf"分{COUNT_DIGIT}+(?:年|次|期|批)|分期|分年度|分阶段|首期|首笔|余款|尾款|剩余")
# Amounts joined by these form one 分别 list: `最高500万元和1000万元`, `最高50万元、30万元、20万元`.
LIST_JOIN = LIST_JOIN_RE

CONFIDENCE = {
    "funding.cap.v1": 0.9,
    "funding.cap_list.v1": 0.85,
    "funding.cap_rate.v1": 0.85,
    "funding.cap_range.v1": 0.7,
    "funding.fixed.v1": 0.8,
    "funding.fixed_list.v1": 0.8,
    "funding.unit_rate.v1": 0.7,
    "funding.ratio.v1": 0.75,
    "funding.ratio_range.v1": 0.7,
    "funding.match.v1": 0.8,
    "funding.uncapped.v1": 0.75,
}


@dataclass(slots=True)
class Mention:
    """One amount or rate in clean text; ``start`` includes a cap qualifier written before it."""

    what: str  # money | rate | range | match | uncapped
    start: int
    end: int
    num_start: int
    amount_yuan: int | None = None
    ratio: float | None = None
    cap: bool = False
    unit_rate: bool = False
    ranged: bool = False  # a money range `10万—50万元`: a cap of its upper bound
    in_list: bool = False
    bound: Mention | None = None  # the rate a cap record carries
    absorbed: bool = False  # a rate carried by a cap record
    near_grant: bool = True


@dataclass(slots=True)
class Sentence:
    start: int
    end: int
    clauses: list[tuple[int, int]]


def find_mentions(text: str, s: int, e: int) -> list[Mention]:
    """Every amount, rate, match and 不设上限 in ``text[s:e]``, in order, without overlaps."""
    found: list[Mention] = []
    taken: list[tuple[int, int]] = []

    def free(a: int, b: int) -> bool:
        return all(b <= x or a >= y for x, y in taken)

    for m in RATE_RANGE.finditer(text, s, e):
        hi = parse_number(m.group("hi"))
        if hi is not None:
            div = 1000 if m.group("sign") == "‰" else 100
            found.append(Mention("range", m.start(), m.end(), m.start(), ratio=float(hi / div)))
            taken.append(m.span())
    for m in MONEY_RANGE.finditer(text, s, e):
        amount = to_yuan(m.group("num"), m.group("mult"))
        if amount is not None:
            found.append(Mention("money", m.start(), m.end(), m.start(), amount_yuan=amount, cap=True, ranged=True))
            taken.append(m.span())
    for m in PERCENT.finditer(text, s, e):
        value = percent_value(m)
        if value is not None and free(*m.span()) and not text.startswith("百分点", m.end() - 1):
            # `按最高50%的比例给予补偿`: the span takes the qualifier; the kind stays ratio (spec §3.1).
            q = RATE_QUALIFIER.search(text, max(s, m.start() - 3), m.start())
            found.append(Mention("rate", q.start() if q else m.start(), m.end(), m.start(), ratio=value))
            taken.append(m.span())
    for m in MATCH.finditer(text, s, e):
        a, b = parse_number(m.group("a")), parse_number(m.group("b"))
        if a and b is not None and free(*m.span()):
            found.append(Mention("match", m.start(), m.end(), m.start(), ratio=float(b / a)))
            taken.append(m.span())
    for pattern in (MONEY, MONEY_NO_YUAN):
        for m in pattern.finditer(text, s, e):
            amount = to_yuan(m.group("num"), m.group("mult"))
            if amount is None or not free(*m.span()):
                continue
            found.append(money_mention(text, s, m, amount))
            taken.append(m.span())
    for m in UNCAPPED.finditer(text, s, e):
        if free(*m.span()):
            found.append(Mention("uncapped", m.start(), m.end(), m.start()))
    return sorted(found, key=lambda x: x.num_start)


def money_mention(text: str, s: int, m: regex.Match, amount: int) -> Mention:
    mention = Mention("money", m.start(), m.end(), m.start(), amount_yuan=amount)
    q = CAP_BEFORE.search(text, max(s, m.start() - 12), m.start())
    if q and q.end() == m.start():
        mention.start, mention.cap = q.start(), True
    unit = UNIT_AFTER.match(text, m.end())
    if unit:
        mention.end, mention.unit_rate = unit.end(), True
    elif UNIT_BEFORE.search(text, max(s, m.start() - 10), mention.start):
        mention.unit_rate = True
    after = CAP_AFTER.match(text, m.end())
    if after and not ATTRIBUTIVE.match(text, after.end()):
        mention.end, mention.cap = after.end(), True
    return mention


def other_level(text: str, cs: int, m: Mention, level: int | None) -> bool:
    """The clause opens with a government of another level than the issuer's granting it."""
    g = GRANTOR.match(text, cs, m.start)
    if g is None:
        return False
    grantor = LEVEL_OF.get(g.group("level"), 2)
    return grantor == 0 if level is None else grantor != level


def issuer_level(issuer: str | None) -> int | None:
    name = issuer or ""
    organ = ISSUER_ORGAN.search(name)
    hits = list(ISSUER_LEVEL.finditer(name, 0, organ.start() if organ and organ.start() > 0 else len(name)))
    if not hits:
        return None
    return {"省": 1, "自治区": 1, "市": 2}.get(hits[-1].group(), 3)


def excluded(text: str, sent: Sentence, m: Mention, level: int | None = None) -> bool:
    """Spec §3.1 "Not funding": thresholds, attributive sizes, other governments, shares, schedules."""
    if m.what == "money" and THRESHOLD_AFTER.match(text, m.end):
        return True
    if m.what != "uncapped" and FLOOR_BEFORE.search(text, max(sent.start, m.start - 6), m.start):
        return True
    attr = ATTRIBUTIVE.match(text, m.end)
    if m.what != "uncapped" and attr and not ctx.form_after(text, m.end, sent.end):
        return True
    if any(f.start() <= m.num_start < f.end() for f in OTHER_GOVERNMENT.finditer(text, sent.start, sent.end)):
        return True
    cs, ce = sent.clauses[ctx.clause_index(sent.clauses, m.num_start)]
    if COST_SHARING.search(text, cs, ce) or other_level(text, cs, m, level):
        return True
    if m.what in ("rate", "range") and SHARE_USE.search(text, max(cs, m.start - 5), m.start):
        return True
    return m.what in ("rate", "range") and bool(SCHEDULE.search(text, cs, ce) or SHARE_USE.search(text, m.end, ce))


def grant_evidence(text: str, sent: Sentence, m: Mention) -> tuple[bool, bool]:
    """(is a grant, evidence in its own clause): the nearest of a granting or a non-granting word."""
    k = ctx.clause_index(sent.clauses, m.num_start)
    cs, ce = sent.clauses[k]
    if m.what == "uncapped":
        return bool(GRANT.search(text, sent.start, sent.end)), True
    if STAT_CONTEXT.search(text, sent.start, sent.end) and not ctx.GIVE.search(text, sent.start, sent.end):
        return False, False
    blockers = not_grant_words(text, cs, m.start)
    # `按其研发费用较上年增长部分的20%给予补助`: after 按, the words up to the rate name the base it is
    # computed on (增长 here is no statistic); the granting word after the rate decides.
    basis = RATE_BASIS.search(text, cs, blockers[0].start() if blockers else m.start)
    if m.what in ("rate", "range") and basis and grant_after(text, m, ce):
        return True, True
    if blockers and not ctx.GIVE.search(text, blockers[-1].end(), m.start):
        return False, False
    # `其中研发费用后补助6000万元、创新券3000万元`: parts of the amount before, named by their budget
    # lines; the earlier clause decides (`年度预算安排1亿元，其中…` is a pool, `给予奖励，其中一等奖…` a grant).
    parts = BUDGET_PARTS.match(text, cs, ce) and not ctx.GIVE.search(text, cs, ce)
    if not parts:
        # The amount's own clause first: the nearest word of granting or not before it ...
        nearest = nearest_evidence(text, cs, m.start)
        if nearest is not None:
            return nearest, nearest
        # ... then a grant word right after it (`按贷款合同利率的30%给予贴息`, `按最高50%的比例给予补偿`),
        # which outweighs a condition in the clause before (`对…获得的科技信贷，`, `对…增长30%以上的企业，`).
        if grant_after(text, m, ce):
            return True, True
    if k > 0 and nearest_evidence(text, sent.clauses[k - 1][0], cs):
        return True, False
    return False, False


def grant_after(text: str, m: Mention, clause_end: int) -> bool:
    """A granting word follows in the same clause with no statistic word between: a 按…的X% rate, alone
    or coordinated (`按A的20%或B的10%给予补助`, `按最高50%的比例给予补偿`)."""
    hit = GRANT.search(text, m.end, clause_end)
    return bool(hit) and not not_grant_words(text, m.end, hit.start())


def not_grant_words(text: str, lo: int, hi: int) -> list[regex.Match]:
    """NOT_GRANT words inside ``text[lo:hi]``, their look-aheads free to read past ``hi``
    (`合计|不超过30万元`: the cap word after 合计 is where the amount's span starts)."""
    return [b for b in NOT_GRANT.finditer(text, lo, min(len(text), hi + 12)) if b.end() <= hi]


def nearest_evidence(text: str, lo: int, hi: int) -> bool | None:
    """True / False for the nearest granting / non-granting word in ``text[lo:hi]``, None if neither."""
    hits = [(g.end(), True) for g in GRANT.finditer(text, lo, hi)]
    hits += [(b.end(), False) for b in not_grant_words(text, lo, hi)]
    return max(hits)[1] if hits else None


def keep_grants(text: str, sent: Sentence, mentions: list[Mention], level: int | None = None) -> list[Mention]:
    kept = []
    for m in mentions:
        if excluded(text, sent, m, level):
            continue
        ok, near = grant_evidence(text, sent, m)
        if ok:
            m.near_grant = near
            kept.append(m)
    return kept


def link(text: str, sent: Sentence, mentions: list[Mention]) -> None:
    """分别 lists share a leading 最高; a cap carries the one rate that it bounds (spec §3.1)."""
    for prev, cur in pairwise(mentions):
        if prev.what == cur.what == "money" and LIST_JOIN.fullmatch(text, prev.end, cur.num_start):
            cur.in_list = prev.in_list = True
            cur.cap = cur.cap or prev.cap
    for i, cap in enumerate(mentions):
        if cap.what == "uncapped":
            bind_uncapped(text, mentions, i)
            continue
        if cap.what != "money" or not cap.cap or cap.in_list:
            continue
        rates = []
        for m in reversed(mentions[:i]):
            if m.what == "money" or m.what == "uncapped":
                break
            if not m.absorbed:
                rates.append(m)
        rates = [r for r in rates if not ctx.DUI.search(text, r.end, cap.start)]
        if len(rates) == 1:
            cap.bound, rates[0].absorbed = rates[0], True
        elif not rates and i + 1 < len(mentions):
            nxt = mentions[i + 1]
            same = ctx.clause_index(sent.clauses, nxt.num_start) - ctx.clause_index(sent.clauses, cap.num_start)
            is_rate = nxt.what in ("rate", "range", "match")
            if is_rate and same <= 1 and not ctx.DUI.search(text, cap.end, nxt.start):
                later = mentions[i + 2 :]
                if not any(x.what in ("rate", "range", "match") for x in later):
                    cap.bound, nxt.absorbed = nxt, True


def bind_uncapped(text: str, mentions: list[Mention], i: int) -> None:
    """`按设备购置费用的15%给予补助，不设上限` → one `uncapped` record with ratio 0.15 (like rate + cap):
    the single unbound rate right before it, with no amount between and no new 对 object."""
    if i == 0:
        return
    prev = mentions[i - 1]
    if (
        prev.what in ("rate", "range", "match")
        and not prev.absorbed
        and not ctx.DUI.search(text, prev.end, mentions[i].start)
    ):
        if i < 2 or mentions[i - 2].what not in ("rate", "range", "match"):
            mentions[i].bound, prev.absorbed = prev, True


def rule_of(m: Mention) -> tuple[str, FundingKind]:
    if m.what == "uncapped":
        return "funding.uncapped.v1", FundingKind.UNCAPPED
    if m.what == "match":
        return "funding.match.v1", FundingKind.RATIO
    if m.what == "range":
        return "funding.ratio_range.v1", FundingKind.RATIO
    if m.what == "rate":
        return "funding.ratio.v1", FundingKind.RATIO
    if m.ranged:
        return "funding.cap_range.v1", FundingKind.CAP
    if m.cap:
        if m.bound is not None:
            return "funding.cap_rate.v1", FundingKind.CAP
        return ("funding.cap_list.v1" if m.in_list else "funding.cap.v1"), FundingKind.CAP
    if m.unit_rate:
        return "funding.unit_rate.v1", FundingKind.FIXED
    return ("funding.fixed_list.v1" if m.in_list else "funding.fixed.v1"), FundingKind.FIXED


def form_of(text: str, sent: Sentence, m: Mention, chain_end: int, head: Mention | None = None) -> str | None:
    k = ctx.clause_index(sent.clauses, m.num_start)
    cs, ce = sent.clauses[k]
    form = ctx.form_after(text, chain_end, ce)
    if form is None and m.bound is not None:
        bk = ctx.clause_index(sent.clauses, m.bound.num_start)
        form = ctx.form_after(text, m.bound.end, sent.clauses[bk][1])
    if form is None:
        # a 分别 list's form word stands before its first amount: `分别给予一次性奖励100万元、50万元`.
        form = ctx.form_before(text, cs, (head or m).start)
        if form is not None and k > 0 and ctx.RATE_NOUN.search(text, cs, m.start):
            earlier = ctx.form_before(text, sent.start, cs)
            form = earlier if earlier and earlier.endswith(form) else form
    if form is None:
        for g in ctx.GIVE.finditer(text, m.end, sent.end):
            form = ctx.FORM.match(text, g.end(), sent.end)
            form = form.group() if form else None
            break
    if form is None and k > 0:
        # `奖励标准：一等奖30万元，二等奖20万元` → the support word of an earlier clause.
        form = ctx.form_before(text, sent.start, cs)
    return form


def beneficiary_of(text: str, sent: Sentence, m: Mention, listed: str | None) -> str | None:
    """Who receives the amount (gold convention 5), by the first construction that names someone:

    1. the object of 给予 (`给予每个市级创新创业共同体200万元`);
    2. the subject of the amount's clause, or of the rate's clause it carries (`获得优秀奖的每家企业给予`,
       `创业团队按…60%兑付`);
    3. the object of the last 对 before it (`对…企业给予`, `对企业使用创新券购买服务的` → 企业);
    4. the noun of a 分别 list (`评选一批A、B和C，分别给予…`);
    5. a topic or subject in an earlier clause (`经认定登记的技术开发合同，按照…`);
    6. the noun a `每个项目` refers back to (`承担市级重点研发计划项目，每个项目给予…`);
    7. the object of 支持/鼓励 (`鼓励创投风投机构投早投小…，按…给予奖励`);
    8. a headless topic relative as written, a bare per unit (`每家企业`), a `每个项目` noun.
    """
    k = ctx.clause_index(sent.clauses, m.num_start)
    anchor = m.bound if m.bound is not None and m.bound.num_start < m.num_start else m
    ak = ctx.clause_index(sent.clauses, anchor.num_start)
    cs, acs = sent.clauses[k][0], sent.clauses[ak][0]
    given, generic = ctx.give_object(text, cs, m.start)
    if given and not generic:
        return given
    subject = ctx.clause_subject(text, cs, m.start) or (ak != k and ctx.clause_subject(text, acs, anchor.start))
    if subject:
        return subject
    who, found = ctx.dui_object(text, sent.start, anchor.start)
    if found:
        return who
    if listed:
        return listed
    topic, fallback = ctx.topic_subject(text, sent.clauses, ak)
    return (
        topic
        or ctx.per_antecedent(text, sent.start, cs, m.start)
        or ctx.support_object(text, sent.start, acs)
        or fallback
        or given
        or per_noun(text, cs, m.start)
    )


# `每个项目…`, `单个孵化器每年获得的本条奖励合计不超过30万元` → 项目 / 孵化器.
PER_NOUN = regex.compile(
    r"(?:每个|单个)(?P<noun>项目|企业|单位|机构|平台|孵化器|孵化载体|众创空间|中心|团队)|"
    r"(?:每家|单家)(?P<noun2>企业|单位|机构|孵化器)"
)


def per_noun(text: str, cs: int, start: int) -> str | None:
    """`每个项目市级支持强度不高于500万元` → 项目: the only recipient the sentence names."""
    hits = list(PER_NOUN.finditer(text, cs, start))
    return (hits[-1].group("noun") or hits[-1].group("noun2")) if hits else None


def to_records(doc: Structure, sent: Sentence, mentions: list[Mention]) -> list[Funding]:
    text = doc.text
    records = []
    i = 0
    while i < len(mentions):
        group = [mentions[i]]
        while (
            group[-1].in_list
            and i + 1 < len(mentions)
            and mentions[i + 1].in_list
            and LIST_JOIN.fullmatch(text, group[-1].end, mentions[i + 1].num_start)
        ):
            i += 1
            group.append(mentions[i])
        i += 1
        k = ctx.clause_index(sent.clauses, group[0].num_start)
        names = ctx.listed_nouns(text, sent.clauses, k, len(group)) if len(group) > 1 else None
        if names and any(ctx.TIER_ITEM.search(x.removesuffix("的")) for x in names):
            names = None  # `获得一、二、三等奖的，分别给予其所在孵化载体…`: ranks, not recipients
        # `对A、B，分别给予X、Y`: one recipient per amount when the phrase lists as many nouns.
        whos = ctx.split_shared(beneficiary_of(text, sent, group[0], None), len(group)) if len(group) > 1 else None
        for j, m in enumerate(group):
            if m.absorbed:
                continue
            records.append(to_record(doc, sent, m, group, names[j] if names else None, whos[j] if whos else None))
    return records


def to_record(
    doc: Structure, sent: Sentence, m: Mention, group: list[Mention], listed: str | None, who: str | None = None
) -> Funding:
    text = doc.text
    rule, kind = rule_of(m)
    cs = sent.clauses[ctx.clause_index(sent.clauses, m.num_start)][0]
    head = group[0]
    per = ctx.per_of(text, sent.clauses[ctx.clause_index(sent.clauses, head.num_start)][0], head.start, m.end)
    if per is None and m.unit_rate:
        per = ctx.per_of(text, cs, m.start, m.end)
    ratio = m.ratio if m.bound is None else m.bound.ratio
    span = doc.to_source(m.start, m.end)
    confidence = CONFIDENCE[rule] - (0 if m.near_grant else 0.1)
    record = Funding(
        span=span,
        quote=doc.quote(span),
        kind=kind,
        amount_yuan=m.amount_yuan if kind in (FundingKind.CAP, FundingKind.FIXED) else None,
        ratio=ratio,
        per=per,
        beneficiary=who or beneficiary_of(text, sent, head if listed is None else m, listed),
        form=form_of(text, sent, m, group[-1].end, head),
        rule=rule,
        confidence=round(confidence, 2),
    )
    return record


# Issue #20: every amount or rate is weighed against its whole sentence, so a "sentence" of 100k
# `10%` took minutes. The most any real sentence holds is 13 (142 work reports, the planning and
# policy texts of the real corpus, the seeds); one with more than this is a crafted or garbled line
# and gives no funding record.
MAX_MENTIONS_PER_SENTENCE = 64
MENTION_MARKS = ("%", "％", "‰", "元")


def extract(doc: Structure) -> list[Funding]:
    """Amounts and rates this document's government grants (spec §3.1), sorted by span."""
    text = doc.text
    level = issuer_level(doc.meta.issuer)
    records: list[Funding] = []
    zones = zones_of(doc)
    for s, e in doc.sentences():
        if sum(text.count(mark, s, e) for mark in MENTION_MARKS) > MAX_MENTIONS_PER_SENTENCE:
            continue  # not prose (see MAX_MENTIONS_PER_SENTENCE)
        mentions = find_mentions(text, s, e)
        if not mentions:
            continue
        zone = zones.at(s)
        if zone is not None and zone.past:
            continue  # a work report's review: `兑付财政奖补资金1.5亿元` is a statistic (spec §3.1)
        sent = Sentence(s, e, ctx.clauses(text, s, e))
        kept = keep_grants(text, sent, mentions, level)
        link(text, sent, kept)
        records.extend(to_records(doc, sent, kept))
    taken = [r.span for r in records]
    for rec in table_records(doc):
        if not any(s < rec.span[1] and rec.span[0] < e for s, e in taken):
            records.append(rec)
    return sorted(records, key=lambda r: r.span)


# Subsidy tables of 实施细则: `券种 | 支持比例 | 单家企业年度上限`, `档次 | 补助标准`. A column of money
# under an amount header gives one record a row: a cap when the header says 上限/最高/不超过, with the
# rate of a 比例 column in the same row (spec §3.1: a rate and the cap that bounds it are one record).
AMOUNT_HEADER = regex.compile(r"上限|最高|限额|金额|额度|标准|补助|补贴|奖励|资助|奖补")
CAP_HEADER = regex.compile(r"上限|最高|限额|不超过")
RATE_HEADER = regex.compile(r"比例|费率|比率")
PER_HEADER = {"年度": Per.YEAR, "每年": Per.YEAR, "每项": Per.PROJECT, "单项": Per.PROJECT,
              "每月": Per.MONTH}


def table_records(doc: Structure) -> list[Funding]:
    text = doc.text
    out = []
    for table in doc.tables:
        if table.kind != "table" or len(table.rows) < 2:
            continue
        header = [c.text for c in table.header]
        amount_col = next((k for k, h in enumerate(header) if AMOUNT_HEADER.search(h) and not RATE_HEADER.search(h)),
                          None)
        if amount_col is None:
            continue
        rate_col = next((k for k, h in enumerate(header) if RATE_HEADER.search(h)), None)
        cap = bool(CAP_HEADER.search(header[amount_col]))
        per = next((p for word, p in PER_HEADER.items() if word in header[amount_col]), None)
        # The granting sentence introduces the table (`对使用创新券购买科技服务的企业，按照下表标准给予补贴：`).
        lead_start = text.rfind("\n", 0, max(0, table.clean_span[0] - 1)) + 1
        lead = text[lead_start : table.clean_span[0]]
        if not GRANT.search(lead):
            continue
        beneficiary, _ = ctx.dui_object(text, lead_start, table.clean_span[0])
        form = ctx.form_before(text, lead_start, table.clean_span[0])
        for row in table.body:
            if amount_col >= len(row):
                continue
            cell = row[amount_col]
            m = MONEY.fullmatch(cell.text)
            if not m:
                continue
            ratio = None
            if rate_col is not None and rate_col < len(row):
                pm = PERCENT.fullmatch(row[rate_col].text)
                ratio = percent_value(pm) if pm else None
            span = doc.to_source(*cell.clean_span)
            out.append(Funding(
                span=span, quote=doc.quote(span), kind=FundingKind.CAP if cap else FundingKind.FIXED,
                amount_yuan=to_yuan(m.group("num"), m.group("mult")), ratio=ratio if cap else None, per=per,
                beneficiary=beneficiary, form=form, rule="funding.table_row.v1", confidence=0.75,
            ))
    return out
