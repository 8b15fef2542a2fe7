"""Context of a granted amount (spec §3.1): its clause, per marker, form word and beneficiary.

Helpers for ``extractors.funding``. All offsets are clean-text offsets; a sentence is cut into
clauses at ，：\\t so that a word only governs the amount of its own clause unless a rule says
otherwise (gold convention 5: ``每年组织实施一批…，分别给予最高500万元`` → per null).
"""

from __future__ import annotations

import regex

# A sentence is cut into clauses at ，, tab and a colon that is not a ratio's (extractors/clauses.py).
from extractors.clauses import clause_index, clauses, sentences  # noqa: F401 (re-exported for funding)
from extractors.funding.rules import BARE_AMOUNT
from extractors.words import ARTICLE as ARTICLE_WORDS
from extractors.words import CAP_WORDS, GIVE_RE, NOUN_JOIN_RE, PER_MEASURE, SUPPORT_NOUNS
from pipeline.models import Per

# The support word next to an amount: `奖补`, `资金奖励`, `股权投资支持`, `建设资金补助或奖励`.
_HEADS = "|".join(SUPPORT_NOUNS)
FORM_HEAD = regex.compile(_HEADS)  # compiled once (form_before compiled it per call)
# `给予出资方一次性奖励5万元`, `给予物业管理公司年度奖励`: the object of 给予 and the form written together; the
# object ends in an actor noun (ACTOR_HEAD, 出资方, 业主, 公司), the form is what follows it.
OBJECT_THEN_FORM = regex.compile(
    rf"(?P<who>\p{{Han}}{{1,20}}?(?:方|业主|公司|单位|企业|机构|主体|个人|团队))"
    rf"(?P<form>(?:一次性|年度|区级|市级|配套|专项)*(?:{_HEADS})+)"
)
# Up to six modifier characters (`一次性资金`, `分级分类`), never across 给予/予以/的 (those start
# another phrase: `100万元的企业给予支持` is an attributive amount, not a form).
# A second support noun joined by 或/和/及 belongs to the form: `建设资金补助或奖励`, `安家补贴和科研启动经费`.
FORM = regex.compile(
    rf"(?:(?!给予|予以|的|等)\p{{Han}}){{0,6}}?(?:{_HEADS})+"
    rf"(?:[或和及](?:(?!给予|予以|的|等)\p{{Han}}){{0,6}}?(?:{_HEADS}|经费)+)?"
)
# `奖励比例为5%—15%`, `补助标准为每月20元`: the support word names the rate, not the grant; the form
# is the one an earlier clause gives (`给予增量奖励，奖励比例为…` → 增量奖励).
RATE_NOUN = regex.compile(rf"(?:{_HEADS})(?=比例|标准|额度)")
# What may stand between an amount and its form word: `10%的补助`, `1∶1比例给予资金奖励`, `予以兑付`.
# `按每人每月3000元标准发放生活补贴` → 生活补贴: 发放 is the verb, not part of the form.
FORM_LEAD = regex.compile(r"的?(?:比例|标准)?(?:给予|予以|给与|发放|进行)?")
# `分别给予每人10万元、5万元培养经费`, `100万元创业启动资金`: a funds noun right after the amount names it
# when no support word does.
FORM_NOUN = regex.compile(r"(?:(?!给予|予以|的|等|用于)\p{Han}){1,6}?(?:经费|资金)(?!\p{Han})")

# Per markers (spec §3.1 per), matched in the amount's clause before it. 每天 has no enum value:
# `每人每天50元` → the nearest marker with a value (每人 → entity).
PER_MARKERS: tuple[tuple[regex.Pattern, Per | None], ...] = (
    # 每个项目 / 单项活动 / 单品种 → project; 单项冠军 is a title, not a marker.
    # `每完成1项评价给予0.5万元`, `单场活动最高不超过30万元`: each item or event funded.
    (
        regex.compile(
            # `单个示范项目最高不超过300万元` (徐汇): a qualifier of up to three characters before 项目
            r"每个?项目|单个(?:\p{Han}{1,3}?)?项目|每一项目|每项|单项(?!冠军)|每个课题|单个课题|单品种|每个品种|"
            r"每\p{Han}{1,2}[一1]项|单场|每场"
        ),
        Per.PROJECT,
    ),
    # 每年 / 年度最高 / 年最高 / 年获补助总额 → year; 年度技术合同成交额 is a base, not a marker.
    (
        regex.compile(
            r"每年度?|(?<![\d一二三四五六七八九十上本当今明去前后同每])年度?"
            r"(?=最高|累计|最多|获|补助|奖励|支持|资助|奖补|补贴|贴息|不超过|不高于|给予)"
        ),
        Per.YEAR,
    ),
    (regex.compile(r"每月"), Per.MONTH),
    (regex.compile(r"每天|每日|每次|每亩|每平方米"), None),
    # 每家企业 / 每个市级创新创业共同体 / 每人 / 单个企业 → entity.
    (
        # `单幢楼宇` / `每栋建筑`: a building funded on its own, the recipient's unit
        regex.compile(
            r"每家|每个|每户|每人|每名|每位|每所|单个|单家|单户|[单每][幢栋]|同一(?=\p{Han}{0,8}?(?:最高|不超过|年|每))"
        ),
        Per.ENTITY,
    ),
)
# `10万元/年`, `500元／人`: the unit after a slash, read at the end of the amount's span or right after it.
PER_UNIT = regex.compile(r"\s*[/／]\s*(?P<unit>[年月项人家户])")
PER_AFTER = {"年": Per.YEAR, "月": Per.MONTH, "项": Per.PROJECT, "人": Per.ENTITY, "家": Per.ENTITY, "户": Per.ENTITY}
# A verb between a 每年 and the amount ties the marker to that verb instead (`每年评选一批…给予`).
PER_BREAK = regex.compile(r"评选|组织|遴选|认定|实施|安排|开展|建设|培育")
MAX_PER_GAP = 14

