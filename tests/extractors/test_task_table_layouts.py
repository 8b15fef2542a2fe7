"""Task tables laid out one cell per paragraph, read as a grammar of the layout (pipeline/tables.py
"task tables, one cell per paragraph"; docs/DECISIONS.md "Task tables").

Two real documents, read from their files:
- corpus/real/plan_shanghai_qingpu_jianzhulaji_2025.txt, 附件3 任务职责分工表: 序号 / 工作任务 / 主要工作内容 /
  牵头单位 / 配合单位; group rows `—` (for 一) / `二` / `三` / `四` + name between rows; （一）… restarting
  in each group; 序号 and 工作任务 merged over sub-rows; the header three times; empty cells `——`;
  `区土方工作` / `专班` one unit over two lines.
- corpus/real/plan_shanghai_hongkou_lajifenlei_2018.txt, 附件 任务清单: 类别 / 序号 / 主要任务 / 节点 / 指标数 /
  责任单位 / 配合单位; a vertical 类别 cell; a sub-row per year node; unit cells one unit a line.
The facts asserted are read in the tables (and gold/real/notes), not copied from output. Shapes of
other real task tables (header cells split over two paragraphs, columns naming years, numbered group
rows between rows) are built from these cells.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from extractors.responsibilities import extract as responsibilities
from extractors.targets import extract as targets
from pipeline.ingest import read_source
from pipeline.models import Role
from pipeline.structure import build_structure
from tests.extractors.test_task_tables import CAPTION, HEADER, ROWS, para

ROOT = Path(__file__).resolve().parents[2]
QINGPU = ROOT / "corpus/real/plan_shanghai_qingpu_jianzhulaji_2025.txt"
HONGKOU = ROOT / "corpus/real/plan_shanghai_hongkou_lajifenlei_2018.txt"
TABLE_CELL = "targets.table_cell.v1"


def table_part(path: Path, first_line: str) -> str:
    """The document from the line that opens its task table's annex."""
    text = path.read_text(encoding="utf-8")
    return text[text.index(first_line) :]


QINGPU_TABLE = table_part(QINGPU, "附件3\n")
HONGKOU_TABLE = table_part(HONGKOU, "附件\n")


def unit_records(structure_of, text: str) -> list[tuple[Role, tuple[str, ...], str | None]]:
    return [(r.role, r.units, r.scope) for r in responsibilities(structure_of(text)) if "table" in r.rule]


def test_qingpu_one_record_per_unit_cell(structure_of):
    got = unit_records(structure_of, QINGPU_TABLE)
    # 26 sub-rows, a 牵头 and a 配合 cell each; 8 cells written —— (one 牵头: 四(二))
    assert Counter(role for role, _, _ in got) == {Role.LEAD: 25, Role.COOPERATING: 19}
    assert all("—" not in "".join(units) and "单位" not in "".join(units) for _, units, _ in got)


def test_qingpu_sub_rows_take_the_task_merged_over_them(structure_of):
    got = unit_records(structure_of, QINGPU_TABLE)
    # 二(二) 加强源头监管: five sub-rows, five 牵头 cells
    assert [u for role, u, s in got if role is Role.LEAD and s == "加强源头监管"] == [
        ("区城运中心",), ("区建设管理委",), ("区房管局",), ("区绿化市容局",), ("区水务局",)]
    # 四(二): its 牵头 cell is ——, its 配合 cell names ten units
    assert [(role, len(u)) for role, u, s in got if s == "运用数据平台共享研判"] == [(Role.COOPERATING, 10)]


def test_qingpu_unit_cells_as_written(structure_of):
    got = unit_records(structure_of, QINGPU_TABLE)
    # `区土方工作` / `专班`: one name over two lines, twice
    assert [s for role, u, s in got if u == ("区土方工作专班",)] == ["提升消纳处置能力", "加强消纳产所监管"]
    # 三(二): the 牵头 cell after a 工作内容 cell without final punctuation
    assert (Role.LEAD, ("公安青浦分局",), "严打“黑车”运营") in got
    # 和 between two names: `…、区城管执法局和属地街镇`
    assert any(u[-2:] == ("区城管执法局", "属地街镇") for _, u, _ in got)


def test_qingpu_group_rows_are_rows_of_their_own(structure_of):
    table = structure_of(QINGPU_TABLE).tables[-1]
    groups = [tuple(c.text for c in r) for r in table.rows if len(r) == 2]
    assert [g[0] for g in groups] == ["—", "二", "三", "四"]
    assert groups[1][1] == "构建全链条全过程闭环管理体系"


