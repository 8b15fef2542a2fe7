"""Task tables (任务分工表, 重点任务清单, 附表) whose columns name the units that carry each task out give
`responsibilities` (spec §3.2, §3.4: a 责任单位 column still gives them): one record per unit cell, its
role from the column header's grammar (extractors/words.py UNIT_COLUMN), scope = the row's task cell.

The cells are real: the 附件 task table of corpus/real/plan_jiading_haimian.txt (嘉定区系统化全域推进海绵
城市建设重点任务分解表, laid out one cell per paragraph), read from the file itself. The shapes the
held-out real plans show and 嘉定 does not are built from those cells as the readers flatten them:
group-heading rows (one cell naming the tasks below it; the headings used are the plan's own section
titles), 序号 restarting per group, merged unit cells (rows 7-9 of 嘉定 carry the same unit list; merged,
it stands once, in row 7, and rows 8-9 have a cell fewer), markdown pipes and tab rows.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from extractors.responsibilities import extract
from extractors.words import unit_column_role
from pipeline.models import Role

JIADING = Path(__file__).resolve().parents[2] / "corpus/real/plan_jiading_haimian.txt"
CAPTION = "附件：嘉定区系统化全域推进海绵城市建设重点任务分解表"
G1, G2 = "全域推进海绵城市项目建设", "构建韧性安全城市河湖系统"  # 嘉定 二、(二) and 二、(五)


def jiading_rows() -> tuple[list[str], list[list[str]]]:
    """The header and the 12 rows of the 嘉定 task table, each cell as written (line breaks kept)."""
    lines = JIADING.read_text(encoding="utf-8").split("\n")
    start = lines.index("序号", 300)
    cells = [c for c in "\n".join(lines[start:]).split("\n\n") if c.strip()]
    header, rest, rows = cells[:5], cells[5:], []
    while rest and (rest[0] == "序号" or rest[0].isdigit()):
        if rest[0] != "序号":  # the header repeats before row 7 (a page break)
            rows.append(rest[:5])
        rest = rest[5:]
    return header, rows


HEADER, ROWS = jiading_rows()
UNITS_7_9 = "区绿化市容局、区水务局、区规划资源局，各街镇"


def flat(cell: str) -> str:
    return cell.replace("\n", "")


def para(rows: list[list[str]]) -> str:
    return CAPTION + "\n\n" + "\n\n".join(c for r in [HEADER, *rows] for c in r) + "\n\n"


def renumber(rows: list[list[str]], first: int = 1) -> list[list[str]]:
    return [[str(first + k), *r[1:]] for k, r in enumerate(rows)]


def without_units(row: list[str]) -> list[str]:
    return row[:3] + row[4:]  # the 责任单位 cell merged into the row above


def records(structure_of, text):
    return [(r.role, r.units, r.scope) for r in extract(structure_of(text)) if "table" in r.rule]


def test_the_real_table_reads_twelve_rows():
    assert len(ROWS) == 12 and flat(ROWS[7][3]) == UNITS_7_9 and flat(ROWS[8][3]) == UNITS_7_9


def test_group_rows_with_serials_restarting(structure_of):
    got = records(structure_of, para([[G1], *renumber(ROWS[3:6]), [G2], *renumber(ROWS[9:11])]))
    assert [scope for _, _, scope in got] == ["海绵示范项目建设", "海绵型地块", "海绵型市政设施", "河湖水系除涝",
                                              "河湖水系生态治理"]
    assert got[3][1] == ("区水务局", "区规划资源局", "各街镇")


def test_short_group_headings_are_neither_header_cells_nor_units(structure_of):
    # A group heading as short as a header word (two of the 任务类型 words of 嘉定 used as headings): the
    # header is no wider than the rows, and no prose cell is read as a unit list.
    got = records(structure_of, para([["海绵城市"], *ROWS[:3], ["河湖水系"], *renumber(ROWS[9:11])]))
    assert [scope for _, _, scope in got] == ["海绵城市建设管理", "海绵城市系统方案", "海绵城市达标评估", "河湖水系除涝",
                                              "河湖水系生态治理"]
    assert all(not u[0].startswith(("聚焦", "根据", "结合")) for _, u, _ in got)


def test_merged_unit_cell_gives_one_record_scoped_by_its_first_row(structure_of):
    rows = [*ROWS[:7], without_units(ROWS[7]), without_units(ROWS[8]), *ROWS[9:]]
    got = records(structure_of, para(rows))
    assert len(got) == 10  # rows 8 and 9 hold no unit cell of their own
    assert (Role.RESPONSIBLE, ("区绿化市容局", "区水务局", "区规划资源局", "各街镇"), "海绵型公园") in got
    assert not any(u[0].startswith("《") for _, u, _ in got)  # the 参考文件 cell stays in its column


def test_merged_cell_and_group_rows_with_continuing_serials(structure_of):
    rows = [[G1], *ROWS[:3], [G2], *renumber([ROWS[6], without_units(ROWS[7]), without_units(ROWS[8])], 4)]
    got = records(structure_of, para(rows))
    assert [scope for _, _, scope in got] == ["海绵城市建设管理", "海绵城市系统方案", "海绵城市达标评估", "海绵型公园"]


def test_tab_rows_with_group_lines(structure_of):
    lines = ["\t".join(HEADER), G1, *("\t".join(map(flat, r)) for r in ROWS[:3]), G2,
             *("\t".join(map(flat, r)) for r in renumber(ROWS[9:11]))]
    got = records(structure_of, CAPTION + "\n" + "\n".join(lines) + "\n")
    assert [scope for _, _, scope in got] == ["海绵城市建设管理", "海绵城市系统方案", "海绵城市达标评估", "河湖水系除涝",
                                              "河湖水系生态治理"]


def test_pipe_rows_with_group_rows_and_merged_cells(structure_of):
    def pipe(cells):
        return "| " + " | ".join(map(flat, cells)) + " |"
    lines = [pipe(HEADER), "|---|---|---|---|---|", pipe([G1, "", "", "", ""]), *map(pipe, ROWS[:3]), f"| {G2} |",
             *(pipe([*r[:3], "", *r[4:]]) for r in ROWS[3:5])]
    got = records(structure_of, CAPTION + "\n\n" + "\n".join(lines) + "\n")
    assert [scope for _, _, scope in got] == ["海绵城市建设管理", "海绵城市系统方案", "海绵城市达标评估"]


# Column headers of real task and project tables, and the role each names (spec §3.2).
@pytest.mark.parametrize(("header", "project", "role"), [
    ("责任单位", False, Role.RESPONSIBLE),       # corpus/real/plan_jiading_haimian.txt 附件
    ("牵头单位", False, Role.LEAD),              # challenge/docs/B_baoji_qiye.txt 序号/重点任务/牵头单位/配合单位
    ("配合单位", False, Role.COOPERATING),       # challenge/docs/B_baoji_qiye.txt
    ("主要责任单位", False, Role.RESPONSIBLE),
    ("责任部门", False, Role.RESPONSIBLE),
    ("牵头部门", False, Role.LEAD),
    ("协同单位", False, Role.COOPERATING),
    ("参与单位", False, Role.COOPERATING),
    ("推进单位", False, Role.RESPONSIBLE),
    ("实施单位", False, Role.RESPONSIBLE),       # a task table: who carries the task out
    ("实施主体", False, Role.RESPONSIBLE),
    ("责任主体", False, Role.RESPONSIBLE),
    ("牵头落实单位", False, Role.LEAD),
    ("责任单位（部门）", False, Role.RESPONSIBLE),
    ("承担单位", True, Role.UNDERTAKING),        # corpus/000 青州 表2-x 项目名称/承担单位
    ("实施主体", True, Role.UNDERTAKING),        # a project list
    ("项目承担单位", True, Role.UNDERTAKING),
    ("督办单位", False, None),                   # who supervises, not who acts (DECISIONS.md)
    ("完成时限", False, None),
    ("责任人", False, None),
    ("牵头领导", False, None),
    ("建设内容", True, None),
])
def test_unit_column_header_grammar(header, project, role):
    assert unit_column_role(header, project) is role


def test_prose_cells_keep_their_targets_whatever_the_shape(structure_of):
    # docs/DECISIONS.md: a prose cell of a one-cell-per-paragraph task table may hold targets (嘉定 附件 rows
    # 3, 5, 7, 9, 12, as gold/real labels them); group rows and merged cells do not change that.
    from extractors.targets import extract as targets

    def quotes(rows):
        return sorted(t.quote for t in targets(structure_of(para(rows))))

    plain = quotes(ROWS)
    assert "9座城市公园" in plain
    assert quotes([*ROWS[:7], without_units(ROWS[7]), without_units(ROWS[8]), *ROWS[9:]]) == plain
    assert quotes([[G1], *ROWS[:6], [G2], *ROWS[6:]]) == plain


@pytest.mark.parametrize("layout", ["tab", "pipe"])
def test_merged_unit_cell_in_tab_and_pipe_rows(structure_of, layout):
    rows = [*ROWS[5:7], without_units(ROWS[7]), without_units(ROWS[8]), *ROWS[9:11]]
    if layout == "tab":
        text = CAPTION + "\n" + "\n".join("\t".join(map(flat, r)) for r in [HEADER, *rows]) + "\n"
    else:
        text = CAPTION + "\n\n" + "\n".join(["| " + " | ".join(map(flat, HEADER)) + " |", "|---|---|---|---|---|",
                                             *("| " + " | ".join(map(flat, r)) + " |" for r in rows)]) + "\n"
    got = records(structure_of, text)
    assert [scope for _, _, scope in got] == ["海绵型市政设施", "海绵型公园", "河湖水系除涝", "河湖水系生态治理"]


def test_a_merged_lead_cell_leaves_the_cooperating_cell_in_its_column(structure_of):
    # challenge/docs/B_baoji_qiye.txt 重点任务分工表 (written in the style of real 任务分工表): rows 7 and 8 share
    # the lead 市科技局; merged, row 8 is written without it. Its 配合单位 list stays cooperating: lead cells
    # name one unit more often than cooperating cells, and the row's cells are placed by kind.
    path = Path(__file__).resolve().parents[2] / "challenge/docs/B_baoji_qiye.txt"
    lines = path.read_text(encoding="utf-8").split("\n")
    i = lines.index("序号\t重点任务\t牵头单位\t配合单位\t完成时限")
    table = lines[i : i + 9]
    cells = table[8].split("\t")
    assert cells[2] == "市科技局" and table[7].split("\t")[2] == "市科技局"
    table[8] = "\t".join(cells[:2] + cells[3:])
    got = records(structure_of, "宝鸡市科技型企业梯次培育重点任务分工表\n\n" + "\n".join(table) + "\n")
    row8 = [(role, units) for role, units, scope in got if scope == "推行科技创新券制度，提升孵化载体服务能力"]
    assert row8 == [(Role.COOPERATING, ("市市场监管局", "各区县人民政府"))]
    assert len([1 for role, _, _ in got if role is Role.LEAD]) == 7


def test_a_header_repeated_after_a_page_break_gives_no_record(structure_of):
    # challenge/docs/B_baoji_qiye.txt 重点任务分工表 with its header repeated before row 5, as 嘉定's
    # 附件 repeats it before row 7 (a page break in the source).
    path = Path(__file__).resolve().parents[2] / "challenge/docs/B_baoji_qiye.txt"
    lines = path.read_text(encoding="utf-8").split("\n")
    i = lines.index("序号\t重点任务\t牵头单位\t配合单位\t完成时限")
    table = lines[i : i + 9]
    got = records(structure_of, "宝鸡市科技型企业梯次培育重点任务分工表\n\n" + "\n".join([*table[:5], table[0], *table[5:]]) + "\n")
    assert len(got) == 16 and not any(units[0] in ("牵头单位", "配合单位") for _, units, _ in got)


def test_a_title_row_above_the_header_of_a_grid(structure_of):
    # A Word grid keeps a title row spanning the table above its header (reader grids: text in the first
    # position only); the header is the next row. Cells of 嘉定 附件 row 2.
    from dataclasses import replace

    from pipeline.tables import Cell

    doc = structure_of(para(ROWS[:2]))
    table = doc.tables[0]
    title = Cell("嘉定区系统化全域推进海绵城市建设重点任务分解表", table.rows[0][0].span, table.rows[0][0].clean_span)
    empty = Cell("", table.rows[0][0].span, table.rows[0][0].clean_span)
    doc.tables[0] = replace(table, rows=((title, empty, empty, empty, empty), *table.rows))
    got = [(r.units, r.scope) for r in extract(doc) if "table" in r.rule]
    assert got[-1] == (("区建设管理委",), "海绵城市系统方案") and len(got) == 2


def test_group_rows_numbered_in_the_serial_column(structure_of):
    # A group row written as its number in the 序号 column and its name spanning the rest (`一` / `…建设`).
    got = records(structure_of, para([["一", G1], *ROWS[:3], ["二", G2], *renumber(ROWS[9:11])]))
    assert [scope for _, _, scope in got] == ["海绵城市建设管理", "海绵城市系统方案", "海绵城市达标评估", "河湖水系除涝",
                                              "河湖水系生态治理"]
