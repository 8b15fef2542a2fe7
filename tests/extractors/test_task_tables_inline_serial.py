"""Task tables with no 序号 column, laid out one cell per paragraph: each row's serial stands inside its task
cell (`（1）建设…`), group rows (`（一）` / name, `（二）name`, `1、name`) stand between rows and fill the columns
before the task (任务分类, 主要方向), header cells are split over two paragraphs (`任务` / `分类`, `牵头` / `部门`,
`实施` / `主体`), and a unit cell merged over the rows of a group stands once, in the group's first row
(pipeline/tables.py "task tables without a 序号 column"; docs/DECISIONS.md "Task tables").

Unseen real plans lay their task tables out so. The cells below are real cells of the two dev tables
re-laid in that layout, as allowed for this class (no public document of it is in the dev set):
- HONGKOU: corpus/real/plan_shanghai_hongkou_lajifenlei_2018.txt, 任务清单 rows and their 2018年 / 2019年
  values (24.3万户/682个, 345个 …), groups from its 主要任务 headings (（一）强化源头分类投放…, 8. 落实分类收运装备
  配置), one prose cell from §8 (全区配置1辆…); its 责任单位 / 配合单位 cells as 牵头 / 配合.
- QINGPU: corpus/real/plan_shanghai_qingpu_jianzhulaji_2025.txt, 附件3 rows 一(一)–二(一): tasks, 主要工作内容
  under a `2025年工作项目` column, 牵头 cells under `实施主体` and 配合 cells (`区土方工作` / `专班` on two lines).
- THREE_UNITS: the layout of issue #16's unseen plans, 虹口 任务清单 rows re-laid under three year columns and
  three unit columns, each header on two lines of one paragraph (`任务` / `分类`, `牵头` / `部门`); its values,
  its 2018 / 2019 goals (§二, re-laid as year cells of two goals, the quantity after the noun) and its units.
  What no dev table holds is re-laid from the classes the unseen plans showed: a unit cell naming its units
  one a paragraph (`区文明办` / blank / `区房管局`), rows with no unit cells under a group's first row, and
  unit cells naming no unit (`各相关部门和单位`, `各行业主管部门、各区`).
"""

from __future__ import annotations

from extractors.responsibilities import extract as responsibilities
from extractors.targets import extract as targets
from pipeline.models import Role

HONGKOU = """附件

虹口区生活垃圾全程分类体系建设任务分工表

任务

分类

主要方向

重点任务（2018-2020）

2018年计划

2019年计划

牵头

部门

配合

部门

（一）

强化源头分类投放

1、规范绿色账户管理和推行“定时定点”投放

（1）垃圾分类绿色账户推进覆盖累计户数/小区数。

24.3万户/682个

26.5万户/733个

各街道办事处

区绿化市容局

（2）创建达标分类小区（累计数）。

345个

440个

2、落实“两网融合”点位和再生资源回收体系建设

（3）两网融合服务点建设，按照两网融合服务点建设标准，建立两网融合服务点（累计数）。

67个

168个

区绿化市容局

区商务委
区房管局

（二）完善分类驳运体系，畅通全程分类渠道

3、落实分类收运装备配置

（1）有害垃圾车配置。

全区配置1辆色彩标识规范的有害垃圾专用运输机动车。

/

区绿化市容局

（2）干垃圾车标识更新。

89辆

/

区绿化市容局

各街道办事处

（3）全区新增湿垃圾专项收运车40辆。

/

/

区绿化市容局

五、保障措施

各街道、各部门要高度重视，切实加强组织领导。
"""

QINGPU = """附件

全面加强建筑垃圾管理重点任务表

主要方向

重点任务（2025-2027）

2025年工作项目

实施

主体

配合

单位

（一）构建产消平衡的处置体系

（1）推动源头减量。

在项目规划、立项、设计文件中，增加工程土方消纳平衡内容，争取片区开发项目、大型项目做到项目内土方自平衡。

建设主管部门、区规划资源局

区水务局、区绿化市容局、区国动办、区房管局、区规划资源局

（2）提升消纳处置能力。

梳理评估本区出土项目和综合利用潜力一张图、开展建筑垃圾消纳场所备案工作。

区土方工作
专班

区绿化市容局、区规划资源局、区建设管理委、属地街镇

（3）拓展土方消纳空间。

在全区拓展区域土方消纳空间。成片开发地区究确定地块标高控制要求。

区发展改革委

各相关单位

（二）构建全链条全过程闭环管理体系

（4）加强备案申报管理。

严格落实建筑垃圾处理方案备案制度。强化建筑垃圾处置核准监督管理。

区绿化市容局

区建设管理委
"""

