"""Indicator tables in the layouts of real documents (issue #17): per-layout strict F1 on the seed and
challenge tables rebuilt in each layout (tests/extractors/indicator_layouts.py), real tables and
negatives quoted from real documents."""

from __future__ import annotations

import unicodedata

import pytest

from extractors.indicators import extract
from pipeline.ingest import read_source
from pipeline.models import Growth
from pipeline.structure import build_structure
from tests.extractors import indicator_layouts as lay

TABLES = lay.gold_tables()


def norm(text: str | None) -> str | None:
    return None if text is None else "".join(unicodedata.normalize("NFKC", text).split())


def key(name, unit, baseline, target, actual):
    def yv(v):
        return None if v is None else (v[0], None if v[1] is None else float(v[1]))
    return (norm(name), norm(unit), yv(baseline), yv(target), yv(actual))


def predicted_keys(records):
    def yv(v):
        return None if v is None else (v.year, v.value)
    return [key(r.name, r.unit, yv(r.baseline), yv(r.target), yv(r.actual)) for r in records]


def document(tmp_path, table, layout, variant="unit_column"):
    if layout == "pdf":
        from tests.builders import SeedTable, build_pdf

        head1, head2, body = lay.grid(table, variant)
        header = [a + b for a, b in zip(head1, head2, strict=True)]
        path = build_pdf(["正文一段。", lay.caption(table), SeedTable(tuple(map(tuple, [header, *body]))), "表后正文。"],
                         tmp_path / "t.pdf")
    else:
        text = {"para": lay.para_text, "pdf_text": lay.pdf_text, "spaces": lay.spaces_text}[layout](table, variant)
        path = tmp_path / "t.txt"
        path.write_bytes(text.encode("utf-8"))
    return build_structure(read_source(path))


def layout_f1(tmp_path, layout, tables, variant="unit_column"):
    tp = n_pred = n_gold = 0
    for k, table in enumerate(tables):
        sub = tmp_path / f"{layout}{variant}{k}"
        sub.mkdir()
        pred = predicted_keys(extract(document(sub, table, layout, variant)))
        gold = [key(r.name, r.unit, r.baseline, r.target, r.actual) for r in lay.expected(table, layout)]
        n_pred += len(pred)
        n_gold += len(gold)
        remaining = list(pred)
        for g in gold:
            if g in remaining:
                remaining.remove(g)
                tp += 1
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    return 2 * p * r / (p + r) if p + r else 0.0


@pytest.mark.parametrize("variant", lay.VARIANTS)
@pytest.mark.parametrize("layout", lay.LAYOUTS)
def test_seed_and_challenge_tables_in_each_layout(tmp_path, layout, variant):
    assert layout_f1(tmp_path, layout, TABLES, variant) >= 0.95


def test_completion_table_goal_without_year_takes_it_from_its_name_and_rate_has_no_field(structure_of):
    doc = structure_of(
        "表1 某市“十三五”科技创新主要指标完成情况\n"
        "序号\t指标\t单位\t“十三五”规划目标\t完成情况\t完成率\n"
        "1\t高新技术企业\t家\t500\t620\t124%\n"
        "2\t研发投入强度\t%\t重点城市≥3 / 一般城市≥2\t2.6\t——\n"
    )
    first, second = extract(doc)
    assert (first.target.year, first.target.value, first.actual.year, first.actual.value) == (2020, 500, 2020, 620)
    assert first.baseline is None and first.growth is None
    assert second.target.value is None  # several values in a cell: null, never the first number


def test_plan_task_column_takes_the_caption_period_and_of_which_column_has_no_field(structure_of):
    doc = structure_of(
        "表2 某市“十四五”时期主要指标\n"
        "序号\t指标\t计划任务\t其中：2021年任务\t年均增长\n"
        "1\t技术合同成交额（亿元）\t300左右\t60\t[累计150]\n"
    )
    (row,) = extract(doc)
    assert (row.unit, row.target.year, row.target.value, row.target.note) == ("亿元", 2025, 300, "左右")
    assert row.growth == Growth(150, True) and row.baseline is None and row.actual is None


# One cell per paragraph with CRLF, quoted from /work/shared/realcorpus/planning/17_chengshi_tijian_2021_zhibiao.txt
# (ShirleyLoveGIS/PolicyTextMining @ aecfd0d5 : policytxt.txt): a catalogue of indicators without
# values is a table, not an indicator table, and its numbers are no targets.
CATALOGUE = ("序号\r\n\r\n指 标\r\n\r\n解 释\r\n\r\n指标\r\n\r\n类型\r\n\r\n一、生态宜居(15)\r\n\r\n1\r\n\r\n区域开发强度（%）\r\n\r\n"
             "市辖区建成区面积占市辖区总面积的百分比。\r\n\r\n导向指标\r\n\r\n\r\n\r\n2\r\n\r\n"
             "人口密度超过每平方公里1.5万人的城市建设用地规模（平方公里）\r\n\r\n"
             "市辖区建成区内人口密度超过每平方公里1.5万人的城市建设用地面积。\r\n\r\n底线指标\r\n\r\n\r\n\r\n")
# A task table one cell per paragraph, modelled on /work/main/corpus/real/plan_jiading_haimian.txt (附件 重点任务分解表;
# the goal sentence is quoted from its row 12).
TASKS = ("附件：嘉定区系统化全域推进海绵城市建设重点任务分解表\n\n序号\n\n任务类型\n\n重点内容\n\n责任单位\n\n参考文件\n\n1\n\n"
         "污水\n处理\n\n完善污水收集处理设施，提升处理能力，到2025年底，城镇污水处理率达到99%。\n\n区建设管理委\n\n《指引》\n\n2\n\n"
         "海绵城市\n系统方案\n\n2026年底前，完成2030年达标区域系统方案编制。\n\n区建设管理委\n\n《通知》\n")


