"""Who must carry out a task (EXTRACTION_SPEC.md §3.2): labelled unit lists and 承担单位 columns.

Three sources:
- labels: ``（责任单位：市科技局、市发展改革委）``, ``牵头单位：A；配合单位：B、C`` on a line of its own;
- inline brackets: ``（A牵头，B、C配合）``, ``（A负责）``; running prose (``由市科技局负责解释``) is not a label;
- tables: a 承担单位 column gives ``undertaking`` records (scope = 项目名称), a 责任/牵头/配合单位 column
  gives records of that role (scope = the row's indicator or task).
"""

from __future__ import annotations

from dataclasses import dataclass

import regex

from extractors.indicators import split_unit
from extractors.unit_names import canonical
from pipeline.models import Responsibility, Role
from pipeline.structure import Structure
from pipeline.tables import Table

# Label heads and the role they name (spec §3.2: qualified labels count by their head word).
# Not 主办单位/承办单位: on government sites those name who runs the website (page footers).
ROLE_OF_HEAD = {
    "责任": Role.RESPONSIBLE, "负责": Role.RESPONSIBLE,
    "牵头": Role.LEAD, "主责": Role.LEAD,
    "配合": Role.COOPERATING, "协办": Role.COOPERATING, "参与": Role.COOPERATING,
    "协助": Role.COOPERATING, "协同": Role.COOPERATING, "参加": Role.COOPERATING,
    "承担": Role.UNDERTAKING,
}
_W = r"\s*"  # a label may be broken by a line break in the export: 责任\n单位
LABEL = regex.compile(
    r"(?P<label>(?:主要|具体|第一)?"
    r"(?P<head>责\s*任|牵\s*头(?:落\s*实)?|配\s*合|协\s*办|参\s*与|协\s*助|承\s*担)"
    rf"{_W}(?:单{_W}位|部{_W}门|处{_W}室|科{_W}室))\s*[:：]\s*"
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
UNIT_SEPARATORS = regex.compile(r"[、，,；;]")
# Inline form: （市科技局牵头，市财政局、市发展改革委配合） / （市科技局负责）.
BRACKET = regex.compile(r"[（(]([^（）()\n]{2,300})[）)]")
# `按职责分工负责` / `分别负责` / `共同负责`: the role is the final word; the qualifier is no unit.
INLINE_MARK = regex.compile(
    r"(?:按照?职责分工|按职责|分别|共同)?(?P<word>牵头负责|牵头|配合|负责|参与|协办|协助)(?=[，,；;。]|$)"
)
INLINE_ROLE = {"牵头负责": Role.LEAD, "牵头": Role.LEAD, "配合": Role.COOPERATING, "负责": Role.RESPONSIBLE,
               "参与": Role.COOPERATING, "协办": Role.COOPERATING, "协助": Role.COOPERATING}
# What a unit name ends with; a clause of other words in brackets is not a unit list.
UNIT_END = regex.compile(
    r"(?:局|厅|委|办|部|院|府|会|中心|所|校|大学|公司|集团|行|署|室|团|馆|处|站|社|区|县|市|管委|法院|协|联|"
    r"检察院|银行|协会|联合会|基金会|委员会|小组|集团有限公司|研究院)$"
)
NOT_UNIT_START = regex.compile(r"^(?:由|各有关|有关|相关|其他|会同|按|依托|支持|鼓励|其中)")
# A collective of lower-level governments named in a bracket label: 各镇街, 各区县, 各乡镇（街道）.
COLLECTIVE_UNIT = regex.compile(r"^各(?:[县市区镇乡街]|\p{Han}{0,3}(?:镇|街|区|县|市|乡|园区|开发区))")
TRAILING_ETC = regex.compile(r"等$")
# Table columns.
UNDERTAKING_HEADER = regex.compile(r"承担单位|实施单位|建设单位|承担主体|实施主体")
ROLE_HEADER = regex.compile(r"(主要|具体)?(责任|牵头|配合|协办|参与)(单位|部门|科室|处室)")
SCOPE_HEADER = regex.compile(r"项目名称|名称|指标|任务|事项|内容|工作")


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
        part = TRAILING_ETC.sub("", part.strip())
        if part:
            units.append(part)
    return units


def trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Shrink [start, end) past blanks and separators at either side; drop a closing 等."""
    while start < end and (text[start].isspace() or text[start] in "、，,；;"):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in "、，,；;。"):
        end -= 1
    if end > start and text[end - 1] == "等":
        end -= 1
    return start, end


def role_of(head: str) -> Role:
    head = regex.sub(r"\s+", "", head)
    return ROLE_OF_HEAD[head[:2]]


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


def find_labelled(text: str) -> list[UnitList]:
    """``责任单位：…``-style labels; each label's list runs to the next label or the list end."""
    found = []
    labels = list(LABEL.finditer(text))
    for i, m in enumerate(labels):
        end = list_end(text, m.end(), labels[i + 1].start() if i + 1 < len(labels) else None)
        field = OTHER_FIELD.search(text, m.end(), end)
        if field:
            end = field.start()  # `高新区管委会  牵头领导：区委常委…`: another field starts here
        start, end = trim(text, m.end(), end)
        if end > start and split_units(text[start:end]):
            found.append(UnitList(role_of(m.group("head")), start, end, "responsibilities.label.v1", 0.95))
    return found


def looks_like_units(text: str) -> bool:
    units = split_units(text)
    return bool(units) and all(
        (UNIT_END.search(u) or COLLECTIVE_UNIT.match(u)) and not NOT_UNIT_START.match(u) and len(u) <= 30
        for u in units
    )


def find_inline(text: str) -> list[UnitList]:
    """Brackets made only of unit lists each closed by 牵头/配合/负责: （A牵头，B、C配合）."""
    found = []
    for m in BRACKET.finditer(text):
        inner, offset = m.group(1), m.start(1)
        if LABEL.search(inner):
            continue  # a labelled list, handled by find_labelled
        marks = list(INLINE_MARK.finditer(inner))
        if not marks:
            continue
        lists = []
        pos = 0
        for mark in marks:
            start, end = trim(inner, pos, mark.start())
            if end <= start or not looks_like_units(inner[start:end]):
                lists = []
                break
            lists.append(UnitList(INLINE_ROLE[mark.group("word")], offset + start, offset + end,
                                  "responsibilities.inline.v1", 0.85))
            pos = mark.end()
        if lists and not inner[pos:].strip("，,；;。 "):
            found.extend(lists)
    return found


def prose_records(doc: Structure) -> list[Responsibility]:
    records = []
    for ul in find_labelled(doc.text) + find_inline(doc.text):
        if doc.table_at(ul.start):
            continue  # table cells are read column by column below
        section = doc.section_at(ul.start)
        records.append(build(doc, ul.role, ul.start, ul.end, section.title if section else None,
                             ul.rule, ul.confidence))
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
    header = [regex.sub(r"\s+", "", c.text) for c in table.header]
    columns = []
    for k, h in enumerate(header):
        if UNDERTAKING_HEADER.search(h):
            columns.append((k, Role.UNDERTAKING, "responsibilities.table_undertaking.v1"))
        elif m := ROLE_HEADER.search(h):
            columns.append((k, role_of(m.group(2)), "responsibilities.table_role.v1"))
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
