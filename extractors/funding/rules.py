"""The funding rules (spec §3.1) as rows: id, confidence, kind, the pattern that fires, examples.

A candidate is found by one of the amount patterns (money, money range, rate, rate range, 1∶1
match, 不设上限), and its row is refined where the extractor decides something about it: a cap
qualifier (`最高`, `封顶`) makes a fixed amount a cap; a per-unit marker (`/亩`, `每平方米`) a unit rate;
a 分别 list (`最高500万元和1000万元`) a list row; a rate bound to the cap after it (`按20%…最高500万元`)
the cap_rate row. Each record's ``rule`` is the row it ended in; the table row reads subsidy tables.
"""

from __future__ import annotations

import regex

from extractors.numbers import MATCH_RATIO, MONEY, PERCENT
from extractors.rules import Example, Rule, table
from extractors.words import (
    AMOUNT_START,
    ARABIC,
    CAP_AFTER_WORDS,
    CAP_WORDS,
    LIST_JOIN_RE,
    MAGNITUDE,
    MAGNITUDE_NO_YUAN,
    MEASURE_UNIT,
    NUMBER,
    PER_MEASURE,
    RANGE_MARK,
    RATE_CAP_WORDS,
    SUPPORT_AFTER_BARE_AMOUNT,
)
from extractors.words import UNCAPPED as UNCAPPED_WORDS
from pipeline.models import FundingKind

# `给予50万奖励`: 万/亿 with no 元, only right before a support word.
MONEY_NO_YUAN = regex.compile(
    rf"{AMOUNT_START}(?P<num>{NUMBER})\s*(?P<mult>{MAGNITUDE_NO_YUAN})(?!元)"
    rf"(?=的?(?:一次性)?(?:资金)?{SUPPORT_AFTER_BARE_AMOUNT})"
)
# `按3%—10%给予奖励` → one rate, the upper bound (spec §3.1).
# Possessive: `\s*[%‰]?\s*` over a long run of blanks would otherwise try every split of the run.
RATE_RANGE = regex.compile(
    rf"(?<!\d)(?P<lo>{ARABIC})\s*+[%‰]?+\s*+{RANGE_MARK}++\s*+(?P<hi>{ARABIC})\s*+(?P<sign>[%‰])"
)
# `给予10万—50万元资助`, `20万元至50万元`: one cap of the upper bound, spanned on the range (like the
# spec's rate range `按3%—10%`). No `（含）` inside: `5000万元（含）至1亿元的` is a threshold tier.
MONEY_RANGE = regex.compile(
    rf"{AMOUNT_START}(?P<lo>{NUMBER})\s*+{MAGNITUDE}?元?\s*+{RANGE_MARK}\s*+"
    rf"(?P<num>{NUMBER})\s*+(?P<mult>{MAGNITUDE})?\s*元"
)
# `1∶1配套`; `3∶3∶4` is a split, not a match.
MATCH = regex.compile(rf"(?<![\d.∶:：]){MATCH_RATIO.pattern}(?!\s*[∶:：]\s*\d)")
# `按…10%给予奖补，奖补资金不设上限`: binds the rate before it like a cap (one `uncapped` record with ratio).
UNCAPPED = regex.compile(UNCAPPED_WORDS)
# Cap qualifiers before the amount (`最高`, `不超过`, `最高补助不超过`, `最高给予`); span starts there.
# A unit of measure may stand between the grant and a capped per-unit rate: `最高给予每吨标准煤500元`.
CAP_BEFORE = regex.compile(
    rf"{CAP_WORDS}"
    r"(?:给予|予以|补助|补贴|奖励|资助|支持|奖补|金额|额度|可达|可|获得|获|抵扣|为|达|不超过|不高于|不多于)*"
    rf"(?:{PER_MEASURE})?$"
)
# A bare amount clause: a ceiling or sum with no predicate of its own (`最高不超过50万元`, `单个企业每年
#最高…`): a scope, a period, a sum word before the amount (keep.grant_evidence's window).
# The support word and what of it is capped may stand before the ceiling: `单个项目年度奖励金额不超过5000万元`
# (上海市可再生能源和新能源发展专项资金扶持办法), `每家单位合计补贴最高`.
BARE_AMOUNT = regex.compile(
    r"\s*(?:(?:每|单|同一)\p{Han}{0,8}?)?(?:每年度?|单?年度?)?(?:累计|合计|总额)?"
    rf"(?:{SUPPORT_AFTER_BARE_AMOUNT}(?:金额|总额|资金|额度)?)?(?:累计|合计|总额)?(?:可|均|原则上)?"
)
# A clause that is only a ceiling (`单个示范项目最高不超过300万元。`) opening its sentence: nothing in the
# sentence grants, so the sentence before it in the item says what it bounds.
BARE_CAP_SENTENCE = regex.compile(rf"{BARE_AMOUNT.pattern}{CAP_WORDS}")
# A ceiling sentence split by recipient class (松江 绿色低碳 若干措施: `…按照2:1的比例予以区级配套补贴。其中国家级
# 园区管理机构单个项目不超过100万元，市级园区管理机构单个项目不超过50万元…`): each clause a class, a scope and
# a cap of the grant before; TIER_SCOPE is what stands before each cap.
CLASS_SCOPE = r"\p{Han}{1,16}?(?:单个|每个|每家|单家)\p{Han}{0,6}?"
TIER_SCOPE = regex.compile(rf"\s*(?:其中[，,]?)?{CLASS_SCOPE}")
TIER_CAP_SENTENCE = regex.compile(rf"\s*其中[，,]?{CLASS_SCOPE}{CAP_WORDS}")
# The support word a ceiling names (`最高补贴`, `最高奖励不超过`): the cap says it is a grant.
SUPPORT_IN_CAP = regex.compile(rf"{CAP_WORDS}(?:给予|予以)?{SUPPORT_AFTER_BARE_AMOUNT}")
PER_MEASURE_RE = regex.compile(PER_MEASURE)
# A rate's own qualifier right before it: `最高50%`, `不超过30%`.
RATE_QUALIFIER = regex.compile(rf"{RATE_CAP_WORDS}$")
# ... or after it: `50万元封顶`, `50万元以内`.
CAP_AFTER = regex.compile(CAP_AFTER_WORDS)
# `300元/亩`, `50元/人·天`: a per-unit rate, kind fixed (spec §3.1).
UNIT_AFTER = regex.compile(rf"\s*/\s*(?:人·?[年月天日次]?|{MEASURE_UNIT}|[年月天日次户家项台套件个]|㎡)")
UNIT_BEFORE = regex.compile(rf"每(?:人|户|天|日|月|次|{MEASURE_UNIT})(?:每(?:天|日|月|年|次))?\p{{Han}}{{0,4}}$")

