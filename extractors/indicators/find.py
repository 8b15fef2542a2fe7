"""Find: which columns of a table's header carry the name, unit, attribute, growth and the baseline,
target and completion values (by header words and years, whatever their order)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import regex

from extractors.indicators.rules import NAME_HEADER

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
UNIT_HEADER = regex.compile(r"^(?:计量|指标)?单位$")
ATTRIBUTE_HEADER = regex.compile(r"属\s*性|指标性质|指标类型|^类型$")
# 类型 is the attribute column only when no 属性 column names it; before the name column it groups rows
# (序号 | 类型 | 指标名称 | 指标单位 | 2025年目标值 | 属性, gold/real plan_huangpu_fengmao).
PLAIN_TYPE = "类型"
# 年均增速 / 增长率 / 〔累计〕 / 增量: a growth column, cumulative values in 〔〕 or [].
GROWTH_HEADER = regex.compile(r"增速|增长率|增幅|年均增长|累计|增量|变化")
YEAR = regex.compile(r"(?<!\d)((?:19|20)\d{2})(?!\d)\s*年?")
ACTUAL_WORDS = regex.compile(r"完成|实际|实现值")
TARGET_WORDS = regex.compile(r"目标|预期值|规划值|预计|计划|任务")
BASELINE_WORDS = regex.compile(r"基础|基期|基准|现状|基数")
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
    # Plain year columns: the earliest is the baseline, the later ones goals (2020 年 | 2025 年); of
    # several goals (2025 年 | 2035 年) goal_and_completion keeps one.
    plain = [c for c in found if c[2] == "year"]
    roles = {r for _, _, r in found}
    if plain:
        plain.sort(key=lambda c: c[1])
        if "baseline" not in roles:
            k, y, _ = plain.pop(0) if len(plain) > 1 or "target" in roles else (None, None, None)
            if k is not None:
                found.append((k, y, "baseline"))
        if plain and "target" not in roles:
            found += [(k, y, "target") for k, y, _ in plain]
    return [c for c in found if c[2] != "year"]


def map_columns(header: list[str], caption: str | None = None, period_end: int | None = None) -> Columns | None:
    """Column roles from header text, or None when this is not an indicator table. ``period_end`` is
    the last year of the document's period: of two goal columns (2025年 | 2035年) it picks the plan's."""
    return columns_of(tuple(compact(h) for h in header), period_year(caption), period_end)


def goal_and_completion(values: list[tuple[int, int | None, str]], period_end: int | None
                        ) -> list[tuple[int, int | None, str]]:
    """Roles settled between columns:
    - a 现状/基期 column of the goal's own year (目标值（2025年） | 现状值(2025年）) reports the goal's
      completion: actual, not baseline (gold/real plan_putuo_shuiwu, `“十四五”指标完成情况`);
    - of goal columns for several years (2025年 | 2035年), the one ending the document's period is the
      target, else the earliest after a completion column's year, else the earliest (a later one is
      the vision); the others give no field."""
    targets = [v for v in values if v[2] == "target"]
    if len(targets) > 1:
        own = [v for v in targets if period_end is not None and v[1] == period_end]
        dated = [v for v in targets if v[1] is not None]
        # A completion column reports on the goal of its year (“十四五”目标值 | “十四五”完成值 | “十五五”目标值):
        # the plan's own goal is a later one.
        reported = [v[1] for v in values if v[2] == "actual" and v[1] is not None]
        later = [v for v in dated if reported and v[1] > max(reported)]
        if later and not own:
            own = [min(later, key=lambda v: v[1])]
        keep = own[0] if own else min(dated, key=lambda v: v[1]) if len(dated) == len(targets) else targets[0]
        values = [v for v in values if v[2] != "target" or v is keep]
        targets = [keep]
    goal_year = targets[0][1] if targets else None
    if goal_year is not None and not any(v[2] == "actual" for v in values):
        values = [(k, y, "actual" if role == "baseline" and y is not None and y >= goal_year else role)
                  for k, y, role in values]
    return values


@lru_cache(maxsize=512)
def columns_of(header: tuple[str, ...], caption_year: int | None, period_end: int | None = None) -> Columns | None:
    """map_columns on compacted header texts; documents repeat one header on every page."""
    if any(NOT_INDICATOR_TABLE.search(h) for h in header):
        return None
    name = next((k for k, h in enumerate(header) if NAME_HEADER.search(h) and not YEAR.search(h)
                 and not ATTRIBUTE_HEADER.search(h) and not CATEGORY_HEADER.match(h)
                 and not NO_FIELD_HEADER.search(h) and not UNIT_HEADER.match(h)), None)
    values = [v for v in value_columns(header, caption_year=caption_year) if v[0] != name]
    if name is None or not values:
        return None
    values = goal_and_completion(values, period_end)
    roles: dict[str, tuple[int, int | None]] = {}
    for k, year, role in values:
        roles.setdefault(role, (k, year))

    def first(pattern: regex.Pattern) -> int | None:
        return next((k for k, h in enumerate(header) if pattern.search(h)), None)

    attribute = next((k for k, h in enumerate(header) if ATTRIBUTE_HEADER.search(h) and h != PLAIN_TYPE), None)
    if attribute is None:
        attribute = next((k for k, h in enumerate(header) if h == PLAIN_TYPE and k > name), None)
    return Columns(
        name=name,
        serial=next((k for k, h in enumerate(header) if SERIAL_HEADER.match(h)), None),
        unit=next((k for k, h in enumerate(header) if UNIT_HEADER.match(h)), None),
        attribute=attribute,
        growth=first(GROWTH_HEADER),
        baseline=roles.get("baseline"),
        target=roles.get("target"),
        actual=roles.get("actual"),
    )
