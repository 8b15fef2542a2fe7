"""Build: one Funding record per kept mention (its rule row gives id, kind and confidence), with per,
form and beneficiary read from its sentence (context.py); subsidy tables give one record a row."""

from __future__ import annotations

from dataclasses import replace

import regex

from extractors.clauses import sentences_holding
from extractors.funding import context as ctx
from extractors.funding.allocation import allocation_records
from extractors.funding.find import Mention, Sentence, find_mentions
from extractors.funding.keep import excluded, issuer_level, keep_grants, link, may_grant
from extractors.funding.rules import AMOUNT_HEADER, BARE_CAP_SENTENCE, RULES, SUPPORT_IN_CAP
from extractors.numbers import MONEY, PERCENT, percent_value, to_yuan
from extractors.words import GIVE_RE, GRANT_ACT_RE, LIST_JOIN_RE, MAGNITUDE_NO_YUAN, SUPPORT_AFTER_BARE_AMOUNT
from extractors.words import UNCAPPED as UNCAPPED_WORDS
from extractors.zones import zones_of
from pipeline.models import Funding, FundingKind, Per
from pipeline.structure import Structure

TABLE_ROW_RULE = RULES["funding.table_row.v1"]


def form_of(text: str, sent: Sentence, m: Mention, chain_end: int, head: Mention | None = None) -> str | None:
    k = ctx.clause_index(sent.clauses, m.num_start)
    cs, ce = sent.clauses[k]
    form = ctx.form_after(text, chain_end, ce)
    if form is None and m.bound is not None:
        bk = ctx.clause_index(sent.clauses, m.bound.num_start)
        form = ctx.form_after(text, m.bound.end, sent.clauses[bk][1])
    if form is None and m.cap:
        # `单个项目最高补贴100万元`: the support word its ceiling names
        named = SUPPORT_IN_CAP.match(text, m.start, m.num_start)
        form = regex.search(SUPPORT_AFTER_BARE_AMOUNT, named.group()).group() if named else None
    if form is None:
        # a 分别 list's form word stands before its first amount: `分别给予一次性奖励100万元、50万元`.
        form = ctx.form_before(text, cs, (head or m).start)
        if form is not None and k > 0 and ctx.RATE_NOUN.search(text, cs, m.start):
            earlier = ctx.form_before(text, sent.start, cs)
            form = earlier if earlier and earlier.endswith(form) else form
    if form is None:
        for g in GIVE_RE.finditer(text, m.end, sent.end):
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
    8. a headless topic relative as written;
    9. the recipient of the item's earlier grant (`对既有建筑节能改造项目，…给予…补贴。单个项目最高补贴
       100万元。`): a scope such as 单个项目 / 每家单位 sets per, it names no recipient of its own;
    10. a bare per unit (`每家企业`), a `每个项目` noun, when the item names no one else.
    """
    k = ctx.clause_index(sent.clauses, m.num_start)
    anchor = m.bound if m.bound is not None and m.bound.num_start < m.num_start else m
    ak = ctx.clause_index(sent.clauses, anchor.num_start)
    cs, acs = sent.clauses[k][0], sent.clauses[ak][0]
    given, generic = ctx.give_object(text, cs, m.start)
    band = is_condition(given)
    given = unless_condition(given)
    if given and not generic:
        # `对首次认定的高新技术企业，给予企业10万元奖励`: a bare class noun after 给予 repeats the 对
        # object, which names the recipient with its qualifiers (spec §3.1, convention 5).
        if ctx.GENERIC_UNIT.fullmatch(given):
            who, _ = ctx.dui_object(text, sent.start, anchor.start)
            if who:
                return who
        return given
    subjects = [ctx.clause_subject(text, cs, m.start), ak != k and ctx.clause_subject(text, acs, anchor.start)]
    band = band or any(is_condition(x) for x in subjects if x)
    subject = next((x for x in subjects if x and not is_condition(x)), None)
    if subject:
        return subject
    who, found = ctx.dui_object(text, sent.start, anchor.start)
    band = band or is_condition(who)
    if found and not is_condition(who):
        return who
    if listed:
        return listed
    topic, fallback = ctx.topic_subject(text, sent.clauses, ak, anchor.start)
    band = band or is_condition(topic) or is_condition(fallback)
    topic, fallback = unless_condition(topic), unless_condition(fallback)
    return (
        topic
        or ctx.per_antecedent(text, sent.start, cs, m.start)
        or ctx.support_object(text, sent.start, acs)
        or fallback
        or sent.item_recipient
        or (band_recipient(text, sent) if band else None)
        or given
        or opening_phrase(text, sent.clauses)
        or per_noun(text, cs, m.start)
    )


def band_recipient(text: str, sent: Sentence) -> str | None:
    """Who a grant by bands goes to (`经认定的市级技术转移示范机构，按…分档给予奖励：对…1亿元（含）以上的，给予
    50万元奖励；对5000万元（含）至1亿元的，给予30万元奖励`, challenge E_mianyang gold): the item's recipient,
    read back from this sentence to the paragraph's first, passing over the bands themselves."""
    item_start = text.rfind("\n", 0, sent.start) + 1
    for s, e in reversed(ctx.sentences(text, item_start, sent.end)):
        who, found = ctx.dui_object(text, s, e)
        if found and who and not is_condition(who):
            return who
        spans = ctx.clauses(text, s, e)
        grant = next((j for j, (a, b) in enumerate(spans) if GRANT_ACT_RE.search(text, a, b)), 0)
        topic = ctx.topic_subject(text, spans, grant)[0] if grant else None
        if topic and not is_condition(topic):
            return topic
        obj = ctx.support_object(text, s, e)
        if obj and not is_condition(obj):
            return obj
        opening = opening_phrase(text, spans)
        if opening:
            return opening
    return None


def opening_phrase(text: str, spans: list[tuple[int, int]]) -> str | None:
    """`在本区实施的…既有建筑节能改造项目，改造后运行6个月以上，经认定，…每平方米…补贴5元` (徐汇): the noun
    phrase a sentence opens with, a clause of its own ending in a project or actor noun."""
    opening = ctx.ARTICLE.sub("", text[spans[0][0] : spans[0][1]]).strip(" ，,")
    if (len(spans) > 1 and not OPENING_NOT_TOPIC.match(opening) and not ctx.DUI.search(opening)
            and not is_condition(opening) and "每" not in opening
            and (ctx.TOPIC_HEAD.search(opening) or ctx.ACTOR_HEAD.search(opening[-3:]))):
        return opening
    return None


OPENING_NOT_TOPIC = regex.compile(r"^(?:鼓励|支持|引导|根据|按照?|依据|通过|对|为|由|结合|围绕|聚焦)")


# A band or threshold with no noun after it is a condition of the grant, not its recipient:
# `单位建筑面积能耗下降5%(含)至10%的` (徐汇 节能减排降碳), `获得市级奖励10万元至20万元的` (松江), `占比30%（含）至
# 60%（不含）`; `年节能量30吨标准煤及以上的节能技改项目` names its recipient (项目).
CONDITION_TAIL = regex.compile(
    r"[\d.]+\s*(?:[%％‰]|[万亿]?元)?\s*(?:[（(]不?含[）)])?\s*(?:及|或)?(?:以上|以下|以内)?\s*(?:[（(]不?含[）)])?\s*的?$")


