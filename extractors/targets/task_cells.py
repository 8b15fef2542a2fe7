"""Goals in task-table cells (docs/DECISIONS.md "Targets in task tables").

A task table (任务分工表, 任务清单: rows of tasks with unit columns) lays goals side by side; a cell that
states a quantified goal is a target whatever the layout (paragraph cells, tab rows, pipes).

- Which tables: a header naming a unit column (words.unit_column_role); no project-list column
  (项目名称, 建设内容, 投资 …) and no indicator-name column (指标名称: an indicator table).
- Which cells: all but the serial, 类别, unit, time and note columns; a cell merged over several rows
  stands in each of them and is read once.
- A cell that is a bare value (`345个`, `24.3万户/682个`, `634吨/日`) is the goal of its row's task (the
  task cell is the indicator); any other cell is read by the prose grammar with the cell as its
  paragraph (find.find_in_paragraph).
- Year: the cell's own time frame; else the column header's single year (`2025年计划`); else the row's
  year cell (`2018年` sub-rows); else the caption's single year; else null when any of them names a
  range (`2018—2020年`, `“十五五”目标`); else the document's single-year period (spec §3.3).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import partial

import regex

from extractors.targets import find
from extractors.targets.find import PRE_COMPARATOR_OF, Hit, find_in_paragraph
from extractors.targets.grammar import VALUE, value_of
from extractors.targets.keep import Frame, frame_of
from extractors.targets.rules import TABLE_CELL
from extractors.words import POST_COMPARATOR, unit_column_role
from pipeline.structure import Structure
from pipeline.tables import Cell, Table

BLANKS = regex.compile(r"\s+")
SERIAL_COLUMN = regex.compile(r"^(?:序号?|编号)$")
# Group columns before the task (`类别`, `任务分类`, `主要方向`): they name a group of tasks, not a goal.
CATEGORY_COLUMN = regex.compile(r"^(?:类别|分类|领域|类型)$|^\p{Han}{2}(?:分类|类别|方向)$")
TIME_COLUMN = regex.compile(r"节点|时间|时限|期限|年度|年份|进度")
NOTE_COLUMN = regex.compile(r"备注|说明|文件|依据|参考|政策")
PROJECT_COLUMN = regex.compile(r"项目名称|项目内容|建设内容|建设规模|投资|建设地点|起止|建设年限")
INDICATOR_NAME_COLUMN = regex.compile(r"^(?:主要|具体|核心)?指标(?:名称|项)?$")
YEAR = regex.compile(r"(?<!\d)((?:19|20)\d{2})(?!\d)")
# A range of years or a plan period (`2018—2020年`, `2024-2026年`, `“十五五”`): no single year.
YEAR_RANGE = regex.compile(r"(?:19|20)\d{2}\s*年?\s*[—\-–~至到]\s*(?:19|20)?\d{2}|十[一二三四五六七]五")
# A rate's denominator after a bare value: `634吨/日`.
PER_TIME = regex.compile(r"/(?:日|天|周|月|年|小时)")
# What may follow a bare value in its cell: the counted noun, short (`4个街道`).
COUNTED_NOUN = regex.compile(r"\p{Han}{1,4}")
PRE_COMPARATOR_RE = regex.compile(
    "(?:" + "|".join(regex.escape(w) for w in sorted(PRE_COMPARATOR_OF, key=len, reverse=True)) + r"|≥|≤|>|<|＞|＜)")
SIGN_COMPARATOR = {"≥": "ge", "≤": "le", ">": "gt", "<": "le", "＞": "gt", "＜": "le"}


@dataclass(frozen=True, slots=True)
class TaskTable:
    table: Table
    header_at: int  # the row that names the columns
    scope: int  # the task column: the indicator of a bare value
    goal_columns: tuple[int, ...]
    time_column: int | None
    column_years: dict[int, int | None]  # a goal column's single year; None when it names a range
    caption_year: int | None
    caption_range: bool


def single_year(text: str) -> tuple[int | None, bool]:
    """(the one year a text names, whether it names a range instead)."""
    if YEAR_RANGE.search(text):
        return None, True
    years = {int(y) for y in YEAR.findall(text)}
    return (years.pop(), False) if len(years) == 1 else (None, len(years) > 1)


def task_layout(table: Table) -> TaskTable | None:
    """The columns of a task table, or None when ``table`` is no task table."""
    if table.kind != "table":
        return None
    for at in range(min(3, len(table.rows))):
        header = [BLANKS.sub("", c.text) for c in table.rows[at]]
        units = {k for k, h in enumerate(header) if unit_column_role(h) is not None}
        if units:
            break
    else:
        return None
    if any(PROJECT_COLUMN.search(h) or INDICATOR_NAME_COLUMN.match(h) for h in header):
        return None
    skipped = set(units)
    time_column = None
    for k, h in enumerate(header):
        if SERIAL_COLUMN.match(h) or CATEGORY_COLUMN.match(h) or NOTE_COLUMN.search(h) or not h:
            skipped.add(k)
        elif TIME_COLUMN.search(h) and not YEAR.search(h):
            skipped.add(k)
            time_column = k if time_column is None else time_column
    goals = tuple(k for k in range(len(header)) if k not in skipped)
    if not goals:
        return None
    years = {}
    for k in goals:
        year, ranged = single_year(header[k])
        if year is not None or ranged:
            years[k] = year
    caption_year, caption_range = single_year(table.caption or "")
    return TaskTable(table, at, goals[0], goals, time_column, years, caption_year, caption_range)


_LAYOUTS: list = [None, {}]  # (doc, {table clean span: TaskTable | None})


def task_tables(doc: Structure) -> list[TaskTable]:
    if _LAYOUTS[0] is not doc:
        _LAYOUTS[0], _LAYOUTS[1] = doc, {t.clean_span: task_layout(t) for t in doc.tables}
    return [t for t in _LAYOUTS[1].values() if t is not None]


def in_task_table(doc: Structure, offset: int) -> bool:
    """A clean offset inside a task table: its cells are read here, not as prose lines."""
    table = doc.table_at(offset)
    if table is None:
        return False
    task_tables(doc)
    return _LAYOUTS[1].get(table.clean_span) is not None


def table_frame(frame: Frame, year: int | None, ranged: bool) -> Frame:
    """A goal decision read inside a task-table cell: the table makes a cell's number a goal unless
    its own clause rules it out (a past frame, a condition, a standard); the year is the cell's own
    time frame, else the table's (``year``), else null for a range, else the single-year period."""
    if not frame.goal and frame.evidence in ("past", "condition", "standard"):
        return frame
    if any(r.startswith("time-frame:") for r in frame.reasons):
        year = frame.year  # the cell's own `到2025年` (or a horizon naming no year)
    elif year is None and (ranged or frame.annual or not any(
            r.startswith("single-year-period:") for r in frame.reasons)):
        year = None
    elif year is None:
        year = frame.year  # the document's single-year period (spec §3.3)
    evidence = frame.evidence if frame.goal else "table"
    return replace(frame, goal=True, year=year, evidence=evidence, reasons=(*frame.reasons, "task-table"))


