"""Who must carry out a task (EXTRACTION_SPEC.md §3.2): labelled unit lists and 承担单位 columns.

Three sources, all built from one table of role heads (ROLE_OF_HEAD):
- labels: role head + optional qualifier + 单位/部门/…: ``（责任单位：市科技局、市发展改革委）``,
  ``牵头单位：A；配合单位：B、C`` on a line of its own, ``（6月底前完成，牵头推进单位：A）`` after a deadline;
- inline brackets: ``（A牵头，B、C配合）``, ``（A负责）``, each segment judged on its own by the unit grammar
  (unit_names.is_unit_name); running prose (``由市科技局负责解释``) is not a label;
- tables: a 承担单位 column gives ``undertaking`` records (scope = 项目名称), a 责任/牵头/配合单位 column
  gives records of that role (scope = the row's indicator or task).
"""

from __future__ import annotations

from dataclasses import dataclass

import regex

from extractors.clauses import LIST_CLAUSE
from extractors.indicators import split_unit
from extractors.unit_names import GENERIC, NOT_A_NAME_START, canonical, is_unit_name
from extractors.words import GAP, LABEL_NOUN, ROLE_HEADS, ROLE_OF_HEAD
from extractors.words import UNIT_SEPARATORS as UNIT_SEPARATOR_WORDS
from pipeline.models import Responsibility, Role
from pipeline.structure import Structure
from pipeline.tables import Table

# Role heads, their roles and the label nouns are word classes (extractors/words.py): labels, inline
# verbs and table headers are all built from the one table ROLE_OF_HEAD.
_W = GAP
HEADS = ROLE_HEADS
# A label: [主要/具体/第一] + role head + a free qualifier of up to three characters + noun + colon:
# 责任单位, 牵头部门, 牵头落实单位, 牵头推进部门, 配合责任单位, 主责部门, 协同单位, 责任主体.
# A qualifier about the document itself names its authors, not who carries out a task: a standard's
# `本文件负责起草单位：` (realcorpus planning/09), `负责解释单位：`. `各责任单位：` addresses units, it
# lists none.
DOCUMENT_QUALIFIER = r"(?!{_W}(?:起草|编制|编写|解释|归口|提出|发布|制定))".replace("{_W}", _W)
LABEL = regex.compile(
    rf"(?<!各)(?P<label>(?:主要|具体|第一)?(?P<head>{HEADS}){DOCUMENT_QUALIFIER}{_W}(?P<qual>\p{{Han}}{{0,3}}?){_W}{LABEL_NOUN})"
    r"\s*[:：]\s*"
)
# A unit list ends at a closing bracket, a full stop or a line end; a next label also ends it.
LIST_END_OR_OPEN = regex.compile(r"[）)】\]。\n（(【\[]")
# Another `名称：` field on the same line ends a list (`牵头领导：`, `完成时限：`).
# (The separators before it are trimmed by ``trim``; a leading [\s、，,；;]* here made a search over
# a run of 、 quadratic.)
OTHER_FIELD = regex.compile(
    r"(?:(?:牵头|分管|联系|责任|包抓)?(?:领导|责任人|联系人|负责人)|完成时限|完成时间|时间节点|"
    r"进度安排|工作目标|目标任务|备注)\s*[:：]"
)
UNIT_SEPARATORS = regex.compile(UNIT_SEPARATOR_WORDS)
CLAUSE_SEPARATORS = LIST_CLAUSE
# A deadline, status or score phrase that shares a bracket with tags: `2024年6月底前完成`, `长期坚持`,
# `持续推进`, `0.5分`. It is no unit list; in a label's list it ends the list.
DEADLINE_OR_STATUS = regex.compile(
    r"(?:\d{4}\s*年|\d{1,2}\s*月|[年月季]底|季度|上半年|下半年|年内|前完成|完成$|持续推进|长期坚持|长期推进|"
    r"持续实施|常态化|\d+(?:\.\d+)?\s*分$)"
)
# Inline form: （市科技局牵头，市财政局、市发展改革委配合）, （市科技局负责）, （省生态环境厅牵头，市县政府负责落实）.
BRACKET = regex.compile(r"[（(]([^（）()\n]{2,300})[）)]")
# `按职责分工负责` / `分别负责` / `共同负责`: the role is the verb; the qualifier is no unit. The verb may
# be followed by what it does (`负责落实`, `牵头推进`).
INLINE_VERBS = "|".join(_W.join(h) for h in ("牵头负责", *sorted(ROLE_OF_HEAD, key=len, reverse=True)))
INLINE_MARK = regex.compile(
    rf"(?:按照?职责分工|按照?职责|依职责|分别|共同|具体)?(?P<word>{INLINE_VERBS})"
    r"(?:落实|实施|推进|组织实施)?(?=[，,；;。]|$)"
)
INLINE_ROLE: dict[str, Role | None] = {"牵头负责": Role.LEAD, **ROLE_OF_HEAD}
BLANKS = regex.compile(r"\s+")
# A role written after a unit inside a label's list is no part of its name: 市发展改革委（牵头）.
ROLE_NOTE = regex.compile(rf"[（(](?:{HEADS})[）)]")
NAME_CHARS = regex.compile(r"[\p{Han}A-Za-z0-9（）()]+")
TRAILING_ETC = regex.compile(r"等(?:相关|有关|其他)?(?:部门|单位)?$")
# Table columns: the same role heads, qualified the same way.
UNDERTAKING_HEADER = regex.compile(r"承担单位|实施单位|建设单位|承担主体|实施主体")
ROLE_HEADER = regex.compile(rf"(主要|具体)?({HEADS})\p{{Han}}{{0,3}}?{LABEL_NOUN}")
SCOPE_HEADER = regex.compile(r"项目名称|名称|指标|任务|事项|内容|工作")
# A paragraph's lead phrase: a short first sentence closed by 。 or ：（`强化规划管控。坚持…`).
LEAD_PHRASE = regex.compile(r"[^\n，,；;。：:（(]{2,25}(?=[。：:])")
# Item levels (pipeline.structure.HEADING_MARKERS) that number items, not sections: 1. 第X条 (1) ①.
ITEM_LEVEL = 5