# 虹口 任务清单 rows 2, 3 and 干垃圾车 with their three years' values, under every header piece unseen plans split
ALL_HEADERS = """三、重点任务

任务

分类

主要方向

重点任务

（2018-2020）

2018年工作项目

2019年

计划

2020年计划

牵头

部门

配合

部门

实施

主体

（一）强化源头分类投放

1、规范绿色账户管理和推行“定时定点”投放

（1）创建达标分类小区618个。

345个

440个

618个

区绿化市容局

区文明办
区房管局

各街道办事处

（2）完成定时定点/绿色账户居住区垃圾箱房四分类标识规范及改造（累计数）。

314个

628个

942个

2、落实分类收运装备配置

（3）干垃圾车标识更新。

89辆

/

/

区绿化市容局

各相关单位

四、保障措施
"""


def unit_records(doc):
    return [(r.role, r.units, r.scope) for r in responsibilities(doc) if "table" in r.rule]


def test_split_header_joined_and_rows_opened_by_the_serial_in_the_task_cell(structure_of):
    (table,) = structure_of(HONGKOU).tables
    assert [c.text for c in table.rows[0]] == [
        "任务分类", "主要方向", "重点任务（2018-2020）", "2018年计划", "2019年计划", "牵头部门", "配合部门"]
    tasks = [r[2].text for r in table.rows[1:]]
    assert tasks == ["垃圾分类绿色账户推进覆盖累计户数/小区数", "创建达标分类小区（累计数）",
                     "两网融合服务点建设，按照两网融合服务点建设标准，建立两网融合服务点（累计数）",
                     "有害垃圾车配置", "干垃圾车标识更新", "全区新增湿垃圾专项收运车40辆"]
    # the table ends at its last row: the section after it is no row
    assert "保障措施" not in "".join(c.text for r in table.rows for c in r)


def test_group_rows_fill_the_columns_before_the_task(structure_of):
    (table,) = structure_of(HONGKOU).tables
    # `（一）` / `强化源头分类投放` (two paragraphs) and `（二）完善…` (one) are level 1; `1、…` is level 2
    assert [r[0].text for r in table.rows[1:]] == ["强化源头分类投放"] * 3 + ["完善分类驳运体系，畅通全程分类渠道"] * 3
    assert [r[1].text for r in table.rows[1:]] == ["规范绿色账户管理和推行“定时定点”投放"] * 2 + [
        "落实“两网融合”点位和再生资源回收体系建设"] + ["落实分类收运装备配置"] * 3


def test_unit_cells_one_record_each_merged_cells_scoped_by_their_group(structure_of):
    got = unit_records(structure_of(HONGKOU))
    assert got == [
        # row (2) has no unit cells: those of row (1) are merged over the group, scoped by the 主要方向 cell
        (Role.LEAD, ("各街道办事处",), "规范绿色账户管理和推行“定时定点”投放"),
        (Role.COOPERATING, ("区绿化市容局",), "规范绿色账户管理和推行“定时定点”投放"),
        (Role.LEAD, ("区绿化市容局",), "两网融合服务点建设，按照两网融合服务点建设标准，建立两网融合服务点（累计数）"),
        (Role.COOPERATING, ("区商务委", "区房管局"), "两网融合服务点建设，按照两网融合服务点建设标准，建立两网融合服务点（累计数）"),
        # rows (1) and (3) lack their last unit cell (row (2) has it): no 配合 for them, nothing merged
        (Role.LEAD, ("区绿化市容局",), "有害垃圾车配置"),
        (Role.LEAD, ("区绿化市容局",), "干垃圾车标识更新"),
        (Role.COOPERATING, ("各街道办事处",), "干垃圾车标识更新"),
        (Role.LEAD, ("区绿化市容局",), "全区新增湿垃圾专项收运车40辆"),
    ]


