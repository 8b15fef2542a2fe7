"""Canonical names of government units: 市科技局 → 市科学技术局, 市发展改革委 → 市发展和改革委员会.

The table (data/unit_names.tsv) holds level-free stems, so one row serves 市/区/县/省 units alike.
Users extend it with their own TSV named in the POLICYX_UNIT_NAMES environment variable.
"""

from __future__ import annotations

import os
from functools import cache
from importlib import resources
from pathlib import Path

import regex

ENV_EXTRA = "POLICYX_UNIT_NAMES"
# The level a stem may follow: 市科技局, 青岛市科技局, 黄岛区科技局, 省科技厅.
LEVEL_END = set("省市区县州盟旗镇乡")
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
