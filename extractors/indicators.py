"""Rows of indicator tables as typed records (EXTRACTION_SPEC.md §3.4).

An indicator table names measured indicators in one column and gives values by year in others
(`表 2 淄博市“十四五”时期科技创新主要指标`: 序号 | 指标名称 | 2020 年 | 2025 年 | 年均增速 | 属性).
Columns are mapped by their header words and years, whatever their order; project lists
(项目名称 | 承担单位) and 专栏 boxes are not indicator tables.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache

import regex

from extractors.words import VALUE_BOUND_AFTER, VALUE_BOUND_BEFORE

from pipeline.models import Growth, Indicator, YearValue
from pipeline.structure import Structure
from pipeline.tables import Cell, Table

# Header words of the indicator-name column: 指标 / 指标名称 / 具体指标 / 核心指标 / 主要指标.
NAME_HEADER = regex.compile(r"指标|指\s*标\s*名\s*称|^名称$|^项目$")
# Project lists are not indicator tables (项目名称 | 总投资 | 建设内容 | 2021年计划投资); a duty column
# (责任单位) beside values by year is still one.
NOT_INDICATOR_TABLE = regex.compile(
    r"项目名称|承担单位|建设内容|建设规模|建设地点|建设性质|起止年限|建设年限|投资|实施主体|实施单位|任务名称|重点内容"
)
# Columns that carry no field of the record (spec §3.4): 完成率, 其中：2021年任务, 责任单位, 备注, 解释.
NO_FIELD_HEADER = regex.compile(r"率$|^其中|责任|牵头|配合|备注|说明|解释|口径|来源|计算|方法|依据|时限")
# A category column merged over several rows (类别 | 领域 | 一级指标 when a 二级指标 column names the row).
CATEGORY_HEADER = regex.compile(r"^(?:类别|分类|领域|维度|方面|一级指标|指标类别)$")
# A plan period named in a header or caption sets the year of a goal column without one.
PERIOD_END = {"十一五": 2010, "十二五": 2015, "十三五": 2020, "十四五": 2025, "十五五": 2030}
PERIOD_WORD = regex.compile(r"十[一二三四五]五")
YEAR_RANGE = regex.compile(r"((?:19|20)\d{2})\s*[-—－~～至到]+\s*((?:19|20)\d{2})\s*年")
SERIAL_HEADER = regex.compile(r"^(?:序号|编号|序)$")
UNIT_HEADER = regex.compile(r"^(?:计量)?单位$")
ATTRIBUTE_HEADER = regex.compile(r"属\s*性|指标性质|指标类型|^类型$")
# 年均增速 / 增长率 / 〔累计〕 / 增量: a growth column, cumulative values in 〔〕 or [].
GROWTH_HEADER = regex.compile(r"增速|增长率|增幅|年均增长|累计|增量|变化")
YEAR = regex.compile(r"(?<!\d)((?:19|20)\d{2})(?!\d)\s*年?")
ACTUAL_WORDS = regex.compile(r"完成|实际|实现值")
TARGET_WORDS = regex.compile(r"目标|预期值|规划值|预计|计划|任务")
BASELINE_WORDS = regex.compile(r"基础|基期|基准|现状|基数")
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


@dataclass(frozen=True, slots=True)
class Columns:
    name: int
    serial: int | None = None
    unit: int | None = None
    attribute: int | None = None
    growth: int | None = None
    baseline: tuple[int, int | None] | None = None  # (column, year)
    target: tuple[int, int | None] | None = None
    actual: tuple[int, int | None] | None = None


BLANKS = regex.compile(r"\s+")


def compact(text: str) -> str:
    return BLANKS.sub("", text)


def period_year(text: str | None) -> int | None:
    """The end year of a plan period named in a header or caption: “十三五” → 2020, 2021—2025年 → 2025."""
    if not text:
        return None
    m = YEAR_RANGE.search(text)
    if m:
        return int(m.group(2))
    m = PERIOD_WORD.search(text)
    return PERIOD_END.get(m.group()) if m else None


def value_columns(header: list[str] | tuple[str, ...], caption: str | None = None,
                  caption_year: int | None = None) -> list[tuple[int, int | None, str]]:
    """(column, year, role) for each column that holds values by year; role by header words.

    A goal or completion column without a year takes it from its own name (`“十三五”规划目标` → 2020)
    or from the caption (`计划任务` under a `“十四五”…主要指标` caption → 2025), spec §3.4.
    """
    found = []
    caption_year = caption_year if caption_year is not None else period_year(caption)
    for k, text in enumerate(header):
        if GROWTH_HEADER.search(text) or ATTRIBUTE_HEADER.search(text) or NO_FIELD_HEADER.search(text):
            continue
        if CATEGORY_HEADER.match(text) or UNIT_HEADER.match(text) or SERIAL_HEADER.match(text):
            continue
        m = YEAR.search(text)
        year = int(m.group(1)) if m else None
        if ACTUAL_WORDS.search(text):
            found.append((k, year if year is not None else period_year(text) or caption_year, "actual"))
        elif TARGET_WORDS.search(text):
            found.append((k, year if year is not None else period_year(text) or caption_year, "target"))
        elif BASELINE_WORDS.search(text):
            found.append((k, year, "baseline"))
        elif year is not None:
            found.append((k, year, "year"))
    # Plain year columns: the earliest is the baseline, the latest the target (2020 年 | 2025 年).
    plain = [c for c in found if c[2] == "year"]
    roles = {r for _, _, r in found}
    if plain:
        plain.sort(key=lambda c: c[1])
        if "baseline" not in roles:
            k, y, _ = plain.pop(0) if len(plain) > 1 or "target" in roles else (None, None, None)
            if k is not None:
                found.append((k, y, "baseline"))
        if plain and "target" not in roles:
            k, y, _ = plain.pop()
            found.append((k, y, "target"))
    return [c for c in found if c[2] != "year"]


def map_columns(header: list[str], caption: str | None = None) -> Columns | None:
    """Column roles from header text, or None when this is not an indicator table."""
    return columns_of(tuple(compact(h) for h in header), period_year(caption))


@lru_cache(maxsize=512)
def columns_of(header: tuple[str, ...], caption_year: int | None) -> Columns | None:
    """map_columns on compacted header texts; documents repeat one header on every page."""
    if any(NOT_INDICATOR_TABLE.search(h) for h in header):
        return None
    name = next((k for k, h in enumerate(header) if NAME_HEADER.search(h) and not YEAR.search(h)
                 and not ATTRIBUTE_HEADER.search(h) and not CATEGORY_HEADER.match(h)
                 and not NO_FIELD_HEADER.search(h)), None)
    values = [v for v in value_columns(header, caption_year=caption_year) if v[0] != name]
    if name is None or not values:
        return None
    roles: dict[str, tuple[int, int | None]] = {}
    for k, year, role in values:
        roles.setdefault(role, (k, year))

    def first(pattern: regex.Pattern) -> int | None:
        return next((k for k, h in enumerate(header) if pattern.search(h)), None)

    return Columns(
        name=name,
        serial=next((k for k, h in enumerate(header) if SERIAL_HEADER.match(h)), None),
        unit=next((k for k, h in enumerate(header) if UNIT_HEADER.match(h)), None),
        attribute=first(ATTRIBUTE_HEADER),
        growth=first(GROWTH_HEADER),
        baseline=roles.get("baseline"),
        target=roles.get("target"),
        actual=roles.get("actual"),
    )


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


def is_header_like(row: tuple[Cell, ...], columns_hint: int) -> bool:
    """A second header line: no cell holds a number (a 序号 alone does not count)."""
    numeric = [c for c in row[1:] if parse_value(c.text)[0] is not None]
    return not numeric and len(row) == columns_hint


def header_rows(table: Table) -> tuple[list[str], int]:
    """Header texts (two header lines merged column by column) and the index of the first body row."""
    header = [c.text for c in table.header]
    first_body = 1
    while first_body < len(table.rows) and first_body < 3 and is_header_like(table.rows[first_body], len(header)):
        header = [h + c.text for h, c in zip(header, table.rows[first_body], strict=False)]
        first_body += 1
    return header, first_body


def year_value(row: tuple[Cell, ...], column: tuple[int, int | None] | None) -> YearValue | None:
    if column is None:
        return None
    k, year = column
    value, _, note = parse_value(row[k].text) if k < len(row) else (None, False, None)
    return YearValue(year, value, note)


def row_record(doc: Structure, caption: str | None, cols: Columns, row: tuple[Cell, ...],
               index: int) -> Indicator | None:
    if cols.name >= len(row) or not row[cols.name].text:
        return None
    name, unit = split_unit(row[cols.name].text)
    if cols.unit is not None and cols.unit < len(row) and row[cols.unit].text:
        unit = compact(row[cols.unit].text)
    serial = row[cols.serial].text if cols.serial is not None and cols.serial < len(row) else ""
    growth = None
    if cols.growth is not None and cols.growth < len(row):
        value, cumulative, _ = parse_value(row[cols.growth].text)
        growth = Growth(value, cumulative)
    attribute = None
    if cols.attribute is not None and cols.attribute < len(row) and row[cols.attribute].text:
        attribute = compact(row[cols.attribute].text)
    # A row whose cells lie on several lines (a PDF row with wrapped cells) runs from its first
    # character to its last, whichever cell they belong to.
    cells = [c for c in row if c.text]
    span = (min(c.span[0] for c in cells), max(c.span[1] for c in cells))
    return Indicator(
        span=span,
        quote=doc.quote(span),
        table=caption,
        row=int(serial) if serial.isdigit() else index,
        name=name,
        unit=unit,
        baseline=year_value(row, cols.baseline),
        target=year_value(row, cols.target),
        actual=year_value(row, cols.actual),
        growth=growth,
        attribute=attribute,
        rule="indicators.table_row.v1",
        confidence=0.95 if caption else 0.8,
    )


def has_values(cols: Columns, body) -> bool:
    """True when some row holds a number in a baseline, target or completion column."""
    columns = [c[0] for c in (cols.baseline, cols.target, cols.actual) if c is not None]
    return any(k < len(row) and parse_value(row[k].text)[0] is not None for row in body for k in columns)


def continues(previous: Table, table: Table, width: int) -> bool:
    """A table split by a page break: no caption of its own (or 续表) and the same number of columns."""
    caption_free = table.caption is None or table.caption.startswith("续表")
    return caption_free and len(table.header) == width and previous.clean_span[1] <= table.clean_span[0]


def extract(doc: Structure) -> list[Indicator]:
    """One record per data row of every indicator table."""
    records: list[Indicator] = []
    previous: tuple[Table, Columns, str | None, int] | None = None  # table, columns, caption, rows seen
    for table in doc.tables:
        if table.kind != "table":
            continue
        header, first_body = header_rows(table)
        cols = map_columns(header, table.caption)
        body = table.rows[first_body:]
        caption = table.caption
        index_base = 0
        if cols is None and previous and continues(previous[0], table, len(previous[0].header)):
            # Continuation after a page break: the rows follow the previous table's header.
            _, cols, caption, index_base = previous
            body = table.rows
        elif cols is not None and previous and continues(previous[0], table, len(previous[0].header)) \
                and [compact(c.text) for c in table.header] == [compact(c.text) for c in previous[0].header]:
            _, _, caption, index_base = previous  # header repeated on the new page
        if cols is None:
            previous = None
            continue
        if body and not has_values(cols, body):
            previous = None  # a catalogue of indicators with empty value columns is no indicator table
            continue
        for i, row in enumerate(body, start=index_base + 1):
            record = row_record(doc, caption, cols, row, i)
            if record:
                records.append(record)
        previous = (table, cols, caption, index_base + len(body))
    return records