def alternatives(task: str, n: int) -> list[str]:
    """The indicator of each of n values written `A/B` against a task naming them the same way
    (`…累计户数/小区数` with `24.3万户/682个`): the second name replaces the first's last word (the
    character before their shared ending)."""
    parts = task.split("/")
    if n < 2 or len(parts) != n:
        return [task] * n
    first = parts[0]
    out = [first]
    for alt in parts[1:]:
        common = 0
        while common < min(len(first), len(alt)) and first[-1 - common] == alt[-1 - common]:
            common += 1
        stem = first[: len(first) - common - 1] if common else ""
        out.append(stem + alt if common else alt)
    return out


def bare_values(text: str, start: int) -> list[tuple[int, int, regex.Match]] | None:
    """The values of a cell that holds nothing but them (`345个`, `24.3万户/682个`, `634吨/日`, `4个街道`,
    `≥50%`), as (start, end, match) in clean offsets; None for any other cell."""
    out = []
    pos = 0
    while True:
        pre = PRE_COMPARATOR_RE.match(text, pos)
        m = VALUE.match(text, pre.end() if pre else pos)
        if not m or not (m.group("unit") or m.group("mult")):
            return None
        end = m.end()
        if per := PER_TIME.match(text, end):
            end = per.end()
        if end == len(text):
            out.append((start + pos, start + end, m))
            return out
        if text[end] in "/、":
            out.append((start + pos, start + end, m))
            pos = end + 1
            continue
        noun = COUNTED_NOUN.fullmatch(text, end)
        if noun and not out:
            out.append((start + pos, start + len(text), m))
            return out
        return None


def bare_hits(doc: Structure, cell: Cell, task: str, year: int | None, ranged: bool) -> list[Hit]:
    s, e = cell.clean_span
    text = doc.text[s:e]
    if "\n" in text or not (values := bare_values(text, s)):
        return []
    names = alternatives(task, len(values))
    hits = []
    for (vs, ve, m), name in zip(values, names, strict=True):
        val = value_of(m)
        if val is None:
            continue
        value, unit = val
        if per := PER_TIME.match(text, m.end()):
            unit = (unit or "") + per.group()
        pre = PRE_COMPARATOR_RE.match(text, vs - s)
        cmp = (POST_COMPARATOR.get(m.group("post") or "") or
               (SIGN_COMPARATOR.get(pre.group()) or PRE_COMPARATOR_OF.get(pre.group()) if pre else None) or
               ("ge" if m.group("num2") else "eq"))
        frame = table_frame(frame_of(doc, (s, e), (s, e), s, m.start() + s), year, ranged)
        if frame.goal:
            hits.append(Hit(vs, ve, name, value, unit, cmp, None, frame, TABLE_CELL))
    return hits


def task_cell_hits(doc: Structure) -> list[Hit]:
    """The goals of every task table's cells."""
    hits: list[Hit] = []
    for layout in task_tables(doc):
        read: set[tuple[int, int]] = set()
        rows = layout.table.rows
        header = rows[layout.header_at]
        for row in rows[layout.header_at + 1 :]:
            if len(row) > layout.scope and BLANKS.sub("", row[layout.scope].text) == \
                    BLANKS.sub("", header[layout.scope].text):
                continue  # the header repeated after a page break
            time = layout.time_column
            row_year, row_range = single_year(row[time].text) if time is not None and time < len(row) else (None, False)
            task = row[layout.scope].text if layout.scope < len(row) else ""
            for k in layout.goal_columns:
                if k >= len(row) or not row[k].text or row[k].clean_span in read:
                    continue
                read.add(row[k].clean_span)
                year = next((y for y in (layout.column_years.get(k), row_year, layout.caption_year)
                             if y is not None), None)
                ranged = (k in layout.column_years and layout.column_years[k] is None) or row_range \
                    or layout.caption_range
                cell = row[k]
                found = bare_hits(doc, cell, task, year, ranged) if k != layout.scope and task else []
                if found and find.TRACE is not None:  # explain(): what a value cell gave
                    find.TRACE.extend((h.start, h.end, f"goal {h.rule}", h.frame.reasons) for h in found)
                if not found:
                    found = find_in_paragraph(doc, cell.clean_span, partial(table_frame, year=year, ranged=ranged))
                hits.extend(found)
    return hits