# Beneficiary (gold convention 5): the object of 对…给予, without a leading 符合条件的.
DUI = regex.compile(r"(?<![针相面绝核应])对于?(?![接外口标比照话])")
DUI_STOP = regex.compile(
    r"[，,；。：\t]|给予|予以|分别|按照?|根据|依据|择优|一次性|"
    # the grantor's 财政 (`对…，市财政给予`), not one inside the recipient's relative clause
    # (`对获得中央、上海市财政奖励的合同能源管理项目`, 浦东新区合同能源管理专项补贴)
    r"(?:市|区|县|省)?(?:级)?财政(?!(?:(?!给予|予以)[^，,；。：\t]){0,10}的)|再给予|"
    # the grantor's level word before its verb is no part of the recipient: `对…孵化器市级给予`,
    # `…孵化器区级配套给予`
    r"(?:国家|省|市|区|县|自治区)级(?:再|另行|配套|可|一次性)*(?=给予|予以|奖励|补助|支持)|"
    # another government's share opens: `对…团队，在省补贴60%补助的同时…` (funding.OTHER_GOVERNMENT)
    r"在(?=[^，。；]{0,30}?(?:的同时|之外|以外|的?基础上))"
)
# Only a leading `符合条件的` is dropped (convention 5); `经认定的省级“瞪羚企业”` and a setting
# `在…大赛中获奖的企业` are qualifiers as written and stay. `备案为/认定为` before a noun is the
# recipient's class (seed 聊城 `对备案为省级技术转移服务机构的` → 省级技术转移服务机构).
LEADING_DROP = regex.compile(r"^(?:符合条件的|(?:被)?(?:备案|认定|评)为|列为)+")
# A headless 对 phrase is written as is, 的 included (convention 5 as revised): `对获得中国专利金奖的`,
# `对建设成效显著的`, `对首次入选省科技领军企业的`, `对获批国家重点研发计划项目的`.
# `对符合条件的给予…`: once 符合条件的 is dropped nothing names the recipient; the thing the sentence
# builds is meant (`建设概念验证平台，…对符合条件的给予` → 概念验证平台, seed 青岛), else null.
ANTECEDENT = regex.compile(
    r"(?:建设|布局|打造|培育|组建|搭建|认定|创建)(?:一批)?(?P<obj>(?:(?!给予|予以|对)[^，,；。：\t]){2,40})"
)
# A noun head after which a trailing 的 is dropped when no verb precedes it (`备案为省级技术转移服务机构的`
# → the noun phrase); with a verb (`新列入…企业（单项冠军产品）的`) the relative stays as written.
NOUN_BEFORE_DE = regex.compile(
    r"(?:机构|企业|单位|高校|院所|团队|人才|平台|个人|园区|智库|中心|基地|实验室|合同|项目|产品|成果|课题|"
    r"孵化器|空间|载体|联合体|研究院|[）)”])的$"
)
# Who a sentence supports when no 对 names it: `支持科技型中小企业使用创新券…`, `鼓励创投风投机构…`.
# 支持 before a word of amount or terms is a noun, not the verb: `单个项目支持金额最高不超过200万元`,
# `每家企业每年支持总额…` (corpus/real/policy_jingan_chuhai.txt), `支持强度`, `支持方式`.
SUPPORT_AS_NOUN = r"金额|总额|资金|额度|标准|比例|力度|强度|政策|方式|对象|范围|期限|年限"
SUPPORT_VERB = regex.compile(
    rf"(?:支持(?!{SUPPORT_AS_NOUN})|鼓励|引导|组织实施一批|实施一批|打造一批|评选一批|遴选一批|培育一批)"
    r"(?P<obj>[^，,；。：\t]{2,60})"
)
# Verbs that end such an object (`技术合同服务点|深化…`, `智库|参与…`, `重点科技项目|引进落地`).
OBJECT_STOP = regex.compile(
    r"以(?!及)|开展|参与|使用|深化|提升|围绕|聚焦|加快|推动|加强|实施|申报|承担|进行|购买|引进|通过|面向|发挥|"
    r"开发|联合|牵头|组建|设立|创建|争创|申请|参加|探索|利用|提供|投早|建立|加大|落地|在(?=\p{Han}{0,8}(?:领域|方面))"
)
ACTOR_HEAD = regex.compile(
    r"机构|企业|单位|高校|院所|团队|人才|平台|个人|园区|智库|中心|基地|实验室|银行|主体|专家|学者|空间|孵化器|联合体|联盟|"
    r"医院|工作站|服务站|驿站|载体|街道|乡镇"
)
# What follows an actor that is the subject of a relative clause: `科技型中小企业|购买…的`,
# `企业|使用创新券…的`, `科技型中小企业|首次获得银行信用贷款的`, `高校、科研院所|向企业转移…`.
ACTOR_VERB = regex.compile(
    r"(?:首次|新|当年|年度内|依法|自主|独立|联合|共同|牵头|主导|参与|承担|购买|使用|获得|申请|申报|开展|实施|投资|"
    r"入驻|落户|迁入|引进|租用|委托|采购|发放|转移|转化|开发|研发|建设|设立|组建|创办|举办|组织|提供|向|在|与|以|"
    r"通过|利用|围绕|为|来|到|赴|上市|挂牌|获|被|成功|完成|落地|"
    # `企业投保首台（套）…的`, `企业柔性引进人才…的`, `高层次人才携带技术…领办…的`, `企业并购境外研发机构的`
    r"投保|柔性|全职|携带|领办|购置|新建|并购|收购|承接|吸纳|招用|聘用|招收|主办|承办)"
)
# A phrase opened by a preposition names a role or a setting, not the actor (`以第一完成单位获得…的`).
PREPOSITION = regex.compile(r"以(?!及)|在|由|经|按|作为")
# A recipient NP never holds these verbs: `新认定为高新技术企业|并…` is a relative, not an actor NP.
NOT_IN_ACTOR = regex.compile(r"的|为|认定|获|入选|列入|评为|晋级|引进|购买|使用|承担|参与|投资")
# `生命健康、现代农业等领域技术成果示范应用` → `技术成果示范应用`.
FIELD_LIST = regex.compile(r"^.*等(?:领域|行业|方面|产业)")
# Topic clause before `按照…给予`: `经认定登记的技术开发合同、技术转让合同，按照…给予补助`.
# `获得国家科学技术奖一等奖的项目，奖励300万元`: a support word opening the clause follows a topic too.
TOPIC_FOLLOWER = regex.compile(r"(?:(?:国家|省|市|区|县|自治区)级(?:财政)?(?:再|另行|配套)*)?"
                               r"(?:按照?|根据|依据|给予|予以|一次性|择优|可|奖励|补助|资助|补贴|奖补)")
