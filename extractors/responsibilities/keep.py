"""Keep: what a unit list may hold. A list is cut at a deadline, status or score phrase, trimmed of
separators and a closing 等, and split into units; an inline segment is kept only when every item is a
name the unit grammar (extractors/unit_names.py) recognises or a short noun phrase."""

from __future__ import annotations

import regex

from extractors.clauses import LIST_CLAUSE
from extractors.unit_names import GENERIC, NOT_A_NAME_START, is_unit_name
from extractors.words import ORG_HEAD, ROLE_HEADS
from extractors.words import UNIT_SEPARATORS as UNIT_SEPARATOR_WORDS

# A separator inside brackets belongs to a unit's name: `各县（市、区）人民政府` is one unit.
SEPARATOR_OR_BRACKET = regex.compile(rf"{UNIT_SEPARATOR_WORDS}|[（(）)]")
CLAUSE_SEPARATORS = LIST_CLAUSE
# A deadline, status or score phrase that shares a bracket with tags: `2024年6月底前完成`, `长期坚持`,
# `持续推进`, `0.5分`; or an editorial note about the tags (`下同`, `不再做分工`). It is no unit list; in a
# label's list it ends the list.
DEADLINE_OR_STATUS = regex.compile(
    r"(?:\d{4}\s*年|\d{1,2}\s*月|[年月季]底|季度|上半年|下半年|年内|前完成|完成$|持续推进|长期坚持|长期推进|"
    r"持续实施|常态化|\d+(?:\.\d+)?\s*分$|(?:以下|下)同$|不再\p{Han}{0,2}分工|不分先后)"
)
# A role written after a unit inside a label's list is no part of its name: 市发展改革委（牵头）.
ROLE_NOTE = regex.compile(rf"[（(](?:{ROLE_HEADS})[）)]")
NAME_CHARS = regex.compile(r"[\p{Han}A-Za-z0-9（）()]+")
# A closing 等 with what it sums up: `等`, `等有关部门`, `等相关单位`, `等有关市直部门`, `等职能机构`.
TRAILING_ETC = regex.compile(r"等(?:(?:相关|有关|其他)?\p{Han}{0,3}?(?:部门|单位|机构))?$")


def split_outside_brackets(text: str) -> list[str]:
    """``text`` split on the unit separators (spec §3.2) that stand outside brackets; one pass."""
    parts, start, depth = [], 0, 0
    for m in SEPARATOR_OR_BRACKET.finditer(text):
        ch = m.group()
        if ch in "（(":
            depth += 1
        elif ch in "）)":
            depth = max(depth - 1, 0)
        elif not depth:
            parts.append(text[start : m.start()])
            start = m.end()
    parts.append(text[start:])
    return parts


def split_units(text: str) -> list[str]:
    units = []
    for part in split_outside_brackets(text):
        part = TRAILING_ETC.sub("", ROLE_NOTE.sub("", part).strip()).strip()
        if part:
            units.append(part)
    return units


# A line of a unit cell that is an organisational head alone continues the name above it (`区土方工作` /
# `专班`, 青浦 附件3).
BARE_HEAD = regex.compile(rf"(?:人民)?{ORG_HEAD}")


# 和/及/与 between two names in a unit cell (`区城管执法局和属地街镇`, 青浦 附件3).
NAME_JOINER = regex.compile(r"(?<=\p{Han})[和及与](?=\p{Han})")


def split_joined(unit: str) -> list[str]:
    """`区城管执法局和属地街镇` → two units when each side is a name by the unit grammar; inside a name
    (`市人力资源和社会保障局`) the part before 和 names nothing and the name stays whole."""
    parts = NAME_JOINER.split(unit)
    return parts if len(parts) > 1 and all(is_unit_name(p) for p in parts) else [unit]


def cell_units(text: str) -> list[str]:
    """The units of a table's unit cell: one per line when every line names units by the unit grammar
    (虹口 任务清单: `区文明办` / `区绿化市容局` / `区房管局`, no separator written); otherwise the lines are
    one text wrapped in the cell (`区土方工作` / `专班`), split on the list separators; 和 between two
    names splits them too."""
    lines = [line.strip() for line in text.split("\n") if line.strip()]
    units = split_units("".join(lines))
    if len(lines) > 1 and not any(BARE_HEAD.fullmatch(line) for line in lines):
        per_line = [split_units(line) for line in lines]
        if all(items and all(is_unit_name(u) for u in items) for items in per_line):
            units = [u for items in per_line for u in items]
    return [part for unit in units for part in split_joined(unit)]


def names_no_unit(units: list[str]) -> bool:
    """A unit cell that names no one (`各相关单位`, `——`): generic mentions give no record (spec §3.2)."""
    return all(GENERIC.match(u) or not regex.search(r"\p{Han}", u) for u in units)


def trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Shrink [start, end) past blanks and separators at either side; drop a closing 等."""
    while start < end and (text[start].isspace() or text[start] in "、，,；;"):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in "、，,；;。"):
        end -= 1
    if m := TRAILING_ETC.search(text, start, end):
        end = m.start()
        while end > start and text[end - 1].isspace():
            end -= 1
    return start, end


def cut_at_deadline(text: str, start: int, end: int) -> int:
    """A label's list runs to the first clause that is a deadline, status or score phrase, not a unit
    (`牵头单位：市发展改革委；2024年底前完成`); each clause is judged on its own."""
    pos = start
    for m in CLAUSE_SEPARATORS.finditer(text, start, end):
        if DEADLINE_OR_STATUS.search(text, pos, m.start()) and not is_unit_name(text[pos : m.start()].strip()):
            return pos
        pos = m.end()
    if DEADLINE_OR_STATUS.search(text, pos, end) and not is_unit_name(text[pos:end].strip()):
        return pos
    return end


def name_like(unit: str) -> bool:
    """A short noun phrase that may stand in a unit list (`省属国有企业`, `高校`): no clause, no prose
    opener, no deadline."""
    return (len(unit) <= 20 and bool(NAME_CHARS.fullmatch(unit))
            and not NOT_A_NAME_START.match(unit) and not GENERIC.match(unit) and not DEADLINE_OR_STATUS.search(unit))


def looks_like_units(text: str) -> bool:
    """A unit list: at least one name the unit grammar recognises, and nothing that is not a name."""
    units = split_units(text)
    return any(is_unit_name(u) for u in units) and all(is_unit_name(u) or name_like(u) for u in units)
