"""Issue 16, language the targets grammar got wrong on plans nobody here develops against, as classes.

Each row is a sentence quoted from a real document (its source in the comment) with the record it must
give, or the reason it gives none. The sentences are read under the plan half of a work report, as they
stand in their sources (rules.REPORT: `二、2024年工作安排`), except the year-from-title rows.
"""

from __future__ import annotations

import pytest

from extractors.targets import extract
from extractors.targets.rules import REPORT

WR = "../shared/realcorpus/workreports/"


def records(structure_of, text, before=REPORT):
    return [(r.indicator, r.value, r.unit, r.comparator, r.aspirational)
            for r in extract(structure_of(before + text))]


# 1. Open measure words: a Latin-letter unit, a noun used as a unit after a magnitude, two measure words
# of one thing (spec §3.3 unit: the measure word or noun right after the number).
OPEN_UNITS = [
    # 合肥.docx
    ("光伏逆变器出货量全球第1，储能电池产量突破20GW，先进光伏和新型储能产值达1500亿元。",
     ("储能电池产量", 20, "GW", "gt", False)),
    # 连云港.docx
    ("启动实施3个储能项目，新增清洁能源装机容量1GW。", ("新增清洁能源装机容量", 1, "GW", "eq", False)),
    # 天津.docx
    ("重点拓展服务京津冀区域发展的航线，集装箱吞吐量突破2300万标准箱。",
     ("集装箱吞吐量", 23000000, "标准箱", "gt", False)),
    # 沈阳.docx
    ("推动海铁联运规模突破4.4万标箱，跨境电商交易量突破700万单。", ("跨境电商交易量", 7000000, "单", "gt", False)),
    # 随州.docx
    ("力争香稻种植面积突破90万亩、香菇种植规模扩大到3.6亿袋、油茶种植面积达到60万亩以上。",
     ("香菇种植规模", 360000000, "袋", "eq", True)),
    # 黄石.docx
    ("新增城区公共停车泊位7000个；新建新能源充电桩3000台套；", ("新建新能源充电桩", 3000, "台套", "eq", False)),
    # 连云港.docx: 余 between the magnitude and the noun
    ("改善农房3000户，改造农村户厕13万余户、供水管网300公里。", ("改造农村户厕", 130000, "户", "eq", False)),
]


@pytest.mark.parametrize(("text", "record"), OPEN_UNITS)
def test_open_measure_words(structure_of, text, record):
    assert record in records(structure_of, text)


# A Latin-letter capacity glued to a name sizes a project or a plant: no record of its own.
CAPACITY_IN_NAME = [
    # 泰安.docx: a list of plants by name and size, then one plant to be connected
    ("加快泰安二期抽水蓄能、中能建350MW、中电建2×300MW盐穴压缩空气储能电站等项目建设，推动中储国能300MW项目并网发电。",
     "MW"),
    # 百色.docx: the 94 projects are the goal, 5GW is part of a project's name
    ("开工（续建、技改）中电百色能源电子产业园、华兴5GW高效电池、必晟矿业技改等重点项目94个。", "GW"),
]


@pytest.mark.parametrize(("text", "unit"), CAPACITY_IN_NAME)
def test_latin_capacity_in_a_name_is_no_goal(structure_of, text, unit):
    assert all(r[2] != unit for r in records(structure_of, text))


# 2. A level verb with its modality, and the next clause's value with the subject elided: two records, the
# hedged one aspirational (spec §3.3: 力争/争取/努力; 确保 is no hedge).
def test_modal_level_verbs_each_give_a_record(structure_of):
    # 来宾.docx: two subjects, 确保 then 力争
    text = "推进规模经营，确保糖料蔗种植面积稳定在175万亩，力争甘蔗种植“水肥一体化”面积增至40万亩。"
    assert records(structure_of, text) == [("糖料蔗种植面积", 1750000, "亩", "eq", False),
                                           ("甘蔗种植“水肥一体化”面积", 400000, "亩", "eq", True)]
    # issue 16's shape (no real sentence of it in realcorpus): one subject, a Latin-letter unit; the second
    # value takes the subject
    text = "光伏装机确保达到120MW，力争达到180MW。"
    assert records(structure_of, text) == [("光伏装机", 120, "MW", "eq", False),
                                           ("光伏装机", 180, "MW", "eq", True)]


