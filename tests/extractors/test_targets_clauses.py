"""The structure of a numeric clause in a work report's goals (spec §3.3), sentences quoted from the
work reports of ../shared/realcorpus/workreports/ and /work/main/corpus/real/ (file named per case).

Each sentence stands under `二、2024年工作安排`, so the zone makes it a goal of 2024; the cases check
what the clause makes of its numbers: which noun is counted, which number is the value, and which
numbers are no value at all. Expectations are worked from the spec and gold/README.md convention 6.
"""

from __future__ import annotations

import pytest

from extractors.targets import extract

REPORT = "各位代表：\n一、2023年工作回顾\n一年来，我们攻坚克难。\n二、2024年工作安排\n"


def rows(records):
    return [(r.indicator, r.value, r.unit, r.comparator.value) for r in records]


CASES = [
    # 滨州.docx: VERB VALUE UNIT NOUN with a verb phrase no list names; the noun is what is counted.
    ("全力扩大有效投资，加快实施680个省市县重点项目。",
     [("实施省市县重点项目", 680, "个", "eq")]),
    ("系统治理6条中小河流，实施7项区域防洪工程，推进4座再生水厂建设，万元GDP用水量持续下降。",
     # 治理 is no verb that changes what is counted (convention 6); the gold's `系统治理中小河流` holds
     # `中小河流`, which the lenient indicator match accepts.
     [("中小河流", 6, "条", "eq"), ("实施区域防洪工程", 7, "项", "eq"), ("再生水厂", 4, "座", "eq")]),
    # 重庆.docx: coordinated counts, each its own noun.
    ("新建5个未来工厂、10个智能工厂和100个数字化车间。",
     [("新建未来工厂", 5, "个", "eq"), ("智能工厂", 10, "个", "eq"), ("数字化车间", 100, "个", "eq")]),
    # 六安.docx (wr_luan_2024): money glued to a counted noun is a threshold of that noun, not the value.
    ("新签约10亿元以上项目50个、30亿元以上项目16个。",
     [("新签约10亿元以上项目", 50, "个", "eq"), ("30亿元以上项目", 16, "个", "eq")]),
    ("力争亿元企业达330家、10亿元企业达25家。",
     [("亿元企业", 330, "家", "eq"), ("10亿元企业", 25, "家", "eq")]),
    # 滨州.docx: the sizes of the listed projects are summed up by a count.
    ("推进宏烨200万千瓦渔光互补、华能85万千瓦光伏发电等20个项目。",
     [("项目", 20, "个", "eq")]),
    # 马鞍山.docx: 经 inside a noun is no coverb of procedure; investment to complete is a goal.
    ("经营主体总量突破31万户。", [("经营主体总量", 310000, "户", "gt")]),
    ("持续推进向山地区综合整治，完成投资14亿元。", [("完成投资", 1400000000, "元", "eq")]),
    # 滨州.docx: units the closed list lacked; a comparator before a 分别 list covers each value.
    ("粮食产量稳定在70亿斤以上。", [("粮食产量", 7000000000, "斤", "ge")]),
    ("PM2.5平均浓度不超过40微克/立方米。", [("PM2.5平均浓度", 40, "微克/立方米", "le")]),
    ("食品加工、畜牧水产两大产业集群营收分别突破2000亿元、1600亿元。",
     [("食品加工", 200000000000, "元", "gt"), ("畜牧水产两大产业集群营收", 160000000000, "元", "gt")]),
    # 吉林.docx: 千人 after 每 is a denominator, not a count.
    ("每千人口托位数增长3%以上。", [("每千人口托位数", 3, "%", "ge")]),
    # 合肥.docx: after 、 a 和 opens a name.
    ("打造省级和美乡村精品示范村14个、和美乡村中心村32个、美丽宜居自然村700个。",
     [("打造省级和美乡村精品示范村", 14, "个", "eq"), ("和美乡村中心村", 32, "个", "eq"),
      ("美丽宜居自然村", 700, "个", "eq")]),
    # 抚州.docx: the next item of a coordination brings its own verb.
    ("新建13个社区嵌入式养老院、改造提升16家区域性中心敬老院。",
     [("新建社区嵌入式养老院", 13, "个", "eq"), ("区域性中心敬老院", 16, "家", "eq")]),
    # plan_jiading_haimian: sizes in brackets say which areas; only the total is a goal.
    ("推进嘉定老城特定区（3.92平方公里）、嘉定工业区1（14.00平方公里），共计17.92平方公里海绵城市建设达标评估。",
     [("海绵城市建设达标评估", 17.92, "平方公里", "eq")]),
    # wr_ezhou_2024: a rank closing its clause without 强/名; the clause before it is another goal, so
    # the field ranked in is the object.
    ("力争货邮吞吐量120万吨、进入全国前四。",
     [("货邮吞吐量", 1200000, "吨", "eq"), ("全国", 4, "名", "le")]),
    # 马鞍山.docx: the report's own parts are no goal.
    ("重点做好10个方面工作：", []),
    # policy_jingan_chuhai: a rate granted is funding, not a goal.
    ("服务合同完成并经审核后，给予不超过20%的支持。", []),
    # plan_jiading_haimian: the design standards works follow (按照… governs each coordinated value) are
    # no goals; a standard reached (达到, 可控) is one.
    ("按照流域不同降雨典型100年一遇、区域50年一遇洪水标准，重要地区30年一遇、其他地区20年一遇除涝标准，"
     "推进防汛基础设施建设。", []),
    ("至2035年，全区排水系统基本达到3-5年一遇排水能力，50-100年一遇内涝可控。",
     [("排水系统基本", 3, "年一遇", "ge"), ("内涝可控", 50, "年一遇", "ge")]),
    # plan_jiading_haimian / 甘孜.docx: a bracket that splits a total gives its parts, not goals of their own;
    # 镇江.docx: a stock in brackets beside a flow is its own record (spec §3.3 新增X（累计Y）).
    ("（3）公园建设项目共计9个（嘉定新城5个、其他区域4个）；", [("公园建设项目共计", 9, "个", "eq")]),
    ("建成乡村振兴示范村100个（精品村20个），实施传统村落保护利用。", [("乡村振兴示范村", 100, "个", "eq")]),
    ("培育重点非遗传承体验场所33个（累计达到64个）。",
     [("培育重点非遗传承体验场所", 33, "个", "eq"), ("累计重点非遗传承体验场所", 64, "个", "eq")]),
]


@pytest.mark.parametrize(("sentence", "expected"), CASES, ids=[c[0][:12] for c in CASES])
def test_numeric_clause(structure_of, sentence, expected):
    records = extract(structure_of(REPORT + sentence))
    assert rows(records) == expected
    assert all(r.year == (2035 if "2035年" in sentence else 2024) for r in records)