@dataclass(frozen=True, slots=True)
class UnitList:
    role: Role
    start: int  # clean offsets of the list, label excluded
    end: int
    rule: str
    confidence: float


def split_units(text: str) -> list[str]:
    units = []
    for part in UNIT_SEPARATORS.split(text):
        part = TRAILING_ETC.sub("", ROLE_NOTE.sub("", part).strip()).strip()
        if part:
            units.append(part)
    return units


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


def role_of(head: str) -> Role | None:
    return ROLE_OF_HEAD[BLANKS.sub("", head)]


def list_end(text: str, start: int, limit: int | None = None) -> int:
    """Where a unit list ends: a full stop, a line end, or the bracket that closes the label's own
    bracket; brackets opened inside the list belong to a unit (`区委组织部（区委人才办）`). The search
    stops at ``limit`` (the next label), so a line of many labels is read once, not once per label."""
    limit = len(text) if limit is None else limit
    depth = 0
    for m in LIST_END_OR_OPEN.finditer(text, start, limit):
        ch = m.group()
        if ch in "（(【[":
            depth += 1
        elif ch in "）)】]" and depth:
            depth -= 1
        else:
            return m.start()
    return limit


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
            found.append(UnitList(role, start, end, "responsibilities.label.v2", 0.95))
    return found


def name_like(unit: str) -> bool:
    """A short noun phrase that may stand in a unit list (`省属国有企业`, `高校`): no clause, no prose
    opener, no deadline."""
    return (len(unit) <= 20 and bool(NAME_CHARS.fullmatch(unit))
            and not NOT_A_NAME_START.match(unit) and not GENERIC.match(unit) and not DEADLINE_OR_STATUS.search(unit))


