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
from pipeline.models import Role
from tests.extractors.test_task_tables import CAPTION, HEADER, ROWS, para

ROOT = Path(__file__).resolve().parents[2]
QINGPU = ROOT / "corpus/real/plan_shanghai_qingpu_jianzhulaji_2025.txt"
HONGKOU = ROOT / "corpus/real/plan_shanghai_hongkou_lajifenlei_2018.txt"


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


@pytest.mark.parametrize("mark", ["（一）", "1、", "一、"])
def test_numbered_group_rows_between_rows(structure_of, mark):
    # A group row written as one cell with its number (`（一）全域推进…`), the 序号 restarting after it:
    # the 嘉定 附件 rows 4-6 and 10-11 under two of its section titles.
    from tests.extractors.test_task_tables import G1, G2, renumber

    rows = [[f"{mark}{G1}"], *renumber(ROWS[3:6]), [f"{mark.replace('一', '二').replace('1', '2')}{G2}"],
            *renumber(ROWS[9:11])]
    got = unit_records(structure_of, para(rows))
    assert [scope for _, _, scope in got] == ["海绵示范项目建设", "海绵型地块", "海绵型市政设施", "河湖水系除涝",
                                              "河湖水系生态治理"]
    assert HEADER[3] == "责任单位" and CAPTION.startswith("附件")