# 3. `V N个X和(至少)M个Y(的Z)`: one record per count, each with its own noun and comparator.
COORDINATION = [
    # 乌鲁木齐.docx
    ("新建8个“名医专家工作室”和18个市级重点专科。",
     [("新建“名医专家工作室”", 8, "个", "eq", False), ("市级重点专科", 18, "个", "eq", False)]),
    # 东营.docx
    ("年内完成3个省级示范区、5个市级示范片区创建任务。",
     [("省级示范区", 3, "个", "eq", False), ("市级示范片区创建任务", 5, "个", "eq", False)]),
    # issue 16's shape (no real sentence of it in realcorpus): the comparator before the second count is its
    # own, the head after 的 is shared
    ("建成3个国家级和至少5个市级的创新中心。",
     [("国家级创新中心", 3, "个", "eq", False), ("市级的创新中心", 5, "个", "ge", False)]),
]


@pytest.mark.parametrize(("text", "expected"), COORDINATION)
def test_coordinated_counts(structure_of, text, expected):
    assert records(structure_of, text) == expected


# 4. The number before its verb: `约24公里进行修复或改造` → the action is the indicator, 约 → approx.
def test_number_before_its_light_verb(structure_of):
    assert records(structure_of, "约24公里进行修复或改造。") == [("修复或改造", 24, "公里", "approx", False)]
    # 贵港.docx, 聊城.docx: 实施 naming a kind of document or project is part of the counted noun
    assert records(structure_of, "出台20条实施意见。") == [("实施意见", 20, "条", "eq", False)]


# 5. Numerals inside names and addresses are no goals: a house or lane number, a plot code, an ordinal
# (the shapes issue 16 names; realcorpus writes addresses as `秀安路1号地块` 南宁.docx).
NAMES = [
    "推进长寿路899号项目建设。",
    "加快XX路899项目建设。",
    "推进XX路627弄旧住房成套改造。",
    "启动01单元开发建设。",
    # 丽水.docx
    "成功举办长三角城市经济协调会第22次会议。",
]


@pytest.mark.parametrize("text", NAMES)
def test_numeral_inside_a_name_is_no_goal(structure_of, text):
    assert records(structure_of, text) == []


def test_a_count_after_a_road_word_is_still_a_count(structure_of):
    assert records(structure_of, "新建道路5条。") == [("新建道路", 5, "条", "eq", False)]
    # 南宁.docx: the house number of a plot gives nothing, the count of the projects is the goal
    text = "推进兴宁区三塘南路西侧地块、西乡塘区秀安路1号地块等5个保障性住房建设。"
    assert records(structure_of, text) == [("保障性住房", 5, "个", "eq", False)]


# 6. A document whose title names one year (its period [Y, Y], pipeline/meta.py) gives its goals that year
# when no closer frame names one (spec §3.3, amended); `每年…` stays null.
@pytest.mark.parametrize("title", [
    "数据要素市场化配置改革2026年工作要点",  # a title cited by cac.gov.cn
    "苏州市文化广电和旅游局2026年工作要点",
    "某区科技工作2026年度工作计划",
    "2026年某市节能减排工作方案",
])
def test_single_year_title_gives_the_year(structure_of, title):
    # 黄石.docx's sentence under a single-year title
    doc = structure_of(title + "\n一、重点任务\n新建新能源充电桩3000台套。每年举办对接活动不少于6场。")
    assert doc.meta.period == (2026, 2026)
    assert [(r.indicator, r.year, r.annual) for r in extract(doc)] == [
        ("新建新能源充电桩", 2026, False), ("举办对接活动", None, True)]


def test_a_goal_whose_number_and_unit_a_crawler_put_on_lines_of_their_own(structure_of):
    """衢州.docx's sentence, re-laid as a crawled page lays it out (`0.1` / `分` / `/` / `千瓦时`): cleaning
    joins the number to its unit, so the goal reads as in the document (no dev text has this layout)."""
    lead = "强化政企联动，在国家、省降低电价的基础上，力争工业平均电价再降"
    goal = ("工业平均电价再降", 0.1, "分/千瓦时", "eq", True)
    assert records(structure_of, lead + "0.1分/千瓦时。\n") == [goal]
    assert records(structure_of, lead + "\n0.1\n分\n/\n千瓦时\n。\n") == [goal]