# A bare amount clause (`单个项目最高补贴`, `每家企业每年最高`): a scope, a period, a sum word, a ceiling and
# the support word it names, and nothing else before the amount.
BARE_AMOUNT_CLAUSE = regex.compile(rf"{BARE_AMOUNT.pattern}(?:{CAP_WORDS}(?:{_HEADS})?)?")
# `X项目奖励标准为`, `X企业补贴金额为`: the support word's standard of a noun phrase, right before the amount.
RATE_OF_SUBJECT = regex.compile(rf"(?<=\p{{Han}}{{2}})(?:{_HEADS})(?:标准|金额|额度)(?:为|是)?$")
# A scope an amount is counted per (`单个项目`, `每家企业`, `同一企业`): it sets per, it names no recipient.
SCOPE_OPEN = regex.compile(r"^(?:每|单个|单家|单户|单项|单幢|单栋|同一)")
# A clause of how an amount is set (`根据项目对本区…的贡献，`), skipped on the way back to the topic.
BASIS = regex.compile(r"(?:根据|依据|按照?|视)")
# A relative clause that goes on from the clause before: `…实施建筑节能项目，且被列入…的`.
RELATIVE_GOES_ON = regex.compile(r"(?:且|并且|并|同时)(?!\p{Han}{0,2}(?:给予|予以))")
# A topic is a noun phrase: it ends with a recipient's head noun.
TOPIC_HEAD = regex.compile(r"(?:合同|项目|产品|成果|课题)$")
NOT_TOPIC = regex.compile(
    r"^(?:鼓励|支持|引导|根据|按照?|依据|通过|在|对|为|由|结合|围绕|聚焦|"
    r"实施|推进|完善|加强|建立|强化|降低)"
)
# A base of a rate is not a beneficiary: `给予租赁费用10%的补助`.
BASE_END = regex.compile(r"(?:费用|费|额|支出|成本|资金|收入|金额|总额|利息|利率|投资|价格|部分)$")
# `对企业研发费用按10%给予补助`: the recipient is the owner of the base, 企业.
# A cost item of the recipient is its base too: `对开展节能诊断的单位的诊断费`, `对…项目的前期费` (the 的 is
# required for a bare 费: `服务费` alone names no owner).
BASE_OF = regex.compile(
    r"的?(?:研发|设备|购置|租赁|贷款|服务|技术|实际)*(?:费用|投入|支出|成本|投资额|金额|利息|贷款)$"
)
COST_ITEM = regex.compile(r"的\p{Han}{1,4}?费$")
# `对A、B，以及C的X`: a conjunction after the comma continues the 对 object.
DUI_CONTINUE = regex.compile(r"以及|及|和|或者|或")
# `国家级、省级，以及…市级X`: conjuncts that are only levels share a head noun.
BARE_LEVEL = regex.compile(r"(?:国家|省|市|县|区)级(?:以上)?$")
LEVEL_END = regex.compile(r"(?:国家|省|市|县|区)级?(?:以上)?$")
LEVEL_PREFIX = regex.compile(r"^(?:(?:国家|省|市|县|区)级(?:以上)?)+")
# A bare unit after a per marker (`给予每家企业`) names no one.
GENERIC_UNIT = regex.compile(r"企业|单位|机构|项目|团队|个人|人才|平台")
# Where a clause's own subject ends: the grant verb, a rate (`按`), a cap word, a per marker.
SUBJECT_END = regex.compile(
    r"按照?|根据|依据|给予|予以|给与|可(?!再生)|再(?!次)|一次性|最高|最多|不超过|不高于|分别|每|单个|单家|单户|单项|同一|"
    r"连续|自(?=\p{Han}{0,6}起)|\d"
)
# A rate's description is no subject: `补助比例为…`, `补贴标准为…`, `占…`.
NOT_SUBJECT = regex.compile(r"比例|标准|额度|期限|(?<!认定|评|列|确定)为|占")
# A clause opened by a conjunction goes on with the phrase before it (`对…，以及…X分别给予`).
CONJUNCTION = regex.compile(r"以及|及|和|或|并|且|同时")
# Governments grant, they do not receive: `市财政`, `省级再给予`, `省科技厅会同省财政厅`.
GOVERNMENT = regex.compile(r"财政|政府|[厅局]|管委会|^(?:国家|中央|省|市|县|区|乡|镇|设区市|各级|本级|上级)级?$")
# An article number or an item's list mark the clause opens with: `第十二条`, `（一）`, `1．`.
ARTICLE = regex.compile(
    rf"^\s*(?:{ARTICLE_WORDS}|[（(][一二三四五六七八九十\d]{{1,3}}[）)]|[一二三四五六七八九十]{{1,3}}、|\d{{1,2}}[．.、](?!\d)"
    r"|其中[，,]?)\s*"  # `其中国家级园区管理机构单个项目…`: 其中 opens the clause, it names no one
)
# `每个项目` / `单个中心`: a distributive whose head refers back to a noun an earlier clause names.
PER_HEAD = regex.compile(
    r"(?:每个|每家|每项|每一|单个|单家|单项)"
    r"(?P<head>项目|中心|平台|基地|团队|机构|实验室|园区|工程|联合体|空间|孵化器|活动|课题|合同)"
)
# The verb before that noun: `承担|市级重点研发计划项目`, `建设一批|概念验证中心`.
ANTECEDENT_VERB = regex.compile(
    r"承担|建设|组建|创建|认定|实施|申报|支持|鼓励|引导|培育|打造|设立|获批|入选|布局|搭建|引进|牵头|开展|新建|"
    r"遴选|评选|备案|给予|予以"
)
# `该孵化器运营机构` → 孵化器运营机构 (a determiner is not part of the recipient); `其所在孵化载体` stays.
# `每年最多支持3个项目` → 项目: a count is not part of the recipient either.
# `支持一批科技型中小企业`, `每年遴选一批…企业` → the noun phrase after the quantifier (一批/若干 and a
# verb phrase before it are no part of the recipient).
DETERMINER = regex.compile(
    r"^(?:该|此|另|\d+[个家项]|[一二两三四五六七八九十]+[个家项]|(?:[^的，,、]{0,8}?)(?:一批|若干))(?=\p{Han}{2})"
)
# `孵化器每家` → 孵化器: a per marker after the noun belongs to the amount.
TRAILING_PER = regex.compile(r"(?<=\p{Han}{2})(?:每家|每个|每人|每名|每户|单个|单家)$")
# An item an amount is paid per: `给予每项产品…`, `单个项目…`.
PER_ITEM_OBJECT = regex.compile(r"^(?:每项|单项|每个项目|单个项目)")
# A unit of measure (`给予每吨标准煤500元补助`, 福建) names what the rate is paid per, not who receives it.
GIVE_OBJECT_DROP = regex.compile(
    rf"^(?:每个|每家|每户|每人|每名|单个|单家|每天|每日|每月|每年|{PER_MEASURE}|一次性|最高|最多|不超过|不高于|分别)+"
)
FORM_DROP = regex.compile(r"^(?:的|每个|每家|每户|每人|每名|单个|单家|最高|最多|不超过|不高于|分别)+")