@pytest.mark.parametrize(("lead", "cooperate", "roles"), [
    ("牵头\n\n部门", "配合\n\n部门", {Role.LEAD: 25, Role.COOPERATING: 19}),
    ("实施\n\n主体", "配合\n\n单位", {Role.RESPONSIBLE: 25, Role.COOPERATING: 19}),
], ids=["牵头/部门", "实施/主体"])
def test_header_cells_split_over_two_paragraphs(structure_of, lead, cooperate, roles):
    text = QINGPU_TABLE.replace("牵头单位", lead).replace("配合单位", cooperate)
    assert Counter(role for role, _, _ in unit_records(structure_of, text)) == roles


def test_hongkou_one_record_per_unit_cell(structure_of):
    got = unit_records(structure_of, HONGKOU_TABLE)
    assert Counter(role for role, _, _ in got) == {Role.RESPONSIBLE: 22, Role.COOPERATING: 10}
    # 1.2: the 配合单位 cell, one unit a line, merged over the years 2018-2020: one record
    assert got.count((Role.COOPERATING, ("区文明办", "区绿化市容局", "区房管局"), "创建达标分类小区（累计数）")) == 1
    # 3.1: 各相关单位 names no unit
    assert [role for role, _, s in got if s == "干垃圾末端控制量"] == [Role.RESPONSIBLE]


def test_hongkou_year_sub_rows_with_their_own_unit_cells(structure_of):
    got = unit_records(structure_of, HONGKOU_TABLE)
    # 3.6: each year's streets; 3.7: five sub-rows with their own 责任单位, one 配合单位 cell
    assert [u for role, u, s in got if s == "各街道完成整区域分类覆盖" and role is Role.RESPONSIBLE] == [
        ("欧阳", "曲阳", "凉城", "广中街道"), ("川北", "嘉兴", "北外滩", "江湾镇街道")]
    assert [(role, u[0]) for role, u, s in got if s == "各条线单位强制分类全覆盖"] == [
        (Role.RESPONSIBLE, "区机管局"), (Role.COOPERATING, "区文明办"), (Role.RESPONSIBLE, "区教育局"),
        (Role.RESPONSIBLE, "区卫计委"), (Role.RESPONSIBLE, "各街道办事处"), (Role.RESPONSIBLE, "区商务委")]


def table_targets(structure_of, text: str) -> list[tuple[str, float, str | None, int | None]]:
    return [(t.indicator, t.value, t.unit, t.year) for t in targets(structure_of(text)) if t.rule == TABLE_CELL]


def test_hongkou_value_cells_are_targets_of_their_task_and_year(structure_of):
    got = table_targets(structure_of, HONGKOU_TABLE)
    # 40 numbers in the 指标数 column (`24.3万户/682个` twice counts two each); 3.7's cells hold none
    assert len(got) == 40
    assert [(v, u, y) for i, v, u, y in got if i == "干垃圾末端控制量"] == [
        (634, "吨/日", 2018), (581, "吨/日", 2019), (516, "吨/日", 2020)]
    assert [(v, u, y) for i, v, u, y in got if i == "各街道完成整区域分类覆盖"] == [(4, "个", 2018), (4, "个", 2019)]
    first = [t for t in got if t[3] == 2018][:2]
    assert [(i.endswith(("户数", "小区数")), v, u) for i, v, u, _ in first] == [(True, 243000, "户"), (True, 682, "个")]


def test_qingpu_task_table_holds_no_goal(structure_of):
    assert table_targets(structure_of, QINGPU_TABLE) == []


def pivot_by_year(header_years: list[str]) -> list[str]:
    """Rows 1.2 and 1.3 of the 虹口 任务清单 written with a column per year instead of a sub-row per year
    (`2018年目标` / `2019年目标` / `2020年目标`), as other real 任务清单 write them."""
    return ["序号", "主要任务", *header_years, "责任单位", "配合单位",
            "1", "创建达标分类小区（累计数）", "345个", "440个", "618个", "各街道办事处", "区文明办",
            "2", "完成定时定点/绿色账户居住区垃圾箱房四分类标识规范及改造（累计数）", "314个", "628个", "942个",
            "区绿化市容局", "区房管局"]