def is_condition(who: str | None) -> bool:
    # `获得市级奖励10万元至20万元的` names who got what (松江 gold): a relative of its recipient, no band
    return bool(who) and CONDITION_TAIL.search(who) is not None and not OBTAINED.match(who)


OBTAINED = regex.compile(r"(?:获得|获评|取得|荣获|获)")


def unless_condition(who: str | None) -> str | None:
    return None if is_condition(who) else who


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
            and LIST_JOIN_RE.fullmatch(text, group[-1].end, mentions[i + 1].num_start)
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
    cs = sent.clauses[ctx.clause_index(sent.clauses, m.num_start)][0]
    head = group[0]
    per = ctx.per_of(text, sent.clauses[ctx.clause_index(sent.clauses, head.num_start)][0], head.start, m.end)
    if per is None and m.unit_rate:
        per = ctx.per_of(text, cs, m.start, m.end)
    ratio = m.ratio if m.bound is None else m.bound.ratio
    span = doc.to_source(m.start, m.end)
    kind = m.kind
    confidence = m.rule.confidence - (0 if m.near_grant else 0.1)
    beneficiary = who or beneficiary_of(text, sent, head if listed is None else m, listed)
    form = form_of(text, sent, m, group[-1].end, head)
    beneficiary, form = object_and_form(beneficiary, form)
    record = Funding(
        span=span,
        quote=doc.quote(span),
        kind=kind,
        amount_yuan=m.amount_yuan if kind in (FundingKind.CAP, FundingKind.FIXED) else None,
        ratio=ratio,
        per=per,
        beneficiary=beneficiary,
        form=form,
        rule=m.rule.id,
        confidence=round(confidence, 2),
    )
    return record