def per_of(text: str, clause_start: int, amount_start: int, amount_end: int) -> Per | None:
    """The per marker tied to an amount: `/年` after it, whether or not the amount's span already took
    it (a per-unit rate `10万元/年` ends with its unit, find.UNIT_AFTER), else the nearest marker before
    it in its clause."""
    unit = PER_UNIT.search(text, max(0, amount_end - 4), amount_end)
    if unit is None or unit.end() != amount_end:
        unit = PER_UNIT.match(text, amount_end)
    if unit:
        return PER_AFTER[unit.group("unit")]
    best: tuple[int, Per | None] | None = None
    for pattern, per in PER_MARKERS:
        for m in pattern.finditer(text, clause_start, min(len(text), amount_start + 6)):
            if m.end() > amount_start:
                continue
            gap = text[m.end() : amount_start]
            if len(gap) > MAX_PER_GAP or PER_BREAK.search(gap) or per is None:
                continue
            if best is None or m.end() > best[0]:
                best = (m.end(), per)
    return best[1] if best else None


def form_after(text: str, end: int, limit: int) -> str | None:
    """`最高30万元的贴息贴保等奖补` → 贴息贴保; `10%给予奖励` → 奖励; `1∶1配套` → 配套."""
    lead = FORM_LEAD.match(text, end, limit)
    pos = lead.end() if lead else end
    m = FORM.match(text, pos, limit) or FORM_NOUN.match(text, end, limit)
    # `不低于100万元的配套资金`: a support word compounded with 资金/经费 is the form whole (challenge
    # H_yichang gold 配套资金), not its first word.
    whole = FORM_NOUN.match(text, pos, limit)
    if m and whole and whole.start() == m.start() and whole.end() > m.end():
        m = whole
    return m.group() if m else None


