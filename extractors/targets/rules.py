"""The constructions targets reads, as rows of data (EXTRACTION_SPEC.md §3.3).

Each row is one way a goal is written (the shared row shape of ``extractors/rules.py``): its id (the
record's ``rule``), how far a reviewer can trust it, the construction written out over the clause's
parts (grammar.py and find.py read it; unlike funding's rows it is not one regular expression), and
sentences quoted from real documents with the record each must give.
``tests/extractors/test_rule_tables.py`` runs every example, set under a work report's
`二、2024年工作安排` (as it stands in its source), so a construction that stops matching fails the suite.
"""

from __future__ import annotations

from extractors.rules import Example, Rule, table

# Where the examples stand in their sources: the plan half of a work report.
REPORT = "各位代表：\n一、2023年工作回顾\n一年来，我们攻坚克难。\n二、2024年工作安排\n"


def goal(sentence: str, source: str, indicator: str, value: float, unit: str | None, comparator: str) -> Example:
    """A quoted sentence and the goal it must give, read under the plan half of a work report."""
    return Example(sentence, {"indicator": indicator, "value": value, "unit": unit, "comparator": comparator},
                   source, before=REPORT)


# Rows of the 虹口 任务清单 as the file writes them (one cell per paragraph, a sub-row per year node, the
# 序号, 主要任务 and unit cells merged over the year sub-rows).
HONGKOU_TABLE = "\n\n".join((
    "类别", "序号", "主要任务", "节点", "指标数", "责任单位", "配合单位", "1.\n分\n类\n投\n放",
    "1", "垃圾分类绿色账户推进覆盖累计户数/小区数", "2018年", "24.3万户/682个", "各街道办事处", "区绿化市容局",
    "2019年", "26.5万户/733个",
    "2", "创建达标分类小区（累计数）", "2018年", "345个", "各街道办事处", "区文明办\n区绿化市容局\n区房管局",
    "2019年", "440个", "2020年", "618个")) + "\n"