def test_targets_from_year_columns_and_the_task_cell(structure_of):
    got = {(t.indicator, t.value, t.year) for t in targets(structure_of(HONGKOU))}
    # bare values under `2018年计划` / `2019年计划`: the year of their column, the task as the indicator
    assert ("垃圾分类绿色账户推进覆盖累计小区数", 733, 2019) in got
    assert ("创建达标分类小区（累计数）", 345, 2018) in got
    assert ("干垃圾车标识更新", 89, 2018) in got
    # a prose cell under `2018年计划`: read by the prose grammar, the year of its column
    assert ("色彩标识规范的有害垃圾专用运输机动车", 1, 2018) in got
    # a goal in the task cell under `重点任务（2018-2020）`: a range, so no year
    assert ("新增湿垃圾专项收运车", 40, None) in got
    # the 分类 / 方向 columns name groups: no goal is read from them, none is scoped by them
    assert not any(i.startswith(("强化源头", "规范绿色", "完善分类")) for i, _, _ in got)


def test_implementation_column_beside_a_year_work_column_is_responsible(structure_of):
    got = unit_records(structure_of(QINGPU))
    assert got == [
        (Role.RESPONSIBLE, ("建设主管部门", "区规划资源局"), "推动源头减量"),
        (Role.COOPERATING, ("区水务局", "区绿化市容局", "区国动办", "区房管局", "区规划资源局"), "推动源头减量"),
        (Role.RESPONSIBLE, ("区土方工作专班",), "提升消纳处置能力"),
        (Role.COOPERATING, ("区绿化市容局", "区规划资源局", "区建设管理委", "属地街镇"), "提升消纳处置能力"),
        # `各相关单位` names no unit: no record
        (Role.RESPONSIBLE, ("区发展改革委",), "拓展土方消纳空间"),
        (Role.RESPONSIBLE, ("区绿化市容局",), "加强备案申报管理"),
        (Role.COOPERATING, ("区建设管理委",), "加强备案申报管理"),
    ]


def test_level1_groups_only_fill_the_one_group_column(structure_of):
    (table,) = structure_of(QINGPU).tables
    assert [c.text for c in table.rows[0]] == ["主要方向", "重点任务（2025-2027）", "2025年工作项目", "实施主体", "配合单位"]
    assert [r[0].text for r in table.rows[1:]] == ["构建产消平衡的处置体系"] * 3 + ["构建全链条全过程闭环管理体系"]


def test_numbered_prose_with_no_such_header_is_no_table(structure_of):
    # the same rows under a heading that names no unit column stay prose
    text = QINGPU.replace("实施\n\n主体\n\n配合\n\n单位\n\n", "")
    assert not structure_of(text).tables


def test_every_split_header_and_three_unit_columns(structure_of):
    doc = structure_of(ALL_HEADERS)
    (table,) = doc.tables
    assert [c.text for c in table.rows[0]] == ["任务分类", "主要方向", "重点任务（2018-2020）", "2018年工作项目",
                                               "2019年计划", "2020年计划", "牵头部门", "配合部门", "实施主体"]
    got = unit_records(doc)
    scope = "规范绿色账户管理和推行“定时定点”投放"  # the unit cells of row (1) stand merged over row (2)
    assert got == [(Role.LEAD, ("区绿化市容局",), scope), (Role.COOPERATING, ("区文明办", "区房管局"), scope),
                   (Role.RESPONSIBLE, ("各街道办事处",), scope),
                   # `各相关单位` names no unit; the row has no 实施主体 cell
                   (Role.LEAD, ("区绿化市容局",), "干垃圾车标识更新")]
    years = {(t.value, t.year) for t in targets(doc)}
    # the task cell's own goal under `重点任务（2018-2020）`: a range, no year; the year columns give theirs
    assert {(618, None), (345, 2018), (440, 2019), (618, 2020), (942, 2020), (89, 2018)} <= years


def test_unit_cells_with_a_bracketed_name_and_a_row_missing_its_year_cells(structure_of):
    # `区绿化市容局（区分减联办）` as 虹口 names it in its 职责分工; in row (3) of group 3 and in the last row
    text = HONGKOU.replace("（2）干垃圾车标识更新。\n\n89辆\n\n/\n\n区绿化市容局",
                           "（2）干垃圾车标识更新。\n\n89辆\n\n/\n\n区绿化市容局（区分减联办）")
    text = text.replace("（3）全区新增湿垃圾专项收运车40辆。\n\n/\n\n/\n\n区绿化市容局",
                        "（3）全区新增湿垃圾专项收运车40辆。\n\n区绿化市容局（区分减联办）")
    got = unit_records(structure_of(text))
    assert (Role.LEAD, ("区绿化市容局（区分减联办）",), "干垃圾车标识更新") in got
    assert (Role.COOPERATING, ("各街道办事处",), "干垃圾车标识更新") in got
    # the last row wrote no year cells: the bracketed unit cell at the table's end is still its 牵头 cell
    (table,) = structure_of(text).tables
    assert [c.text for c in table.rows[-1][3:]] == ["", "", "区绿化市容局（区分减联办）", ""]


