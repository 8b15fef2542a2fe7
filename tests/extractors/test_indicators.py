"""Indicator-table rows (spec §3.4) in every table layout and cell form."""

from __future__ import annotations

import pytest

from extractors.indicators import extract, map_columns, parse_value, split_unit
from pipeline.models import Growth, YearValue
from tests.conftest import QINGZHOU, ZHIFU, ZIBO


def by_row(records):
    return {r.row: r for r in records}


def test_zibo_table2_tab_rows(seed_structures):
    records = [r for r in extract(seed_structures[ZIBO.stem]) if r.table.startswith("表2")]
    assert len(records) == 8
    r = by_row(records)[1]
    assert (r.name, r.unit) == ("R&D经费支出占GDP的比重", "%")
    assert r.baseline == YearValue(2020, 2.79) and r.target == YearValue(2025, 3) and r.actual is None
    assert r.growth == Growth(0.21, True) and r.attribute == "预期性"
    assert r.quote.startswith("1\tR&D 经费支出") and r.quote.endswith("预期性")
    assert by_row(records)[3].growth == Growth(24.57, False)


def test_zibo_table1_completion_columns(seed_structures):
    records = [r for r in extract(seed_structures[ZIBO.stem]) if r.table.startswith("表1")]
    assert len(records) == 6
    last = by_row(records)[6]
    assert (last.name, last.unit) == ("高新技术企业数", "家")
    assert last.baseline == YearValue(None, 251)  # 基础值: no year
    assert last.target == YearValue(2020, 380) and last.actual == YearValue(2020, 703)
    assert last.growth is None and last.attribute is None


def test_qingzhou_cell_lines_row_span_runs_first_to_last_cell(seed_structures):
    records = extract(seed_structures[QINGZHOU.stem])
    assert [r.row for r in records] == list(range(1, 10))  # project tables are not indicator tables
    first = records[0]
    assert first.quote.startswith("1\n\t全社会R&D支出占GDP比重(%)") and first.quote.endswith("2.85")
    assert (first.name, first.unit, first.baseline.value, first.target.value) == ("全社会R&D支出占GDP比重", "%", 0.82, 2.85)
    assert by_row(records)[3].unit == "人·年/万人"


def test_zhifu_missing_baseline_and_bracket_cumulative(seed_structures):
    records = by_row(extract(seed_structures[ZHIFU.stem]))
    assert records[1].baseline == YearValue(2020, None)  # "--"
    assert records[4].growth == Growth(3.45, True)  # "[3.45]"
    assert records[2].name == "每万人高价值发明专利拥有量" and records[2].unit == "件"


@pytest.mark.parametrize(
    ("cell", "expected"),
    [("2.79", (2.79, False, None)), ("--", (None, False, None)), ("", (None, False, None)),
     ("〔0.21〕", (0.21, True, None)), ("[3.45]", (3.45, True, None)), ("1,200", (1200.0, False, None)),
     ("2.79*", (2.79, False, "*")), ("—", (None, False, None)), ("待定", (None, False, None))],
    ids=["number", "dashes", "empty", "lenticular-cumulative", "square-cumulative", "thousands",
         "note-mark", "em-dash", "not-a-number"],
)
def test_cell_values(cell, expected):
    assert parse_value(cell) == expected


@pytest.mark.parametrize(
    ("name", "expected"),
    [("R&D 经费支出占 GDP 的比重(%)", ("R&D 经费支出占 GDP 的比重", "%")),
     ("每万人口研发人员数（人·年/万人）", ("每万人口研发人员数", "人·年/万人")),
     ("高新技术企业数 (家)", ("高新技术企业数", "家")),
     ("技术合同成交额", ("技术合同成交额", None))],
    ids=["ascii-brackets", "fullwidth-brackets", "space-before-bracket", "no-unit"],
)
def test_unit_split(name, expected):
    assert split_unit(name) == expected


def test_column_roles_by_header_words_in_any_order():
    cols = map_columns(["属性", "指标", "单位", "2025年目标值", "2020年基础值", "年均增长(%)"])
    assert cols.name == 1 and cols.unit == 2 and cols.attribute == 0 and cols.growth == 5
    assert cols.target == (3, 2025) and cols.baseline == (4, 2020)
    assert map_columns(["所属领域", "项目名称", "承担单位", "所属镇街区"]) is None


