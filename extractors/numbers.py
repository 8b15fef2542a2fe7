"""Numbers as policy texts write them: 2.2万, 1.5亿元, 三万元, 五十万元, 10%, 1‰, 百分之十, 1∶1.

Extractors match numbers with these patterns on clean text (full-width digits are already folded),
then call the parsers; money always comes back as integer yuan (spec §3.1).
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

import regex

from extractors.words import AMOUNT_START, ARABIC, CHINESE, MAGNITUDE, NUMBER  # noqa: F401 (ARABIC, CHINESE: re-exported)

CN_DIGIT = {"零": 0, "〇": 0, "○": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6,
            "七": 7, "八": 8, "九": 9}
CN_UNIT = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}
CN_BIG = {"万": 10_000, "亿": 100_000_000}
MULTIPLIER = {"万": Decimal(10_000), "亿": Decimal(100_000_000), "千": Decimal(1000),
              "百": Decimal(100), "万亿": Decimal(10) ** 12, "百万": Decimal(10) ** 6,
              "千万": Decimal(10) ** 7}

# Arabic number: 1,200 / 2.2 / 0.5 ; Chinese number: 三 / 五十 / 一百二十 / 两千.
# Repetitions are bounded (issue #10): no quantity in a plan has more than 20 digits, and an unbounded
# ``\d+`` retried at every position of a 50,000-digit run backtracks quadratically (minutes a document).
# (The numeral classes live in extractors/words.py; re-exported here for the modules that read them.)
# Money: number, optional multiplier, 元 (also 元人民币). The multiplier group is what scales it.
# `500万元`, `1.5亿元`, `三万元`; not a vague `数十万元` / `上千万元` / `8200余万元`.
# `\s*+`: blanks given back could only be taken again by the second `\s*` (no backtracking blow-up).
MONEY = regex.compile(rf"{AMOUNT_START}(?P<num>{NUMBER})\s*+(?P<mult>{MAGNITUDE})?\s*元")
# A rate's number starts where a number starts (`(?<!\d)`), never inside a longer one.
PERCENT = regex.compile(rf"(?<!\d)(?P<num>{ARABIC})\s*+(?P<sign>[%‰])|百分之(?P<cn>{NUMBER})")
# 1∶1 matching; the ratio colon comes as ∶ (U+2236), ： or :.
MATCH_RATIO = regex.compile(r"(?P<a>\d+(?:\.\d+)?)\s*[∶:：]\s*(?P<b>\d+(?:\.\d+)?)")


def parse_chinese(text: str) -> int | None:
    """三 → 3, 五十 → 50, 一百二十 → 120, 十五 → 15, 两千 → 2000, 三万 → 30000; None if not one."""
    if not text or any(ch not in CN_DIGIT and ch not in CN_UNIT and ch not in CN_BIG for ch in text):
        return None
    total = 0
    section = 0  # value below the current 万/亿
    digit = None
    for ch in text:
        if ch in CN_DIGIT:
            digit = CN_DIGIT[ch]
        elif ch in CN_UNIT:
            section += (1 if digit is None else digit) * CN_UNIT[ch]
            digit = None
        else:  # 万 / 亿
            section += digit or 0
            total += (section or 1) * CN_BIG[ch]
            section, digit = 0, None
    if digit is not None:
        # 一二三 written digit by digit is not a quantity; only a final units digit is.
        section += digit
    return total + section


def parse_number(text: str) -> Decimal | None:
    """An Arabic or Chinese number as Decimal (exact, so 1.5亿 stays 150000000)."""
    text = text.strip()
    if not text:
        return None
    if text[0].isdigit():
        try:
            return Decimal(text.replace(",", ""))
        except InvalidOperation:
            return None
    value = parse_chinese(text)
    return None if value is None else Decimal(value)


def scale(number: Decimal, multiplier: str | None) -> Decimal:
    return number * MULTIPLIER[multiplier] if multiplier else number


def to_yuan(num_text: str, multiplier: str | None) -> int | None:
    """``500``/``万`` → 5000000; ``1.5``/``亿`` → 150000000. A part of a yuan is rounded half up (四舍五入,
    as a finance office and every gold labeller rounds: 0.5元/千瓦时 → 1), not to the even neighbour."""
    number = parse_number(num_text)
    if number is None:
        return None
    return int(scale(number, multiplier).to_integral_value(rounding=ROUND_HALF_UP))


def percent_value(match: regex.Match) -> float | None:
    """A PERCENT match as a fraction: 10% → 0.1, 1.5% → 0.015, 1‰ → 0.001, 百分之十 → 0.1."""
    if match.group("cn"):
        number = parse_number(match.group("cn"))
        return None if number is None else float(number / 100)
    number = parse_number(match.group("num"))
    if number is None:
        return None
    return float(number / (1000 if match.group("sign") == "‰" else 100))


def plain(number: Decimal) -> int | float:
    """An int when the value is whole (3 not 3.0), else a float, for JSON output."""
    return int(number) if number == number.to_integral_value() else float(number)
