"""Structure of the seed plans: metadata, tables, the heading tree and 专栏 boxes (spec §2)."""

from __future__ import annotations

import pytest

from pipeline.models import Meta
from tests.conftest import LIAOCHENG, QINGDAO, QINGZHOU, ZHIFU, ZIBO

EXPECTED_META = {
    ZIBO.stem: Meta("淄博市“十四五”科技创新规划", "淄政字〔2022〕38号", "淄博市人民政府", "2022-04-19", (2021, 2025)),
    QINGDAO.stem: Meta("青岛市深入推进科技创新加快建设科技强市行动计划（2024—2028年）", "青政字〔2024〕20号",
                       "青岛市人民政府", "2024-07-31", (2024, 2028)),
    # Draft for comment: no number, no signature; 十四五 in the title gives the period.
    ZHIFU.stem: Meta("芝罘区“十四五”科技创新规划和二〇三五年远景目标纲要", None, None, None, (2021, 2025)),
    # Untitled: the text opens with the preamble; its own tables are captioned “十四五”.
    QINGZHOU.stem: Meta(None, None, None, None, (2021, 2025)),
    # Measures with only an addressee line; 鲁政字〔2019〕142号 is cited, not its own number.
    LIAOCHENG.stem: Meta(None, None, None, None, None),
}


@pytest.mark.parametrize("doc_id", list(EXPECTED_META), ids=lambda d: d[:3])
def test_meta_of_each_seed(seed_structures, doc_id):
    assert seed_structures[doc_id].meta == EXPECTED_META[doc_id]


def tables_of(structure):
    return [t for t in structure.tables if t.kind == "table"]


def texts(row):
    return [c.text for c in row]


def test_zibo_tables_tab_rows(seed_structures):
    t1, t2 = tables_of(seed_structures[ZIBO.stem])
    assert t1.caption == "表1淄博市科技创新“十三五”主要指标完成情况"
    assert texts(t1.header) == ["具体指标", "基础值", "2020年目标值", "2020年完成值"]
    assert len(t1.body) == 6
    assert texts(t1.body[-1]) == ["高新技术企业数(家)", "251", "380", "703"]
    assert t2.caption == "表2淄博市“十四五”时期科技创新主要指标"
    assert texts(t2.header) == ["序号", "指标名称", "2020年", "2025年", "年均增速(%)/〔累计〕", "属性"]
    assert len(t2.body) == 8
    assert texts(t2.body[3]) == ["4", "高新技术企业(家)", "703", "1800", "20.69", "预期性"]


def test_zhifu_toc_is_not_a_table_and_indicator_table_is(seed_structures):
    structure = seed_structures[ZHIFU.stem]
    kinds = [t.kind for t in structure.tables]
    assert kinds == ["toc", "table"]
    table = tables_of(structure)[0]
    assert table.caption == "表1:芝罘区“十四五”科技创新主要发展指标"
    assert len(table.body) == 6
    assert texts(table.body[0]) == ["1", "全社会研发经费投入年均增长率(%)", "--", "9.5", "9.5", "预期性"]


def test_qingzhou_one_cell_per_line_tables(seed_structures):
    tables = tables_of(seed_structures[QINGZHOU.stem])
    captions = [t.caption for t in tables]
    assert captions == ["表1“十四五”科技创新指标体系"] + [f"表2-{k}“十四五”期间重大科技项目" for k in range(1, 8)]
    indicator_table = tables[0]
    assert texts(indicator_table.header) == ["序号", "指标名称", "2020年", "2025年"]
    assert len(indicator_table.body) == 9
    assert texts(indicator_table.body[0]) == ["1", "全社会R&D支出占GDP比重(%)", "0.82", "2.85"]
    assert all(len(row) == 4 for t in tables for row in t.rows)
    # 表2-4 row 2: a 承担单位 wrapped onto a line without the leading tab is one cell.
    assert "山东凯欣绿色农业发展股份有限公司" in [c.text for row in tables[4].body for c in row]
    # 表2-7: `` \t弥河镇`` — a blank before the tab is an empty 承担单位 cell.
    assert texts(tables[7].body[1]) == ["生物医药", "生物基药品保健品项目", "", "弥河镇"]


def test_cell_spans_point_at_their_text(seed_structures):
    for structure in seed_structures.values():
        for table in structure.tables:
            for row in table.rows:
                for cell in row:
                    quote = "".join(structure.quote(cell.span).split())
                    assert quote == "".join(cell.text.split())


