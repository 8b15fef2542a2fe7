"""Build: one Responsibility record per kept unit list and per filled unit cell, with its scope."""

from __future__ import annotations

import regex

from extractors.indicators import split_unit
from extractors.responsibilities.find import BLANKS, find_inline, find_labelled
from extractors.responsibilities.keep import cell_units, names_no_unit, split_units
from extractors.responsibilities.rules import LABEL, RULES
from extractors.rules import Rule
from extractors.unit_names import canonical, is_unit_name
from extractors.words import unit_column_role
from pipeline.models import Responsibility, Role
from pipeline.structure import Structure
from pipeline.tables import Table

# A column of one year's work (`2024年工作项目`, `2025年计划`) names tasks, not a project list's projects.
YEAR_WORK_COLUMN = regex.compile(r"^(?:19|20)\d{2}年度?(?:重点)?工作")
SCOPE_HEADER = regex.compile(r"项目名称|名称|指标|任务|事项|内容|工作|举措|措施")
# A column of group cells before the task (`任务分类`, `主要方向`): it names the group, not the row's task.
GROUP_HEADER = regex.compile(r"(?:分类|类别|领域|方向)$")
# A paragraph's lead phrase: a short first sentence closed by 。 or ：（`强化规划管控。坚持…`).
LEAD_PHRASE = regex.compile(r"[^\n，,；;。：:（(]{2,25}(?=[。：:])")
# Item levels (pipeline.structure.HEADING_MARKERS) that number items, not sections: 1. 第X条 (1) ①.
ITEM_LEVEL = 5


TABLE_UNDERTAKING = RULES["responsibilities.table_undertaking.v1"]
TABLE_ROLE = RULES["responsibilities.table_role.v1"]


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
        records.append(build(doc, ul.role, ul.start, ul.end, scope_at(doc, ul.start), ul.rule))
    return records


def build(doc: Structure, role: Role, start: int, end: int, scope: str | None, rule: Rule,
          units: list[str] | None = None) -> Responsibility:
    span = doc.to_source(start, end)
    units = tuple(split_units(doc.text[start:end].replace("\n", "")) if units is None else units)
    names = tuple(canonical(u) or u for u in units)
    return Responsibility(span=span, quote=doc.quote(span), role=role, units=units, scope=scope,
                          canonical_units=names, rule=rule.id, confidence=rule.confidence)


def table_columns(table: Table, at: int = 0) -> tuple[int | None, list[tuple[int, Role, Rule]]]:
    """(scope column, [(column, role, rule)]) from the header (row ``at``) of a project or task table:
    every column whose header the unit-column grammar reads (words.UNIT_COLUMN); a table is a project
    list when a header or its caption names 项目."""
    header = [BLANKS.sub("", c.text) for c in table.rows[at]]
    project = any("项目" in h and not YEAR_WORK_COLUMN.match(h) for h in header) or "项目" in (table.caption or "")
    columns = []
    for k, h in enumerate(header):
        role = unit_column_role(h, project)
        if role is not None:
            columns.append((k, role, TABLE_UNDERTAKING if role is Role.UNDERTAKING else TABLE_ROLE))
    taken = {k for k, _, _ in columns}
    named = [k for k, h in enumerate(header) if k not in taken and SCOPE_HEADER.search(h)]
    scope = next((k for k in named if not GROUP_HEADER.search(header[k])), named[0] if named else None)
    return scope, columns


def merged_scope(table: Table, at: int, cell, scope_col: int | None) -> str | None:
    """The scope of a unit cell merged over rows of different tasks: the nearest column before the task
    whose cell is merged over the same rows (the group the cell serves, `主要方向`); None when there is none."""
    if scope_col is None:
        return None
    rows = [r for r in table.rows[at + 1 :] if any(c.clean_span == cell.clean_span and c.text for c in r)]
    if len(rows) < 2 or len({r[scope_col].clean_span for r in rows if scope_col < len(r)}) < 2:
        return None
    for k in range(scope_col - 1, -1, -1):
        if rows[0][k].text and all(k < len(r) and r[k].clean_span == rows[0][k].clean_span for r in rows):
            return rows[0][k].text
    return None


def header_row(table: Table) -> tuple[int, int | None, list[tuple[int, Role, Rule]]]:
    """The row that names the columns: the first, unless it names no unit column and one of the next
    two does (a title row spanning the table above the header, as a Word grid keeps it)."""
    first = table_columns(table)
    if first[1]:
        return (0, *first)
    for at in range(1, min(3, len(table.rows))):
        scope, columns = table_columns(table, at)
        if columns and sum(1 for c in table.rows[at] if c.text) >= 2:
            return at, scope, columns
    return (0, *first)


PROSE = regex.compile(r"[。；;：:]")


def is_prose(cell: str) -> bool:
    """A unit column's cell holding running prose and no unit name (a row read out of its columns, a
    `详见…` note): no unit list (spec §3.2 names units)."""
    units = split_units(cell)
    if any(is_unit_name(u) for u in units):
        return False
    return len(cell) > 30 or bool(PROSE.search(cell)) or any(len(u) > 20 for u in units)


def table_records(doc: Structure) -> list[Responsibility]:
    records = []
    for table in doc.tables:
        if table.kind != "table":
            continue
        read: set[tuple[int, int]] = set()  # a cell merged over several rows stands in each: one record
        at, scope_col, columns = header_row(table)
        indicator_scope = scope_col is not None and "指标" in table.rows[at][scope_col].text
        for row in table.rows[at + 1 :]:
            scope = row[scope_col].text or None if scope_col is not None and scope_col < len(row) else None
            if scope and indicator_scope:
                scope = split_unit(scope)[0]  # `高新技术企业数（家）` → the indicator's name
            for k, role, rule in columns:
                if k >= len(row) or not row[k].text or is_prose(row[k].text):
                    continue
                if unit_column_role(BLANKS.sub("", row[k].text)) is not None or row[k].clean_span in read:
                    continue  # the header repeated after a page break names no unit
                read.add(row[k].clean_span)
                start, end = row[k].clean_span
                units = cell_units(doc.text[start:end])
                if names_no_unit(units):
                    continue
                records.append(build(doc, role, start, end, merged_scope(table, at, row[k], scope_col) or scope,
                                     rule, units))
    return records


def extract(doc: Structure) -> list[Responsibility]:
    """One record per label occurrence and per filled unit cell (spec §3.2)."""
    return prose_records(doc) + table_records(doc)
