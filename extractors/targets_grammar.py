"""The small grammar of a quantified goal (EXTRACTION_SPEC.md §3.3), as patterns and word tables.

A goal clause reads ``[time][hedge][scope] INDICATOR [change、][level verb][comparator] VALUE UNIT
[以上|左右]``, or with the number first: ``[verb] VALUE UNIT [以上] NOUN`` (`转化10项重大科技成果`).
Every table here quotes the construction it serves; targets.py applies them to one clause at a time.
"""

from __future__ import annotations

from decimal import Decimal

import regex

from extractors.numbers import ARABIC, CHINESE, parse_number, scale

# Measure words that close a goal value. `人年` (`110人年以上`), `个百分点`, `2.2万家`; events and
# batches (`对接活动20场以上`, `专题培训10期`, `评选3批`); areas and capacities (`2万平方米`, `50公顷`).
UNITS = ("个百分点", "平方公里", "平方米", "公顷", "立方米", "人年", "元", "%", "‰", "家", "个", "项", "件",
         "名", "人", "处", "所", "座", "台", "套", "条", "篇", "次", "户", "亩", "吨", "倍", "位", "支", "部",
         "种", "款", "只", "辆", "张", "份", "门", "间", "栋", "公里", "千米", "米", "床", "场", "期", "批",
         "届", "轮", "册", "笔", "艘", "架", "颗", "套", "组", "课时", "学时",
         "小时", "千瓦", "兆瓦")
# Compound measure words: a measure word + 次 counts visits or sessions, not things (`上门诊断服务
# 不少于100家次`, `服务活动50场次以上`, `培训5000人次`, `检查200户次`); kept whole as the unit.
COUNTED_TIMES = r"(?:家|人|场|户|项|台|批|车|架|企|校|班|件|个)次"
UNIT_RE = COUNTED_TIMES + "|" + "|".join(
    regex.escape(u) for u in sorted(set(UNITS), key=len, reverse=True))
# A value: number (or a range `3—5`), an optional 余/多, a multiplier, an optional unit, a trailing
# comparator word. The lookbehind keeps us out of `R&D`, `5G`, `3.88`, `2025年`, `第3`.
VALUE = regex.compile(
    rf"""(?<![\d.A-Za-z第前])
    (?P<num>{ARABIC}|{CHINESE})
    (?:\s*[—–\-~～至到]\s*(?P<num2>{ARABIC}))?
    (?P<about>余|多)?
    (?P<mult>万亿|千万|百万|亿|万)?
    (?P<unit>{UNIT_RE})?
    (?P<post>及以上|以上|左右|以内|以下|之内)?
    (?![\dA-Za-z])""",
    regex.X,
)
# Rank goals (spec §3.3): `进入全国高新区前30强` → 30 名 le; `跻身全国科技创新百强县（市）` → 100.
RANK_VERB = r"(?:进入|跻身|迈入|跨入|挺进|入围|位居|位列|稳居|保持|晋级|跃居)"
RANK = regex.compile(rf"{RANK_VERB}(?P<obj>[^，。；：\n]{{0,20}}?)(?:前(?P<n>\d+|{CHINESE})(?:强|名|位)|"
                     rf"(?P<cn>[一二三四五六七八九]?[十百千])强)")

# A sign after a value that makes it part of a code or rate, not a goal: `1+N`, `20吨/年`, `1∶1`.
NOT_VALUE_AFTER = regex.compile(r"\s*[+＋/:∶：]")
# Chinese numerals only count with a measure word and never alone as 一 (`一批`, `一家`, `五个重点指标`).
CN_MIN_VALUE = 2
# With a Chinese numeral these measure words number a phase or a round, not a count: `科技馆二期工程`.
CN_ORDINAL_UNITS = ("期", "届", "轮", "批")
# Counts say 两 (`两次`, `两个`); a bare 二 before a measure word is part of a term: `二次开发`, `二级`.
CN_IN_NAME = regex.compile(r"二$")
# A Chinese numeral glued to another one is part of a name: `三位一体`, `第十四个五年规划`.
CN_DIGIT_AFTER = regex.compile(r"[一二两三四五六七八九十百千]")
# ... or the second half of an ordinal chain: `县委十五届七次全会`, `三届二次会议`.
CN_ORDINAL_BEFORE = regex.compile(r"[一二三四五六七八九十]+[届期次]$")