def form_before(text: str, clause_start: int, start: int) -> str | None:
    """`给予一次性资金奖励20万元` → 一次性资金奖励; `市级支持强度不高于500万元` → 支持."""
    window = text[clause_start:start].rstrip("，,：:；; \t")
    gives = list(GIVE_RE.finditer(window))
    if gives:
        between = window[gives[-1].end() :]
        m = FORM.fullmatch(FORM_DROP.sub("", between))
        if m:
            return m.group()
    heads = list(FORM_HEAD.finditer(window))
    if not heads:
        return None
    # `给予房租补贴，补贴期限最长2年，每家最高…`: the support word of the grant, not of its terms
    # (`支持金额最高不超过200万元` with no other support word keeps 支持: policy_jingan_chuhai gold).
    forms = [h for h in heads if not HEAD_AS_NOUN.match(window, h.end())]
    return compound(window, (forms or heads)[-1])


# A support word that names the terms of a grant, not its form: `补贴比例为…`, `补贴期限最长2年`.
HEAD_AS_NOUN = regex.compile(r"比例|标准|额度|期限|年限|总额|金额")
# A support phrase's modifiers are read leftwards from its head only back to where an object noun
# phrase opens: 的 (`20元的运营补贴`), a verb of granting (`给予租金补贴`), or the clause start when
# the phrase opens with 一次性 (`一次性奖励五十万元`). Anywhere else the words before the head are
# the clause's own (`每年最多支持`, `项目市级支持强度`, `连续补助`, `3万元奖励`): the bare head.
PHRASE_OPEN = regex.compile(r"的|给予|予以|给与")
MAX_MODIFIER = 6
FORM_DETERMINER = regex.compile(r"^(?:本条|本项|该项|上述|此项|各类|各项|上述各类)")


def compound(window: str, head: regex.Match) -> str:
    """The whole support phrase ending at ``head`` (`…20元的运营补贴` → 运营补贴, `给予租金补贴` → 租金补贴,
    `一次性奖励` → 一次性奖励) when an object phrase opens before it; else the head word."""
    lo = max(0, head.start() - MAX_MODIFIER - 2)
    opens = [o for o in PHRASE_OPEN.finditer(window, lo, head.start())]
    if opens:
        phrase = window[opens[-1].end() : head.end()]
    else:
        phrase = window[lo : head.end()]
        cut = max(phrase.rfind(c) for c in "，,；;：:\t ")
        phrase = phrase[cut + 1 :]
        if not phrase.startswith("一次性"):
            return head.group()
    phrase = FORM_DETERMINER.sub("", FORM_DROP.sub("", phrase))
    if len(phrase) - len(head.group()) > MAX_MODIFIER or not regex.fullmatch(r"\p{Han}+", phrase):
        return head.group()
    return phrase


def _strip_object(obj: str) -> str | None:
    obj = LEADING_DROP.sub("", obj.strip()).strip()
    obj = DETERMINER.sub("", obj)
    if NOUN_BEFORE_DE.search(obj) and not NOT_IN_ACTOR.search(obj[:-1]):
        obj = obj[:-1]
    obj = TRAILING_PER.sub("", obj)
    return obj or None