def test_unit_column_and_two_line_header(structure_of):
    doc = structure_of(
        "表3 某市科技创新主要指标\n"
        "序号\t指标\t单位\t基期\t目标\t属性\n"
        "\t\t\t2020年\t2025年\t\n"
        "1\t技术合同成交额\t亿元\t10\t20\t预期性\n"
        "2\t高新技术企业\t家\t1,200\t2,000\t约束性\n"
    )
    records = extract(doc)
    assert [(r.row, r.name, r.unit) for r in records] == [(1, "技术合同成交额", "亿元"), (2, "高新技术企业", "家")]
    assert records[1].baseline == YearValue(2020, 1200) and records[1].target == YearValue(2025, 2000)
    assert records[1].attribute == "约束性"


def test_markdown_pipe_table(structure_of):
    doc = structure_of("表1 指标\n\n| 指标 | 2020年 | 2025年 | 属性 |\n|---|---|---|---|\n"
                       "| 研发投入强度(%) | 2.1 | 2.5 | 预期性 |\n| 高新技术企业（家） | 300 | 500 | 预期性 |\n")
    records = extract(doc)
    assert [(r.row, r.name, r.unit, r.target.value, r.attribute) for r in records] == [
        (1, "研发投入强度", "%", 2.5, "预期性"), (2, "高新技术企业", "家", 500, "预期性")]
    assert records[0].quote == "研发投入强度(%) | 2.1 | 2.5 | 预期性"


def test_table_continued_after_page_break(structure_of):
    doc = structure_of(
        "表1 主要指标\n序号\t指标名称\t2020年\t2025年\n1\t高新技术企业(家)\t100\t200\n\n"
        "第2页正文继续。\n\n续表\n序号\t指标名称\t2020年\t2025年\n2\t专利(件)\t5\t10\n"
    )
    records = extract(doc)
    assert [(r.row, r.table) for r in records] == [(1, "表1主要指标"), (2, "表1主要指标")]


def test_growth_column_headed_cumulative_increment_and_note_marked_names(structure_of):
    doc = structure_of(
        "表1 某市“十四五”科技创新主要指标\n\n"
        "序号\t指标\t单位\t2020年\t2025年\t〔累计〕\t属性\n"
        "\t\t\t基期值\t目标值\t增量\t\n"
        "1\t技术合同成交额*\t亿元\t102.6\t300\t〔197.4〕\t预期性\n"
        "注：*为登记数。\n\n"
        "| 指标 | 2020年 | 2025年 | 年均增速 |\n| --- | --- | --- | --- |\n| 高新技术产业增加值（亿元） | 1,086 | 1,750 | 10% |\n"
    )
    first, second = extract(doc)
    assert (first.name, first.unit, first.growth) == ("技术合同成交额", "亿元", Growth(197.4, True))
    assert first.baseline == YearValue(2020, 102.6) and first.target == YearValue(2025, 300)
    assert (second.name, second.unit, second.growth) == ("高新技术产业增加值", "亿元", Growth(10, False))


@pytest.mark.parametrize(
    ("cell", "expected"),
    [(">3.0", (3.0, False, ">")), ("≥15000", (15000.0, False, "≥")), ("约50", (50.0, False, "约")),
     ("＜1", (1.0, False, "＜")), ("不低于2.5", (2.5, False, "不低于"))],
    ids=["greater", "at-least", "about", "fullwidth-less", "words"],
)
def test_bounded_target_values_keep_the_number_and_note_the_bound(cell, expected):
    assert parse_value(cell) == expected


def test_an_indicator_table_with_a_duty_column_is_still_an_indicator_table(structure_of):
    from extractors.responsibilities import extract as responsibilities

    doc = structure_of(
        "表2 重点指标任务分解\n序号\t指标\t2025年\t2030年\t责任单位\n1\t高新技术企业数（家）\t1186\t2000\t市科技局\n"
    )
    (row,) = extract(doc)
    assert (row.name, row.unit, row.baseline, row.target) == ("高新技术企业数", "家", YearValue(2025, 1186),
                                                               YearValue(2030, 2000))
    (duty,) = responsibilities(doc)
    assert (duty.units, duty.scope) == (("市科技局",), "高新技术企业数")