@pytest.mark.parametrize("header_years", [
    ["2018年目标", "2019年目标", "2020年目标"],
    ["2018年\n\n目标", "2019年\n\n目标", "2020年\n\n目标"],  # a year's header cell split after the year
], ids=["one-paragraph", "split-after-the-year"])
def test_columns_naming_years_give_the_year(structure_of, header_years):
    text = "附件\n\n" + "\n\n".join(pivot_by_year(header_years)) + "\n"
    got = table_targets(structure_of, text)
    assert [(v, y) for _, v, _, y in got] == [(345, 2018), (440, 2019), (618, 2020), (314, 2018), (628, 2019),
                                              (942, 2020)]
    assert unit_records(structure_of, text)[0] == (Role.RESPONSIBLE, ("各街道办事处",), "创建达标分类小区（累计数）")


def test_columns_naming_years_in_tab_rows(structure_of):
    cells = pivot_by_year(["2018年目标", "2019年目标", "2020年目标"])
    rows = [cells[k : k + 7] for k in range(0, len(cells), 7)]
    text = "附件\n" + "\n".join("\t".join(r) for r in rows) + "\n"
    assert [(v, y) for _, v, _, y in table_targets(structure_of, text)][:3] == [(345, 2018), (440, 2019), (618, 2020)]


def test_a_range_in_the_column_header_leaves_the_year_null(structure_of):
    text = "附件\n\n" + "\n\n".join(pivot_by_year(["2018年目标", "2019年目标", "2018—2020年目标"])) + "\n"
    assert [y for _, _, _, y in table_targets(structure_of, text)] == [2018, 2019, None, 2018, 2019, None]


@pytest.mark.parametrize(("mark", "first"), [("（一）", 1), ("1、", 1), ("一、", 1), ("（一）", 4), ("一、", 4)],
                         ids=["（一）-restart", "1、-restart", "一、-restart", "（一）-continued", "一、-continued"])
def test_numbered_group_rows_between_rows(structure_of, mark, first):
    # A group row written as one cell with its number (`（一）全域推进…`), the 序号 restarting after it or
    # running on: the 嘉定 附件 rows 4-6 and 10-11 under two of its section titles.
    from tests.extractors.test_task_tables import G1, G2, renumber

    rows = [[f"{mark}{G1}"], *renumber(ROWS[3:6]), [f"{mark.replace('一', '二').replace('1', '2')}{G2}"],
            *renumber(ROWS[9:11], first)]
    got = unit_records(structure_of, para(rows))
    assert [scope for _, _, scope in got] == ["海绵示范项目建设", "海绵型地块", "海绵型市政设施", "河湖水系除涝",
                                              "河湖水系生态治理"]
    assert HEADER[3] == "责任单位" and CAPTION.startswith("附件")


def test_a_short_numbered_group_heading_above_the_first_row_is_no_header_cell(structure_of):
    # `（一）重点任务` is as short as a header cell and ends like one (任务): its number says it is a group row
    from tests.extractors.test_task_tables import renumber

    got = unit_records(structure_of, para([["（一）重点任务"], *renumber(ROWS[:2])]))
    assert [scope for _, _, scope in got] == ["海绵城市建设管理", "海绵城市系统方案"]


def test_indicator_and_project_tables_give_no_table_targets(structure_of):
    # challenge G_quzhou 表2 `序号 指标 2025年 2030年 责任单位`: an indicator table with a unit column
    text = (ROOT / "challenge/docs/G_quzhou_shiwuwu_kjcx.txt").read_text(encoding="utf-8")
    doc = structure_of(text)
    table = next(t for t in doc.tables if (t.caption or "").startswith("表2"))
    assert not [t for t in targets(doc) if table.span[0] <= t.span[0] < table.span[1]]
    # 青州 表2-x 项目名称 / 承担单位: project lists
    seed = build_structure(read_source(ROOT / "corpus/000_0ffae985db65f5d2.txt"))
    assert not [t for t in targets(seed) if t.rule == TABLE_CELL]


def test_a_column_of_one_years_work_items_is_no_project_list(structure_of):
    # `2024年工作项目` names the year's tasks: 实施主体 beside it is the responsible unit, not a project's
    # undertaking unit (cells of 青浦 附件3 rows 三(四) and 三(六) in a tab-row task table)
    text = ("附件\n序号\t2024年工作项目\t实施主体\n"
            "1\t对非法跨省倾倒建筑垃圾行为的源头工地、运输单位进行查处\t区生态环境局\n"
            "2\t推动“行刑衔接”，加强行政执法监督和普法宣传。\t区司法局\n")
    assert [role for role, _, _ in unit_records(structure_of, text)] == [Role.RESPONSIBLE, Role.RESPONSIBLE]
