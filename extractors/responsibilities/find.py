"""Find: the unit lists of labels and of inline brackets, in clean-text offsets."""

from __future__ import annotations

from dataclasses import dataclass

import regex

from extractors.responsibilities.keep import (
    CLAUSE_SEPARATORS,
    DEADLINE_OR_STATUS,
    cut_at_deadline,
    looks_like_units,
    split_units,
    trim,
)
from extractors.responsibilities.rules import INLINE_MARK, LABEL, RULES, inline_role
from extractors.rules import Rule
from extractors.words import ROLE_OF_HEAD
from pipeline.models import Role

# A unit list ends at a closing bracket, a full stop or a line end; a next label also ends it.
LIST_END_OR_OPEN = regex.compile(r"[）)】〕\]。\n（(【〔\[]")
# Another `名称：` field on the same line ends a list (`牵头领导：`, `完成时限：`).
# (The separators before it are trimmed by ``trim``; a leading [\s、，,；;]* here made a search over
# a run of 、 quadratic.)
OTHER_FIELD = regex.compile(
    r"(?:(?:牵头|分管|联系|责任|包抓)?(?:领导|责任人|联系人|负责人)|完成时限|完成时间|时间节点|"
    r"进度安排|工作目标|目标任务|备注)\s*[:：]"
)
# Inline form: （市科技局牵头，市财政局、市发展改革委配合）, （市科技局负责）, （省生态环境厅牵头，市县政府负责落实）.
# A unit's alias or a place list may stand in brackets inside it:
# （市交通委（市道运局）牵头，各县（市、区）人民政府配合）.
# 【】 and 〔〕 close items too (`〔责任单位：…〕` in 四川 实施方案).
BRACKET = regex.compile(r"[（(【〔]((?:[^（）()【】〔〕\n]|[（(][^（）()\n]{1,20}[）)]){2,300})[）)】〕]")
BLANKS = regex.compile(r"\s+")
LABELLED = RULES["responsibilities.label.v2"]
INLINE = RULES["responsibilities.inline.v3"]


@dataclass(frozen=True, slots=True)
class UnitList:
    role: Role
    start: int  # clean offsets of the list, label excluded
    end: int
    rule: Rule  # the row that fired


def role_of(head: str) -> Role | None:
    """A label head's role; a task word (执行, 实施 …: rules.LABEL_TASK_WORDS) names the responsible unit."""
    head = BLANKS.sub("", head)
    return ROLE_OF_HEAD[head] if head in ROLE_OF_HEAD else Role.RESPONSIBLE


def list_end(text: str, start: int, limit: int | None = None) -> int:
    """Where a unit list ends: a full stop, a line end, or the bracket that closes the label's own
    bracket; brackets opened inside the list belong to a unit (`区委组织部（区委人才办）`). The search
    stops at ``limit`` (the next label), so a line of many labels is read once, not once per label."""
    limit = len(text) if limit is None else limit
    depth = 0
    for m in LIST_END_OR_OPEN.finditer(text, start, limit):
        ch = m.group()
        if ch in "（(【〔[":
            depth += 1
        elif ch in "）)】〕]" and depth:
            depth -= 1
        else:
            return m.start()
    return limit


def find_labelled(text: str) -> list[UnitList]:
    """``责任单位：…``-style labels anywhere (on a line of their own, or in a bracket after a deadline,
    status or score phrase); each label's list runs to the next label or the list end."""
    found = []
    labels = list(LABEL.finditer(text))
    for i, m in enumerate(labels):
        end = list_end(text, m.end(), labels[i + 1].start() if i + 1 < len(labels) else None)
        field = OTHER_FIELD.search(text, m.end(), end)
        if field:
            end = field.start()  # `高新区管委会  牵头领导：区委常委…`: another field starts here
        end = cut_at_deadline(text, m.end(), end)
        role = role_of(m.group("head"))
        start, end = trim(text, m.end(), end)
        if role is None or end <= start:
            continue
        # `责任单位：市商务局牵头，各县区配合`: the list is written in the inline form, whose verbs name
        # the roles.
        inline = inline_segments(text[start:end], start) if INLINE_MARK.search(text[start:end]) else None
        if inline:
            found.extend(inline)
        elif split_units(text[start:end]):
            found.append(UnitList(role, start, end, LABELLED))
    return found


def units_before(inner: str, start: int, end: int) -> tuple[int, int] | None:
    """The unit list that a role verb closes: the clauses right before it that name units, walking
    back until a clause that does not (`2024年底前完成，市发展改革委牵头` → 市发展改革委)."""
    first = None
    pos = end
    while True:
        sep = None
        for sep in CLAUSE_SEPARATORS.finditer(inner, start, pos):  # noqa: B007 (the last separator is wanted)
            pass
        clause_start = sep.end() if sep else start
        a, b = trim(inner, clause_start, pos)
        opened = a < b and inner[a] == "由"  # （由市发展改革委牵头，…）: 由 opens the list
        a += opened
        if b <= a or not looks_like_units(inner[a:b]):
            break
        first = a
        if not sep or opened:
            break
        pos = sep.start()
    if first is None:
        return None
    return trim(inner, first, end)


def find_inline(text: str) -> list[UnitList]:
    """Brackets of unit lists each closed by a role verb: （A牵头，B、C配合）, （A按职责分工负责）.
    Every segment is accepted or rejected on its own; what lies between or after them must be
    deadline, status or score phrases."""
    found = []
    for m in BRACKET.finditer(text):
        inner, offset = m.group(1), m.start(1)
        if LABEL.search(inner):
            continue  # a labelled list, handled by find_labelled
        found.extend(inline_segments(inner, offset) or [])
    return found


def inline_segments(inner: str, offset: int) -> list[UnitList] | None:
    """The unit lists of ``inner`` each closed by a role verb, at ``offset``; None when what follows
    the last verb is more than deadline, status or score phrases."""
    lists = []
    pos = 0
    for mark in INLINE_MARK.finditer(inner):
        span = units_before(inner, pos, mark.start())
        role = inline_role(mark)
        if span and role is not None:
            lists.append(UnitList(role, offset + span[0], offset + span[1], INLINE))
        pos = mark.end()
    rest = inner[pos:].strip("，,；;。 ")
    if lists and (not rest or all(DEADLINE_OR_STATUS.search(c) for c in CLAUSE_SEPARATORS.split(rest) if c)):
        return lists
    return None