# Amounts joined by these form one 分别 list: `最高500万元和1000万元`, `最高50万元、30万元、20万元`.
# Subsidy tables of 实施细则: `券种 | 支持比例 | 单家企业年度上限`; a column of money under an amount header.
AMOUNT_HEADER = regex.compile(r"上限|最高|限额|金额|额度|标准|补助|补贴|奖励|资助|奖补")

JINGAN = "corpus/real/policy_jingan_chuhai.txt"
SEED_002 = "corpus/002_041f5e2fb803e25f.txt (seed)"
SEED_004 = "corpus/004_1f412fc16192670a.txt (seed)"
# Real measures outside the corpus (public government text, quoted for the rows that read them).
QUANZHOU_GREEN = ("《泉州市推动绿色节能发展若干措施》(2025), as quoted by 泉州网 "
                  "https://www.71396.com/s-1-4ec3112b420d116b")
XUHUI_JIENENG = ("《徐汇区节能减排降碳专项资金管理办法》(2022), as quoted at "
                 "http://www.dcradicalwellbeing.com/h-nd-2016.html")
CAP, FIXED, RATIO = FundingKind.CAP, FundingKind.FIXED, FundingKind.RATIO


def row(rule_id: str, confidence: float, kind: FundingKind | None, pattern: regex.Pattern, note: str,
        *examples: Example) -> Rule:
    return Rule(rule_id, confidence, pattern, examples, note=note, fields={"kind": kind})


