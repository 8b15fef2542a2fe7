"""Indicator tables of real plans laid out one cell per paragraph (pipeline/cell_grammar.py, spec §3.4).

The documents are corpus/real/plan_putuo_shuiwu.txt (普陀区水务“十五五”规划: a 十四五 completion table without
a 序号 column, footnote digits glued to values, a header paragraph holding two header cells; a 十五五
table whose merged 类别 cell stands once, after the 序号 of the first row of its group) and
corpus/real/plan_huangpu_fengmao.txt (黄浦区历史风貌保护和利用“十四五”规划, 附件1: a unit column, a 2025 goal
column only, a merged 类型 column, a goal value equal to the next row's 序号). The assertions are facts
read from the tables in the text. The layouts unseen real plans use and these two do not (one cell per
line, no 序号, a base year and goals for 2025 and 2035, empty cells, a two-line header) are built from
the same cells, as an export would write them.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from extractors.indicators import extract
from extractors.targets import extract as targets
from pipeline.cell_grammar import header_role, indicator_cell_kind
from pipeline.ingest import read_source
from pipeline.structure import Structure, build_structure

REAL = Path(__file__).resolve().parents[2] / "corpus/real"
PUTUO = REAL / "plan_putuo_shuiwu.txt"
HUANGPU = REAL / "plan_huangpu_fengmao.txt"


@pytest.fixture(scope="module")
def putuo() -> Structure:
    return build_structure(read_source(PUTUO))


@pytest.fixture(scope="module")
def huangpu() -> Structure:
    return build_structure(read_source(HUANGPU))


def yv(v):
    return None if v is None else (v.year, v.value)


def table_cells(path: Path, first: str, last: str) -> list[str]:
    """The cells of a table as written, one per paragraph, from the header cell ``first`` to the cell
    ``last`` that closes it (a cell's line breaks kept)."""
    text = path.read_text(encoding="utf-8")
    start = text.index("\n\n" + first + "\n") + 2
    end = text.index("\n\n" + last, start) + 2 + len(last)
    return text[start:end].split("\n\n")


# ------------------------------------------------------------------ the two documents as written


def test_putuo_completion_table_without_serial_column(putuo):
    rows = [r for r in extract(putuo) if r.table == "“十四五”指标完成情况"]
    assert [r.row for r in rows] == [1, 2, 3, 4]  # no 序号: the row index
    first, flood, water, lakes = rows
    assert first.name == "中心城城镇雨水排水能力达3—5年一遇面积占比" and first.unit == "%"
    # 目标值（2025年） / 现状值(2025年）: the state in the goal's own year is its completion, not a base;
    # `35%1`, `74.2%2` carry the footnote numbers of the notes below the table.
    assert (yv(first.target), yv(first.actual), first.baseline) == ((2025, 35), (2025, 74.2), None)
    # both value cells are a sentence (苏州河沿线堤防达到 100年一遇防洪标准): no value, no unit
    assert (flood.unit, yv(flood.target), yv(flood.actual)) == (None, (2025, None), (2025, None))
    # two values in one cell (100%（区管以上河道断面）/100%（市考断面）): null, never the first
    assert (yv(water.target), yv(water.actual)) == ((2025, 50), (2025, None))
    assert (lakes.attribute, yv(lakes.target), yv(lakes.actual)) == ("约束性", (2025, 3.76), (2025, 3.86))
    # the row runs to its 进展评价 cell, which has no field
    assert all(r.quote.endswith("已完成") and putuo.quote(r.span) == r.quote for r in rows)


def test_putuo_fifteen_table_with_merged_category(putuo):
    rows = [r for r in extract(putuo) if r.table == "“十五五”发展目标、主要指标"]
    assert [r.row for r in rows] == list(range(1, 11))
    by_row = {r.row: r for r in rows}
    # 类别 stands once per group, after the 序号 of its first row; it is no part of any name
    assert by_row[2].name == "城市易积水点消除比例" and by_row[6].quote.startswith("6\n\n水质量\n\n")
    assert all(r.name not in ("水安全", "水质量", "水生态", "水资源") for r in rows)
    assert all(yv(r.baseline)[0] == 2025 and yv(r.target)[0] == 2030 and r.actual is None for r in rows)
    assert (yv(by_row[1].baseline), yv(by_row[1].target)) == ((2025, 74.2), (2030, None))  # 完成市级考核要求
    assert yv(by_row[3].baseline) == (2025, None)  # —
    assert (by_row[7].unit, yv(by_row[7].baseline), yv(by_row[7].target)) == ("km", (2025, 21), (2030, 24))
    assert (by_row[9].unit, yv(by_row[9].baseline)) == ("m3", (2025, 6.3))
    assert [r.attribute for r in rows].count("约束性") == 3


def test_huangpu_annex_table_with_unit_column_and_goal_only(huangpu):
    rows = extract(huangpu)
    assert [r.row for r in rows] == list(range(1, 12))
    assert {r.table for r in rows} == {"“十四五”时期黄浦区历史风貌保护和利用规划指标"}
    by_row = {r.row: r for r in rows}
    assert all(r.baseline is None and r.actual is None and yv(r.target)[0] == 2025 for r in rows)
    # row 3's goal is 4 and row 4's 序号 is 4: the cells' kinds, not the numbers, cut the rows
    assert (by_row[3].name, by_row[3].unit, yv(by_row[3].target)) == ("红色文物保护建筑修缮改造", "处", (2025, 4))
    assert (by_row[4].name, by_row[4].unit, yv(by_row[4].target)) == ("“建筑可阅读”线下走读线路数", "条", (2025, 5))
    assert (by_row[5].unit, yv(by_row[5].target)) == (None, (2025, None))  # unit —, goal 基本消除
    assert (yv(by_row[7].target), by_row[7].target.note, by_row[7].unit) == ((2025, 2), ">", "万户")
    assert by_row[8].unit == "%"  # ％ in the unit column
    # 类型 (保护修缮, 更新利用…) groups rows; 属性 is the attribute
    assert [r.attribute for r in rows] == ["约束性", "预期性", "预期性", "预期性", "约束性", "约束性", "约束性",
                                           "预期性", "预期性", "预期性", "预期性"]


def test_table_numbers_are_no_targets_but_task_cells_keep_theirs(putuo, huangpu):
    for doc in (putuo, huangpu):
        spans = [r.span for r in extract(doc)]
        assert not [t for t in targets(doc) if any(s <= t.span[0] < e for s, e in spans)]
    # 附件2 (序号 / 主要领域 / 重点任务或项目) is a task list of its own, not rows of the indicator table: its
    # prose cell `启动复兴公园及周边改造工程。…启动30万平方米历史建筑修缮…` states a goal.
    task_table = [t for t in huangpu.tables if "".join(c.text for c in t.header) == "序号主要领域重点任务或项目"]
    assert len(task_table) == 1
    s, e = task_table[0].span
    assert [t.quote for t in targets(huangpu) if s <= t.span[0] < e] == ["30万平方米历史建筑修缮"]


# ------------------------------------------------------------------ the same cells in other layouts


def records(structure_of, text: str):
    return [(r.row, r.name, r.unit, yv(r.baseline), yv(r.target), yv(r.actual), r.attribute)
            for r in extract(structure_of(text))]


def rows_of(cells: list[str], width: int, groups: set[int]) -> list[list[str]]:
    """Body cells cut into rows: a row that opens a 类别 group (its 序号 in ``groups``) has all ``width``
    cells, the others one fewer (the merged cell stands in the group's first row only)."""
    rows, k = [], 0
    while k < len(cells):
        n = width if int(cells[k]) in groups else width - 1
        rows.append(cells[k : k + n])
        k += n
    return rows


HUANGPU_CELLS = table_cells(HUANGPU, "序号", "预期性\n\n附件2：")[:-1]
HUANGPU_GROUPS = {1, 2, 3, 5, 8, 10}  # 保护修缮, 更新利用, 红色文化, 民生改善, 智慧管理, 多元参与
PUTUO_15 = table_cells(PUTUO, "序号", "完成市级考核要求\n\n注： 1、")[:-1]
PUTUO_GROUPS = {1, 6, 7, 9}  # 水安全, 水质量, 水生态, 水资源


def test_huangpu_table_one_cell_per_line_without_serial_column(structure_of, huangpu):
    """The 附件1 table exported one cell per line, its 序号 column dropped: rows are found by their
    name, unit and number cells alone."""
    header, body = HUANGPU_CELLS[:6], HUANGPU_CELLS[6:]
    rows = rows_of(body, 6, HUANGPU_GROUPS)
    assert len(rows) == 11
    text = "附件1：\n“十四五”时期…规划指标\n" + "\n".join(header[1:] + [c for r in rows for c in r[1:]]) + "\n附件2：\n"
    got = records(structure_of, text)
    want = [(r.row, r.name, r.unit, yv(r.baseline), yv(r.target), yv(r.actual), r.attribute)
            for r in extract(huangpu)]
    assert got == want


def test_putuo_table_with_empty_merged_cells_and_base_year_with_two_goal_years(structure_of):
    """The 十五五 table with its merged 类别 cells written as empty paragraphs, and a third value column:
    a 2035 goal beside the 2030 one. The goal of the plan's own period (十五五: 2030) is the target."""
    header = ["序号", "类别", "指标名称", "指标属性", "2025年\n（基期）", "2030年", "2035年"]
    rows = [r if len(r) == 6 else [r[0], "", *r[1:]] for r in rows_of(PUTUO_15[6:], 6, PUTUO_GROUPS)]
    assert len(rows) == 10
    body = "\n\n".join(c for r in rows for c in [*r, "——"])  # an empty cell: an empty paragraph
    text = "普陀区水务“十五五”规划\n\n" + "\n\n".join(header) + "\n\n" + body + "\n\n注：正文。\n"
    got = records(structure_of, text)
    assert [g[0] for g in got] == list(range(1, 11))
    assert got[1][1:5] == ("城市易积水点消除比例", "%", (2025, 100), (2030, 100))
    assert got[6][2:5] == ("km", (2025, 21), (2030, 24))
    # without a period, the earliest goal is the target: a later one is the vision
    assert records(structure_of, text.replace("“十五五”", ""))[6][4] == (2030, 24)


def test_goal_of_a_2035_plan_is_the_2035_column(structure_of):
    """A plan whose period ends in 2035 (国土空间总体规划（2021—2035年）) keeps the 2035 column as target; a
    footnote printed as a superscript (`32²`) is dropped, a Latin unit's power (m³) is kept."""
    cells = ["指标", "单位", "2020年\n基期", "2025年", "2035年", "属性",
             "PM2.5年均浓度", "微克/立方米", "32²", "30", "25", "约束性",
             "人均综合用水量", "m³", "120", "115", "100", "预期性"]
    text = "某区国土空间总体规划（2021—2035年）\n\n表3 规划指标\n\n" + "\n\n".join(cells) + "\n\n正文。\n"
    assert records(structure_of, text) == [
        (1, "PM2.5年均浓度", "微克/立方米", (2020, 32), (2035, 25), None, "约束性"),
        (2, "人均综合用水量", "m³", (2020, 120), (2035, 100), None, "预期性")]


def test_putuo_completion_table_with_a_two_line_header(structure_of):
    """The completion table's header written as two lines read cell by cell (2025年 | 2025年 over 目标值 |
    现状值), an empty cell where 进展评价 was left blank."""
    cells = table_cells(PUTUO, "指标名称\n指标属性", "已完成\n\n注： 1")[:-1]
    body = cells[4:]  # the first paragraph holds two header cells
    assert body[9] == "已完成"
    body[9] = ""  # 城市防洪标准: 进展评价 left empty
    header = ["指标名称", "指标属性", "2025年", "2025年", "进展评价", "目标值", "现状值"]
    text = "“十四五”指标完成情况\n\n" + "\n\n".join(header + body) + "\n\n注：正文。\n"
    got = records(structure_of, text)
    assert [g[1] for g in got] == ["中心城城镇雨水排水能力达3—5年一遇面积占比", "城市防洪标准", "地表水达到或好于Ⅲ类水体比例",
                                   "河湖水面率"]
    assert got[0][4:6] == ((2025, 35), (2025, 74.2)) and got[3][4:6] == ((2025, 3.76), (2025, 3.86))


# ------------------------------------------------------------------ layouts of other plans of the family
# 类别 and 一级指标 merged (each written in the first row it spans only), the 二级指标 the name, a unit
# column, period-named value columns over two header lines, a bracketed base of another year, a bound.

# 一级指标 cells for the 十五五 table: item titles of the same plan's tasks (四、“十五五”主要任务).
PUTUO_LEVEL1 = {1: "城市防洪除涝建设", 3: "雨水排水能力提升", 7: "河湖生态空间"}
PUTUO_GROUP_NAMES = ("水安全", "水质量", "水生态", "水资源")
TWO_LEVEL_HEADER = ["类别", "序号", "一级指标", "二级指标", "单位", "属性", "“十四五”\n完成值", "“十五五”\n目标值"]


def two_level_rows(base_empty: str | None) -> list[list[str]]:
    """The 十五五 table's rows as 类别? 序号 一级指标? 二级指标 单位 属性 value value: each value's unit moved
    to the unit column, row 3's base (—) written ``base_empty`` (None: no line), row 4's base in brackets (a value of
    another year), row 7's goal with a bound (≥24)."""
    out = []
    for r in rows_of(PUTUO_15[6:], 6, PUTUO_GROUPS):
        serial, name, attribute, base, goal = int(r[0]), *r[-4:]
        unit = next((u for u in ("%", "km", "m3") if base.endswith(u) or goal.endswith(u)), "—")
        base, goal = base.removesuffix(unit), goal.removesuffix(unit)
        base = {3: base_empty, 4: f"（{base}％）"}.get(serial, base)
        goal = "≥" + goal if serial == 7 else goal
        out.append([*r[1:-4], str(serial), *([PUTUO_LEVEL1[serial]] if serial in PUTUO_LEVEL1 else []),
                    name, unit, attribute, *([] if base is None else [base]), goal])
    return out


def two_level_text(layout: str, caption: str, note: str = "注：括号内为2024年数据。") -> str:
    rows = two_level_rows({"paragraphs": "", "line_rows_cell_left_out": None}.get(layout, "-"))
    if layout == "line_rows_names_wrapped":  # a line break in the name cell of the rows holding every cell
        rows = [[*r[:-5], r[-5][:3] + "\n" + r[-5][3:], *r[-4:]] if len(r) == len(TWO_LEVEL_HEADER) else r
                for r in rows]
    if layout in ("line_rows", "line_rows_cell_left_out", "line_rows_names_wrapped"):  # one cell a line, a blank line closing the header and each row
        body = "\n\n".join("\n".join(r) for r in [TWO_LEVEL_HEADER, *rows])
    elif layout == "line_rows_category_apart":  # the same, a group's 类别 cell a block of its own line
        body = "\n\n".join("\n".join(r) if r[0][0].isdigit() or r is TWO_LEVEL_HEADER
                             else r[0] + "\n\n" + "\n".join(r[1:]) for r in [TWO_LEVEL_HEADER, *rows])
    elif layout == "lines":  # one cell a line throughout
        body = "\n".join(c for r in [TWO_LEVEL_HEADER, *rows] for c in r)
    else:  # one cell a paragraph; an empty cell an empty paragraph
        body = "\n\n".join(c for r in [TWO_LEVEL_HEADER, *rows] for c in r)
    return f"（四）主要指标\n\n{caption}\n\n{body}\n\n{note}\n\n四、“十五五”主要任务\n\n正文。\n"


@pytest.mark.parametrize(("layout", "read_as"), [
    ("line_rows", "line_rows"), ("line_rows_category_apart", "line_rows"), ("line_rows_cell_left_out", "line_rows"),
    ("line_rows_names_wrapped", "line_rows"), ("lines", "line_cells"),
    ("paragraphs", "para_cells")])
def test_two_merged_columns_period_named_values_bracketed_base(structure_of, layout, read_as):
    doc = structure_of(two_level_text(layout, "2.主要指标"))
    assert [t.layout for t in doc.tables] == [read_as]
    rows = extract(doc)
    assert [r.row for r in rows] == list(range(1, 11))
    assert {r.table for r in rows} == {"主要指标"}  # the numbered item title above the header, number stripped
    # the 二级指标 is the name; neither merged cell is any part of it
    assert [r.name for r in rows] == [c[-5] for c in two_level_rows("-")]
    # “十四五”完成值 is the completion at the period's end, “十五五”目标值 the goal at the next one's
    by_row = {r.row: r for r in rows}
    assert all(r.actual.year == 2025 and r.target.year == 2030 and r.baseline is None
               for r in rows if r.row != 4)
    assert (yv(by_row[1].actual), yv(by_row[1].target)) == ((2025, 74.2), (2030, None))  # 完成市级考核要求
    assert yv(by_row[3].actual) == (2025, None)  # -, an empty cell, or in a block no line: the goal is stated
    assert yv(by_row[4].actual) == (2024, 40.8)  # （40.8％） under `括号内为2024年数据`
    assert (by_row[7].unit, yv(by_row[7].target), by_row[7].target.note) == ("km", (2030, 24), "≥")
    assert [r.unit for r in rows].count("%") == 7 and by_row[9].unit == "m3"
    assert [r.attribute for r in rows].count("约束性") == 3


def test_bracketed_value_keeps_its_column_year_without_a_note(structure_of):
    rows = extract(structure_of(two_level_text("line_rows", "主要指标表", note="注：正文。")))
    assert {r.table for r in rows} == {"主要指标表"}
    assert yv(rows[3].actual) == (2025, 40.8)


def test_item_title_is_the_caption_of_a_table_of_any_layout(structure_of):
    """The same rows tab-separated (a docx table flattened), under an item title: the records take it."""
    lines = ["\t".join(TWO_LEVEL_HEADER[1:]).replace("\n", "")]
    lines += ["\t".join([c for c in r if c not in PUTUO_GROUP_NAMES and c not in PUTUO_LEVEL1.values()])
              for r in two_level_rows("-")]
    lines = [line.replace("一级指标\t", "") for line in lines]
    doc = structure_of("（四）主要指标\n\n2.主要指标\n" + "\n".join(lines) + "\n\n正文。\n")
    assert [t.layout for t in doc.tables] == ["tab_rows"]
    rows = extract(doc)
    assert len(rows) == 10 and {r.table for r in rows} == {"主要指标"}
    assert (rows[6].unit, yv(rows[6].actual), yv(rows[6].target)) == ("km", (2025, 21), (2030, 24))


def test_goal_after_a_completion_column_is_the_target():
    """“十四五”目标值 | “十四五”完成值 | “十五五”目标值 in a plan whose period the text does not give: the
    completion reports on the 2025 goal, so the plan's own goal is 2030's."""
    from extractors.indicators.find import map_columns

    cols = map_columns(["序号", "指标名称", "单位", "“十四五”\n目标值", "“十四五”\n完成值", "“十五五”\n目标值"])
    assert (cols.actual, cols.target, cols.baseline) == ((4, 2025), (5, 2030), None)
    assert map_columns(["指标名称", "2025年目标", "2035年目标"]).target == (1, 2025)  # no completion: the earliest


@pytest.mark.parametrize(("line", "caption"), [
    ("2.主要指标", "主要指标"), ("（三）主要指标", "主要指标"), ("主要指标表", "主要指标表"),
    ("“十五五”发展目标、主要指标", "“十五五”发展目标、主要指标"), ("2.加强水质监测。", None),
])
def test_caption_is_the_title_line_or_item_title_above_the_header(structure_of, line, caption):
    doc = structure_of(two_level_text("line_rows", line))
    rows = extract(doc)
    assert len(rows) == 10 and {r.table for r in rows} == {caption}
    span = doc.tables[0].caption_span
    assert (doc.quote(span) if span else None) == caption


# ------------------------------------------------------------------ the grammar's words


@pytest.mark.parametrize(("text", "kind"), [
    ("35%1", "number"), ("74.2%2", "number"), ("6.3m3", "number"), ("21km", "number"), (">2", "number"),
    ("≥10", "number"), ("＞1.5", "number"), ("≥2000", "number"), ("（86.4％）", "number"),
    ("4", "serial"), ("—", "dash"), ("", "empty"), ("预期性", "attribute"), ("万平方米", "unit"), ("％", "unit"),
    ("水安全", "phrase"), ("“建筑可阅读”线下走读线路数", "name"), ("万元GDP用水量", "name"),
    ("苏州河沿线堤防达到 100年一遇防洪标准", "name"), ("注： 1 指利用水力模型对排水系统排水能力进行评估", "sentence"),
], ids=lambda v: v if isinstance(v, str) else None)
def test_cell_kinds_of_real_cells(text, kind):
    assert indicator_cell_kind(text) == kind


@pytest.mark.parametrize(("text", "role"), [
    ("指标名称", "name"), ("指标属性", "attribute"), ("指标单位", "unit"), ("目标值（2025年）", "value"),
    ("现状值(2025年）", "value"), ("2025年目标值", "value"), ("进展评价", "note"), ("类型", "category"),
    ("一级指标", "category"), ("二级指标", "name"), ("责任单位", "duty"), ("项目名称", "project"),
    ("主要领域", None), ("重点任务或项目", "project"),
])
def test_header_roles(text, role):
    assert header_role(text) == role


def test_task_table_and_project_list_headers_are_left_to_the_task_reader(structure_of):
    """A header with a duty column (责任单位) is a task table's; one naming projects (项目名称) a project
    list's: the grammar leaves both to pipeline/tables.py's task reader, which gives the units."""
    from extractors.responsibilities import extract as responsibilities
    from pipeline.cell_grammar import read_cell_grid
    from pipeline.clean import clean
    from pipeline.table_cells import lines_of

    for first in ("责任单位", "项目名称"):
        cells = ["序号", "指标", "2025年目标", first, "1", "河湖水面率", "3.95%", "区水务局",
                 "2", "城市易积水点消除比例", "100%", "区建管委"]
        text = "\n\n".join(cells) + "\n"
        cleaned = clean(text)
        assert read_cell_grid(cleaned, lines_of(cleaned.text), 0) is None
    doc = structure_of(text.replace("项目名称", "责任单位"))
    assert [t.layout for t in doc.tables] == ["para_cells"]
    assert [r.units for r in responsibilities(doc)] == [("区水务局",), ("区建管委",)]


# ------------------------------------------------------------------ rows of sentences, blank cells (issue #16)
# Real plans of the family write the two-level table (类别 / 序号 / 一级指标 / 二级指标 / 单位 / 属性 /
# “十四五”完成值 / “十五五”目标值) one cell a line, rows a blank line apart, a group's 类别 on its own line
# before its first row; some rows state their values in sentences, lack the merged 一级指标 cell, or
# leave a cell empty as a blank line inside the row. No dev document writes these: the 十五五 table of
# corpus/real/plan_putuo_shuiwu.txt is re-laid so, its row 4 (海绵城市建成区达标占比) stating both values
# in the plan's own sentences about that indicator (its text: 截至2024年底…40.8%, 到“十五五”末…80%以上…),
# row 3's base left empty (a blank line in the row), row 8's base `-`, units in full width (`％`, as 黄浦 writes them).
SENTENCE_ROW = {4: ("截至2024年底，区内海绵城市建设达标面积22.63km2，占全区面积40.8%",
                    "到“十五五”末，80%以上城市建成区达到海绵城市建设要求")}


def sentence_rows() -> list[list[str]]:
    rows = []
    for r in two_level_rows("-"):
        serial = int(r[1] if r[0] in PUTUO_GROUP_NAMES else r[0])
        r = [("％" if c == "%" else c) for c in r]
        if serial in SENTENCE_ROW:
            r[-2:] = SENTENCE_ROW[serial]
        if serial == 3:
            r[-2] = ""  # the base cell left empty: a blank line inside the row
        rows.append(r)
    return rows


def sentence_text(layout: str) -> str:
    """The re-laid table: ``category_apart``, a group's 类别 a line of its own before the row's block
    (the blank line after it no cell); ``category_in_row``, the 类别 the first line of the row's block;
    ``paragraphs``, one cell a paragraph; ``lines``, one cell a line, no blank line between rows."""
    blocks = []
    for r in [TWO_LEVEL_HEADER, *sentence_rows()]:
        if layout == "paragraphs":
            blocks.append("\n\n".join(r))
        elif layout == "lines":  # one cell a line throughout, the empty cell a blank line
            blocks.append("\n".join(r))
        elif layout == "category_apart" and r[0] in PUTUO_GROUP_NAMES:
            blocks.append(r[0] + "\n\n" + "\n".join(r[1:]))
        else:
            blocks.append("\n".join(r))
    body = "\n".join(blocks) if layout == "lines" else "\n\n".join(blocks)
    return "（四）主要指标\n\n2.主要指标\n\n" + body + "\n\n注：正文。\n\n四、“十五五”主要任务\n\n正文。\n"


@pytest.mark.issue(16)
@pytest.mark.parametrize(("layout", "read_as"), [
    ("category_apart", "line_rows"), ("category_in_row", "line_rows"), ("paragraphs", "para_cells"),
    ("lines", "line_cells")])
def test_issue_16_sentence_values_blank_cells_rows_without_level_one(structure_of, layout, read_as):
    doc = structure_of(sentence_text(layout))
    assert [t.layout for t in doc.tables] == [read_as]
    rows = extract(doc)
    # every row a record: the sentence row does not end the table, nor does the blank cell of row 3
    assert [r.row for r in rows] == list(range(1, 11))
    assert [r.name for r in rows] == [c[-5] for c in two_level_rows("-")]  # 一级指标 merged or not
    by_row = {r.row: r for r in rows}
    # values stated in words: value null, the sentence kept as the value's note
    actual, target = SENTENCE_ROW[4]
    assert (by_row[4].actual.year, by_row[4].actual.value, by_row[4].actual.note) == (2025, None, actual)
    assert (by_row[4].target.year, by_row[4].target.value, by_row[4].target.note) == (2030, None, target)
    assert (by_row[4].unit, by_row[4].attribute) == ("%", "预期性")
    # the blank line is the empty base; the goal after it stays the goal
    assert (yv(by_row[3].actual), yv(by_row[3].target)) == ((2025, None), (2030, 90))
    assert by_row[3].actual.note is None
    assert (yv(by_row[8].actual), yv(by_row[8].target)) == ((2025, None), (2030, 70))  # `-`
    assert (yv(by_row[5].actual), yv(by_row[5].target), by_row[5].unit) == ((2025, 3.86), (2030, 3.95), "%")
    assert (yv(by_row[7].target), by_row[7].target.note) == ((2030, 24), "≥")
    assert [r.attribute for r in rows].count("约束性") == 3
    assert all(doc.quote(r.span) == r.quote for r in rows)


@pytest.mark.issue(16)
@pytest.mark.parametrize("sep", ["\n", "\n\n"], ids=["lines", "paragraphs"])
def test_issue_16_a_row_opened_by_its_serial_needs_no_number(structure_of, huangpu, sep):
    """黄浦 附件1 without its 属性 column (re-laid; no dev table lacks it): row 5 states its goal in words
    (`5 | 民生改善 | 消除老旧小区手拎马桶 | — | 基本消除`), no number and no attribute word; its 序号, the one
    after row 4's, makes it a row, and the rows after it are kept."""
    header, body = HUANGPU_CELLS[:6], HUANGPU_CELLS[6:]
    rows = rows_of(body, 6, HUANGPU_GROUPS)
    text = ("附件1：\n\n“十四五”时期黄浦区历史风貌保护和利用规划指标\n\n"
            + sep.join(header[:-1] + [c for r in rows for c in r[:-1]]) + "\n\n附件2：\n")
    got = extract(structure_of(text))
    assert [r.row for r in got] == list(range(1, 12))
    assert [(r.name, r.unit, yv(r.target)) for r in got] == [(r.name, r.unit, yv(r.target)) for r in extract(huangpu)]
    assert got[4].target.note == "基本消除"