def test_a_work_cell_numbered_like_a_group_stays_the_rows_cell(structure_of):
    text = QINGPU.replace("梳理评估本区出土项目", "1、梳理评估本区出土项目")
    (table,) = structure_of(text).tables
    assert [r[1].text for r in table.rows[1:]] == ["推动源头减量", "提升消纳处置能力", "拓展土方消纳空间", "加强备案申报管理"]
    assert table.rows[2][2].text.startswith("1、梳理评估") and table.rows[2][3].text == "区土方工作专班"


THREE_UNITS = """附件

虹口区生活垃圾全程分类体系建设任务分工表

任务
分类

主要方向

重点任务

2018年工作项目

2019年计划

2020年计划

牵头
部门

配合
部门

实施
主体

一、强化源头分类投放

1、规范绿色账户管理和推行“定时定点”投放

（1）垃圾分类绿色账户推进覆盖累计户数/小区数。

24.3万户/682个

26.5万户/733个

/

区绿化市容局

区文明办

区房管局

各街道办事处

（2）创建达标分类小区（累计数）。

345个

440个

618个

（3）完成定时定点/绿色账户居住区垃圾箱房四分类标识规范及改造（累计数）。

314个

628个

942个

2、落实“两网融合”点位和再生资源回收体系建设

（4）两网融合服务点建设，按照两网融合服务点建设标准，建立两网融合服务点（累计数）。

新建“两网融合”服务点位67个；完成定时定点垃圾箱房“四分类”标识规范及改造314个

全区新建“两网融合”服务点位101个；累计完成定时定点垃圾箱房“四分类”标识规范及改造628个

269个

区绿化市容局

区商务委

区房管局

各相关部门和单位

二、完善分类驳运体系，畅通全程分类渠道

3、落实分类收运装备配置

（5）干垃圾车标识更新。

89辆

/

/

区绿化市容局

各行业主管部门、各区

各街道办事处

（6）湿垃圾车辆新增（累计数）。

25辆

35辆

40辆

（7）按照建设标准，建立“两网融合”中转站（累计数）。

4个

6个

8个

区绿化市容局

区商务委

各街道办事处

五、保障措施

各街道、各部门要高度重视，切实加强组织领导。
"""

THREE_UNIT_TASKS = ["垃圾分类绿色账户推进覆盖累计户数/小区数", "创建达标分类小区（累计数）",
                    "完成定时定点/绿色账户居住区垃圾箱房四分类标识规范及改造（累计数）",
                    "两网融合服务点建设，按照两网融合服务点建设标准，建立两网融合服务点（累计数）",
                    "干垃圾车标识更新", "湿垃圾车辆新增（累计数）", "按照建设标准，建立“两网融合”中转站（累计数）"]


def test_headers_on_two_lines_of_one_paragraph_and_three_unit_columns(structure_of):
    (table,) = structure_of(THREE_UNITS).tables
    assert [c.text for c in table.rows[0]] == ["任务分类", "主要方向", "重点任务", "2018年工作项目", "2019年计划",
                                               "2020年计划", "牵头部门", "配合部门", "实施主体"]
    # every row is read: after a unit cell written one unit a paragraph, after rows with no unit cells
    assert [r[2].text for r in table.rows[1:]] == THREE_UNIT_TASKS
    assert [r[1].text for r in table.rows[1:]] == ["规范绿色账户管理和推行“定时定点”投放"] * 3 + [
        "落实“两网融合”点位和再生资源回收体系建设"] + ["落实分类收运装备配置"] * 3
    # the year cells stay in their columns
    assert [r[5].text for r in table.rows[1:]] == ["", "618个", "942个", "269个", "", "40辆", "8个"]


