"""Allocation lists: a 资金计划 / 资金下达 / 拟支持项目 table that allots an amount to each named recipient.

`序号 | 企业名称 | 补贴金额（万元） | 2024年拨付 | 2025年申请拨付` (spec §3.1 as the labellers read it): each
recipient row is one `fixed` record, amount = the row's total amount cell times the unit its header (or a
`单位：万元` line above the table) gives, beneficiary = the name cell, span = the amount cell. Columns that
split the total by year or instalment (`2024年拨付`, `申请拨付`) are schedules of a grant already recorded,
and 合计 / 总计 rows are sums: neither gives a record. Which table layout the list came in (tabs, one cell
per line, one per paragraph, a reader's grid) is the table layer's business (pipeline/tables.py).
"""

from __future__ import annotations

import regex

from extractors.funding.rules import RULES
from extractors.numbers import MONEY, to_yuan
from pipeline.models import Funding, FundingKind
from pipeline.structure import Structure
from pipeline.tables import Table

ALLOCATION_RULE = RULES["funding.allocation_row.v1"]

# Who a row allots to: an enterprise or unit column first, a project's name when no unit column is there.
UNIT_NAME_HEADER = regex.compile(r"(?:企业|单位|公司|机构|主体|对象|用户|集成商|运营商)(?:名称|全称)?$")
NAME_HEADER = regex.compile(r"名称|全称")
# A money column that grants: a support word or 资金; an investment, income or own funds are no grant.
GRANT_COLUMN = regex.compile(r"补贴|补助|奖励|资助|奖补|扶持|支持|资金|拨付|拨款|下达|安排|金额")
NOT_GRANT_COLUMN = regex.compile(r"投资|自筹|收入|产值|销售|税收|贷款|营收|配套资金|总额度")
# A column that splits the total by year or instalment: a schedule, not the row's amount.
SCHEDULE_COLUMN = regex.compile(
    r"拨付|拨款|预拨|清算|首期|首批|本次|本批|已拨|(?:19|20)\d{2}\s*年|第[一二三四五六七八九十\d]+(?:批|期|次|年)")
TOTAL_COLUMN = regex.compile(r"总额|总计|合计|总金额")
UNIT_IN_HEADER = regex.compile(r"[（(]\s*(?P<mult>[万亿]?)元\s*[）)]|(?P<mult2>[万亿])元")
UNIT_LINE = regex.compile(r"单位\s*[:：]\s*(?P<mult>[万亿]?)元")
SUM_ROW = regex.compile(r"合计|总计|小计|共计")
PLAIN_AMOUNT = regex.compile(r"(?P<num>\d[\d,，]*(?:\.\d+)?)")
SUPPORT_WORD = regex.compile(r"补贴|补助|奖励|资助|奖补|扶持|支持")
# The list's own title or the text above it says money is allotted (`资金计划`, `拟支持项目`, `下达`).
ALLOCATION_CONTEXT = regex.compile(r"下达|拟支持|资金计划|资金安排|拨付|补贴|补助|奖励|资助|奖补|扶持")
LOOK_BACK = 400  # characters above a table read for its unit line and for allocation words


def unit_of(text: str) -> str | None:
    """`补贴金额（万元）` → 万; `金额（元）` → ""; None when the text names no money unit."""
    m = UNIT_IN_HEADER.search(text)
    if m:
        return m.group("mult") if m.group("mult") is not None else m.group("mult2")
    return None


def amount_column(header: list[str], skip: set[int], table_unit: str | None) -> int | None:
    """The row's total: a granting money column that is no schedule; the only one when all are."""
    money = [k for k, h in enumerate(header)
             if k not in skip and GRANT_COLUMN.search(h) and not NOT_GRANT_COLUMN.search(h)
             and (unit_of(h) is not None or table_unit is not None)]
    totals = [k for k in money if TOTAL_COLUMN.search(header[k])]
    plain = [k for k in money if not SCHEDULE_COLUMN.search(header[k])]
    if totals:
        return totals[0]
    if plain:
        return plain[0]
    return money[0] if len(money) == 1 else None


def allocation_records(doc: Structure, table: Table) -> list[Funding] | None:
    """The records of an allocation list, or None when ``table`` is no such list."""
    if table.kind != "table" or len(table.rows) < 2:
        return None
    header = [c.text.replace(" ", "") for c in table.header]
    name_col = next((k for k, h in enumerate(header) if UNIT_NAME_HEADER.search(h)), None)
    if name_col is None:
        name_col = next((k for k, h in enumerate(header) if NAME_HEADER.search(h)), None)
    if name_col is None:
        return None
    text = doc.text
    above = text[max(0, table.clean_span[0] - LOOK_BACK) : table.clean_span[0]]
    unit_line = list(UNIT_LINE.finditer(above))
    table_unit = unit_line[-1].group("mult") if unit_line else None
    col = amount_column(header, {name_col}, table_unit)
    if col is None:
        return None
    head = header[col]
    if not SUPPORT_WORD.search(head) and not ALLOCATION_CONTEXT.search(
            (table.caption or "") + above + (doc.meta.title or "")):
        return None  # `金额（万元）` under no word of allotting: a statistic, not a grant
    mult = unit_of(head)
    mult = table_unit if mult is None else mult
    support = SUPPORT_WORD.search(head)
    form = support.group() if support else ("资金" if "资金" in head else None)
    out = []
    for row in table.body:
        if col >= len(row) or name_col >= len(row):
            continue
        if any(SUM_ROW.search(c.text) for c in row[: col]):
            continue  # a sum of the rows above: no recipient of its own
        name = row[name_col].text.strip()
        cell = row[col]
        money = MONEY.fullmatch(cell.text)
        if money:
            amount = to_yuan(money.group("num"), money.group("mult"))
        elif PLAIN_AMOUNT.fullmatch(cell.text):
            amount = to_yuan(cell.text.replace(",", "").replace("，", ""), mult or None)
        else:
            continue
        if not name or not amount:
            continue
        span = doc.to_source(*cell.clean_span)
        out.append(Funding(
            span=span, quote=doc.quote(span), kind=FundingKind.FIXED, amount_yuan=amount, ratio=None, per=None,
            beneficiary=name, form=form, rule=ALLOCATION_RULE.id, confidence=ALLOCATION_RULE.confidence,
        ))
    return out