RULES = table((
    Rule("targets.level.v1", 0.85,
         "INDICATOR [level verb][comparator] VALUE UNIT [以上|左右]",
         (goal("深化农村“三变”改革，土地流转率保持在63%以上。", "corpus/real/wr_binzhou_2024.docx",
               "土地流转率", 63, "%", "ge"),
          goal("粮食产量达到5亿斤以上。", "corpus/real/wr_ezhou_2024.docx",
               "粮食产量", 500000000, "斤", "ge"),
          goal("居民消费价格涨幅控制在3%左右；", "corpus/real/wr_ezhou_2024.docx",
               "居民消费价格涨幅", 3, "%", "approx"),
          # a ratio unit is one unit, as written (UNIT_RE: a measure word over a measure word)
          goal("力争非居民管道天然气最高终端售价下调至3.8元/立方米左右，用热均价下调至260元/吨左右。",
               "../shared/realcorpus/workreports/宜春.docx", "用热均价", 260, "元/吨", "approx"))),
    Rule("targets.count.v1", 0.75,
         "INDICATOR VALUE UNIT [以上|左右] (no level verb; a growth verb makes the change)",
         (goal("坚持“要素跟着项目走”，盘活“五未”土地8000亩以上。", "corpus/real/wr_binzhou_2024.docx",
               "盘活“五未”土地", 8000, "亩", "ge"),
          goal("城镇新增就业1.5万人以上；", "corpus/real/wr_ezhou_2024.docx",
               "城镇新增就业", 15000, "人", "ge"),
          goal("主要预期目标是：地区生产总值增长6.5%以上；", "corpus/real/wr_ezhou_2024.docx",
               "地区生产总值", 6.5, "%", "ge"))),
    Rule("targets.number_first.v1", 0.6,
         "[VERB] VALUE UNIT [以上] NOUN (the noun after the number is what is counted)",
         (goal("持续放大“滨周到”品牌效应，创新推出100项便民利企措施。", "corpus/real/wr_binzhou_2024.docx",
               "便民利企措施", 100, "项", "eq"),
          goal("推进光谷科创大走廊鄂州功能区10个重点项目建设。", "corpus/real/wr_ezhou_2024.docx",
               "重点项目", 10, "个", "eq"))),
    Rule("targets.respectively.v1", 0.8,
         "[YEAR、YEAR年] ITEM、ITEM 分别 [level verb][comparator [REFERENCE的]] VALUE [UNIT] (、|和) VALUE UNIT: one "
         "record per value; a comparator before the first and 以上/左右, magnitude and unit after the last apply to "
         "every value; with a year list, the i-th value is the i-th year's goal",
         (goal("食品加工、畜牧水产两大产业集群营收分别突破2000亿元、1600亿元。", "corpus/real/wr_binzhou_2024.docx",
               "食品加工", 200000000000, "元", "gt"),
          goal("确保精细管理示范区、高标区、标准区分别不少于城市建成区面积的7.5%、22.5%、45%。",
               "../shared/realcorpus/workreports/绍兴.docx", "标准区", 45, "%", "ge"))),
    Rule("targets.cumulative.v1", 0.65,
         "新增 X VALUE UNIT（累计 VALUE UNIT）| …、累计达 VALUE UNIT: the stock beside the flow",
         (goal("加强非物质文化遗产保护传承，培育重点非遗传承体验场所33个、累计达到64个。",
               "../shared/realcorpus/workreports/镇江.docx", "累计重点非遗传承体验场所", 64, "个", "eq"),)),
    Rule("targets.share_of_units.v1", 0.5,
         "VALUE % [以上] 的 UNIT-NOUN (县、村、社区、企业…) PREDICATE",
         (goal("实施稳就业提质扩量服务“家门口”三年就业行动，70%的社区达到“三公里”充分就业标准。",
               "../shared/realcorpus/workreports/芜湖.docx", "社区", 70, "%", "eq"),)),
    Rule("targets.rank.v1", 0.7,
         "RANK-VERB FIELD 前N[强|名] | N强 | 第N[位|名] → N 名 le",
         (goal("实施强区工程，推动资源、服务、平台下沉，支持鄂城区、华容区冲刺全国县域经济百强。",
               "corpus/real/wr_ezhou_2024.docx", "全国县域经济", 100, "名", "le"),
          goal("力争货邮吞吐量120万吨、进入全国前四。", "corpus/real/wr_ezhou_2024.docx",
               "全国", 4, "名", "le"))),
    Rule("targets.ellipsis.v1", 0.6,
         "SUBJECT …VALUE UNIT，[hedge] [level verb] VALUE UNIT: the subject of the clause before",
         (goal("力争免税购物销售额324亿元以上，同比增长8%以上。", "../shared/realcorpus/workreports/三亚.docx",
               "免税购物销售额", 8, "%", "ge"),)),
    Rule("targets.half.v1", 0.6,
         "SUBJECT [hedge] [占 WHOLE|超过|达到|CHANGE-VERB] 一半|半数 [以上|左右] → 50 %, indicator SUBJECT[占WHOLE] "
         "(issue #16, class 6; the whole kept since targets-6)",
         (goal("首位产业规模力争占全省一半以上，培育更多千亿级产业。", "../shared/realcorpus/workreports/芜湖.docx",
               "首位产业规模占全省", 50, "%", "ge"),)),
    Rule("targets.table_cell.v1", 0.8,
         "a task table's value cell VALUE UNIT [/VALUE UNIT] → the row's task is the indicator, the year "
         "the column's or the row's year cell (docs/DECISIONS.md \"Targets in task tables\")",
         (Example(HONGKOU_TABLE, {"indicator": "创建达标分类小区（累计数）", "value": 440, "unit": "个",
                                  "comparator": "eq", "year": 2019},
                  "corpus/real/plan_shanghai_hongkou_lajifenlei_2018.txt (附件 任务清单, one cell per paragraph)"),)),
))

CONFIDENCE = {rule.id: rule.confidence for rule in RULES.values()}

# The ids find.py writes on its records, looked up here so a version bump is one edit in this file.
LEVEL = RULES["targets.level.v1"].id
COUNT = RULES["targets.count.v1"].id
NUMBER_FIRST = RULES["targets.number_first.v1"].id
RESPECTIVELY = RULES["targets.respectively.v1"].id
CUMULATIVE = RULES["targets.cumulative.v1"].id
SHARE_OF_UNITS = RULES["targets.share_of_units.v1"].id
RANK_RULE = RULES["targets.rank.v1"].id
ELLIPSIS = RULES["targets.ellipsis.v1"].id
TABLE_CELL = RULES["targets.table_cell.v1"].id
HALF_RULE = RULES["targets.half.v1"].id

# How far the goal decision's deciding evidence lowers a record's trust (keep.Frame.evidence): a list's
# lead line, a 目标 section or a zone are indirect, and a plan's task prose with no time word at all
# (`新增市级工程技术研究中心10家以上`) more so. Evidence not named here keeps the rule's confidence.
EVIDENCE_WEIGHT = {"section": 0.9, "lead": 0.9, "zone": 0.9, "genre": 0.8, "table": 0.9}