def object_and_form(beneficiary: str | None, form: str | None) -> tuple[str | None, str | None]:
    """`给予创建单位一次性奖励20万元`: beneficiary 创建单位, form 一次性奖励 (徐汇 gold), not the two read as one."""
    joined = ctx.OBJECT_THEN_FORM.fullmatch(beneficiary) if beneficiary else None
    if joined and (form is None or joined.group("form").endswith(form)):
        return joined.group("who"), joined.group("form")
    # `可给予出资方一次性奖励5万元`: the object written right before the form is who receives it, whatever
    # the sentence's topic (徐汇 gold 出资方)
    joined = ctx.OBJECT_THEN_FORM.fullmatch(form) if form else None
    if joined:
        return joined.group("who"), joined.group("form")
    return beneficiary, form


# Issue #20: every amount or rate is weighed against its whole sentence, so a "sentence" of 100k
# `10%` took minutes. The most any real sentence holds is 13 (142 work reports, the planning and
# policy texts of the real corpus, the seeds); one with more than this is a crafted or garbled line
# and gives no funding record.
MAX_MENTIONS_PER_SENTENCE = 64
MENTION_MARKS = ("%", "％", "‰", "元")
# Issue 21: one pass over the document finds every place a mention needs (find.py's patterns each
# hold one): a 元 or rate sign, 百分之, a ratio colon after a digit, 不设上限, a bare 万/亿 before a
# support word. Only the sentences that hold one are read: find_mentions runs seven scans, and most
# sentences of a plan or work report hold no amount at all. None of these crosses a line break.
TRIGGER = regex.compile(
    rf"[%％‰元]|百分之|\d[^\S\n]*[∶:：]|{UNCAPPED_WORDS}|"
    rf"{MAGNITUDE_NO_YUAN}(?=的?(?:一次性)?(?:资金)?{SUPPORT_AFTER_BARE_AMOUNT})"
)


def extract(doc: Structure) -> list[Funding]:
    """Amounts and rates this document's government grants (spec §3.1), sorted by span."""
    text = doc.text
    level = issuer_level(doc.meta.issuer)
    records: list[Funding] = []
    zones = zones_of(doc)
    triggers = [m.start() for m in TRIGGER.finditer(text)]
    granted_to = -1  # where the last sentence that kept a grant ends
    recipient: tuple[int, str | None] = (-1, None)  # the paragraph and beneficiary of the last record
    for s, e in sentences_holding(text, triggers):  # no amount, rate, match or 不设上限 starts elsewhere
        # the sentence right before, in the same paragraph, kept a grant (a bare cap sentence bounds it);
        # a sentence without a trigger keeps nothing, so skipping those leaves this test unchanged
        after_grant = granted_to >= 0 and not text[granted_to:s].strip(" \t\u3000")
        if sum(text.count(mark, s, e) for mark in MENTION_MARKS) > MAX_MENTIONS_PER_SENTENCE:
            continue  # not prose (see MAX_MENTIONS_PER_SENTENCE)
        zone = zones.at(s)
        if zone is not None and zone.past:
            continue  # a work report's review: `兑付财政奖补资金1.5亿元` is a statistic (spec §3.1)
        if not may_grant(text, s, e, after_grant):
            listed = standard_item(doc, s, e, level)
            records.extend(listed)
            granted_to = e if listed else granted_to
            continue  # no granting word, no budget verb, no ceiling after a grant: nothing is granted here
        mentions = find_mentions(text, s, e)
        if not mentions:
            continue
        paragraph = text.rfind("\n", 0, s)
        # only a sentence that opens with a bare ceiling continues the item's grant (`单个项目最高补贴100万元。`);
        # one with a predicate of its own is a grant of its own (`通过市自然科学基金给予最高不超过100万元…`, seed
        # 青岛: no recipient named, none inherited)
        item_recipient = None
        if BARE_CAP_SENTENCE.match(text, s):
            item_recipient = (recipient[1] if recipient[0] == paragraph else None) or ctx.item_recipient(
                text, paragraph + 1, s
            )
        sent = Sentence(s, e, ctx.clauses(text, s, e), after_grant=after_grant, item_recipient=item_recipient)
        kept = keep_grants(text, sent, mentions, level)
        link(text, sent, kept)
        found = to_records(doc, sent, kept)
        records.extend(found)
        if kept:
            granted_to = e
        named = [r.beneficiary for r in found if r.beneficiary]
        if named:
            recipient = (paragraph, named[-1])
    taken = [r.span for r in records]
    for rec in table_records(doc):
        if not any(s < rec.span[1] and rec.span[0] < e for s, e in taken):
            records.append(rec)
    return sorted(records, key=lambda r: r.span)