def test_heading_tree_and_item_titles(seed_structures):
    qingdao = seed_structures[QINGDAO.stem]
    titles = [(s.level, s.number, s.title) for s in qingdao.sections[:4]]
    assert titles[0][1:] == ("一、", "总体要求")
    assert titles[2][1:] == ("1.", "引领优势产业提档升级")
    item = qingdao.sections[2]
    parent = qingdao.sections[item.parent]
    assert parent.title == "加快引领产业创新，培育发展新质生产力新动能"
    # Offsets inside item 1 resolve to it; its (责任单位：…) closes the item.
    offset = qingdao.text.index("（责任单位：市科技局、市工业和信息化局、市农业农村局）")
    assert qingdao.section_at(offset).title == "引领优势产业提档升级"
    assert qingdao.heading_path(offset) == ["加快引领产业创新，培育发展新质生产力新动能", "引领优势产业提档升级"]


def test_nested_markers(structure_of):
    doc = structure_of(
        "第一章 总则\n一、总体要求\n（一）指导思想\n1.坚持创新。内容。\n（1）细则一。\n①要点。\n二、重点任务\n"
    )
    got = [(s.number, s.title, doc.sections[s.parent].number if s.parent is not None else None)
           for s in doc.sections]
    assert got == [
        ("第一章", "总则", None), ("一、", "总体要求", "第一章"), ("（一）", "指导思想", "一、"),
        ("1.", "坚持创新", "（一）"), ("（1）", "细则一", "1."), ("①", "要点", "（1）"), ("二、", "重点任务", "第一章"),
    ]


def test_boxes(seed_structures):
    zibo_boxes = [b.title for b in seed_structures[ZIBO.stem].boxes]
    assert zibo_boxes[:2] == ["专栏国家一流高新区建设重点任务", "专栏驻淄高校创新带建设重点任务"]
    qingzhou = seed_structures[QINGZHOU.stem]
    assert [b.title for b in qingzhou.boxes] == ["专栏1：先进制造业发展格局", "专栏2：战略性新兴产业发展格局",
                                               "专栏3：农业科技创新重点"]
    box = qingzhou.boxes[0]
    assert qingzhou.quote(box.span).splitlines()[-1].startswith("海洋装备：重点推进海洋核动力冷源")
    assert "加快发展战略性新兴产业" not in qingzhou.quote(box.span)


@pytest.mark.parametrize(
    ("text", "meta"),
    [
        ("省科技厅 省财政厅\n关于印发《山东省科技创新券管理办法》的通知\n鲁科字〔2023〕12号\n\n山东省科学技术厅  山东省财政厅\n"
         "2023年3月1日\n山东省科技创新券管理办法\n第一条 为……",
         Meta("山东省科技创新券管理办法", "鲁科字〔2023〕12号", "山东省科学技术厅、山东省财政厅", "2023-03-01", None)),
        ("XX市2022年科技工作要点\n一、总体要求\n2022年是……",
         Meta("XX市2022年科技工作要点", None, None, None, (2022, 2022))),
        ("某市科技创新行动方案\n为……，制定本方案。本方案实施期限为2023—2025年。\n某市人民政府办公室\n二〇二三年五月八日",
         Meta("某市科技创新行动方案", None, "某市人民政府办公室", "2023-05-08", (2023, 2025))),
    ],
    ids=["joint-issuers-and-cited-title", "single-year-work-points", "chinese-date"],
)
def test_meta_rules_on_other_document_shapes(structure_of, text, meta):
    assert structure_of(text).meta == meta


@pytest.mark.parametrize(
    ("text", "meta"),
    [
        ("襄阳市人民政府关于支持科技创新的若干政策措施\n襄政发〔2024〕9号\n\n各县（市、区）人民政府：\n"
         "为深入实施创新驱动发展战略，根据《湖北省加快科技强省建设若干政策措施》（鄂政发〔2023〕5号），制定如下措施。\n",
         Meta("襄阳市人民政府关于支持科技创新的若干政策措施", "襄政发〔2024〕9号", "襄阳市人民政府", None, None)),
        ("江西省科学技术厅2023年工作总结和2024年工作计划\n\n2023年，在省委、省政府的坚强领导下，全省科技系统深入实施创新驱动发展战略，"
         "取得新成效。\n第一部分　2023年工作总结\n",
         Meta("江西省科学技术厅2023年工作总结和2024年工作计划", None, None, None, (2024, 2024))),
        ("江西省科学技术厅  江西省财政厅\n关于印发《某办法》的通知\n赣科发〔2023〕15号\n各设区市科技局：\n现印发给你们，请遵照执行。\n"
         "江西省科学技术厅        江西省财政厅\n二〇二三年四月十八日\n",
         Meta("某办法", "赣科发〔2023〕15号", "江西省科学技术厅、江西省财政厅", "2023-04-18", None)),
    ],
    ids=["title-line-without-notice-and-cited-measures", "title-not-joined-to-body-two-years", "spaced-joint-signature"],
)
def test_meta_of_other_genres(structure_of, text, meta):
    assert structure_of(text).meta == meta