def test_a_unit_cell_one_unit_a_paragraph_is_one_cell(structure_of):
    got = unit_records(structure_of(THREE_UNITS))
    scope = "规范绿色账户管理和推行“定时定点”投放"  # merged over rows (2) and (3), which write no unit cell
    two_nets = THREE_UNIT_TASKS[3]
    assert got == [
        # `区文明办` / `区房管局` in two paragraphs: one 配合 cell, the column that lists units elsewhere
        (Role.LEAD, ("区绿化市容局",), scope), (Role.COOPERATING, ("区文明办", "区房管局"), scope),
        (Role.RESPONSIBLE, ("各街道办事处",), scope),
        (Role.LEAD, ("区绿化市容局",), two_nets), (Role.COOPERATING, ("区商务委", "区房管局"), two_nets),
        # `各相关部门和单位` and `各行业主管部门、各区` name no unit: no record
        (Role.LEAD, ("区绿化市容局",), "干垃圾车标识更新"), (Role.RESPONSIBLE, ("各街道办事处",), "干垃圾车标识更新"),
        (Role.LEAD, ("区绿化市容局",), THREE_UNIT_TASKS[6]), (Role.COOPERATING, ("区商务委",), THREE_UNIT_TASKS[6]),
        (Role.RESPONSIBLE, ("各街道办事处",), THREE_UNIT_TASKS[6]),
    ]


def test_a_year_cell_of_several_goals_gives_each_with_the_columns_year(structure_of):
    got = {(t.indicator, t.value, t.year) for t in targets(structure_of(THREE_UNITS))}
    assert {("新建“两网融合”服务点位", 67, 2018), ("完成定时定点垃圾箱房“四分类”标识规范及改造", 314, 2018),
            ("新建“两网融合”服务点位", 101, 2019), ("累计完成定时定点垃圾箱房“四分类”标识规范及改造", 628, 2019)} <= got
    # the rows after them keep their values and years
    assert {(THREE_UNIT_TASKS[3], 269, 2020), ("干垃圾车标识更新", 89, 2018), ("湿垃圾车辆新增（累计数）", 40, 2020),
            (THREE_UNIT_TASKS[6], 8, 2020)} <= got


def test_a_unit_cell_one_unit_a_paragraph_in_a_row_missing_year_cells(structure_of):
    # row (5) writes one year cell and its 配合 cell as two paragraphs: six cells, as many as its columns
    text = THREE_UNITS.replace("89辆\n\n/\n\n/\n\n区绿化市容局\n\n各行业主管部门、各区",
                               "89辆\n\n区绿化市容局\n\n区商务委\n\n区房管局")
    (table,) = structure_of(text).tables
    row = table.rows[5]
    assert [c.text for c in row[3:6]] == ["89辆", "", ""] and row[6].text == "区绿化市容局"
    assert (Role.COOPERATING, ("区商务委", "区房管局"), "干垃圾车标识更新") in unit_records(structure_of(text))


def test_a_cell_naming_a_unit_keeps_its_generic_parts(structure_of):
    text = THREE_UNITS.replace("\n各行业主管部门、各区\n", "\n区房管局、各行业主管部门、各区\n")
    assert (Role.COOPERATING, ("区房管局", "各行业主管部门", "各区"), "干垃圾车标识更新") in unit_records(structure_of(text))


def test_the_last_row_takes_unit_paragraphs_only_right_before_the_tables_end(structure_of):
    last = "8个\n\n区绿化市容局\n\n区商务委\n\n各街道办事处\n\n"
    two = "8个\n\n区绿化市容局\n\n区商务委\n\n区房管局\n\n各街道办事处\n\n"
    # a heading follows the last row: `区商务委` / `区房管局` is its 配合 cell
    got = unit_records(structure_of(THREE_UNITS.replace(last, two)))
    assert got[-2:] == [(Role.COOPERATING, ("区商务委", "区房管局"), THREE_UNIT_TASKS[6]),
                        (Role.RESPONSIBLE, ("各街道办事处",), THREE_UNIT_TASKS[6])]
    # a signature and its date follow the table: the signature is no cell of its last row
    signed = THREE_UNITS[: THREE_UNITS.index("五、保障措施")] + "上海市虹口区绿化和市容管理局\n\n2018年5月1日\n"
    got = unit_records(structure_of(signed))
    assert got[-1] == (Role.RESPONSIBLE, ("各街道办事处",), THREE_UNIT_TASKS[6])
    assert not any("上海市虹口区绿化和市容管理局" in units for _, units, _ in got)