# A list of standards under its lead line (临港 光伏 操作办法: `（四）项目奖励标准如下：` /
# `1、分布式光伏： 0.25元/千瓦时。` / `2、光伏电站。建设主体：0.25元/千瓦时。存量屋顶业主：0.2元/瓦…`):
# each `label：amount` item grants the amount to the label, in the form the lead names. Only list items
# and blank lines stand between.
STANDARD_LEAD = regex.compile(
    r"(?P<form>奖励|补贴|补助|资助|扶持|奖补)(?:标准|金额|额度)[^。；\n]{0,6}(?:如下|为)\s*[:：]\s*$")
LIST_ITEM = regex.compile(
    r"\s*(?:\d{1,2}\s*[、.．]|[（(][一二三四五六七八九十\d]{1,3}[）)]|[一二三四五六七八九十]{1,3}、)")
STANDARD_ITEM = regex.compile(rf"{LIST_ITEM.pattern}?\s*(?P<label>\p{{Han}}{{2,12}})\s*[:：]\s*")
MAX_ITEM_LINES = 8  # list lines between a standard and its lead line


def standard_lead(text: str, s: int) -> regex.Match | None:
    """The `…标准如下：` line a standard item stands under, past list items and blank lines only."""
    end = text.rfind("\n", 0, s)
    seen = 0
    while end > 0 and seen <= MAX_ITEM_LINES:
        start = text.rfind("\n", 0, end) + 1
        line = text[start:end]
        if line.strip():
            lead = STANDARD_LEAD.search(line)
            if lead:
                return lead
            if not LIST_ITEM.match(line):
                return None
            seen += 1
        end = start - 1
    return None


def standard_item(doc: Structure, s: int, e: int, level: int | None) -> list[Funding]:
    """`建设主体：0.25元/千瓦时。` under `奖励标准如下：`: the amount granted to the label (spec §3.1)."""
    text = doc.text
    item = STANDARD_ITEM.match(text, s, e)
    if not item:
        return []
    mentions = [m for m in find_mentions(text, item.end(), e) if m.what == "money"]
    if not mentions or mentions[0].num_start != item.end():
        return []  # the amount opens the item's value: `标签：0.25元/千瓦时`
    lead = standard_lead(text, s)
    if lead is None:
        return []
    sent = Sentence(s, e, ctx.clauses(text, s, e))
    kept = [m for m in mentions[:1] if not excluded(text, sent, m, level)]
    return [replace(to_record(doc, sent, m, [m], None), beneficiary=item.group("label"), form=lead.group("form"))
            for m in kept]


# Subsidy tables of 实施细则: `券种 | 支持比例 | 单家企业年度上限`, `档次 | 补助标准`. A column of money
# under an amount header gives one record a row: a cap when the header says 上限/最高/不超过, with the
# rate of a 比例 column in the same row (spec §3.1: a rate and the cap that bounds it are one record).
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
        allotted = allocation_records(doc, table)
        if allotted is not None:
            out.extend(allotted)
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
        if not GRANT_ACT_RE.search(lead):
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
                beneficiary=beneficiary, form=form, rule=TABLE_ROW_RULE.id, confidence=TABLE_ROW_RULE.confidence,
            ))
    return out