def test_chapter_heading_may_start_with_a_year(structure_of):
    doc = structure_of("一、2023年工作回顾\n全年新增高新技术企业120家。\n二、2024年工作安排\n")
    assert [(s.number, s.title) for s in doc.sections] == [("一、", "2023年工作回顾"), ("二、", "2024年工作安排")]


def test_parts_enclose_chapters(structure_of):
    doc = structure_of("第一部分　2023年工作总结\n一、主要指标稳中有进\n全年新增120家。\n第二部分　2024年工作计划\n一、总体要求\n")
    assert [(s.number, s.title, s.parent) for s in doc.sections] == [
        ("第一部分", "2023年工作总结", None), ("一、", "主要指标稳中有进", 0),
        ("第二部分", "2024年工作计划", None), ("一、", "总体要求", 2)]
    assert doc.heading_path(doc.text.index("全年")) == ["2023年工作总结", "主要指标稳中有进"]


def test_title_of_a_page_copied_from_a_government_website(structure_of):
    doc = structure_of(
        "首页 > 政务公开 > 规划计划\n您当前的位置：首页 > 通知公告\n\n"
        "关于印发《某县科技创新行动计划（2024—2026年）》的通知\n\n发布时间：2024-04-02　　来源：县府办　　浏览次数：2387\n"
        "【字体：大 中 小】　　【打印本页】\n\n某政办发〔2024〕9号\n\n各乡镇人民政府：\n现印发给你们，请认真贯彻执行。\n\n"
        "某县人民政府办公室\n2024年3月28日\n\n某县科技创新行动计划（2024—2026年）\n\n"
        "主办单位：某县人民政府办公室　　承办单位：某县大数据发展管理局\n"
    )
    assert doc.meta == Meta("某县科技创新行动计划（2024—2026年）", "某政办发〔2024〕9号", "某县人民政府办公室",
                            "2024-03-28", (2024, 2026))


def test_a_work_report_title(structure_of):
    doc = structure_of("某县科学技术局2024年工作总结\n\n2024年，我局坚持创新驱动发展战略，全年新增高新技术企业12家。\n")
    assert (doc.meta.title, doc.meta.period) == ("某县科学技术局2024年工作总结", (2024, 2024))


@pytest.mark.parametrize(
    ("text", "title", "period"),
    [
        ("2024年全市科技工作要点\n一、总体要求\n全年工作……\n", "2024年全市科技工作要点", (2024, 2024)),
        ("一流大学建设实施方案\n为……，制定本方案。\n", "一流大学建设实施方案", None),
        ("某市科技创新规划\n一、“十三五”时期发展成就\n成效显著。\n二、“十四五”发展目标\n到2025年……\n",
         "某市科技创新规划", (2021, 2025)),
    ],
    ids=["title-opening-with-a-year", "title-opening-with-yi", "past-plan-heading-does-not-set-period"],
)
def test_titles_and_periods_beyond_the_seeds(structure_of, text, title, period):
    meta = structure_of(text).meta
    assert (meta.title, meta.period) == (title, period)


def test_words_starting_with_biao_are_no_captions_and_do_not_end_a_box(structure_of):
    doc = structure_of(
        "专栏1：重点任务\n\t表现突出的企业给予表彰。\n表彰先进集体和个人。\n\n\n"
        "表彰先进集体\n序号\t名称\n1\t甲\n2\t乙\n"
    )
    assert [t.caption for t in doc.tables] == [None]
    assert doc.quote(doc.boxes[0].span).endswith("表彰先进集体和个人。")


