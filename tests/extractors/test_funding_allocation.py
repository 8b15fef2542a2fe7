"""Allocation lists (资金计划 / 资金下达 / 拟支持项目 attachments): one fixed record per recipient row.

No development document holds such a list (none found in zhiyao87/Shanghai-Gov-Docs-Index, whose
资金目录 notices keep their lists in attachments it does not store, nor in ../shared/realcorpus); the
lists below are written as those attachments are laid out when exported to text: tab rows, one cell
per line with no row mark (only the 序号 cells open rows), one cell per paragraph. Names are made up.
"""

from __future__ import annotations

import pytest

from extractors import funding

LEAD = "关于下达2024年度节能减排专项资金计划的通知\n各有关单位：\n现将2024年度节能减排专项资金计划下达给你们，请按规定拨付。\n"

TAB_ROWS = LEAD + (
    "附件：2024年度节能减排专项资金计划表\n"
    "序号\t企业名称\t补贴总额（万元）\t2024年拨付\t2025年申请拨付\t备注\n"
    "1\t上海甲机械有限公司\t30\t15\t15\t\n"
    "2\t上海乙化工有限公司\t12.5\t6\t6.5\t负荷集成\n"
    "合计\t\t42.5\t21\t21.5\t\n"
)
# One cell per line: the 备注 cell is left out where empty, an amount may read like the next 序号 (`3`),
# the unit is wrapped onto a line of its own.
CELL_LINES = LEAD + (
    "附件1\n"
    "序号\n企业名称\n补贴总额\n（万元）\n2024年拨付\n2025年申请拨付\n备注\n"
    "1\n上海甲机械有限公司\n30\n15\n15\n"
    "2\n上海乙化工有限公司\n12.5\n3\n9.5\n负荷集成\n"
    "3\n上海丙电子有限公司\n4\n3\n1\n"
    "合计\n46.5\n21\n25.5\n"
)
PARA_CELLS = LEAD + (
    "\n序号\n\n企业名称\n\n补贴金额（万元）\n\n1\n\n上海甲机械有限公司\n\n30\n\n2\n\n上海乙化工有限公司\n\n12.5\n\n"
)


def rows_of(structure_of, text):
    return [(r.quote, r.kind.value, r.amount_yuan, r.beneficiary, r.form, r.rule)
            for r in funding.extract(structure_of(text))]


@pytest.mark.parametrize(("text", "expected"), [
    (TAB_ROWS, [("30", 300_000, "上海甲机械有限公司"), ("12.5", 125_000, "上海乙化工有限公司")]),
    (CELL_LINES, [("30", 300_000, "上海甲机械有限公司"), ("12.5", 125_000, "上海乙化工有限公司"),
                  ("4", 40_000, "上海丙电子有限公司")]),
    (PARA_CELLS, [("30", 300_000, "上海甲机械有限公司"), ("12.5", 125_000, "上海乙化工有限公司")]),
], ids=["tab_rows", "cell_lines", "para_cells"])
def test_one_fixed_record_per_recipient_row_on_the_total(structure_of, text, expected):
    got = rows_of(structure_of, text)
    assert [(q, a, b) for q, _, a, b, _, _ in got] == expected
    assert {(k, rule) for _, k, _, _, _, rule in got} == {("fixed", "funding.allocation_row.v1")}


def test_cell_lines_rows_are_cut_at_the_serials(structure_of):
    doc = structure_of(CELL_LINES)
    (table,) = doc.tables
    assert table.layout == "serial_lines"
    assert [c.text for c in table.header] == ["序号", "企业名称", "补贴总额（万元）", "2024年拨付", "2025年申请拨付", "备注"]
    assert [[c.text for c in r] for r in table.body] == [
        ["1", "上海甲机械有限公司", "30", "15", "15"],
        ["2", "上海乙化工有限公司", "12.5", "3", "9.5", "负荷集成"],
        ["3", "上海丙电子有限公司", "4", "3", "1"],
    ]


def test_unit_from_a_unit_line_above_the_list(structure_of):
    text = LEAD + "单位：万元\n序号\t项目单位\t项目名称\t支持金额\n1\t上海丁科技有限公司\t节能改造项目\t8\n"
    assert [(q, a, b, f) for q, _, a, b, f, _ in rows_of(structure_of, text)] == [
        ("8", 80_000, "上海丁科技有限公司", "支持")]


@pytest.mark.parametrize("text", [
    # an investment column is no grant
    LEAD + "序号\t项目名称\t总投资（万元）\n1\t节能改造项目\t800\n2\t光伏项目\t300\n",
    # amounts by district under no word of allotting: a statistic
    "表3 2023年各区节能投入\n序号\t区名称\t金额（万元）\n1\t甲区\t2000\n2\t乙区\t1500\n",
], ids=["investment", "statistic"])
def test_tables_that_allot_nothing(structure_of, text):
    assert funding.extract(structure_of(text)) == []


def test_a_sum_row_under_the_header_is_passed_over(structure_of):
    text = LEAD + "序 号\n用户名称\n补贴总额（万元）\n2024年拨付\n合计\n42.5\n21\n1\n上海甲机械有限公司\n30\n15\n" \
        "2\n上海乙化工有限公司\n12.5\n6\n"
    got = [(r.quote, r.amount_yuan, r.beneficiary) for r in funding.extract(structure_of(text))]
    assert got == [("30", 300_000, "上海甲机械有限公司"), ("12.5", 125_000, "上海乙化工有限公司")]


def test_the_signature_after_the_list_is_no_cell(structure_of):
    doc = structure_of(LEAD + "序号\n企业名称\n补贴金额（万元）\n备注\n1\n上海甲机械有限公司\n30\n2\n上海乙化工有限公司\n12.5\n\n"
                       "上海市发展和改革委员会\n2024年6月27日\n")
    (table,) = doc.tables
    assert [[c.text for c in r] for r in table.body] == [["1", "上海甲机械有限公司", "30"], ["2", "上海乙化工有限公司", "12.5"]]