# Comparator words right before the number (spec §3.3 comparator).
PRE_COMPARATOR = (
    ("不少于", "ge"), ("不低于", "ge"), ("至少", "ge"), ("不超过", "le"), ("不高于", "le"), ("低于", "le"),
    ("少于", "le"), ("超过", "gt"), ("突破", "gt"), ("高于", "gt"), ("大于", "gt"), ("多于", "gt"),
    ("逾", "gt"), ("超", "gt"), ("接近", "approx"), ("约", "approx"), ("近", "approx"), ("最多", "le"),
    ("最少", "ge"),
)
POST_COMPARATOR = {"以上": "ge", "及以上": "ge", "左右": "approx", "以内": "le", "之内": "le", "以下": "le"}
# Level verbs between the indicator and the number: `达到3%`, `发展到170家`, `保持在`, `控制在`.
LEVEL_VERBS = ("达到", "分别达到", "发展到", "发展至", "增加到", "增加至", "增长到", "增长至", "增至", "提高到",
               "提高至", "提升到", "提升至", "上升到", "上升至", "扩大到", "扩大至", "保持在", "稳定在", "控制在",
               "达至", "达", "实现", "力争达到", "力争", "分别", "总数", "为", "到", "在")
# A relative change written with the value: `科技型企业数量翻一番、超过2.2万家`.
CHANGE = regex.compile(r"(?P<change>翻一番|翻两番|翻番|翻一倍|倍增)[、，,]?$")
# Growth written as the value: `年均增长10%`, `提高5个百分点` → change is the phrase as written.
GROWTH = regex.compile(r"(?:年均|年平均|平均每年|每年)?(?:增长|增幅|增速|提高|提升|增加|下降|降低|减少)(?:率)?$")
# A baseline inside the indicator is not part of its name: `研发经费投入比2020年翻一番`.
BASELINE_TAIL = regex.compile(r"(?:比|较|与|同)\s*(?:20\d{2}\s*年(?:底|末)?|上年度?|“?十[一二三四五六]五”?末|基期)\S*$")
# Limits per beneficiary are rules of a measure, not goals: `每家企业每年最多支持3个项目`.
PER_ENTITY = regex.compile(r"每(?:家|个|项|人|名|户|所|位)|单(?:个|项|家|户)|同一")