# Metadata on real heads (issue #15). Sources: /work/shared/realcorpus/policies/aba_zhengwu_shuju.txt
# (legal-database export); corpus/real policy_jingan_chuhai.txt (archive export with a header block),
# wr_maanshan_2024.docx (work report), plan_beijing_shengtai_anquan.txt (cover page; its first
# character is missing in the source file and is kept missing here).
@pytest.mark.parametrize(
    ("text", "meta"),
    [
        ("    【法宝引证码】 CLI.12.4792728\n原文链接：https://www.pkulaw.com/lar/f06f932a9e36c48114c6518ada114f88bdfb.html\n"
         "阿坝州人民政府办公室关于印发《阿坝州政务数据资源管理暂行办法》的通知\n"
         "阿坝州人民政府办公室关于印发《阿坝州政务数据资源管理暂行办法》的通知\n阿府办发〔2021〕21号\n"
         "各县（市）人民政府、州级各部门、卧龙特别行政区，各有关单位：\n"
         "　　现将《阿坝州政务数据资源管理暂行办法》印发你们，请认真遵照执行。\n阿坝州人民政府办公室\n2021年10月11日\n"
         "　　阿坝州政务数据资源管理暂行办法\n　第一章　总则　　第一条 　为规范政务数据资源管理，制定本办法。\n",
         Meta("阿坝州政务数据资源管理暂行办法", "阿府办发〔2021〕21号", "阿坝州人民政府办公室", "2021-10-11", None)),
        ("---\n标题: 2026年静安区打造出海服务平台专项资金申报指南（第一批）\n文号: -\n发布单位: 上海市静安区发展和改革委员会\n"
         "发布日期: 2026-04-23\n层级: 区级\n---\n\n# 2026年静安区打造出海服务平台专项资金申报指南（第一批）\n\n"
         "为助力本土企业积极拓展海外市场，现开展2026年静安区打造出海服务平台专项资金申报工作。\n",
         Meta("2026年静安区打造出海服务平台专项资金申报指南（第一批）", None, "上海市静安区发展和改革委员会", "2026-04-23",
              (2026, 2026))),
        ("政府工作报告\n——2024年1月13日在马鞍山市第十七届人民代表大会第四次会议上\n市人民政府市长 葛斌\n各位代表：\n"
         "现在，我代表市人民政府，向大会报告工作，请予审议。\n",
         Meta("政府工作报告", None, "马鞍山市人民政府", "2024-01-13", None)),
        ("京市生态安全格局专项规划\n（2021 年-2035 年）\n \n（草案）\n北京市规划和自然资源委员会 \n2021 年 9 月  \n \n"
         "山水林田湖是一个生命共同体，人的命脉在田，田的命脉在水。\n",
         # The period on the line under the title is the title's (gold/real: `…专项规划（2021 年-2035 年）`).
         Meta("京市生态安全格局专项规划（2021年-2035年）", None, "北京市规划和自然资源委员会", None, (2021, 2035))),
    ],
    ids=["legal-database-export", "archive-header-block", "work-report-head", "cover-page-byline"],
)
def test_meta_of_real_heads(structure_of, text, meta):
    assert structure_of(text).meta == meta


# The shapes of issue #15 that the real files above do not show, written in their vocabulary.
@pytest.mark.parametrize(
    ("text", "meta"),
    [
        ("某州人民政府办公室关于印发《某州政务数据共享办法》的通知\n（某府办发〔2021〕7号）\n各县人民政府：\n现印发给你们。\n"
         "某州人民政府办公室\n（2021年10月11日）\n",
         Meta("某州政务数据共享办法", "某府办发〔2021〕7号", "某州人民政府办公室", "2021-10-11", None)),
        ("某市人民政府关于印发《某市数字经济发展实施方案》和《某市数据要素三年行动计划（2024—2026年）》的通知\n"
         "某政发〔2024〕3号\n各区人民政府：\n现印发给你们。\n某市人民政府\n2024年3月1日\n",
         Meta("某市数字经济发展实施方案", "某政发〔2024〕3号", "某市人民政府", "2024-03-01", (2024, 2026))),
        ("关于印发《临港新片区数据跨境流动实施办法》的通知\n沪自贸临管委〔2024〕5号\n各有关单位：\n现印发给你们。\n"
         "中国（上海）自由贸易试验区临港新片区管理委员会办公室\n2024年2月1日\n",
         Meta("临港新片区数据跨境流动实施办法", "沪自贸临管委〔2024〕5号", "中国（上海）自由贸易试验区临港新片区管理委员会办公室",
              "2024-02-01", None)),
        ("中共某市委 某市人民政府关于加快数字政府建设的实施意见\n为加快数字政府建设，提出如下意见。\n",
         Meta("中共某市委某市人民政府关于加快数字政府建设的实施意见", None, "中共某市委、某市人民政府", None, None)),
        ("关于印发《某市科技金融办法》的通知\n某科发〔2024〕6号\n各区科技局：\n现印发给你们。\n某市科学技术局 某市财政局\n2024年5月6日\n",
         Meta("某市科技金融办法", "某科发〔2024〕6号", "某市科学技术局、某市财政局", "2024-05-06", None)),
    ],
    ids=["bracketed-number-and-date", "two-documents-period-from-second", "issuer-over-thirty-characters",
         "space-separated-joint-issuers", "single-space-joint-signature"],
)
def test_meta_shapes_of_issue_15(structure_of, text, meta):
    assert structure_of(text).meta == meta