def lead_actor(phrase: str) -> str | None:
    """`科技型中小企业购买…成果并…转化的` → 科技型中小企业: the actor that opens a clause."""
    phrase = LEADING_DROP.sub("", phrase)
    if PREPOSITION.match(phrase):
        return None  # `以第一完成单位获得…奖的`: a role, not an actor; the relative stays as written
    for h in ACTOR_HEAD.finditer(phrase):
        np = phrase[: h.end()]
        if NOT_IN_ACTOR.search(np):
            return None
        if ACTOR_VERB.match(phrase, h.end()):
            return np
    return None


def _dui_phrase(raw: str, text: str, sent_start: int, dui_start: int) -> str | None:
    raw = raw.strip()
    if not LEADING_DROP.sub("", raw):
        for a in reversed(list(ANTECEDENT.finditer(text, sent_start, dui_start))):
            return _strip_object(a.group("obj").rsplit("的", 1)[-1])
        return None
    if raw.endswith("的"):
        # `对企业使用创新券购买服务的` → 企业: a relative clause whose subject is the recipient.
        actor = lead_actor(raw)
        if actor:
            return actor
    base = BASE_OF.sub("", raw)
    # `对企业研发费用` → 企业 (the owner of the base); `对…获得的知识产权质押贷款` stays as written.
    if base and ACTOR_HEAD.search(base[-3:]):
        return _strip_object(base)
    # `对既有建筑节能改造项目的前期费` → the project: a cost item is paid to its owner
    owner = COST_ITEM.sub("", raw)
    if owner != raw and (ACTOR_HEAD.search(owner[-3:]) or TOPIC_HEAD.search(owner)):
        return _strip_object(owner)
    return _strip_object(raw)


# A 对 inside the basis of an amount names what is measured, not who receives: `根据项目对本区节能减排降碳
# 的贡献，最高按1:0.5比例给予区级资金匹配` (徐汇区节能减排降碳专项资金管理办法), `按照其对本区经济贡献`.
BASIS_BEFORE_DUI = regex.compile(r"(?:根据|依据|按照?|视)[^，,；。：\t]*$")


def in_basis(text: str, sent_start: int, pos: int) -> bool:
    """The 对 at ``pos`` stands inside a 根据/按照 phrase of its clause."""
    return bool(BASIS_BEFORE_DUI.search(text, max(sent_start, pos - 20), pos))


def dui_object(text: str, sent_start: int, start: int) -> tuple[str | None, bool]:
    """(object of the last 对 before ``start``, found?) — found with None when it names no one.

    The object ends at a comma unless a conjunction opens the next clause: `对A、B，以及C的X，给予`
    → `A、B，以及C的X`, as written.
    """
    hits = [h for h in DUI.finditer(text, sent_start, start) if not in_basis(text, sent_start, h.start())]
    if not hits:
        return None, False
    m = hits[-1]
    stop = DUI_STOP.search(text, m.end(), start)
    end = stop.start() if stop else start
    split = None
    while stop and stop.group() in "，," and DUI_CONTINUE.match(text, stop.end(), start):
        split = (stop.start(), DUI_CONTINUE.match(text, stop.end(), start).end())
        stop = DUI_STOP.search(text, split[1], start)
        end = stop.start() if stop else start
    if split:
        shared = shared_head(text[m.end() : split[0]], text[split[1] : end])
        if shared:
            return shared, True
    return _dui_phrase(text[m.end() : end], text, sent_start, m.start()), True


def shared_head(first: str, last: str) -> str | None:
    """`对新认定的国家级、省级，以及建设成效显著的市级国际科技合作基地` → 国际科技合作基地: the
    conjuncts before the comma are bare levels, so they share the last conjunct's head noun
    (seed 青岛 gold); conjuncts with heads of their own are kept as written."""
    if ACTOR_HEAD.search(first) or TOPIC_HEAD.search(first) or not BARE_LEVEL.search(first):
        return None
    head = LEVEL_PREFIX.sub("", last.rsplit("的", 1)[-1])
    return head if len(head) >= 2 else None


def give_object(text: str, clause_start: int, start: int) -> tuple[str | None, bool]:
    """(object of 给予, generic?): `给予每个市级创新创业共同体200万元` → 市级创新创业共同体;
    `给予入选人才1∶1配套` → 入选人才. `给予每家企业最高30万元` → (企业, generic): a per unit, not a
    name, used only when the sentence names no one else."""
    window = text[clause_start:start]
    gives = list(GIVE_RE.finditer(window))
    if not gives:
        return None, False
    raw = window[gives[-1].end() :]
    obj = GIVE_OBJECT_DROP.sub("", raw)
    obj = regex.sub(r"(?:最高|不超过|不高于|最多)+$", "", obj)
    item = PER_ITEM_OBJECT.match(obj)
    if item:
        # `给予每项产品一次性奖励1万元` (天津津南区): what each amount is paid per (per project), not who
        # receives it; the form after it is no part of a name
        return regex.sub(rf"(?:一次性)?(?:{_HEADS})+$", "", obj[item.end() :]) or None, True
    if (
        len(obj) < 2
        or FORM.fullmatch(obj)
        or BASE_END.search(obj)
        or not regex.fullmatch(r"[\p{Han}“”]*(?:[（(][\p{Han}、]+[）)][\p{Han}“”]*)*", obj)
    ):
        return None, False
    named = TRAILING_PER.sub("", DETERMINER.sub("", obj))
    return named, obj != raw and GENERIC_UNIT.fullmatch(obj) is not None