@pytest.mark.parametrize(("text", "goals"), [
    (CATALOGUE, []),
    # gold/real plan_jiading_haimian labels goals in the prose of a task-table cell as targets.
    (TASKS, ["城镇污水处理率达到99%"]),
], ids=["indicator-catalogue", "task-list"])
def test_tables_that_are_not_indicator_tables_give_no_rows(tmp_path, text, goals):
    from extractors.targets import extract as targets

    path = tmp_path / "doc.txt"
    path.write_bytes(text.encode("utf-8"))
    doc = build_structure(read_source(path))
    assert [t.layout for t in doc.tables] == ["para_cells"]
    assert extract(doc) == [] and [t.quote for t in targets(doc)] == goals


# Layout 1 without a 序号 column: merged 类别 cells as empty paragraphs, headers split over paragraphs
# (2020年 / 现状, 指标 / 属性), qualifiers, several values in a cell, a cumulative goal.
UNNUMBERED = "\r\n\r\n".join([
    "表3 某区“十四五”生态环境主要指标", "类别", "指标", "单位", "2020年", "现状", "2025年", "目标", "指标", "属性",
    "环境质量", "PM2.5年均浓度", "微克/立方米", "35", "<30", "约束性",
    "", "地表水达到或好于Ⅲ类水体比例", "%", "80", "85左右", "约束性",
    "", "城市污水处理率", "%", "95", "重点城市≥98 / 一般城市≥95", "预期性",
    "绿色发展", "单位GDP能耗降低", "%", "——", "[累计13.5]", "约束性",
    "到2025年，森林覆盖率达到30%。"]) + "\r\n"


def test_paragraph_cells_without_serial_column(tmp_path):
    from extractors.targets import extract as targets

    path = tmp_path / "doc.txt"
    path.write_bytes(UNNUMBERED.encode("utf-8"))
    doc = build_structure(read_source(path))
    rows = extract(doc)
    assert [(r.row, r.name, r.unit, r.baseline.value, r.target.value, r.target.note) for r in rows] == [
        (1, "PM2.5年均浓度", "微克/立方米", 35, 30, "<"),
        (2, "地表水达到或好于Ⅲ类水体比例", "%", 80, 85, "左右"),
        # several values: null, never the first number; the cell kept as the value's note
        (3, "城市污水处理率", "%", 95, None, "重点城市≥98 /一般城市≥95"),
        (4, "单位GDP能耗降低", "%", None, 13.5, None),
    ]
    assert rows[0].baseline.year == 2020 and rows[0].target.year == 2025 and rows[0].attribute == "约束性"
    assert rows[3].quote.endswith("约束性") and doc.quote(rows[3].span) == rows[3].quote
    assert [t.quote for t in targets(doc)] == ["森林覆盖率达到30%"]  # the table's numbers are no targets


# Layout 2 with a merged 类别 column: the category, centred on its group, stands before the 序号 of
# one row; a name wholly in pieces around its 序号 line, with a unit split 万元/ … 人.
PDF_WITH_CATEGORY = """表2 某市“十四五”科技创新主要指标
类别 序号 指标名称 单位 2020年 2025年 属性
1 全社会研发经费投入强度 % 2.4 2.8 预期性
创新投入 2 基础研究经费占研发经费比重 % 5.9 8 预期性
3 技术合同成交额 亿元 100 300左右 预期性
每万人口高价值发明专利 万元/
创新产出 4 5.6 12 预期性
拥有量 人
5 高新技术企业数 家 100 200 约束性
"""


def test_pdf_text_rows_with_a_category_before_the_serial(structure_of):
    rows = extract(structure_of(PDF_WITH_CATEGORY))
    assert [(r.row, r.name, r.unit, r.baseline.value, r.target.value) for r in rows] == [
        (1, "全社会研发经费投入强度", "%", 2.4, 2.8), (2, "基础研究经费占研发经费比重", "%", 5.9, 8),
        (3, "技术合同成交额", "亿元", 100, 300), (4, "每万人口高价值发明专利拥有量", "万元/人", 5.6, 12),
        (5, "高新技术企业数", "家", 100, 200)]
    assert rows[3].quote.startswith("每万人口高价值发明专利") and rows[3].quote.endswith("人")


# A project list one cell per paragraph (layout 1): its 建设内容 cells read like prose, yet no number in
# them is a goal; the task table of plan_jiading_haimian (TASKS above) keeps its prose cells, whose
# goals gold/real labels as targets.
PROJECTS = ("表5 重点建设项目表\n\n序号\n\n项目名称\n\n建设内容\n\n总投资（亿元）\n\n1\n\n智能制造产业园\n\n"
            "新建标准厂房5万平方米，购置生产设备200台套，到2025年实现年产值10亿元。\n\n12.5\n\n2\n\n科创中心\n\n"
            "建设研发楼3栋，引进研发团队20个。\n\n8\n\n正文：到2025年，研发投入强度达到3%。\n")


def test_project_list_cells_give_no_targets(tmp_path):
    from extractors.targets import extract as targets

    def run(text):
        path = tmp_path / "doc.txt"
        path.write_bytes(text.encode("utf-8"))
        return build_structure(read_source(path))

    projects = run(PROJECTS)
    assert [t.layout for t in projects.tables] == ["para_cells"] and extract(projects) == []
    assert [t.quote for t in targets(projects)] == ["研发投入强度达到3%"]