RULES = table((
    row("funding.cap.v1", 0.9, CAP, CAP_BEFORE,
        "a money amount with a ceiling before it (最高, 不超过) or after it (封顶, 以内; CAP_AFTER)",
        Example("经认定，给予最高不超过500万元的奖励。",
                {"kind": "cap", "amount_yuan": 5_000_000, "quote": "最高不超过500万元", "form": "奖励"}, JINGAN)),
    row("funding.cap_continued.v1", 0.75, CAP, BARE_CAP_SENTENCE,
        "a ceiling in a sentence of its own, no grant word in it, after the sentence of the same item that "
        "grants (`…给予区级资金匹配。单个示范项目最高不超过300万元。`): a cap of that grant, standing alone",
        Example("企业在本区范围内实施建筑节能项目，且被列入上海市绿色建筑、整体装配式住宅建筑、既有建筑节能改造、"
                "超低能耗建筑、可再生能源与建筑一体化示范项目等建筑节能和绿色建筑示范项目的，根据项目对本区节能减排"
                "降碳的贡献，最高按1:0.5比例给予区级资金匹配。单个示范项目最高不超过300万元。",
                {"kind": "cap", "amount_yuan": 3_000_000, "quote": "最高不超过300万元", "per": "project",
                 "ratio": None},
                XUHUI_JIENENG)),
    row("funding.cap_list.v1", 0.85, CAP, LIST_JOIN_RE,
        "capped amounts joined into one 分别 list; the leading 最高 caps them all",
        Example("每年组织实施一批行业共性技术攻关项目和科技示范工程，分别给予最高500万元和1000万元支持。",
                {"kind": "cap", "amount_yuan": 10_000_000, "quote": "1000万元", "form": "支持"}, SEED_002)),
    row("funding.cap_rate.v1", 0.85, CAP, CAP_BEFORE,
        "a cap that bounds the one rate before it (or right after it): one record with ratio",
        Example("经核定，按其股息、分回情况等给予最高不超过20%的支持，每家企业年度最高不超过500万元。",
                {"kind": "cap", "amount_yuan": 5_000_000, "ratio": 0.2, "quote": "最高不超过500万元", "per": "year"},
                JINGAN)),
    row("funding.cap_range.v1", 0.7, CAP, MONEY_RANGE,
        "a money range: a cap of its upper bound, spanned on the range",
        # No real document of corpus/real writes a granted money range; the challenge set does.
        Example("对新认定的市级中试基地，根据其设备原值、对外服务能力和年度运行绩效，给予10万—50万元资助。",
                {"kind": "cap", "amount_yuan": 500_000, "quote": "10万—50万元", "form": "资助"},
                "challenge/docs/E_mianyang_cgzh_xize")),
    row("funding.fixed.v1", 0.8, FIXED, MONEY,
        "a money amount a granting word governs (MONEY, or MONEY_NO_YUAN before a support word)",
        Example("根据市级创新创业共同体建设的目标绩效，市级财政给予每个市级创新创业共同体200万元建设资金补助，县级财政给予配套支持。",
                {"kind": "fixed", "amount_yuan": 2_000_000, "per": "entity", "beneficiary": "市级创新创业共同体",
                 "form": "建设资金补助"}, SEED_004)),
    row("funding.fixed_list.v1", 0.8, FIXED, LIST_JOIN_RE,
        "fixed amounts joined into one 分别 list, one record each",
        Example("每年评选一批科技特派员工程示范基地（项目）、优秀科技特派员和科技特派员工作先进个人，分别给予10万元、2万元和1万元资金奖励。",
                {"kind": "fixed", "amount_yuan": 20_000, "quote": "2万元", "form": "资金奖励"}, SEED_004)),
    row("funding.unit_rate.v1", 0.7, FIXED, UNIT_AFTER,
        "an amount per unit: `300元/亩` (UNIT_AFTER) or `每平方米每月20元` (UNIT_BEFORE)",
        # No real document of corpus/real writes a per-unit grant; the challenge set does.
        Example("对入驻市级以上孵化载体、成立不满3年的初创型科技企业，按每平方米每月20元的标准给予房租补贴，单个企业补贴面积不超过300平方米。",
                {"kind": "fixed", "amount_yuan": 20, "quote": "20元", "per": "month", "form": "房租补贴"},
                "challenge/docs/C_xiangyang_kjcx_zhengce")),
    row("funding.unit_cap.v1", 0.75, CAP, CAP_BEFORE,
        "a ceiling on an amount per unit (`每平方米最高补贴300元`, `最高给予每吨标准煤500元`): a cap whose "
        "amount is the rate; a ceiling per project after it in the sentence is a record of its own",
        Example("对项目年节能量在300吨标准煤及以上的节能技改项目，按项目年节能量最高给予每吨标准煤500元补助，"
                "单个项目最高补助50万元。",
                {"kind": "cap", "amount_yuan": 500, "quote": "最高给予每吨标准煤500元", "per": None,
                 "beneficiary": "项目年节能量在300吨标准煤及以上的节能技改项目", "form": "补助"},
                QUANZHOU_GREEN)),
    row("funding.ratio.v1", 0.75, RATIO, PERCENT,
        "a rate a granting word governs, with a ceiling word before it in its span",
        Example("服务合同完成并经审核后，给予不超过20%的支持。",
                {"kind": "ratio", "ratio": 0.2, "quote": "不超过20%", "form": "支持"}, JINGAN)),
    row("funding.ratio_range.v1", 0.7, RATIO, RATE_RANGE,
        "a rate range: one rate, the upper bound (spec §3.1)",
        # No real document of corpus/real writes a granted rate range; the challenge set does.
        Example("对经认定的市级以上技术转移示范机构，按其上年度促成本地企业技术合同成交额的1%—3%分档给予奖励。",
                {"kind": "ratio", "ratio": 0.03, "quote": "1%—3%", "form": "奖励"},
                "challenge/docs/C_xiangyang_kjcx_zhengce")),
    row("funding.match.v1", 0.8, RATIO, MATCH,
        "a 1∶1 match (ratio b/a); `3∶3∶4` is a split, not a match",
        Example("按照国家、省人才资助经费额度给予入选人才1∶1配套。",
                {"kind": "ratio", "ratio": 1.0, "quote": "1∶1", "form": "配套", "beneficiary": "入选人才"}, SEED_004)),
    row("funding.uncapped.v1", 0.75, FundingKind.UNCAPPED, UNCAPPED,
        "不设上限 / 上不封顶 in a granting sentence; carries the one rate right before it",
        Example("由政府领投支持重点科技项目引进落地和重大科技成果转化发展，投资金额不设上限，采取“一事一议”方式给予支持。",
                {"kind": "uncapped", "quote": "不设上限", "form": "支持"}, SEED_002)),
    row("funding.table_row.v1", 0.75, None, AMOUNT_HEADER,
        "a subsidy table's amount column under a granting lead line; a cap when the header says 上限/最高 "
        "(else fixed), "
        "with the rate of a 比例 column in its row",
        # No real document of corpus/real holds a subsidy table; the challenge set does.
        Example("对使用创新券购买科技服务的企业，按照下表标准给予补贴：\n券种\t支持比例\t单家企业年度上限\n"
                "研发设计券\t50%\t20万元\n检验检测券\t40%\t10万元\n",
                {"kind": "cap", "amount_yuan": 200_000, "ratio": 0.5, "per": "year", "form": "补贴"},
                "challenge/docs/I_yancheng_cxq_xize")),
    row("funding.allocation_row.v1", 0.8, FIXED, MONEY,
        "an allocation list (资金计划, 拟支持项目): one fixed record per recipient row, the row's total amount "
        "cell times the header's unit (万元), the name cell the beneficiary; payment columns by year or "
        "instalment are schedules and 合计 rows sums (extractors/funding/allocation.py)",
        # No document of corpus/real holds an allocation list; the row is checked on a list written as
        # the 资金计划 attachments are (tests/extractors/test_funding_allocation.py).
        Example("附件：2024年度节能减排专项资金计划表\n序号\t企业名称\t补贴金额（万元）\t2024年拨付\n"
                "1\t上海甲机械有限公司\t30\t15\n",
                {"kind": "fixed", "amount_yuan": 300_000, "quote": "30", "beneficiary": "上海甲机械有限公司",
                 "form": "补贴"},
                "tests/extractors/test_funding_allocation.py")),
))
