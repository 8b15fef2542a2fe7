"""The small grammar of a quantified goal (EXTRACTION_SPEC.md §3.3), as patterns and word tables.

A goal clause reads ``[time][hedge][scope] INDICATOR [change、][level verb][comparator] VALUE UNIT
[以上|左右]``, or with the number first: ``[verb] VALUE UNIT [以上] NOUN`` (`转化10项重大科技成果`).
Every table here quotes the construction it serves; targets.py applies them to one clause at a time.
"""

from __future__ import annotations

import regex

from extractors.numbers import parse_number, plain, scale
from extractors.words import (
    ARABIC,
    CHINESE,
    COST_SHARING,
    GIVE,
    LIST_JOIN,
    POST_COMPARATOR,
    SUPPORT_NOUNS,
)

# Measure words that close a goal value. `人年` (`110人年以上`), `个百分点`, `2.2万家`; events and
# batches (`对接活动20场以上`, `专题培训10期`, `评选3批`); areas and capacities (`2万平方米`, `50公顷`).
UNITS = ("个百分点", "平方公里", "平方米", "公顷", "立方米", "人年", "元", "%", "‰", "家", "个", "项", "件",
         "名", "人", "处", "所", "座", "台", "套", "条", "篇", "次", "户", "亩", "吨", "倍", "位", "支", "部",
         "种", "款", "只", "辆", "张", "份", "门", "间", "栋", "公里", "千米", "米", "床", "场", "期", "批",
         "届", "轮", "册", "笔", "艘", "架", "颗", "套", "组", "课时", "学时",
         "小时", "千瓦", "兆瓦",
         # weights, yields and energy (`粮食产量稳定在70亿斤以上`, `10万吨标煤以上能耗指标供给` 马鞍山.docx,
         # `PM2.5平均浓度不超过40微克/立方米` 滨州.docx), livestock and crops, ports, design standards
         # (`排水系统基本达到3-5年一遇排水能力` plan_jiading_haimian)
         "斤", "公斤", "千克", "微克", "毫克", "吨标煤", "吨标准煤", "千瓦时", "头", "棵", "羽", "片", "标箱",
         "年一遇",
         # two measure words of one thing, a machine and its set (`首台套`, `新增算力设施5万台套`)
         "台套",
         # buildings counted by 幢 (`税收亿元楼达到45幢以上`, issue #16 round 5)
         "幢")  # not 株 (`1 株洲市…` is a place), not 方 (`10个方面`)
# A ratio unit is one unit, as written (issue #16, class 5): a measure word over a measure word, which may carry a
# magnitude: `全员劳动生产率23.5万元/人以上` (马鞍山.docx) → 元/人, `40微克/立方米`, `用热均价下调至260元/吨左右`
# (宜春.docx), `工业平均电价再降0.1分/千瓦时` (衢州.docx), `吨标准煤/万元`, `千克/吨`, `克/千瓦时`, `吨/万千瓦时`.
# Not per unit of time (`20吨/年`, `万吨/日` are capacities: NOT_VALUE_AFTER).
DENOMINATOR = (r"(?:万|百|千|亿)?(?:人|户|亩|元|吨|千瓦时|立方米|平方米|平方公里|公里|千米|公顷|辆|床|标准箱|"
               r"吨公里|人公里|kWh)")