@pytest.mark.parametrize(("text", "period"), [
    # 嘉定's 实施方案 (corpus/real/plan_jiading_haimian.txt): stages of a programme are not its period
    ("嘉定区系统化全域推进海绵城市建设的实施方案\n“十四五”达标计划：2021年至2025年，推进达标评估。\n"
     "“十五五”达标计划：2026年至2030年，逐年推进达标评估。\n", None),
    ("某市科技创新规划\n本规划期限为2021—2025年，展望到2035年。\n", (2021, 2025)),
    ("某市科技创新规划\n规划期：2024年至2028年。\n", (2024, 2028)),
])
def test_a_period_sentence_names_the_plan_itself(structure_of, text, period):
    assert structure_of(text).meta.period == period


# Titles as a grammar (issue #16, meta-layout): `[issuer] [关于 …的] kind`, a 印发/转发 notice wraps its
# document, a title may be wrapped over lines. Titles are real dev titles (file named per case), re-laid
# over lines the way unseen documents print them; `某` marks what no dev text gives.
@pytest.mark.parametrize(
    ("text", "meta"),
    [
        # challenge/docs/G_guoban_cgzh_yijian.txt, its title broken after 关于 as red-header documents print it.
        ("国务院办公厅关于\n进一步打通科技成果转化堵点提升企业创新能力的意见\n国办发〔2025〕27号\n\n"
         "各省、自治区、直辖市人民政府，国务院各部委、各直属机构：\n科技成果转化是科技创新与产业创新深度融合的关键环节。\n",
         Meta("国务院办公厅关于进一步打通科技成果转化堵点提升企业创新能力的意见", "国办发〔2025〕27号", "国务院办公厅",
              None, None)),
        # challenge/docs/C_xiangyang_kjcx_zhengce.txt, broken inside the 关于 phrase, a blank line between.
        ("襄阳市人民政府关于支持科技\n\n创新的若干政策措施\n襄政发〔2024〕9号\n\n各县（市、区）人民政府：\n"
         "为深入实施创新驱动发展战略，制定如下措施。\n",
         Meta("襄阳市人民政府关于支持科技创新的若干政策措施", "襄政发〔2024〕9号", "襄阳市人民政府", None, None)),
        # challenge/docs/D_sichuan_kjcx_shisiwu.txt as a bureau of the city writes it: the notice leaves out
        # the place (`省人民政府`), the plan's own line names it.
        ("省人民政府关于印发\n“十四五”科技创新规划的通知\n川府发〔2021〕31号\n\n各市（州）人民政府：\n"
         "现将《四川省“十四五”科技创新规划》印发给你们，请结合实际认真贯彻执行。\n\n四川省人民政府\n2021年11月8日\n\n"
         "四川省“十四五”科技创新规划\n\n一、发展基础\n",
         Meta("四川省“十四五”科技创新规划", "川府发〔2021〕31号", "四川省人民政府", "2021-11-08", (2021, 2025))),
        # 印发 inside a title's own words wraps nothing (no dev title has it: 某).
        ("某市人民政府办公室关于加强政务信息发布工作的通知\n某政办发〔2024〕3号\n各区人民政府：\n为规范政务信息发布，现通知如下。\n",
         Meta("某市人民政府办公室关于加强政务信息发布工作的通知", "某政办发〔2024〕3号", "某市人民政府办公室", None, None)),
        # A notice line over 60 characters (the issue-15 issuer above, the plan name of 湖南's notice).
        ("中国（上海）自由贸易试验区临港新片区管理委员会办公室关于印发《湖南省数字经济与科技创新深度融合三年行动计划（2024—2027年）》"
         "的通知\n沪自贸临管委〔2024〕5号\n各有关单位：\n现印发给你们。\n中国（上海）自由贸易试验区临港新片区管理委员会办公室\n"
         "2024年2月1日\n",
         Meta("湖南省数字经济与科技创新深度融合三年行动计划（2024—2027年）", "沪自贸临管委〔2024〕5号",
              "中国（上海）自由贸易试验区临港新片区管理委员会办公室", "2024-02-01", (2024, 2027))),
        # The issuing verb is an open class (下发, 颁发, 修订印发 beside 印发/转发); the plan name is the
        # 山东 seed notice's (tests above), the verb 某.
        ("山东省科学技术厅关于下发《山东省科技创新券管理办法》的通知\n鲁科字〔2023〕12号\n各市科技局：\n现下发给你们。\n山东省科学技术厅\n2023年5月6日\n",
         Meta("山东省科技创新券管理办法", "鲁科字〔2023〕12号", "山东省科学技术厅", "2023-05-06", None)),
    ],
    ids=["title-broken-after-guanyu", "guanyu-phrase-over-a-blank-line", "own-line-keeps-the-place",
         "fabu-inside-a-title-is-no-wrapper", "notice-line-over-sixty-characters", "xiafa-wraps-like-yinfa"],
)
def test_titles_wrapped_over_lines(structure_of, text, meta):
    assert structure_of(text).meta == meta


