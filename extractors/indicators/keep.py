"""Keep: a cell's value (number, bound, cumulative mark, note) and whether a table is an indicator
table at all: values in its value columns, or a continuation of the table before a page break."""

from __future__ import annotations

import math

import regex

from extractors.indicators.find import Columns, compact
from extractors.words import VALUE_BOUND_AFTER, VALUE_BOUND_BEFORE
from pipeline.tables import Cell, Table

# Unit in brackets at the end of an indicator name: (%) （家） (人·年/万人) （亿元）.
# `(?<!\s)\s*+`, `(?<![*＊※])…++`: blanks and marks are tried from the start of their run only, so a
# cell of 100,000 blanks costs one pass instead of one per blank (issue #10); the matches are the same.
TRAILING_UNIT = regex.compile(r"(?<!\s)\s*+[（(]\s*([^（）()]{1,12}?)\s*[)）]\s*$")
NUMBER = regex.compile(r"^[-+]?\d+(?:,\d{3})*(?:\.\d+)?$")
# 〔0.21〕, [3.45], [累计5], 〔累计新增1000〕: a cumulative value.
CUMULATIVE = regex.compile(
    r"^[〔\[［【]\s*(?:累计\p{Han}{0,4})?\s*([-+]?\d+(?:,\d{3})*(?:\.\d+)?)\s*%?\s*[〕\]］】]$"
)
# A bound written after the value: `5左右`, `3以上`.
TRAILING_BOUND = regex.compile(VALUE_BOUND_AFTER)
# A bound written before a target value: `>3.0`, `≥6.5`, `不低于500`, `约50`.
BOUND = regex.compile(VALUE_BOUND_BEFORE)
EMPTY_VALUE = regex.compile(r"^(?:--|-|—|——|－|/|／|无|暂无)?$")
NOTE_MARK = regex.compile(r"^(.*?)(?<!\s)\s*+(?<![*＊※])([*＊※]++)$")



def parse_value(text: str) -> tuple[float | None, bool, str | None]:
    """(value, cumulative, note) of a cell: ``--`` → None, ``〔0.21〕`` → cumulative, ``2.79*`` → note."""
    text = compact(text)
    note = None
    m = NOTE_MARK.match(text)
    if m and m.group(1):
        text, note = m.group(1), m.group(2)
    text = text.removesuffix("%").removesuffix("％")  # 8.7% in a 年均增速 column
    trailing = TRAILING_BOUND.search(text)
    if trailing and trailing.start() > 0:  # `5左右`: the number is the value, the bound is noted
        text, note = text[: trailing.start()], (trailing.group() + (note or ""))
        text = text.removesuffix("%").removesuffix("％")
    bound = BOUND.match(text)
    if bound:  # `>3.0`, `≥500`, `约50`: the number is the value, the bound is noted
        text, note = text[bound.end() :], (bound.group() + (note or ""))
    if EMPTY_VALUE.match(text):
        return None, False, note
    m = CUMULATIVE.match(text)
    if m:
        return finite(m.group(1)), True, note
    if NUMBER.match(text):
        return finite(text), False, note
    return None, False, note


# A unit written after a value in its cell (no unit column: `74.2%`, `21km`, `6.3m3`, `30万平方米`), and a
# footnote digit glued after the unit (`35%1`: note 1 below the table; gold/real plan_putuo_shuiwu). A
# Latin unit keeps a 2 or 3 (m3, km2: a power, not a note).
VALUE_WITH_UNIT = regex.compile(
    r"^(?P<value>.*?\d[\d,.]*)(?P<unit>[%％‰]|[A-Za-z]{1,4}[23²³]?(?:/[A-Za-z\p{Han}]{1,4})?"
    r"|\p{Han}{1,4}(?:/\p{Han}{1,3})?)(?P<bound>左右|以上|以下|以内|及以上)?(?P<note>[1-9])?$"
)
# A footnote mark printed as a superscript (`3.1²`); after a Latin letter it is a power (m², km³).
SUPERSCRIPT_NOTE = regex.compile(r"(?<![A-Za-z])[¹²³⁴⁵⁶⁷⁸⁹]+$")


# A value in round brackets (`（86.4％）`): a value of another year than the column's, which a note
# below the table names (`括号内为2024年数据`, see bracket_year); the number is read all the same.
ROUND_BRACKETED = regex.compile(r"^[（(]([^（）()]*\d[^（）()]*)[）)]$")
# The note naming the bracketed values' year: `注：括号内为2024年数据`, `括号内数值为2023年值`.
BRACKET_YEAR_NOTE = regex.compile(r"括号内(?:的)?(?:数据|数值|数字|数|值)?(?:为|是|系)?((?:19|20)\d{2})\s*年")
NOTE_REACH = 400  # characters after a table its notes may take


