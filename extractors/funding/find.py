"""Find: every amount, rate, 1∶1 match and 不设上限 of a sentence, each with the rule row that found it."""

from __future__ import annotations

from dataclasses import dataclass

import regex

from extractors.funding.context import form_after
from extractors.funding.rules import (
    CAP_AFTER,
    CAP_BEFORE,
    MATCH,
    MONEY_NO_YUAN,
    MONEY_RANGE,
    PER_MEASURE_RE,
    RATE_QUALIFIER,
    RATE_RANGE,
    RULES,
    UNCAPPED,
    UNIT_AFTER,
    UNIT_BEFORE,
)
from extractors.numbers import MONEY, PERCENT, parse_number, percent_value, to_yuan
from extractors.rules import Rule
from pipeline.models import FundingKind

# Attributive amount (`总规模10亿元的引导基金`, `营收不超过2亿元的企业`) unless a form word follows.
ATTRIBUTIVE = regex.compile(r"(?:以下|以内)?的")

CAP_RULE = RULES["funding.cap.v1"]
FIXED_RULE = RULES["funding.fixed.v1"]
UNIT_RATE_RULE = RULES["funding.unit_rate.v1"]
UNIT_CAP_RULE = RULES["funding.unit_cap.v1"]
RATIO_RULE = RULES["funding.ratio.v1"]
RATIO_RANGE_RULE = RULES["funding.ratio_range.v1"]
CAP_RANGE_RULE = RULES["funding.cap_range.v1"]
MATCH_RULE = RULES["funding.match.v1"]
UNCAPPED_RULE = RULES["funding.uncapped.v1"]


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
    rule: Rule = FIXED_RULE  # the row that fired; refined where a decision is made (cap, unit, list, bound)

    @property
    def kind(self) -> FundingKind:
        return self.rule.fields["kind"]


@dataclass(slots=True)
class Sentence:
    start: int
    end: int
    clauses: list[tuple[int, int]]
    # The sentence before it, in the same paragraph (item), kept a grant: a bare ceiling sentence
    # (`单个示范项目最高不超过300万元。`) bounds that grant.
    after_grant: bool = False
    # Who the item's earlier grant went to (the last named beneficiary of an earlier sentence of the same
    # paragraph): the recipient of a sentence that names none of its own.
    item_recipient: str | None = None


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
            found.append(Mention("range", m.start(), m.end(), m.start(), ratio=float(hi / div), rule=RATIO_RANGE_RULE))
            taken.append(m.span())
    for m in MONEY_RANGE.finditer(text, s, e):
        amount = to_yuan(m.group("num"), m.group("mult"))
        if amount is not None:
            found.append(Mention("money", m.start(), m.end(), m.start(), amount_yuan=amount, cap=True, ranged=True,
                                 rule=CAP_RANGE_RULE))
            taken.append(m.span())
    for m in PERCENT.finditer(text, s, e):
        value = percent_value(m)
        if value is not None and free(*m.span()) and not text.startswith("百分点", m.end() - 1):
            # `按最高50%的比例给予补偿`: the span takes the qualifier; the kind stays ratio (spec §3.1).
            q = RATE_QUALIFIER.search(text, max(s, m.start() - 3), m.start())
            found.append(Mention("rate", q.start() if q else m.start(), m.end(), m.start(), ratio=value,
                                 rule=RATIO_RULE))
            taken.append(m.span())
    for m in MATCH.finditer(text, s, e):
        a, b = parse_number(m.group("a")), parse_number(m.group("b"))
        if a and b is not None and free(*m.span()):
            found.append(Mention("match", m.start(), m.end(), m.start(), ratio=float(b / a), rule=MATCH_RULE))
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
            found.append(Mention("uncapped", m.start(), m.end(), m.start(), rule=UNCAPPED_RULE))
    return sorted(found, key=lambda x: x.num_start)


def money_mention(text: str, s: int, m: regex.Match, amount: int) -> Mention:
    mention = Mention("money", m.start(), m.end(), m.start(), amount_yuan=amount)
    q = CAP_BEFORE.search(text, max(s, m.start() - 12), m.start())
    if q and q.end() == m.start():
        mention.start, mention.cap, mention.rule = q.start(), True, CAP_RULE
    unit = UNIT_AFTER.match(text, m.end())
    if unit:
        mention.end, mention.unit_rate = unit.end(), True
    elif UNIT_BEFORE.search(text, max(s, m.start() - 10), mention.start) or (
        q and q.end() == m.start() and PER_MEASURE_RE.search(q.group())
    ):
        mention.unit_rate = True
    if mention.unit_rate:
        # `每平方米最高补贴300元`, `最高给予每吨标准煤500元补助`: a ceiling on a per-unit rate.
        mention.rule = UNIT_CAP_RULE if mention.cap else UNIT_RATE_RULE
    after = CAP_AFTER.match(text, m.end())
    attributive = ATTRIBUTIVE.match(text, after.end()) if after else None
    # `50万元以内的一次性补贴`: a ceiling before the grant's own form word, not a size qualifying a noun
    if after and (not attributive or form_after(text, attributive.end() - 1, len(text))):
        mention.end, mention.cap, mention.rule = after.end(), True, CAP_RULE
    return mention