# Clause openers dropped from the indicator (gold convention 6: no 全市/我市, no level verbs).
PREFIX = regex.compile(
    r"""(?:
      (?:到|至|于|在|截止到)?\s*20\d{2}\s*年(?:底前|年底前|前|底|末|内)?
    | (?:\d{1,2}|[一二三四五六七八九十])\s*年(?:内|之内)
    | 利用(?:\d{1,2}|[一二三四五六七八九十])\s*年时间 | (?:今后|未来)(?:\d{1,2}|[一二三四五六七八九十])\s*年(?:内)?
    | (?:到|至)?“?十[一二三四五六七]五”?(?:期间|时期|末|期末)?
    | (?:到|至)?(?:今年|本年度?)(?:底|末|内)?|全年|届时|期间|其中|同时|此外|另外|并且|并|且|以及|和|及|与|或
    | 力争|争取|努力|力求|确保|预计|预期|计划|目标是|目标为|目标
    | 全市|全区|全县|全省|全镇|我市|我区|我县|我省|本市|全域|各类|各级
    | 每年度?|每一年|年均(?!增长|增幅|增速|提高|提升|增加)
    | 实现|建成|拥有|达到|推动|带动
    )[，,、\s]*""",
    regex.X,
)
# Verbs that open a number-first goal and stay in the indicator (convention 6: `转化10项重大科技成果`,
# `新增100家…`), and level verbs that are dropped (`实现100项…突破`, `有10个以上项目…`).
KEPT_VERBS = regex.compile(
    r"^(?:新增|新认定|新培育|新引进|新建|新组建|新成立|培育|引进|引育|转化|遴选|组织|实施|建设|打造|组建|认定|"
    r"培养|推广|突破|攻克|储备|申报|开展|举办|招引|落地|孵化|服务|支持|新申请)$"
)
DROPPED_VERBS = regex.compile(r"^(?:实现|有|达到|建成|形成|拥有|完成)?$")
# Flow verbs a 、-chained item inherits from the first (`新增省级科技创新平台5处、潍坊市级创新平台25处`).
FLOW_VERB = regex.compile(r"^(?:新增|新认定|新培育|新引进|新建|新组建|新成立|培育|引进|累计|新引进培养)")
# Connectors between values of one list (`分别达到1800家和2700家`, `1800家、2700家`).
VALUE_JOIN = regex.compile(r"^\s*(?:[、，,和及与]|以及)\s*$")
# Splitting an indicator list before 分别: `高新技术企业、科技型中小企业`, `高新技术企业和科技型中小企业数量`.
LIST_SPLIT = regex.compile(r"、|和|及|与|以及")
# After the indicator list of a 分别 clause, a predicate that is not part of any name: `实现新增长`.
LIST_PREDICATE = regex.compile(r"(?:实现|均|将|要|继续|持续|稳步|大幅|进一步)")
# Money amounts the government pays are funding, not targets (spec §3.1 / §3.3): `给予最高500万元`.
FUNDING_NEAR = regex.compile(r"给予|予以|奖补|奖励|资助|补贴|补助|贴息|兑付|配套|一次性|最高")
# A rate that a procedure applies is no goal: `按实际支付费用的60%兑付`, `按不低于10%的比例抽查`.
RATE_OF = regex.compile(r"按照?[^，。；]*?(?:的|不低于|不高于|不超过|最高|最低)$|按照?$")
# A government's share of a cost (spec §3.1 cost sharing): `市县两级财政各负担50%`, `按6∶4比例分担`.
COST_SHARE = regex.compile(r"(?:各|分别)?(?:负担|分担|承担|出资)$")
# A coverb that opens a modifier of a later noun: `由A、B等18个部门为成员的…制度`, `以营业收入5000万元以上的
# 企业为重点`. Not a baseline `由2015年的2.11%` (BASELINE), which the tense check reads.
ATTRIBUTIVE_COVERB = regex.compile(r"(?:^|[，,；]|建立|组建|成立|形成)\s*(?:由|以)(?!\s*20\d{2})")
# Conditions and capacities, not goals: `对…年度技术合同成交额300万元以上的`, `年产1万台`, `20吨/年`.
CONDITION_HEAD = regex.compile(r"(?:^|[，,；])(?:对|对于|凡|经|按照?|根据|其中属于)[^，。；]*$")
CAPACITY_HEAD = regex.compile(r"(?:年产|产能|规模为?|总规模|首期|注册资本|投资额?|总投资|占地|占地面积|建筑面积)$")
# A capacity covers the values coordinated after it: `年产1200吨高纯度氮化硅粉体和10000吨碳化硅粉体`.
CAPACITY_CHAIN = regex.compile(r"(?:年产|产能)[^，。；、]*?(?:和|及|与|以及)$")
# A quantifier over units: `50%以上的县（市、区）`; the unit noun ends at one of these heads.
UNIT_HEADS = regex.compile(r"(?P<noun>[^，。；、]{0,12}?(?:县|区|市|镇|乡|村|社区|企业|单位|高校|院所|学校|医院|园区)"
                           r"(?:[（(][^）)]{1,8}[）)])?)")
CLAUSE_END = regex.compile(r"[，,。；;！？!?：:\n]")


def value_of(m: regex.Match) -> tuple[float, str | None] | None:
    """(value, unit) with 万/亿 expanded (`2.2万家` → 22000 家, `800亿元` → 8e10 元); a range's lower bound."""
    number = parse_number(m.group("num"))
    if number is None:
        return None
    unit = m.group("unit")
    mult = m.group("mult")
    if unit in (None, "") and mult is None:
        unit = None
    value: Decimal = scale(number, mult)
    as_float = float(value)
    return (int(as_float) if as_float.is_integer() else as_float), unit