PER_UNIT = rf"(?:/{DENOMINATOR})?"
# Measure words that only stand before a denominator: `分/千瓦时` (分 alone is a score), `克/千瓦时`, `批次/千人`.
RATIO_NUMERATOR = rf"(?:千克标准煤|千克标煤|克标准煤|克标煤|千克|克|分|批次|度)(?=/{DENOMINATOR})"
# Compound measure words: a measure word + 次 counts visits or sessions, not things (`上门诊断服务
# 不少于100家次`, `服务活动50场次以上`, `培训5000人次`, `检查200户次`); kept whole as the unit.
COUNTED_TIMES = r"(?:家|人|场|户|项|台|批|车|架|企|校|班|件|个)次"
# A score is a unit only with a comparator after it (`群众满意度达到92分以上`, issue #16 round 5, class 5): a bare
# 分 is the points of a scoring rule (`得10分`, `扣2分`), a minute or a share (`三分之一`).
SCORE_UNIT = r"分(?=及以上|以上|左右)"
# Time spans (`最长不超过24个月`, `公示期不少于5个工作日`, `压缩至5个工作日以内`): read whole, so that `个月`
# is not cut to `个`; a span is a goal only after a verb that shortens it (DURATION_GOAL).
# (`小时` is not one: `科普志愿服务时长达到10万小时` counts hours of service.)
DURATION_UNITS = ("个工作日", "工作日", "个月", "天", "周")
_UNIT = "|".join(regex.escape(u) for u in sorted(set(UNITS + DURATION_UNITS), key=len, reverse=True))
# A measure word may carry its alternative in brackets, kept as written: `首台（套）…150台（套）以上`,
# `新建研发机构10个（家）`.
UNIT_RE = rf"(?:{COUNTED_TIMES}|{RATIO_NUMERATOR}|{SCORE_UNIT}|{_UNIT}){PER_UNIT}(?:[（(](?:{_UNIT})[）)])?"
# Measure words written in Latin letters (open measure words, issue 16): an SI prefix and a base symbol,
# power and energy (`储能电池产量突破20GW` 合肥.docx, `中储国能300MW项目` 泰安.docx, `kWh`), data (`TB`, `PB`,
# `Gbps`), length and weight (`km`, `t`). A prefix alone is no unit (`5G`, `4K`, `3D` name technologies).
LATIN_UNIT = r"(?:[kKMGTPE]?(?:Wh|W|VA|B|bps)|km|m[²³]|[kM]?t)"
LATIN_UNIT_RE = regex.compile(LATIN_UNIT + r"$")
# After a magnitude, the noun right after the number is its measure word when nothing follows it in the
# clause (`训练数据规模达到22亿词元`, `用户突破1亿户`): a noun used as a unit (spec §3.3 unit: the measure word
# or noun after the number; `改造农村户厕13万余户` 连云港.docx → 户).
# Not a threshold's noun: `迈上千亿台阶`, `突破百亿大关`.
NOUN_UNIT = (r"(?:(?<=[万亿])(?:余|多)?(?!及以上|以上|左右|以内|以下|之内|台阶|大关|关口|级)"
             r"(?P<nunit>\p{Han}{1,3}?)(?=(?:及以上|以上|左右|以内|以下)?(?:[，,。；;：:、）)\n]|$)))?")
# A value: number (or a range `3—5`), an optional 余/多, a multiplier, an optional unit, a trailing
# comparator word. The lookbehind keeps us out of `R&D`, `5G`, `3.88`, `2025年`, `第3`, and a denominator
# (`每千人口托位数增长3%以上` 吉林.docx: 千人 is no value).
# The comparator words after a value are the keys of words.POST_COMPARATOR (find.py looks them up there),
# longest first so 及以上 is not read as 以上.
POST_WORDS = "|".join(sorted(POST_COMPARATOR, key=len, reverse=True))
VALUE = regex.compile(
    rf"""(?<![\d.A-Za-z第前每])
    (?P<num>{ARABIC}|{CHINESE})
    (?:\s*[—–\-~～至到]\s*(?P<num2>{ARABIC}))?
    (?P<about>余|多)?
    (?P<mult>万亿|千万|百万|亿|万)?
    (?P<unit>{UNIT_RE}|{LATIN_UNIT})?
    {NOUN_UNIT}
    (?P<post>{POST_WORDS})?
    (?![\dA-Za-z])""",
    regex.X,
)
# Rank goals (spec §3.3): `进入全国高新区前30强` → 30 名 le; `跻身全国科技创新百强县（市）` → 100; an ordinal
# place is a rank too when 位/名 or the clause's end follows it: `保持全省第一，` → 1 名 le, `稳居全省第3位`.
# Not a tier or a stage named by its ordinal: `保持全省第一方阵`, `进入第一梯队`, `进入第二阶段`.
# `前N` may close the clause without 强/名: `力争货邮吞吐量120万吨、进入全国前四。` (wr_ezhou_2024).
RANK_VERB = r"(?:进入|跻身|迈入|跨入|挺进|入围|位居|位列|稳居|保持|晋级|跃居|争创|争当|冲刺)"
RANK = regex.compile(rf"{RANK_VERB}(?P<obj>[^，。；：\n]{{0,20}}?)"
                     rf"(?:前(?P<n>\d+|{CHINESE})(?:强|名|位|(?=[，,。；;\n]|$))|"
                     rf"(?P<cn>[一二三四五六七八九]?[十百千])强|"
                     rf"第(?P<ord>\d{{1,3}}|[一二三四五六七八九十]{{1,3}})(?:位|名|(?=[，,。；;、\n]|$)))")

# A numeral inside a name or an address is no value (issue 16): a number glued to a road, lane or building
# word and closed by a house-number word (`XX路899号`, `XX路899项目`, `627弄`, `3号楼12栋`), and a numeral with
# a leading zero, which is a code (`01单元`, `A3-02地块`). Ordinals (`第72次常务会议`) never start a VALUE.
NAME_NUMBER_ENDS = "路街弄巷道桥号坊村"
NAME_NUMBER_BEFORE = regex.compile(rf"[{NAME_NUMBER_ENDS}](?:\s*)$")
NAME_NUMBER_AFTER = regex.compile(r"(?:号|弄|支弄|项目|地块|街坊|幢|栋|号楼|单元|丘|室)")
CODE_NUMBER = regex.compile(r"0\d")
# A sign after a value that makes it part of a code or rate, not a goal: `1+N`, `20吨/年`, `1∶1`.
NOT_VALUE_SIGNS = "+＋/:∶："
NOT_VALUE_AFTER = regex.compile(rf"\s*[{NOT_VALUE_SIGNS}]")
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