def bracket_year(text_after: str) -> int | None:
    """The year a note just below a table gives its bracketed values (`括号内为2024年数据`), or None."""
    m = BRACKET_YEAR_NOTE.search(text_after[:NOTE_REACH])
    return int(m.group(1)) if m else None


def is_bracketed(text: str) -> bool:
    return bool(ROUND_BRACKETED.match(compact(text)))


def parse_measure(text: str) -> tuple[float | None, bool, str | None, str | None]:
    """(value, cumulative, note, unit) of a value cell that may carry its unit and a footnote digit:
    ``35%1`` → 35 and ``%``, ``21km`` → 21 and ``km``, ``>2`` → 2, ``（86.4％）`` → 86.4; a cell of
    words → value None."""
    text = SUPERSCRIPT_NOTE.sub("", compact(text))
    bracketed = ROUND_BRACKETED.match(text)
    if bracketed:
        text = bracketed.group(1)
    value, cumulative, note = parse_value(text)
    if value is not None or cumulative:
        return value, cumulative, note, "%" if compact(text).rstrip("*＊※").endswith(("%", "％")) else None
    m = VALUE_WITH_UNIT.match(compact(text))
    if not m or (m.group("unit").startswith("年") and regex.fullmatch(r"(?:19|20)\d{2}", m.group("value"))):
        return None, False, note, None
    value, cumulative, note = parse_value(m.group("value") + (m.group("bound") or ""))
    if value is None:
        return None, False, note, None
    return value, cumulative, note, m.group("unit")


def value_in_words(text: str) -> str | None:
    """A value cell's text when it states the value in words rather than a number (`完成市级考核要求`,
    `至2026年底，全面启动…；2027年全面完成…`, two values in one cell): the record keeps it as the value's
    note, the value null (spec §3.4; docs/DECISIONS.md). None for a number, a dash or an empty cell."""
    words = text.strip()
    if EMPTY_VALUE.match(compact(words)):
        return None
    value, cumulative, _, _ = parse_measure(words)
    return words if value is None and not cumulative else None


def finite(number: str) -> float | None:
    """A cell's number as a float; one too long for a float (400 digits → inf) is no value, since
    Infinity is not JSON (issue #10)."""
    value = float(number.replace(",", ""))
    return value if math.isfinite(value) else None


def split_unit(name: str) -> tuple[str, str | None]:
    """``R&D经费支出占GDP的比重(%)`` → name and ``%``; a note mark (``技术合同成交额*``) is dropped."""
    name = NOTE_MARK.sub(r"\1", name.strip())
    m = TRAILING_UNIT.search(name)
    if not m:
        return name.strip(), None
    return name[: m.start()].strip(), compact(m.group(1))


def has_values(cols: Columns, body) -> bool:
    """True when some row holds a number in a baseline, target or completion column."""
    columns = [c[0] for c in (cols.baseline, cols.target, cols.actual) if c is not None]
    return any(k < len(row) and parse_measure(row[k].text)[0] is not None for row in body for k in columns)


def continues(previous: Table, table: Table, width: int) -> bool:
    """A table split by a page break: no caption of its own (or 续表) and the same number of columns."""
    caption_free = table.caption is None or table.caption.startswith("续表")
    return caption_free and len(table.header) == width and previous.clean_span[1] <= table.clean_span[0]


# An attribute cell of a data row (预期性, 约束性): no header line holds one.
ATTRIBUTE_VALUE = regex.compile(r"^(?:预期|约束|引导|导向|底线)性?$")


def is_header_like(row: tuple[Cell, ...], columns_hint: int) -> bool:
    """A second header line: no cell holds a number (a 序号 alone does not count; `74.2%2` does) or an
    attribute (a data row whose values are words: `城市防洪标准 | 预期性 | 苏州河沿线堤防达到…`)."""
    numeric = [c for c in row[1:] if parse_measure(c.text)[0] is not None]
    attributes = [c for c in row if ATTRIBUTE_VALUE.match(compact(c.text))]
    return not numeric and not attributes and len(row) == columns_hint


def header_rows(table: Table) -> tuple[list[str], int]:
    """Header texts (two header lines merged column by column) and the index of the first body row."""
    header = [c.text for c in table.header]
    first_body = 1
    while first_body < len(table.rows) and first_body < 3 and is_header_like(table.rows[first_body], len(header)):
        header = [h + c.text for h, c in zip(header, table.rows[first_body], strict=False)]
        first_body += 1
    return header, first_body