def looks_like_units(text: str) -> bool:
    """A unit list: at least one name the unit grammar recognises, and nothing that is not a name."""
    units = split_units(text)
    return any(is_unit_name(u) for u in units) and all(is_unit_name(u) or name_like(u) for u in units)


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
        role = INLINE_ROLE[BLANKS.sub("", mark.group("word"))]
        if span and role is not None:
            lists.append(UnitList(role, offset + span[0], offset + span[1], "responsibilities.inline.v2", 0.85))
        pos = mark.end()
    rest = inner[pos:].strip("，,；;。 ")
    if lists and (not rest or all(DEADLINE_OR_STATUS.search(c) for c in CLAUSE_SEPARATORS.split(rest) if c)):
        return lists
    return None


def scope_at(doc: Structure, start: int) -> str | None:
    """The task a label belongs to (spec §3.2): the heading of the enclosing numbered item; else the
    lead phrase of the label's paragraph (`强化规划管控。坚持…（责任单位：…）`); else the section heading."""
    section = doc.section_at(start)
    if section and section.level >= ITEM_LEVEL:
        return section.title
    text = doc.text
    para = text.rfind("\n", 0, start) + 1
    while para < start and text[para].isspace():
        para += 1
    if not (section and section.clean_span[0] == para):
        lead = LEAD_PHRASE.match(text, para, start)
        if lead and not LABEL.match(text, para):
            return lead.group().strip()
    return section.title if section else None


def prose_records(doc: Structure) -> list[Responsibility]:
    records = []
    for ul in sorted(find_labelled(doc.text) + find_inline(doc.text), key=lambda u: u.start):
        if doc.table_at(ul.start):
            continue  # table cells are read column by column below
        records.append(build(doc, ul.role, ul.start, ul.end, scope_at(doc, ul.start), ul.rule, ul.confidence))
    return records


def build(doc: Structure, role: Role, start: int, end: int, scope: str | None, rule: str,
          confidence: float) -> Responsibility:
    span = doc.to_source(start, end)
    units = tuple(split_units(doc.text[start:end].replace("\n", "")))
    names = tuple(canonical(u) or u for u in units)
    return Responsibility(span=span, quote=doc.quote(span), role=role, units=units, scope=scope,
                          canonical_units=names, rule=rule, confidence=confidence)


def table_columns(table: Table) -> tuple[int | None, list[tuple[int, Role, str]]]:
    """(scope column, [(column, role, rule)]) from the header of a project or duty table."""
    header = [BLANKS.sub("", c.text) for c in table.header]
    columns = []
    for k, h in enumerate(header):
        if UNDERTAKING_HEADER.search(h):
            columns.append((k, Role.UNDERTAKING, "responsibilities.table_undertaking.v1"))
        elif (m := ROLE_HEADER.search(h)) and (role := role_of(m.group(2))) is not None:
            columns.append((k, role, "responsibilities.table_role.v1"))
    taken = {k for k, _, _ in columns}
    scope = next((k for k, h in enumerate(header) if k not in taken and SCOPE_HEADER.search(h)), None)
    return scope, columns


def table_records(doc: Structure) -> list[Responsibility]:
    records = []
    for table in doc.tables:
        if table.kind != "table":
            continue
        scope_col, columns = table_columns(table)
        indicator_scope = scope_col is not None and "指标" in table.header[scope_col].text
        for row in table.body:
            scope = row[scope_col].text or None if scope_col is not None and scope_col < len(row) else None
            if scope and indicator_scope:
                scope = split_unit(scope)[0]  # `高新技术企业数（家）` → the indicator's name
            for k, role, rule in columns:
                if k >= len(row) or not row[k].text:
                    continue
                start, end = row[k].clean_span
                records.append(build(doc, role, start, end, scope, rule, 0.9))
    return records


def extract(doc: Structure) -> list[Responsibility]:
    """One record per label occurrence and per filled unit cell (spec §3.2)."""
    return prose_records(doc) + table_records(doc)