# A time span is a rule of procedure (`公示期不少于5个工作日`, `审核通过后30个工作日内拨付`) unless a verb
# shortens it to a goal: `技术合同登记审核时限压缩至5个工作日以内`, `办理时间缩短到3天`.
SHORTEN_VERBS = ("压缩至", "压缩到", "缩短至", "缩短到", "压减至", "压减到", "缩减至", "缩减到", "减少至", "减少到",
                 "降至", "降低至", "降低到", "控制在")
# Level verbs between the indicator and the number: `达到3%`, `发展到170家`, `保持在`, `控制在`.
LEVEL_VERBS = (
    *SHORTEN_VERBS, "达到", "分别达到", "发展到", "发展至", "增加到", "增加至", "增长到", "增长至", "增至", "提高到",
    "提高至", "提升到", "提升至", "上升到", "上升至", "扩大到", "扩大至", "保持在", "稳定在", "达至", "达", "实现",
    "下调至", "下调到", "下降至", "下降到", "降到",  # `用热均价下调至260元/吨左右` (宜春.docx)
    "力争达到", "力争", "确保达到", "确保", "分别", "总数", "为", "到", "在",
    "每年度", "每年")  # an adverb between the verb and the number: `基金规模力争达到每年5亿元`
# A relative change written with the value: `科技型企业数量翻一番、超过2.2万家`.
CHANGE = regex.compile(r"(?P<change>翻一番|翻两番|翻番|翻一倍|倍增)[、，,]?$")
# Growth written as the value: `年均增长10%`, `提高5个百分点` → change is the phrase as written.
# Its base stays in the change: `较上年增长15%以上` → `较上年增长15%`, `同比增长10%` (challenge E); a
# comparator after the value is not part of it (challenge C `增长12%左右` → `增长12%`).
GROWTH = regex.compile(r"(?:同比|(?:较|比)(?:上年度?|去年))?(?:年均|年平均|平均每年|每年)?"
                       r"(?:增长|增幅|增速|提高|提升|增加|下降|降低|减少)(?:率)?$")
# A time frame between the indicator and its verb is no part of the name: `全区城镇污水处理率至2025年达到99％`
# (崇明区水务“十四五”规划), `投放量2024年力争…`.
TIME_TAIL = regex.compile(r"(?<![比较与同由从是])(?:到|至|于|在)?\s*20\d{2}\s*年"
                          r"(?:\s*\d{1,2}\s*月份?)?(?:底前|末前|前|底|末)?$")
# A comparator before the reference a share is taken of (issue #16, class 6): `精细管理示范区、高标区、标准区分别不少于
# 城市建成区面积的7.5%、22.5%、45%` (绍兴.docx) → ge; `不低于上年的`, `高于全国平均水平的`. Read for %, ‰ and 倍 only.
REFERENCE_COMPARATOR = regex.compile(
    r"(?P<cmp>不少于|不低于|不小于|不超过|不高于|不大于|高于|低于|超过|至少)[^，,。；;、\d%]{1,16}?的?$")
SHARE_UNITS = ("%", "‰", "倍")
# A baseline inside the indicator is not part of its name: `研发经费投入比2020年翻一番`.
BASELINE_TAIL = regex.compile(r"(?:比|较|与|同)\s*(?:20\d{2}\s*年(?:底|末)?|上年度?|“?十[一二三四五六]五”?末|基期)\S*$"
                           r"|由\s*\d\S*$")  # `城镇污水处理率由95％提高至99％`: the 95％ is where it starts
# A value that a change verb leads from (`由95％提高至99％`, `由2.32%提高到2.85%`): the baseline, not the goal.
FROM_VALUE_BEFORE = regex.compile(r"由\s*$")
FROM_VALUE_AFTER = regex.compile(
    r"\s*(?:提高|增加|增长|提升|上升|下降|降低|减少|扩大|压减|缩减)(?:至|到)\s*(?:约|近)?\d")
# Limits per beneficiary are rules of a measure, not goals: `每家企业每年最多支持3个项目`.
PER_ENTITY = regex.compile(r"每(?:家|个|项|人|名|户|所|位)|单(?:个|项|家|户)|同一")
# ... but a floor set for every place or field of a plan is a goal (issue #16, class 6):
# `每个县（市）区至少新建1所公办示范性托育服务中心` (黄石.docx), `每个县至少办好1所优质公办高中` (长治.docx),
# `每个主导产业至少搭建一个科研创新平台` (荆州.docx).
PER_PLACE_FLOOR = regex.compile(
    r"每个(?:县|市|区|乡|镇|村|街道|社区|园区|旗|主导产业|产业链|地市|设区市|州|盟)[^，。；]{0,14}?(?:至少|不少于)")

