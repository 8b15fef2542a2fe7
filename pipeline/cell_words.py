"""The words of a table cell that holds one value: a serial, a number with its bound and unit, a dash,
a unit, an attribute word (预期性). The indicator grammar (pipeline/cell_grammar.py) reads cells by these
kinds; cleaning (pipeline/clean.py) knows by them a line that is a table cell, which no wrapped sentence
runs on into."""

from __future__ import annotations

import regex

BLANKS = regex.compile(r"\s+")
UNIT_ATOM = (r"(?:微克|毫克|千克|公斤|克|吨|标准煤|立方米|平方米|平方公里|公顷|千米|公里|米|亩|元|人次|人|户|家"
             r"|个|件|项|所|座|台|套|次|辆|张|床|册|篇|千瓦时|千瓦|瓦|小时|天|日|年|月|分钟|分|名|处|种|条|倍|份"
             r"|位|例|部|只|本|栋|间|个百分点|百分点|岁|升|毫升|分贝|年一遇|[%％‰℃])")
HAN_UNIT = rf"(?:[万亿千百十]?{UNIT_ATOM})+(?:[·/](?:[万亿千百十]?{UNIT_ATOM})+)*"
LATIN_UNIT = r"[A-Za-z]{1,4}[23²³]?(?:/[A-Za-z\p{Han}]{1,4}[23²³]?)?"
UNIT_CELL = regex.compile(rf"[（(]?(?:{HAN_UNIT}|{LATIN_UNIT})[)）]?")
DASH_CELL = regex.compile(r"[—–\-－/／~～]+|无|暂无|不适用")
SERIAL_CELL = regex.compile(r"\d{1,3}")
# A value, with what may stand around it: a bound before (>, ≥, 不低于), a unit after (%, km, m3, 万户),
# a bound word after (左右, 以上), a footnote digit glued to it (`35%1`: note 1 below the table), or a
# cumulative value in brackets (〔13.5〕, [累计150]).
NUMBER_CELL = regex.compile(
    r"(?:[<>≥≤＜＞≧≦]=?|不低于|不少于|不超过|不高于|大于|小于|高于|低于|超过|达到|约)?\s*[-+]?\d+(?:[,，]\d{3})*(?:\.\d+)?"
    rf"(?:\s*[-~～—至]\s*\d+(?:\.\d+)?)?\s*(?:{HAN_UNIT}|{LATIN_UNIT})?\s*(?:左右|以上|以下|以内|及以上)?(?:[1-9]|[¹²³⁴⁵⁶⁷⁸⁹])?"
    r"|[〔\[［【][^〔〕\[\]［］【】]{0,8}\d[^〔〕\[\]［］【】]{0,8}[〕\]］】]"
    # a value of another year in round brackets (`（86.4％）`, extractors/indicators/keep.py)
    rf"|[（(]\d+(?:\.\d+)?\s*(?:{HAN_UNIT}|{LATIN_UNIT})?[）)]")
ATTRIBUTE_CELL = regex.compile(r"\p{Han}{1,3}性|(?:预期|约束|引导|导向|底线|监测|控制)[类型]?(?:指标)?")

MAX_VALUE_CELL = 40  # characters, blanks included, of a cell holding one value (`不低于1,000万平方米以上`)


def is_value_cell(text: str) -> bool:
    """A line or cell that holds one table value (``3``, ``74.2%``, ``≥10``, ``—``, ``%``, ``万平方米``,
    ``预期性``); lines under such lines are a table's cells (pipeline/clean.py)."""
    if len(text) > MAX_VALUE_CELL:
        return False  # most lines a cleaner asks about are prose: no pattern tried
    text = BLANKS.sub("", text)
    return bool(text) and any(p.fullmatch(text) for p in (DASH_CELL, NUMBER_CELL, ATTRIBUTE_CELL, UNIT_CELL))


def is_serial_cell(text: str) -> bool:
    """A 序号 cell: a number of one to three digits alone."""
    return bool(SERIAL_CELL.fullmatch(text.strip()))