def _subject(phrase: str) -> str | None:
    """A clause's own subject when it names a recipient: an actor noun phrase or a headless relative."""
    phrase = phrase.strip()
    if len(phrase) < 2 or NOT_TOPIC.match(phrase) or GOVERNMENT.search(phrase) or DUI.search(phrase):
        return None
    if NOT_SUBJECT.search(phrase) or BASE_END.search(phrase.removesuffix("的")) or CONJUNCTION.match(phrase):
        return None  # `补助比例为运营费用的30%`: the rate's description, not who receives it
    if phrase.endswith("的") and not NOUN_BEFORE_DE.search(phrase):
        return lead_actor(phrase) or phrase
    if NOUN_BEFORE_DE.search(phrase) or ACTOR_HEAD.search(phrase[-3:]) or TOPIC_HEAD.search(phrase):
        if "的" not in phrase and NOT_IN_ACTOR.search(phrase):
            return None  # `企业购买设备` is a clause, not a noun phrase
        return _strip_object(phrase)
    return None


def clause_subject(text: str, clause_start: int, start: int) -> str | None:
    """`获得优秀奖的每家企业给予1万元` → 获得优秀奖的; `创业团队按实际支付费用的60%兑付` → 创业团队.

    The subject is cut before the grant verb, the rate, a cap word or a per marker; a government
    (`市财政`, `省级再给予`) or a 对 phrase is no recipient.
    """
    window = ARTICLE.sub("", text[clause_start:start])
    rate_of = RATE_OF_SUBJECT.search(window)
    if rate_of:
        # `…近海海上风电项目奖励标准为500元/千瓦` (上海市可再生能源和新能源发展专项资金扶持办法): the noun
        # phrase whose support standard the amount is receives it
        np = window[: rate_of.start()]
        return None if SCOPE_OPEN.match(np) else _subject(np)  # `单个项目支持金额`: a scope names no one
    stop = SUBJECT_END.search(window)
    return _subject(window[: stop.start()] if stop else window)


def names_object(clause: str) -> bool:
    """The clause grants to someone it names (`给予该孵化器运营机构3万元奖励`), not to a unit of measure."""
    amount = regex.search(r"[\d一二两三四五六七八九十百千]+(?:\.\d+)?(?:万|亿)?元", clause)
    return give_object(clause, 0, amount.start() if amount else len(clause))[0] is not None


def topic_subject(
    text: str, clause_spans: list[tuple[int, int]], k: int, start: int | None = None
) -> tuple[str | None, str | None]:
    """(recipient, as-written fallback) named by a clause before clause ``k``.

    `经认定登记的技术开发合同、技术转让合同，按照…给予补助` → the topic noun phrase;
    `科技型中小企业使用创新券购买…服务的，按…50%兑付` → the actor of the topic relative;
    `投资我市种子期项目的，按…给予奖励` names no actor: the relative as written is only a fallback
    (an earlier `鼓励创投风投机构…` names the recipient).
    """
    fallback = None
    # a bare ceiling (`单个项目最高补贴50万元`) shares the topic of the grant clause before it
    bare = start is not None and bool(BARE_AMOUNT_CLAUSE.fullmatch(text, clause_spans[k][0], start))
    for j in range(k - 1, -1, -1):
        ps, pe = clause_spans[j]
        prev = ARTICLE.sub("", text[ps:pe]).strip()
        if BASIS.match(prev):
            continue  # `根据项目对本区…的贡献，`: how the amount is set, between the topic and the grant
        if bare and j > 0 and TOPIC_FOLLOWER.match(prev) and not DUI.search(prev) and not names_object(prev):
            # `新建且完成并网的…项目，按装机容量给予每千瓦300元补贴，单个项目最高补贴50万元`: the grant clause
            # and the bare ceiling after it share the topic the item opens with
            continue
        if not prev or NOT_TOPIC.match(prev) or GOVERNMENT.search(prev) or DUI.search(prev):
            return None, fallback
        if prev.endswith("的") and j > 0 and RELATIVE_GOES_ON.match(prev):
            # `企业在本区范围内实施建筑节能项目，且被列入…示范项目的` (徐汇): one relative over two clauses,
            # its actor in the first
            prev = ARTICLE.sub("", text[clause_spans[j - 1][0] : pe]).strip()
        if prev.endswith("的"):
            actor = lead_actor(prev)
            if actor:
                return actor, fallback
            fallback = fallback or _strip_object(prev)
            continue
        if (
            (j == k - 1 or bare)
            and TOPIC_FOLLOWER.match(text, *clause_spans[j + 1])
            and (ACTOR_HEAD.search(prev[-3:]) or TOPIC_HEAD.search(prev))
        ):
            return _strip_object(prev), fallback
        stop = SUBJECT_END.search(prev)
        if stop and stop.start() > 0:
            return _subject(prev[: stop.start()]), fallback
        return None, fallback
    return None, fallback