# Clause openers dropped from the indicator (gold convention 6: no 全市/我市, no level verbs).
PREFIX = regex.compile(
    r"""(?:
      (?:到|至|于|在|截止到)?\s*20\d{2}\s*年(?:\s*\d{1,2}\s*月份?)?(?:底前|年底前|末前|前|底|末|内)?
    | (?:\d{1,2}|[一二三四五六七八九十])\s*年(?:内|之内)
    | 利用(?:\d{1,2}|[一二三四五六七八九十])\s*年时间 | (?:今后|未来)(?:\d{1,2}|[一二三四五六七八九十])\s*年(?:内)?
    | (?:到|至)?“?十[一二三四五六七]五”?(?:期间|时期|末|期末)?
    | (?:到|至)?(?:今年|本年度?)(?:底|末|内)?|全年|届时|期间|其中|同时|此外|另外|并且|并|且|以及|和|及|与|或
    | [—–\-]{1,2}
    | 全力以赴|全力|奋力|力争|争取|努力|力求|确保|预计|预期|计划|目标是|目标为|目标
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
# The same verbs ending a longer verb phrase: `加快新建5个…` keeps `新建`.
KEPT_VERB_TAIL = regex.compile(KEPT_VERBS.pattern.replace("^(?:", "(?:", 1))
# After `VERB VALUE UNIT`, a noun phrase names what is counted (`加快实施680个省市县重点项目` 滨州.docx,
# `推进4座再生水厂`): the verb phrase before the number, whatever the verb, is no indicator. Not a predicate
# after the value (`…项目100个建成投产`), nor a modifier (`…的`).
NOUN_TAIL = regex.compile(r"(?!的|以上|左右|以内|以下|达到|建成|投产|开工|落地|完成|实现|增长|提高|提升|下降|"
                          r"分别|和|及|与|等)[\p{Han}“《A-Za-z]")
# Money glued to the noun a later count counts: `新签约10亿元以上项目50个`, `10亿元企业达25家`.
MODIFIED_COUNT = regex.compile(
    rf"(?:以上|及以上|级)?\p{{Han}}{{1,12}}?(?:达到?|超过|突破|为)?(?P<v>{ARABIC}(?:万|亿)?(?:{UNIT_RE}))")
# A count that sums up a list of items, each with its own size: `…光伏发电等20个项目`.
LIST_TOTAL = regex.compile(rf"[、，]?[^，。；：]*?等\s*(?:{ARABIC})\s*(?:个|项|家|座|处|条)")
# The work done on the counted things is not part of their name: `推进4座再生水厂建设` (滨州.docx) counts
# 再生水厂, `21个精品示范村建设` counts villages.
TAIL_ACTIVITY = regex.compile(r"(?:开工建设|建设|创建|建成运行|建成投产|建成|投产|改造提升|改造|提升)$")
# Where the counted noun of a number-first value ends: before the next item of a coordination
# (`新建5个未来工厂、10个智能工厂和100个数字化车间` 重庆.docx).
# The next item may open with its own comparator: `建成3个国家级和至少5个市级的创新中心` (至少 → ge).
NEXT_ITEM = regex.compile(r"[、和及与](?=\s*(?:至少|不少于|不低于|超过|约|近)?\s*\d)")
# A light verb right after a number-first value, then the action done over that amount: `约24公里进行修复或
# 改造` (value first, its verb after): the action is what is measured, and the light verb is no part of it.
# Not 实施 naming a kind of document or project (`20条实施意见` 贵港.docx, `750个实施类项目` 聊城.docx).
LIGHT_VERB = regex.compile(r"(?:进行|开展|实施(?!意见|方案|细则|办法|类|计划|项目|要点))(?=\p{Han})")
LATER_NUMBER = regex.compile(r"\d")
DROPPED_VERBS = regex.compile(r"^(?:实现|有|达到|建成|形成|拥有|完成)?$")
# Flow verbs a 、-chained item inherits from the first (`新增省级科技创新平台5处、潍坊市级创新平台25处`).
FLOW_VERB = regex.compile(r"^(?:新增|新认定|新培育|新引进|新建|新组建|新成立|培育|引进|累计|新引进培养)")
# A stock after a flow of the same subject names the level: `高新技术企业净增200家以上、总数突破2180家` →
# `高新技术企业总数`; the flow word of the first record is not part of it.
STOCK_NOUN = regex.compile(r"总数|总量|总额|总规模")
FLOW_TAIL = regex.compile(r"(?:净增|新增|增加)$")
# Connectors between values of one list (`分别达到1800家和2700家`, `1800家、2700家`).
VALUE_JOIN = regex.compile(rf"^\s*(?:{LIST_JOIN}|，|,)\s*$")
# A list of years paired with a list of values (issue #16, class 2): `2024、2025年…分别达到10万辆、15万辆`,
# `2025年、2027年，…分别不低于200、300万千瓦`: the i-th value is the goal of the i-th year. Read at the head of the
# values' clause, or closing the clause before it.
YEAR_LIST = r"(?:到|至)?\s*(?P<list>20\d{2}\s*年?(?:\s*(?:、|和|及|与)\s*20\d{2}\s*年?)+)(?<=年)"
YEAR_LIST_HEAD = regex.compile(rf"\s*{YEAR_LIST}[，,]?\s*")
YEAR_LIST_BEFORE = regex.compile(rf"{YEAR_LIST}\s*[，,]\s*$")
YEAR_OF_LIST = regex.compile(r"20\d{2}")
# A bare number that shares the measure word and magnitude written once after the last value of its list:
# `200、300万千瓦` → 200万千瓦, 300万千瓦 (not a year, a date or a code).
BARE_NOT_BEFORE = regex.compile(r"\s*[年月日号]")
# Splitting an indicator list before 分别: `高新技术企业、科技型中小企业`, `高新技术企业和科技型中小企业数量`.
LIST_SPLIT = regex.compile(rf"以及|{LIST_JOIN}")
# After the indicator list of a 分别 clause, a predicate that is not part of any name: `实现新增长`.
LIST_PREDICATE = regex.compile(r"(?:实现|均|将|要|继续|持续|稳步|大幅|进一步)")
# Money amounts the government pays are funding, not targets (spec §3.1 / §3.3): `给予最高500万元`.
# The granting words are the shared class (words.GIVE, words.SUPPORT_NOUNS) with `一次性` and `最高`, but
# not 支持/扶持, which also name what a goal supports: `政策性融资担保支持市场主体18亿元以上` (wr_ezhou_2024).
SUPPORT_AS_GOAL = ("支持", "扶持")
FUNDING_NEAR = regex.compile(
    "|".join((GIVE, *(w for w in SUPPORT_NOUNS if w not in SUPPORT_AS_GOAL), "一次性", "最高")))
# A bracket right after a value that splits it into parts: its values are the total's breakdown, not goals
# of their own (`公园建设项目共计9个（嘉定新城5个、其他区域4个）` plan_jiading_haimian).
BREAKDOWN = regex.compile(rf"(?:{ARABIC}|{CHINESE})(?:万|亿)?(?:{UNIT_RE})[（(]$")
# ... but not the stock beside a flow (`新增X 30家（累计达到1200家）`: spec §3.3, two records).
STOCK_IN_BRACKET = regex.compile(r"\s*(?:累计|总数|总量|共计|合计)")
# A design standard (`N年一遇`) is a goal only when a verb raises something to it: `排水系统基本达到3-5年一遇
# 排水能力` (plan_jiading_haimian); `…20年一遇除涝标准` alone is the standard works are built to.
STANDARD_GOAL = regex.compile(r"达到|提高到|提高至|提升到|提升至|达标")
# ... or when the clause says it is met: `50-100年一遇内涝可控` (plan_jiading_haimian).
STANDARD_MET = regex.compile(r"[^，。；、]{0,8}?(?:可控|达标)")
# A rate that a procedure applies is no goal: `按实际支付费用的60%兑付`, `按不低于10%的比例抽查`.
RATE_OF = regex.compile(r"按照?[^，。；]*?(?:的|不低于|不高于|不超过|最高|最低)$|按照?$")
# A government's share of a cost (spec §3.1 cost sharing): `市县两级财政各负担50%`, `按6∶4比例分担`.
# The shared class (words.COST_SHARING) and, before a rate, a bare 承担 or 出资.
COST_SHARE = regex.compile(rf"(?:各|分别)?(?:{COST_SHARING}|承担|出资)$")
# A coverb that opens a modifier of a later noun: `由A、B等18个部门为成员的…制度`, `以营业收入5000万元以上的
# 企业为重点`. Not a baseline `由2015年的2.11%` (BASELINE), which the tense check reads.
ATTRIBUTIVE_COVERB = regex.compile(r"(?:^|[，,；]|建立|组建|成立|形成)\s*(?:由|以)(?!\s*20\d{2})")
# Conditions and capacities, not goals: `对…年度技术合同成交额300万元以上的`, `年产1万台`, `20吨/年`.
# 经 only as a coverb of procedure (`经认定的`), not in a noun (`经营主体总量突破31万户` 马鞍山.docx, `经济总量`).
# 若/如果/如 open a condition as 凡 does (`若企业年度研发投入增长20%以上，给予奖励`, issue #16 round 5, class 2);
# not 若干, 如期, 如实, 如下. 经 not in 经常 (`经常参加体育锻炼的人数比例达到53%以上`), 经历, 经验, 经典.
CONDITION_WORD = (r"(?:对|对于|凡|若(?!干)|如果|假如|如若|如(?![期实下何此同今])|"
                  r"经(?![营济费贸常历验典])|按照?|根据|其中属于)[^，。；]*$")
CONDITION_HEAD = regex.compile(rf"(?:^|[，,；]){CONDITION_WORD}")
CONDITION_OPENS = regex.compile(CONDITION_WORD)  # matched where a stretch starts: a condition opening it
# A size may carry a floor or ceiling: `天使投资子基金规模不低于2亿元` is the size of a fund, not a goal (a hedged
# `基金规模力争达到每年5亿元` is one: the hedge sits between the noun and the number).
# Not an investment to be completed: `完成投资14亿元`, `年度计划投资475亿元`, `政府投资132亿元以上` are goals.
# Not the floor area of a kind of building, which a plan raises (`城镇新建绿色建筑面积达到1亿平方米`, round 5).
# Nor a sector's installed base or its increment (`新型储能规模达到90万千瓦以上` 德州, `新增新能源装机规模60万千瓦
# 以上` 亳州, `新开工建筑面积100万平方米` 吉林, round 6): the stock of a field, not one plant's size.
CAPACITY_HEAD = regex.compile(r"(?:年产|产能|(?<!装机|储能|并网|发电|新能源)(?:规模为?|总规模)|首期|注册资本|"
                              r"(?<!完成|计划|政府)投资额?|总投资|占地|"
                              r"占地面积|(?<!绿色|装配式|节能|低能耗|零能耗|星级|新开工|开工|竣工|新建)建筑面积)"
                              r"(?:不低于|不少于|不超过|不高于|超过|达到?)?$")
CAPACITY_HEAD_LAST = frozenset("产能模为期本资额地积于过达到")  # the last characters of the words above
# A government budget line is funding's pool, not a goal (spec §3.1 pools): `市财政每年安排2亿元…专项资金`,
# `市级财政每年投入1500万元`, `县财政安排科技专项资金1.2亿元`, `区财政每年安排人才发展专项资金不低于3000万元`.
# Not `财政科技投入达到10亿元` (投入 as the noun of a level).
BUDGET_LINE = regex.compile(r"(?:财政|预算)[^，。；]*?(?:安排|投入|列支|统筹|筹集|拨付|出资)"
                            r"(?:(?!达到|突破|超过|增长|提高|占)[^，。；])*$")
# A share earmarked for a use is a rule of distribution: `用于奖励…团队的比例不低于70%`,
# `其中用于支持高等学校…转化的资金不低于30%`.
EARMARK = regex.compile(r"用于[^，。；]*?的(?:比例|资金|经费|部分|额度)?(?:不低于|不少于|不超过|不高于|达到|为)?$")
# Limits of a support measure, not goals: `最长补贴36个月`, `最多支持3个`, `最长不超过24个月`, `补助面积不超过
# 300平方米`, `资助期限不超过3年`; rules say `原则上` (`A类比例原则上不超过参评总数的20%`); a classification
# counts its classes (`评价结果分为A、B、C、D四个等次`).
MEASURE_LIMIT = regex.compile(
    r"(?:最多|最长|最短|最高)\p{Han}{0,4}$|"
    r"(?:补助|补贴|资助|奖励|扶持|贴息|支持)(?:面积|期限|年限|时间|名额|人数|次数|标准|范围)"
    r"(?:不低于|不少于|不超过|不高于|最多|最高|为)?$|"
    r"原则上|(?:分为|划分为|分成)"
)
DURATION_GOAL = regex.compile("(?:" + "|".join(SHORTEN_VERBS) + r")(?:不超过|不多于)?$")
# A number before 的 inside the object of 对 qualifies that object: `引导金融机构对年度研发费用占营业收入比重超过
# 5%的企业…` is a condition, not a goal. Not `对接`, `对标`, `对外`, `对口` (`组织校企对接活动20场`).
CONDITION_OBJECT = regex.compile(r"(?<![针面相绝])对(?!接|标|外|口|比|照|话)[^，。；]*$")
# A count of the text's own parts is no goal: `重点做好10个方面工作` (马鞍山.docx), `抓好以下六个方面`.
TEXT_PARTS = regex.compile(r"(?:方面|部分|层面|维度|板块)")
TEXT_PARTS_FIRST = frozenset("方部层维板")
# The tasks or measures of a plan counted by the text that lists, adopts or carries them out (issue #16, class 7):
# `全面落实中央支持意见和本市行动方案明确的280项任务` (上海.docx), `落实支持个体工商户发展30条措施` (淄博.docx),
# `协同推进《成渝地区双城经济圈建设规划纲要》138项重点任务` (眉山.docx). Not tasks a goal creates or drives:
# `创新推出100项便民利企措施` (wr_binzhou_2024 gold), `推动改革开放先行98项具体举措落地落实` (wr_ezhou_2024 gold).
TASK_NOUN = regex.compile(r"(?:重点|具体|主要|专项|政策)?(?:任务|措施|举措|工作|实施环节)(?:清单)?")
TASK_COUNT_UNITS = ("项", "条", "个")
TASK_SOURCE = regex.compile(r"(?:提出|明确|确定|部署|细化|分解|包括|涵盖|落实|贯彻|执行|兑现)|》[^，。；、]{0,8}$")
# A span of hours that modifies what follows it, not a quantity to reach (class 7): `推动30座城市公园24小时开放`
# (上海.docx), `24小时“大气110”巡查` (宿州.docx), `“7×24小时”自助政务服务` (长治.docx), `全天24小时`. Not hours of
# service counted (`科普志愿服务时长达到10万小时`) nor a limit (`2小时以内`).
HOURS_MODIFIER_AFTER = regex.compile(r"(?!以上|以内|左右|以下|之内|的)[\p{Han}“”\"]")
HOURS_MODIFIER_BEFORE = regex.compile(r"(?:[×xX*＊]|全天)\s*$")
# A count of the fields a text focuses on describes its scope, not a goal (class 7): `紧盯15个重点领域` (菏泽.docx),
# `聚焦N个核心区域`: the number is the direct object of the focus verb.
FOCUS_VERB = regex.compile(r"(?:聚焦|围绕|紧盯|紧扣|瞄准|锚定|突出)(?:全市|全区|全县|全省)?\s*[“\"]?$")
# `两位数增长`: 位 counts digits there, not places.
DIGIT_COUNT_AFTER = regex.compile(r"数")
# A capacity covers the values coordinated after it: `年产1200吨高纯度氮化硅粉体和10000吨碳化硅粉体`.
# So does a fund's size: `用好总规模20亿元的市科创基金和5000万元科技贷款风险补偿资金池`.
CAPACITY_CHAIN = regex.compile(r"(?:年产|产能|总规模|规模)[^，。；、]*?(?:和|及|与|以及)$")
CAPACITY_CHAIN_LAST = frozenset("和及与")
# Money right before the name of a fund or pool is that pool's size: `5000万元科技贷款风险补偿资金池`,
# `2亿元科技成果转化专项资金`.
POOL_AFTER = regex.compile(r"[^，。；、\n]{0,14}?(?:资金池|风险池|基金|专项资金)")
# A quantifier over units: `50%以上的县（市、区）`; the unit noun ends at one of these heads.
UNIT_HEADS = regex.compile(r"(?P<noun>[^，。；、]{0,12}?(?:县|区|市|镇|乡|村|社区|企业|单位|高校|院所|学校|医院|园区)"
                           r"(?:[（(][^）)]{1,8}[）)])?)")
CLAUSE_END = regex.compile(r"[，,。；;！？!?：:\n]")


def may_end_with(text: str, start: int, end: int, chars: frozenset[str]) -> bool:
    """Whether a pattern anchored with ``$`` can match in text[start:end] ending on one of ``chars``: the
    stretch's last character, or the one before a final line break (where ``$`` matches too)."""
    if end <= start:
        return False
    if text[end - 1] == "\n" and end - 1 > start:
        end -= 1
    return text[end - 1] in chars


def value_of(m: regex.Match) -> tuple[float, str | None] | None:
    """(value, unit) with 万/亿 expanded (`2.2万家` → 22000 家, `800亿元` → 8e10 元); a range's lower bound."""
    number = parse_number(m.group("num"))
    if number is None:
        return None
    return plain(scale(number, m.group("mult"))), unit_of(m)


def unit_of(m: regex.Match) -> str | None:
    """The measure word after a value: a listed one, a Latin one (`MW`) or a noun after a magnitude (`词元`)."""
    return m.group("unit") or m.group("nunit")


# --- Non-goals and goals of unseen documents (issue #16, round 5: targets-5) ---------------------------------
# Read right before a value (one search over its last characters, keep.catalogue_or_measure_term):
# - a term of a formula (`高新技术企业数/企业总数×100%`, `（本年度X－上一年度X）/上一年度X×100%` in a 计算方法 cell): a
#   percentage that multiplies a quotient defines the indicator, it sets no level;
# - a scoring band, a value glued to a comparison sign (`完成率<80%`, `80%≤完成率≤120%`, `>120%`);
# - the fields an action happens in, the object of 在: `在10个重点领域探索营商环境集成创新改革` (武汉.docx); not the
#   places a goal counts (`在200个以上社区设立仲裁服务联络站` 潍坊.docx: PLACE_OF_ACTION_AFTER), nor a level
#   (`保持在16万头合理区间` 抚州.docx).
TERM_BEFORE = regex.compile(r"(?:(?P<formula>[×*＊])|(?P<band>[<>≤≥＜＞])|"
                            r"(?P<place>(?<![存实现所正内外持定制])在))\s*$")
TERM_BEFORE_WIDTH = 3
TERM_BEFORE_SIGNS = frozenset("×*＊<>≤≥＜＞在")  # the characters a TERM_BEFORE match ends with (before spaces)
PLACE_OF_ACTION_AFTER = regex.compile(r"[^，。；、]{0,10}?(?:领域|行业|场景)")
# Read right after a value: a band's sign (`80%≤`); a headless 的 clause closed by the value, which states the case
# a rule applies to (`研发投入与营业收入比值不低于5%的，给予支持`, `长度超过2米的，处以罚款`); a payment (`20%拨付`).
TERM_AFTER = regex.compile(r"\s*(?:(?P<band>[<>≤≥＜＞])|(?P<condition>的\s*[，,：:；;])|(?P<payment>拨付|兑付))")
TERM_AFTER_SIGNS = frozenset("<>≤≥＜＞的拨兑 \t")  # the characters a TERM_AFTER match starts with
# A definition of an indicator opening its line or cell: `计算方法：`, `指标说明：`; its numbers define, never aim.
DEFINITION_HEAD = regex.compile(r"(?:计算方法|计算公式|指标说明|指标解释|指标定义|统计口径)\s*[：:]")
# A threshold on the subject of a rule: `5000平方米以上政府投资项目应当采用装配式建筑`: the value and its 以上
# modify the noun that a modal verb then binds.
RULE_SUBJECT_AFTER = regex.compile(
    r"[^，。；：\d]{1,20}?(?:应当|必须|不得|一律|均应|均须|应(?:按|采用|符合|满足|达到|执行|设置|配建|同步))")
# A threshold on the subject of a later value: `高考600分以上人数增长10%`: the count, score or size with its 以上
# names which part of a population the later value measures.
LATER_VALUE_SUBJECT = regex.compile(
    r"\p{Han}{1,12}?(?:增长|增加|提高|提升|达到|达|占比|比重|比例|突破|超过)\s*(?:约|近)?\d")
# A payment schedule of a grant: `每年拨付20%`, `拨付比例分别为40%、30%、30%`, `按4∶3∶3比例分三年拨付`.
PAYMENT_BEFORE = regex.compile(r"拨付(?:比例)?(?:分别)?(?:为)?\s*$")
# A cycle of revision or review: `每5年修订1次`, `每两年评估1次`: how often, not how much.
CYCLE = regex.compile(r"每\s*(?:\d+|[两二三四五六七八九十])\s*个?(?:年|月)")
# An entry of a glossary or notes section that cites the page it explains: `…50-300米半径…（第55页）`.
GLOSSARY_ENTRY = regex.compile(r"[（(]\s*第\s*\d+\s*页\s*[）)]")
# A time span each year with a floor is a goal of time spent: `科技特派员每年至少1个月驻村开展服务`
# (a procedure's span has no 每年: `公示期不少于5个工作日`).
ANNUAL_FLOOR = regex.compile(r"每年度?[^，。；]{0,12}?(?:至少|不少于|不低于)\s*$")
# A Chinese 一 counts only after a floor: `至少建设一所特殊教育学校` (`一批`, `一家` stay no value).
FLOOR_BEFORE_ONE = regex.compile(r"(?:至少|不少于)\p{Han}{0,4}$")
# A floor opening the verb phrase before a number-first value: `至少建设一所…学校`, `每个县至少办好1所…` → ge.
FLOOR_BEFORE_VERB = regex.compile(r"(?P<cmp>至少|不少于)\p{Han}{1,4}$")
# `占全省一半以上`, `超过一半`, `压减一半以上`: half, as 50 % (issue #16, class 6).
HALF = regex.compile(r"(?P<pre>超过|不少于|不低于|达到|接近|近|约)?(?P<half>一半(?!导)|半数)(?P<post>以上|左右)?")
HALF_CHANGE = regex.compile(r"(?:压缩|压减|减少|降低|缩短|缩减|下降|提高|增加|提升)$")

# A gloss in brackets after a term restates it as a 的-phrase: `“双师型”教师（同时具备理论教学和实践教学能力的
# 教师）` names the same indicator as `“双师型”教师` (round 6). Not a list of places (`县（市、区）`).
GLOSS = regex.compile(r"[（(][^（）()，。；]{2,40}的[^（）()，。；的]{1,10}[）)]")
# The verb before `VALUE[以上]的 NOUN`: the value modifies the noun after 的, which names what is counted
# (`引导完成2000万平方米以上的既有建筑节能改造示范项目`, round 6); the verb phrase is no indicator.
VERB_BEFORE_MODIFIER = regex.compile(r"(?:完成|实现|建成|推进|推动|实施|开展|新建|建设|改造|创建|培育|打造|引导|带动|"
                                     r"组织|落实)$")
# `X等Y的Z工作`: 等 closes the examples; the category after it and what is done to it name the goal (round 6).
EXAMPLES_BEFORE = regex.compile(r"[^，。；的]{1,20}等(?!于)(?=[^，。；等]{1,20}的)")
WORK_TAIL = regex.compile(r"(?<=\p{Han}{2})工作$")
