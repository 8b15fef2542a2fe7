"""Keep: which found amounts are grants of this document's government (spec §3.1 "Not funding":
statistics, targets, fund sizes, payment schedules, eligibility thresholds, cost sharing, other
governments' money), then link them: 分别 lists share a leading 最高, a cap carries the one rate it
bounds. Linking refines a mention's rule row (cap_list, fixed_list, cap_rate) where it decides."""

from __future__ import annotations

from itertools import pairwise

import regex

from extractors.funding import context as ctx
from extractors.funding.find import ATTRIBUTIVE, Mention, Sentence
from extractors.funding.rules import (
    BARE_AMOUNT,
    BARE_CAP_SENTENCE,
    RULES,
    SUPPORT_IN_CAP,
    TIER_CAP_SENTENCE,
    TIER_SCOPE,
)
from extractors.words import (
    ARTICLE,
    COST_SHARING_RE,
    COUNT_DIGIT,
    FLOOR_WORDS,
    GIVE_RE,
    GOV_LEVEL,
    GRANT_ACT_RE,
    GRANT_WORDS,
    LEVEL_RANK,
    LIST_JOIN_RE,
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

CAP_LIST_RULE = RULES["funding.cap_list.v1"]
FIXED_LIST_RULE = RULES["funding.fixed_list.v1"]
CAP_RATE_RULE = RULES["funding.cap_rate.v1"]
CAP_RULE = RULES["funding.cap.v1"]
CAP_CONTINUED_RULE = RULES["funding.cap_continued.v1"]

# Language of granting (`给予`, `奖励`, `补助`…); 补助资金 / 支持政策 are nouns, not acts of granting.
# Statistics, targets, thresholds and pools (`争取支持资金`, `超过800亿元`, `设立…基金`, `安排资金`).
# Not blockers: a relative `获得的本条奖励`, a total's ceiling `奖励合计不超过30万元`, and `发放生活补贴`
# (only `发放贷款…亿元` is a statistic).
NOT_GRANT = regex.compile(
    r"争取|获批|获得(?!的)|达到|(?<!不)超过|突破|完成|"
    # a sum is a statistic unless a ceiling bounds it, the support word named or not: `奖励合计不超过30万元`,
    # `每家单位合计补贴最高`, `单个企业累计奖励不超过10万元`
    rf"(?:累计|共计|合计|总计)(?!{SUPPORT_AFTER_BARE_AMOUNT}?(?:最高)?(?:不超过|不高于|最多|最高))|"
    r"实现|增长|增加|提高|提升|增幅|幅度|下降|降低|发放(?!\p{Han}{0,4}(?:补贴|补助|奖励|津贴|资助|奖金))|带动|撬动|"
    r"吸引|拉动|筹集|募集|设立|安排|统筹|设置|规模|比重|占比|翻一番|营业收入|销售收入|产值|"
    # money taken back, not granted: `收回结余资金46万元`, `追回已拨付资金`
    r"收回|追回|退回|扣减|核减|"
    # a goal or a size, in a work report's plan half (realcorpus/workreports): `力争进出口总额超130亿元`,
    # `经济总量冲刺1000亿元`, `推动蔬菜出口向200亿元迈进`, `新增贷款超560亿元`, `总投资3000亿元`
    # 总投资 sizes a project (`总投资3000亿元`); as the base of a share (`不超过项目总投资的30%`) it caps a grant
    r"力争|冲刺|向(?=\s*\d)|(?<!不)超(?=\s*\d)|总投资(?!额?的)"
)
# A statistic sentence: `截至2020年…`, `“十三五”期间…`.
STAT_CONTEXT = regex.compile(r"截至|截止|十三五”?期间|十二五”?期间|近年来")
# Eligibility thresholds: `300万元以上`, `10万元（含）以上`, and a tier's bound `5000万元（含）至1亿元的`.
THRESHOLD_AFTER = regex.compile(THRESHOLD_AFTER_WORDS)
RATE_FLOOR_AFTER = regex.compile(r"\s*(?:及)?以上")
COUNTED_SIZE = regex.compile(
    r"\p{Han}{0,4}?(?:企业|园区|项目|集群|基地|产业链)\s*(?:\d+|[一二两三四五六七八九十]+)\s*(?:家|个|条|户)"
)
# A floor is a requirement, never a grant: `单笔投资额不低于50万元`, `比例不低于70%`, `按照不低于10%的比例…
# 抽查`; only `给予不低于…` grants.
FLOOR_BEFORE = regex.compile(rf"(?<!给予|予以){FLOOR_WORDS}(?:为|达到?)?$")
# A share of a recorded grant or of income put to a use: `奖励资金的70%用于奖励团队`, `其余30%由…统筹用于`,
# `收益…按照…的比例用于奖励完成人`: `用于` after the rate in its clause, or `其余` right before it.
SHARE_USE = regex.compile(r"用于|其余|剩余")
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
# Payment schedules that split a recorded grant: `分三年按40%、30%、30%拨付`.
SCHEDULE_SPLIT = regex.compile(rf"分{COUNT_DIGIT}+(?:年|次|期|批)|分期|分年度|分阶段")
SCHEDULE = regex.compile(rf"{SCHEDULE_SPLIT.pattern}|首期|首笔|余款|尾款|剩余|拨付比例")


def other_level(text: str, cs: int, m: Mention, level: int | None) -> bool:
    """The clause opens with a government of another level than the issuer's granting it."""
    g = GRANTOR.match(text, cs, m.start)
    if g is None:
        return False
    grantor = LEVEL_RANK.get(g.group("level"), 2)
    return grantor == 0 if level is None else grantor != level


def issuer_level(issuer: str | None) -> int | None:
    name = issuer or ""
    organ = ISSUER_ORGAN.search(name)
    hits = list(ISSUER_LEVEL.finditer(name, 0, organ.start() if organ and organ.start() > 0 else len(name)))
    if not hits:
        return None
    return {"省": 1, "自治区": 1, "市": 2}.get(hits[-1].group(), 3)


# `30%至60%（不含）的`, `5%(含)至10%的`: the bound of a band says whether it is in the band.
BOUND_MARK = regex.compile(r"\s*[（(]\s*不?含\s*[）)]")
# An amount closed by 及以下 / 以下 / 以内 that qualifies a noun is an eligibility threshold (spec §3.1
# "not funding"): `单户担保金额500万元及以下的小微企业`, `贷款金额1000万元以下部分`. Before a support word it
# caps a grant (`50万元以内的一次性补贴`), and so it does closing its clause (`奖励金额50万元以内，`).
BELOW_AFTER = regex.compile(r"\s*(?:[（(]含[）)])?\s*(?:及|或)?(?:以下|以内)(?:[（(]含[）)])?\s*的?")
QUALIFIED_NOUN = regex.compile(
    r"[^，,。；;：:]{0,8}?(?:企业|主体|项目|单位|业务|部分|机构|农户|个人|客户|公司|贷款|担保|合同|产品|设备|工程)")


def qualifies_a_noun(text: str, end: int, limit: int) -> bool:
    """`500万元及以下的小微企业`: a noun, not a support word, follows the amount's 以下 / 以内."""
    below = BELOW_AFTER.match(text, end, limit)
    if below:
        start = below.end()
    elif text.endswith(("以下", "以内"), 0, end):
        start = end + (text.startswith("的", end))  # the ceiling was read into the mention: `1000万元以下部分`
    else:
        return False
    noun = QUALIFIED_NOUN.match(text, start, limit)
    if not noun:
        return False
    head = ctx.FORM.search(text, start, noun.end())
    return head is None


# A standard a revision replaces: `奖励标准由0.1元/千瓦时（…）、0.15元/千瓦时（学校用户），均调整至0.25元/千瓦时`
# (临港 光伏 操作办法 修订, corpus/real): the amounts after 由 and before 调整至 are the old standard, not granted.
REVISED_FROM = regex.compile(r"由")
REVISED_TO = regex.compile(r"(?:调整|提高|提升|上调|下调|降低|降至|变更|修改)(?:至|为|到)|降至")


def superseded(text: str, sent: Sentence, m: Mention) -> bool:
    """The amount stands between a 由 and the 调整至 that replaces it, in one sentence."""
    to = REVISED_TO.search(text, m.end, sent.end)
    if not to:
        return False
    before = [f for f in REVISED_FROM.finditer(text, sent.start, m.start)]
    return bool(before) and not REVISED_TO.search(text, before[-1].end(), m.start)


def excluded(text: str, sent: Sentence, m: Mention, level: int | None = None) -> bool:
    """Spec §3.1 "Not funding": thresholds, attributive sizes, other governments, shares, schedules."""
    if m.what == "money" and THRESHOLD_AFTER.match(text, m.end):
        return True
    if superseded(text, sent, m):
        return True
    # An amount that sizes a counted noun without 的: `新增营收50亿—100亿元企业5家`, `10亿元园区3个`
    # (realcorpus/workreports 赣州, 荆门): a class of firms to grow, not money granted.
    if m.what == "money" and COUNTED_SIZE.match(text, m.end):
        return True
    # A rate followed by 以上 is a level to reach, never a grant (grants cap a rate: 最高, 以内):
    # `入驻率80%以上`, `增速保持在15%以上` (realcorpus/workreports), `研发投入增长30%以上的企业`.
    if m.what in ("rate", "range") and RATE_FLOOR_AFTER.match(text, m.end):
        return True
    if m.what != "uncapped" and FLOOR_BEFORE.search(text, max(sent.start, m.start - 6), m.start):
        return True
    # A band's bound may close with （不含） / （含）: `占比30%至60%（不含）的给予20%资金支持` — the band is
    # a condition of the grant, the rate after 给予 its record (spec §3.1).
    bound = BOUND_MARK.match(text, m.end) if m.what in ("rate", "range") else None
    after = bound.end() if bound else m.end
    attr = ATTRIBUTIVE.match(text, after)
    # the form may follow the 的 (`50万元以内的一次性补贴`): read it from there
    if m.what != "uncapped" and attr and not ctx.form_after(text, attr.end() - 1, sent.end):
        return True
    if m.what == "money" and qualifies_a_noun(text, m.end, sent.end):
        return True
    if any(f.start() <= m.num_start < f.end() for f in OTHER_GOVERNMENT.finditer(text, sent.start, sent.end)):
        return True
    cs, ce = sent.clauses[ctx.clause_index(sent.clauses, m.num_start)]
    if COST_SHARING_RE.search(text, cs, ce) or other_level(text, cs, m, level):
        return True
    if m.what in ("rate", "range") and SHARE_USE.search(text, max(cs, m.start - 5), m.start):
        return True
    # A schedule may be set in the clause before its shares (C_xiangyang_kjcx_zhengce: `资金分三年拨付，
    # 拨付比例分别为40%、30%、30%`): the grant window (grant_evidence) reaches back that far too.
    # Only a split (分三年) reaches back: `首笔银行信用贷款` in a 对 clause names a loan, not a payment.
    k = ctx.clause_index(sent.clauses, m.num_start)
    split_before = k > 0 and SCHEDULE_SPLIT.search(text, sent.clauses[k - 1][0], cs)
    return m.what in ("rate", "range") and bool(
        split_before or SCHEDULE.search(text, cs, ce) or SHARE_USE.search(text, m.end, ce)
    )


def grant_evidence(text: str, sent: Sentence, m: Mention) -> tuple[bool, bool]:
    """(is a grant, evidence in its own clause): the nearest of a granting or a non-granting word.

    Every way to a grant here reads, inside the sentence, a granting word (GRANT_ACT_RE) or a budget
    verb whose amount is allocated (``allocation``); ``may_grant`` relies on it."""
    k = ctx.clause_index(sent.clauses, m.num_start)
    cs, ce = sent.clauses[k]
    if m.what == "uncapped":
        return bool(GRANT_ACT_RE.search(text, sent.start, sent.end)), True
    if STAT_CONTEXT.search(text, sent.start, sent.end) and not GIVE_RE.search(text, sent.start, sent.end):
        return False, False
    blockers = not_grant_words(text, cs, m.start)
    # `按其研发费用较上年增长部分的20%给予补助`: after 按, the words up to the rate name the base it is
    # computed on (增长 here is no statistic); the granting word after the rate decides.
    basis = RATE_BASIS.search(text, cs, blockers[0].start() if blockers else m.start)
    if m.what in ("rate", "range") and basis and grant_after(text, m, ce):
        return True, True
    if blockers and not GIVE_RE.search(text, blockers[-1].end(), m.start):
        return allocation(text, sent, m, blockers, ce), True
    # `其中研发费用后补助6000万元、创新券3000万元`: parts of the amount before, named by their budget
    # lines; the earlier clause decides (`年度预算安排1亿元，其中…` is a pool, `给予奖励，其中一等奖…` a grant).
    parts = BUDGET_PARTS.match(text, cs, ce) and not GIVE_RE.search(text, cs, ce)
    if not parts:
        # The amount's own clause first: the nearest word of granting or not before it ...
        nearest = nearest_evidence(text, cs, m.start)
        if nearest is not None:
            return nearest, nearest
        # ... then a grant word right after it (`按贷款合同利率的30%给予贴息`, `按最高50%的比例给予补偿`),
        # which outweighs a condition in the clause before (`对…获得的科技信贷，`, `对…增长30%以上的企业，`).
        if grant_after(text, m, ce):
            return True, True
        # ... then the support word its ceiling names (`每家单位最高补贴10万元`, `单个项目最高补贴100万元。`):
        # a cap that says what it bounds is a grant in a clause with no 给予 (a list of conditions, a cap
        # sentence after the sentence that grants).
        if m.cap and SUPPORT_IN_CAP.match(text, m.start, m.num_start):
            return True, True
    if k > 0 and nearest_evidence(text, sent.clauses[k - 1][0], cs):
        return True, False
    # `其中国家级园区管理机构单个项目不超过100万元，市级…`: caps by recipient class of the grant before
    tier = sent.after_grant and m.cap and TIER_CAP_SENTENCE.match(text, sent.start) is not None \
        and TIER_SCOPE.fullmatch(text, cs, m.start) is not None
    if not tier and not BARE_AMOUNT.fullmatch(text, cs, m.start):
        return False, False
    evidence = window_evidence(text, sent, k)
    if evidence is None and sent.after_grant and (tier or BARE_CAP_SENTENCE.match(text, cs, m.num_start)):
        # `…给予区级资金匹配。单个示范项目最高不超过300万元。`: a bare ceiling sentence bounds the grant of
        # the sentence before it in the same item.
        m.rule = CAP_CONTINUED_RULE if m.rule is CAP_RULE else m.rule
        return True, False
    return bool(evidence), False


# How far back a grant word reaches an amount whose own clause has none. The clause before always
# counts (`给予一次性奖励，最高50万元`). Further back only for a bare amount clause, a ceiling or sum
# with no predicate of its own (`最高不超过50万元`, `单个企业每年最高30万元`), which cannot stand
# without a verb elsewhere: `对…的企业，给予一次性奖励，奖励资金按评审结果确定，最高不超过50万元`.
# A clause with its own predicate (`新增普惠小微贷款700亿元`, `城镇化率达61%`, realcorpus work
# reports 武汉, 恩施) is a statement of its own, and a 支持 three clauses back says nothing of it.
# Within the sentence, the nearest clause holding a granting or a non-granting word decides; a clause
# that names a new recipient (`对…的企业，`) with no grant word ends the window (a grant written before
# it belongs to an earlier recipient); three clauses cover a condition (经认定后) and a clause on how
# the amount is set.
GRANT_WINDOW = 3


def window_evidence(text: str, sent: Sentence, k: int) -> bool | None:
    """The nearest evidence in the (at most GRANT_WINDOW) clauses before clause ``k``; None when the
    window reaches the sentence's start with none (the sentence may continue the one before)."""
    for j in range(k - 1, max(-1, k - 1 - GRANT_WINDOW), -1):
        lo, hi = sent.clauses[j][0], sent.clauses[j + 1][0]
        evidence = nearest_evidence(text, lo, hi)
        if evidence is not None:
            return evidence
        if ctx.DUI.search(text, lo, hi):
            return False
    return None if k <= GRANT_WINDOW else False


# Pools versus allocations (spec §3.1): a budget verb sizes a pool (`每年安排科技专项资金5000万元，用于
# 支持企业研发`, `设立3000万元…资金池`), unless the sentence has already named who receives the
# amount with 对 and the money is allocated to it: `对新认定的国家级重点实验室，市财政安排专项资金
# 500万元予以支持`. The allocation needs a grant word after the amount in its clause or a funds noun
# naming it (`安排建设经费最高500万元`); a purpose (`用于…`) after it makes it a pool again.
BUDGET_VERB = regex.compile(r"安排|设立|统筹")
FUNDS_BEFORE = regex.compile(r"(?:资金|经费)(?:最高|不超过)?$")
PURPOSE = regex.compile(r"用于|投向|重点支持")


def allocation(text: str, sent: Sentence, m: Mention, blockers: list[regex.Match], clause_end: int) -> bool:
    """A budget verb's amount allocated to a recipient a 对 phrase before it names."""
    if not all(BUDGET_VERB.fullmatch(b.group()) for b in blockers):
        return False
    if PURPOSE.search(text, m.end, sent.end):
        return False
    who, _ = ctx.dui_object(text, sent.start, blockers[0].start())
    if not who:
        return False
    return grant_after(text, m, clause_end) or bool(FUNDS_BEFORE.search(text, blockers[-1].end(), m.num_start))


def grant_after(text: str, m: Mention, clause_end: int) -> bool:
    """A granting word follows in the same clause with no statistic word between: a 按…的X% rate, alone
    or coordinated (`按A的20%或B的10%给予补助`, `按最高50%的比例给予补偿`)."""
    hit = GRANT_ACT_RE.search(text, m.end, clause_end)
    return bool(hit) and not not_grant_words(text, m.end, hit.start())


def not_grant_words(text: str, lo: int, hi: int) -> list[regex.Match]:
    """NOT_GRANT words inside ``text[lo:hi]``, their look-aheads free to read past ``hi``
    (`合计|不超过30万元`: the cap word after 合计 is where the amount's span starts)."""
    return [b for b in NOT_GRANT.finditer(text, lo, min(len(text), hi + 12)) if b.end() <= hi]


def nearest_evidence(text: str, lo: int, hi: int) -> bool | None:
    """True / False for the nearest granting / non-granting word in ``text[lo:hi]``, None if neither."""
    hits = [(g.end(), True) for g in GRANT_ACT_RE.finditer(text, lo, hi)]
    hits += [(b.end(), False) for b in not_grant_words(text, lo, hi)]
    return max(hits)[1] if hits else None


# What every grant's sentence holds (grant_evidence): a granting word, with or without the noun after it
# (`补助资金`), or a budget verb (`安排`). Most sentences with an amount or a rate hold neither: a work
# report's goals (`地区生产总值增长6.5%`, `新增贷款超560亿元`) are 82% of those in ../shared/realcorpus.
GRANT_SENTENCE_WORD = regex.compile(rf"{GRANT_WORDS}|{BUDGET_VERB.pattern}")


def may_grant(text: str, sent_start: int, sent_end: int, after_grant: bool = False) -> bool:
    """False when no amount of the sentence can be a grant, so its amounts need not be read. A sentence
    opening with a bare ceiling right after a grant (``after_grant``) bounds that grant: grant_evidence
    reads it without a granting word of its own (`单个项目最高不超过300万元。`)."""
    return GRANT_SENTENCE_WORD.search(text, sent_start, sent_end) is not None or (
        after_grant and (BARE_CAP_SENTENCE.match(text, sent_start) or TIER_CAP_SENTENCE.match(text, sent_start))
        is not None)


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
        if prev.what == cur.what == "money" and LIST_JOIN_RE.fullmatch(text, prev.end, cur.num_start):
            cur.in_list = prev.in_list = True
            cur.cap = cur.cap or prev.cap
            listed(prev)
            listed(cur)
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
            bind(cap, rates[0])
        elif not rates and i + 1 < len(mentions):
            nxt = mentions[i + 1]
            same = ctx.clause_index(sent.clauses, nxt.num_start) - ctx.clause_index(sent.clauses, cap.num_start)
            is_rate = nxt.what in ("rate", "range", "match")
            if is_rate and same <= 1 and not ctx.DUI.search(text, cap.end, nxt.start):
                later = mentions[i + 2 :]
                if not any(x.what in ("rate", "range", "match") for x in later):
                    bind(cap, nxt)


def listed(m: Mention) -> None:
    """A money amount in a 分别 list: the list row of its kind (a range stays a range; an uncapped
    per-unit amount stays a unit rate)."""
    if m.ranged:
        return
    if m.cap:
        m.rule = CAP_LIST_RULE
    elif not m.unit_rate:
        m.rule = FIXED_LIST_RULE


def bind(cap: Mention, rate: Mention) -> None:
    """A cap carries the one rate it bounds: one cap_rate record (a range stays a range)."""
    cap.bound, rate.absorbed = rate, True
    if not cap.ranged:
        cap.rule = CAP_RATE_RULE


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