def per_antecedent(text: str, sent_start: int, clause_start: int, start: int) -> str | None:
    """`支持企业牵头承担市级重点研发计划项目，每个项目给予最高50万元` → 市级重点研发计划项目:
    the noun a distributive `每个X` / `单个X` refers back to, as an earlier clause names it."""
    hits = list(PER_HEAD.finditer(text, clause_start, start))
    if not hits:
        return None
    head = hits[-1].group("head")
    window = text[sent_start:clause_start]
    pos = window.rfind(head)
    if pos < 0:
        return None
    piece = regex.split(r"[，,；。：\t]", window[: pos + len(head)])[-1]
    verbs = list(ANTECEDENT_VERB.finditer(piece))
    np = piece[verbs[-1].end() :] if verbs else piece
    if CONJUNCTION.match(np):
        np = piece  # `新建且完成并网的…项目`: the verb opens a relative clause of the noun, which stays whole
    np = np.removeprefix("一批")
    if len(np) < len(head) or (len(np) == len(head) and not verbs) or NOT_TOPIC.match(np):
        return None
    return _strip_object(np)


def support_object(text: str, sent_start: int, clause_start: int) -> str | None:
    """Object of the nearest 支持/鼓励/引导/实施一批 in the clauses before the amount's clause."""
    hits = list(SUPPORT_VERB.finditer(text, sent_start, clause_start))
    if not hits:
        return None
    obj = hits[-1].group("obj")
    obj = FIELD_LIST.sub("", obj)
    actor = lead_actor(obj)
    if actor:
        return actor
    stop = OBJECT_STOP.search(obj)
    if stop and stop.start() >= 2:
        obj = obj[: stop.start()]
    elif not stop:
        heads = list(ACTOR_HEAD.finditer(obj))
        if heads:
            obj = obj[: heads[-1].end()]
    return _strip_object(obj) if len(obj) >= 2 else None


def listed_nouns(text: str, clause_spans: list[tuple[int, int]], k: int, n: int) -> list[str] | None:
    """`每年评选一批A、B和C，分别给予10万元、2万元和1万元` → [A, B, C] when the counts agree."""
    if k == 0:
        return None
    ps, pe = clause_spans[k - 1]
    prev = text[ps:pe]
    if "一批" in prev:
        prev = prev.rsplit("一批", 1)[1]
    items = [s for s in NOUN_JOIN_RE.split(prev) if s]
    return items if len(items) == n else None


# Items of a 分别 list that are ranks, not recipients (`获得国家科学技术奖一等奖、二等奖的`, `A类、B类`).
TIER_ITEM = regex.compile(r"(?:[一二三四五特]等奖?|[金银铜]奖|优秀奖|[A-DＡ-Ｄ]类|[一二三四五]档)$")


def split_shared(phrase: str | None, n: int) -> list[str] | None:
    """`新认定的国家级科技企业孵化器、国家备案众创空间，分别给予…` → [新认定的国家级科技企业孵化器,
    国家备案众创空间]: one recipient per amount of a 分别 list, each a contiguous phrase as written, so a
    qualifier written once stays on the first item (convention 5). Lists of bare levels
    (`新认定的国家级、省级企业技术中心`) and of prize tiers keep the whole phrase: no contiguous phrase
    names their first item alone."""
    if not phrase or n < 2:
        return None
    body = phrase.removesuffix("的")
    cut = body.rfind("的") + 1
    qualifier, rest = body[:cut], body[cut:]
    items = NOUN_JOIN_RE.split(rest)
    if len(items) != n or any(len(x) < 2 or BARE_LEVEL.fullmatch(x) or TIER_ITEM.search(x) for x in items):
        return None
    if any(LEVEL_END.search(x) for x in items[:-1]):
        return None  # `获得国家、省绿色工业园区称号的` (广州开发区): levels sharing one title, one recipient
    return [qualifier + items[0], *items[1:]]


def item_recipient(text: str, item_start: int, sent_start: int) -> str | None:
    """Who the item names as its recipient before the sentence at ``sent_start``: the nearest earlier
    sentence of the item (paragraph) with a 对 object or a 支持 object (`5．支持企业采购出海专业服务。支持
    企业向专业服务机构采购…。服务合同完成并经审核后，给予不超过20%的支持。` → 企业, corpus/real jingan)."""
    for s, e in reversed(sentences(text, item_start, sent_start)):
        who, found = dui_object(text, s, e)
        if found and who:
            return who
        obj = support_object(text, s, e)
        if obj:
            return obj
        # `新建且完成并网的…项目，按装机容量给予补贴；`: the topic the grant clause follows
        spans = clauses(text, s, e)
        grant = next((j for j, (cs, ce) in enumerate(spans) if GIVE_RE.search(text, cs, ce)), 0)
        topic = topic_subject(text, spans, grant)[0] if grant else None
        if topic:
            return topic
    return None
