"""Canonical names of government units: 市科技局 → 市科学技术局, 市发展改革委 → 市发展和改革委员会.

The table (data/unit_names.tsv) holds level-free stems, so one row serves 市/区/县/省 units alike.
Users extend it with their own TSV named in the POLICYX_UNIT_NAMES environment variable.
"""

from __future__ import annotations

import os
from functools import cache, lru_cache
from importlib import resources
from pathlib import Path

import regex

from extractors.words import GENERIC_UNIT
from extractors.words import LEVEL_END as LEVEL_END_WORDS
from extractors.words import ORG_HEAD as ORG_HEAD_WORDS

ENV_EXTRA = "POLICYX_UNIT_NAMES"
# The level a stem may follow: 市科技局, 青岛市科技局, 黄岛区科技局, 省科技厅.
LEVEL_END = LEVEL_END_WORDS
# A place name written without its level word before a stem: 青岛, 黄岛, 西海岸.
PLACE_NAME = regex.compile(r"\p{Han}{2,3}")
# Forms whose level word is not a prefix.
SPECIAL = (
    # 团市委 → 共青团市委 (the Communist Youth League committee of the city)
    (regex.compile(r"^团(\p{Han}*?[省市区县])委$"), r"共青团\1委"),
    # 人民银行青岛市分行 → 中国人民银行青岛市分行
    (regex.compile(r"^人民银行(\p{Han}+)$"), r"中国人民银行\1"),
    # 青岛金融监管局 → 国家金融监督管理总局青岛监管局 (the national regulator's local office)
    (regex.compile(r"^(\p{Han}{2,6}?)(?<!地方)金融监管局$"), r"国家金融监督管理总局\1监管局"),
)


def parse_table(text: str) -> dict[str, str]:
    table = {}
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        short, _, full = line.partition("\t")
        if short.strip() and full.strip():
            table[short.strip()] = full.strip()
    return table


@cache
def unit_table() -> dict[str, str]:
    text = resources.files("extractors").joinpath("data/unit_names.tsv").read_text(encoding="utf-8")
    table = parse_table(text)
    extra = os.environ.get(ENV_EXTRA)
    if extra:
        table.update(parse_table(Path(extra).read_text(encoding="utf-8")))
    return table


@cache
def stems_longest_first() -> tuple[str, ...]:
    return tuple(sorted(unit_table(), key=len, reverse=True))


def canonical(unit: str) -> str | None:
    """The full name of a unit, or None when the table does not know it."""
    table = unit_table()
    for stem in stems_longest_first():
        if unit.endswith(stem):
            prefix = unit[: -len(stem)]
            # 市科技局, 青岛市科技局, and a bare place name (青岛仲裁办, 黄岛发改局).
            if not prefix or prefix[-1] in LEVEL_END or PLACE_NAME.fullmatch(prefix):
                return prefix + table[stem]
    for pattern, replacement in SPECIAL:
        if pattern.match(unit):
            return pattern.sub(replacement, unit)
    return None


# --- Recognising a unit name by its shape (open classes, not a suffix list) -------------------
# A unit is [administrative prefix] + body + organisational head. The heads are open classes of the
# words organisations end with; the body is free. The gazetteer above gives canonical names, this
# grammar decides whether a string names an organisation at all.
ORG_HEAD = ORG_HEAD_WORDS  # the open class of organisational heads (extractors/words.py)
# An alias in brackets may follow the head: 区委组织部（区委人才办）, 市交通委（市道运局）.
ALIAS = r"(?:[（(][^（）()]{1,20}[）)])?"
UNIT_NAME = regex.compile(rf"\p{{Han}}[\p{{Han}}A-Za-z0-9·（）()]{{0,38}}?{ORG_HEAD}{ALIAS}")
# A collective of a named body (spec §3.2, DECISIONS.md): 市安委会成员单位, 市数字经济领导小组各成员单位.
NAMED_COLLECTIVE = regex.compile(
    rf"\p{{Han}}[\p{{Han}}A-Za-z0-9]{{0,30}}?{ORG_HEAD}各?(?:成员单位|牵头单位|成员部门|有关成员单位)"
)
# A collective of lower-level governments: 各镇街, 各区县, 各乡镇（街道）, 各区政府, 各县（市、区）.
LOWER_LEVELS = regex.compile(
    r"各(?:[县市区镇乡街州盟旗]|\p{Han}{0,3}(?:镇|街|区|县|市|乡|园区|开发区|管委会|政府))"
    r"(?:[（(][^（）()]{1,10}[）)])?\p{Han}{0,4}"
)
# Words that open a phrase, not a name: prose (由…, 会同…), generic mentions (有关部门, 相关单位).
# 具体/含/包括 open a note (`具体由各区组织实施`, `含各类园区`); 各类/各种 name a class, not a body.
NOT_A_NAME_START = regex.compile(
    r"^(?:由|各有关|有关|相关|其他|其余|会同|按|依托|支持|鼓励|其中|对|在|将|把|如|具体|含|包括|包含|各类|各种)"
)
# Words that end like a head but name no organisation: 进行 / 先行 (行), 社会 (会), 全市 (市).
NOT_A_NAME_END = regex.compile(r"(?:[进执实推运发先试施履并通流同]行|社会|机会|全[市区县省州]|城市|地区|本[市区县省])$")
GENERIC = regex.compile(GENERIC_UNIT)
MAX_UNIT_CHARS = 40
CLAUSE_CHARS = regex.compile(r"[，。；：:,;！？\s]")


@lru_cache(maxsize=8192)
def is_unit_name(text: str) -> bool:
    """Whether ``text`` names an organisation: ends with an organisational head, or is a collective
    of lower-level governments or of a named body; not a generic mention or a clause."""
    text = text.strip()
    if not text or len(text) > MAX_UNIT_CHARS or NOT_A_NAME_START.match(text) or GENERIC.match(text):
        return False
    if NOT_A_NAME_END.search(text):
        return False
    if CLAUSE_CHARS.search(text):
        return False
    return bool(UNIT_NAME.fullmatch(text) or NAMED_COLLECTIVE.fullmatch(text) or LOWER_LEVELS.fullmatch(text)
                or canonical(text))