def test_a_title_in_book_marks_on_the_first_line_and_a_portal_issuer(structure_of):
    """A 纲要 on a portal page: its title alone in 《》 on the first line, no signature; the page header
    names the issuer (`发布机构：`). Title: the 芝罘 seed's (003_…, gold), re-laid; header in the layout of
    challenge/docs/F_changxing_kjcx.txt."""
    doc = structure_of(
        "《芝罘区“十四五”科技创新规划和二〇三五年远景目标纲要》\n\n"
        "发布机构：烟台市芝罘区人民政府　　发布日期：2021-12-30\n\n"
        "“十四五”时期是芝罘区全面开启现代化建设新征程的关键时期。\n"
    )
    assert doc.meta == Meta("芝罘区“十四五”科技创新规划和二〇三五年远景目标纲要", None, "烟台市芝罘区人民政府",
                            "2021-12-30", (2021, 2025))


@pytest.mark.parametrize(("header", "issuer"), [
    # challenge/docs/F_changxing_kjcx.txt's page header: 县府办 is no organisation name.
    ("发布时间：2024-04-02 16:15　　来源：县府办　　浏览次数：2387", None),
    ("发布时间：2024-04-02 16:15　　来源：某县人民政府办公室　　浏览次数：2387", "某县人民政府办公室"),
    # A news agency reposting a document is its source, not its issuer.
    ("发布时间：2024-04-02 16:15　　来源：新华社", None),
    # 发布机构 names the issuing body by its key, alone too; a lone source or date line is the page's.
    ("发布机构：某县人民政府办公室", "某县人民政府办公室"),
    ("来源：某县人民政府办公室", None),
], ids=["abbreviation", "government-body", "news-agency", "lone-fabu-jigou", "lone-source"])
def test_a_portal_header_names_the_issuer(structure_of, header, issuer):
    text = f"某县科技创新行动计划（2024—2026年）\n\n{header}\n\n为……，制定本计划。\n"
    assert structure_of(text).meta.issuer == issuer


def test_signature_under_a_seal_note_and_inner_book_marks(structure_of):
    """corpus/real/plan_shanghai_chengzhenhua_renwu_2025.txt: the notice writes `《〈…〉任务分工方案》`, the
    document's own line `《…》任务分工方案`; the signer stands above `（…代章）`, the body lending its seal."""
    doc = structure_of(
        "# 关于印发《〈上海市深入实施以人为本的新型城镇化战略五年行动计划的实施方案〉任务分工方案》的通知\n\n各有关单位：\n\n"
        "现将《<上海市深入实施以人为本的新型城镇化战略五年行动计划的实施方案>任务分工方案》印发给你们，请认真贯彻执行。\n\n"
        "上海市区域高质量发展领导小组办公室\n\n（上海市发展和改革委员会代章）\n\n2025年1月13日\n\n"
        "《上海市深入实施以人为本的新型城镇化战略五年行动计划的实施方案》任务分工方案\n\n一、实施以人为核心提升城镇化质量行动\n"
    )
    assert (doc.meta.title, doc.meta.issuer, doc.meta.issue_date) == (
        "《上海市深入实施以人为本的新型城镇化战略五年行动计划的实施方案》任务分工方案",
        "上海市区域高质量发展领导小组办公室", "2025-01-13")
