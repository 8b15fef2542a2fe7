"""Shared word classes of policy Chinese: one place for the vocabulary every extractor reads with.

Each class is a regex *fragment* (a string, to be composed into a rule's pattern) and, where a class
is used on its own, a compiled pattern next to it (compiled once, at import). A class that two
modules need in different widths is one class with named widths (``GRANT_ACT`` for the funding
extractor, ``GRANTING_WIDE`` for the recall audit); a width is never copied into a module.

Sections: numerals and magnitudes · granting · cost sharing · comparators · role heads ·
organisational heads · administrative prefixes · joiners. The targets extractor appends its own
section at the end (``# targets``).

Examples are quoted from the seed corpus and the real corpus (``/work/shared/realcorpus``); the test
``tests/extractors/test_words.py`` checks each example against its class.
"""

from __future__ import annotations

import regex

from pipeline.models import Role

# --- numerals and magnitudes ------------------------------------------------------------------
# An Arabic numeral, thousands groups and decimals: `1,200`, `3.5` (`市财政安排1,200万元`).
ARABIC = r"\d{1,20}(?:,\d{3}){0,6}(?:\.\d{1,20})?"
# A Chinese numeral: `五十`, `两` (`奖励五十万元`).
CHINESE = r"[零〇○一二两三四五六七八九十百千]{1,20}"
# Either numeral.
NUMBER = rf"(?:{ARABIC}|{CHINESE})"
# A magnitude word between a numeral and 元: `万`, `千万`, `亿` (`最高500万元`, `1.2亿元`).
MAGNITUDE = r"(?:万亿|千万|百万|万|亿|千)"
# A magnitude written without 元 before a support word: `给予50万奖励`.
MAGNITUDE_NO_YUAN = r"(?:万|亿)"
# A Chinese count word of a schedule: `分三年`, `分2批` (`分三年按40%、30%、30%拨付`).
COUNT_DIGIT = r"[一二两三四五六七八九十\d]"
# Where an amount's numeral may start: not inside a longer number, not after a word that makes it an
# estimate (`数十万元`, `近百亿元`, `上千万元`, `8200余万元`).
AMOUNT_START = r"(?<![数几上近余多\d.,])"
# A range mark between two numbers: `3%—10%`, `10万—50万元`, `20万元至50万元`.
RANGE_MARK = r"(?:—|–|－|-|~|～|至|到)"

# --- granting ---------------------------------------------------------------------------------
# The verbs that hand funding over: `给予`, `予以`, `给与` (`对认定的企业给予50万元奖励`).
GIVE_WORDS = ("给予", "予以", "给与")
GIVE = rf"(?:{'|'.join(GIVE_WORDS)})"
GIVE_RE = regex.compile(GIVE)
# Support nouns, the form of a grant (spec §3.1 form): `奖补`, `后补助`, `贴息贴保`
# (`给予最高100万元奖补`). Longest first; the funding extractor's FORM is built from them.
SUPPORT_NOUNS = (
    "贴息贴保", "后补助", "奖补", "补助", "补贴", "奖励", "资助", "支持", "扶持", "贴息", "贴保", "配套", "兑付",
    "奖金", "补偿",
    "抵扣",  # 创新券 `按服务合同金额的50%给予抵扣`
)
# An act of granting, as the funding extractor weighs it (`给予`, `奖励`, `补助`, `一等奖`, `金奖`):
# `按研发投入的10%给予补助`. Followed by 资金/经费/政策… it is a noun, not an act (`补助资金`).
# Built from the verbs and nouns above, so a support noun added there is an act here too.
GRANT_WORDS = rf"(?:{'|'.join((*GIVE_WORDS, *SUPPORT_NOUNS))}|[一二三四五特]等奖|[金银铜]奖)"
GRANT_ACT = GRANT_WORDS + r"(?!资金|经费|政策|条件|对象|范围|办法)"
GRANT_ACT_RE = regex.compile(GRANT_ACT)
# A support word right after an amount written without 元: `50万奖励`, `10万的一次性资金补助`.
SUPPORT_AFTER_BARE_AMOUNT = r"(?:奖补|补助|补贴|奖励|资助|支持|扶持)"
# The recall audit's wider net: any word of a grant sentence (`一次性给予…`), so that the audit sees
# what the extractor's own vocabulary misses (pipeline/audit.py).
GRANTING_WIDE = "|".join((*GIVE_WORDS, *SUPPORT_NOUNS, "一次性"))

# --- cost sharing -----------------------------------------------------------------------------
# Governments sharing a cost, never a grant (spec §3.1): `市县两级财政各负担50%`, `按1∶1比例分担`,
# `所需资金由市、县两级财政按5∶5比例承担` (funding excludes every amount of such a clause).
COST_SHARING = r"负担|分担|共担|承担比例|各承担|比例承担|两级财政"
COST_SHARING_RE = regex.compile(COST_SHARING)
# The audit's narrower, phrase-level form (`各自负担`, `按比例承担`, `共同承担`): it dismisses a rate
# trigger only when the sharing is spelled out.
COST_SHARING_PHRASE = r"各(?:自)?负担|分担|按比例承担|共同承担"

# --- comparators ------------------------------------------------------------------------------
# A ceiling before an amount: `最高`, `不超过`, `上限为` (`最高补助不超过200万元`).
CAP_WORDS = r"(?:最高|最多|上限为?|不超过|不高于|不多于)"
# A ceiling before a rate: `最高50%`, `不超过30%`.
RATE_CAP_WORDS = r"(?:最高|最多|不超过|不高于)"
# A ceiling after an amount: `50万元封顶`, `50万元以内`, `以20万元为限`.
CAP_AFTER_WORDS = r"以内|以下|封顶|为上限|为限"
# A floor: a requirement, never a grant (`单笔投资额不低于50万元`).
FLOOR_WORDS = r"(?:不低于|不少于|至少|最低)"
# An eligibility threshold after an amount: `300万元以上`, `10万元（含）以上`, `5000万元（含）至1亿元的`.
THRESHOLD_AFTER = r"\s*(?:[（(]含[）)])?\s*(?:及)?以上|\s*[（(]含[）)]"
# A bound written before a table value (spec §3.4): `≥95`, `不低于90`, `力争100` (indicator cells).
VALUE_BOUND_BEFORE = r"^(?:>=|<=|[>＞≥≧<＜≤≦]|不低于|不少于|不高于|不超过|大于|小于|高于|低于|超过|约|达到|力争)"
# A bound written after a table value: `95左右`, `100以上`, `5以内`.
VALUE_BOUND_AFTER = r"(?:左右|以上|以下|以内|及以上|或以上)$"
# A unit of measure an amount is paid per (spec §3.1: a per-unit rate is `fixed`, or a cap when a
# ceiling word bounds it), never a recipient: `按年节能量最高给予每吨标准煤500元补助` (福建 推动制造业
# 绿色低碳发展若干措施), `每平方米补贴50元`, `每千瓦1000元`, `0.2元/瓦`.
MEASURE_UNIT = r"(?:平方米|千瓦时|千瓦|千伏安|兆瓦|瓦|立方米|吨标准煤|吨标煤|吨二氧化碳(?:当量)?|吨|亩|度|蒸吨)"
PER_MEASURE = rf"每{MEASURE_UNIT}(?:标准煤|标煤|标准|受益面积)?"
# No ceiling: `奖补资金不设上限`, `上不封顶`.
UNCAPPED = r"不设上限|上不封顶|不设封顶|不封顶"

# --- role heads (spec §3.2) -------------------------------------------------------------------
# Role heads and the role they name: labels (`责任单位：`), inline verbs (`（A牵头，B配合）`) and table
# headers (`主责部门`) are all built from this one table; qualified labels count by their head word.
# 主责 is 主要责任 (`主要责任单位` → responsible). 督办/考核 name who supervises or assesses, not who
# carries the task out: a 督办单位： label ends the list before it and gives no record (DECISIONS.md).
# Not 主办单位/承办单位: on government sites those name who runs the website (page footers).
ROLE_OF_HEAD: dict[str, Role | None] = {
    "责任": Role.RESPONSIBLE, "负责": Role.RESPONSIBLE, "主责": Role.RESPONSIBLE,
    "牵头": Role.LEAD,
    "配合": Role.COOPERATING, "协办": Role.COOPERATING, "参与": Role.COOPERATING,
    "协助": Role.COOPERATING, "协同": Role.COOPERATING, "参加": Role.COOPERATING,
    "承担": Role.UNDERTAKING,
    "督办": None, "考核": None,
}
# A label may be broken by a line break in the export: `责任\n单位`.
GAP = r"\s*"
# Every role head, longest first, each tolerating a line break between its characters.
ROLE_HEADS = "|".join(GAP.join(head) for head in sorted(ROLE_OF_HEAD, key=len, reverse=True))
# What a label names: `单位`, `部门`, `主体`, `科室`, `处室` (`牵头部门：`, `责任主体：`).
LABEL_NOUN = rf"(?:单{GAP}位|部{GAP}门|主{GAP}体|科{GAP}室|处{GAP}室)"
# --- unit columns (spec §3.2, §3.4: a 责任单位 column still gives responsibilities) ---------------
# A task table's unit column is named like a label, from an open class: a role word, an optional
# qualifier, a head: 责任单位, 牵头单位, 配合单位, 主要责任单位, 责任部门, 牵头部门, 推进单位, 实施单位, 实施主体,
# 责任主体, 牵头落实单位, 责任方. The role words of ROLE_OF_HEAD keep their role; words that only say the
# unit carries the task out (推进, 实施, 落实, 执行, 完成) name the responsible unit, except in a project list,
# where 承担/实施/建设 name who undertakes the project (spec §3.2 `undertaking`).
TASK_ROLE_WORDS = ("推进", "实施", "落实", "执行", "完成", "建设")
PROJECT_ROLE_WORDS = frozenset(("承担", "实施", "建设"))
# The head of a column header: the label nouns, and 方 (责任方, 牵头方) which names a party in a grid.
COLUMN_NOUN = rf"(?:{LABEL_NOUN}|方)"
UNIT_COLUMN_ROLE = "|".join(sorted((*ROLE_OF_HEAD, *TASK_ROLE_WORDS), key=len, reverse=True))
# The whole header cell: [a short prefix: 项目, 区级] [主要/具体/第一] + role word + qualifier of up to
# three Han + head; nothing else in the cell but a bracketed note (`责任单位（部门）`).
# `完成时限`, `责任人`, `牵头领导` are no unit columns.
UNIT_COLUMN = regex.compile(
    rf"^(?P<pre>\p{{Han}}{{0,4}}?)(?:主要|具体|第一)?(?P<role>{UNIT_COLUMN_ROLE})(?P<qual>\p{{Han}}{{0,3}}?){COLUMN_NOUN}"
    r"(?:[（(][^）)]{0,8}[）)])?$"
)


def unit_column_role(header: str, project: bool = False) -> Role | None:
    """The role a table column's header names (spec §3.2), or None when it names no unit column:
    `牵头单位` → lead, `配合部门` → cooperating, `推进单位`/`责任主体` → responsible, `承担单位` in a project
    list → undertaking (in a task table → responsible). ``header`` is the cell with its blanks removed."""
    m = UNIT_COLUMN.match(header)
    if not m:
        return None
    word = m.group("role")
    if project and word in PROJECT_ROLE_WORDS:
        return Role.UNDERTAKING
    if word in ROLE_OF_HEAD:
        role = ROLE_OF_HEAD[word]
        return Role.RESPONSIBLE if role is Role.UNDERTAKING else role
    return Role.RESPONSIBLE


# Heads the recall audit counts as labels though no record follows: 督办 (a supervisor), 主办 (website
# footers); it also counts every head with a role.
AUDIT_ONLY_HEADS = ("督办", "主办")
# Words that close a unit list in the inline form: `（市科技局牵头，市财政局配合）`.
ROLE_WORDS_INLINE = r"牵头|配合|负责"

# --- organisational heads ---------------------------------------------------------------------
# The words organisations end with, an open class (`市数字经济发展领导小组办公室`, `拱北海关`, `市科技局`):
# a unit is [administrative prefix] + free body + one of these.
ORG_HEAD = (
    r"(?:领导小组办公室|领导小组|工作专班|专班|工作组|小组|指挥部|管委会|管委|委员会|办公室|办公厅|"
    r"联合会|协会|学会|商会|基金会|研究院|研究所|集团|公司|银行|分行|支行|海关|大学|学院|学校|中心|"
    r"法院|检察院|政府|党委|党组|街道|办事处|分局|总队|支队|大队|"
    r"[局委办厅院部署府会所校站社馆处室团行队组科股]|[省市县区州盟旗镇乡街])"
)
# The organ in an issuer's name, after its level: `江西省科学技术厅`, `长兴县人民政府办公室`.
ISSUER_ORGAN = r"人民政府|政府|管委会|管理委员会|办公室|科学技术|科技|[厅局委]"
# Generic mentions that name no one unit: `有关部门`, `各成员单位`, `各相关部门和单位`, `各行业主管部门`, `各区`.
GENERIC_UNIT = (r"^(?:各)?(?:成员单位|责任单位|牵头单位|(?:相关|有关)?(?:行业)?(?:主管)?(?:部门|单位)"
                r"(?:[和及与](?:部门|单位))?)$|^各区$")

# --- administrative prefixes ------------------------------------------------------------------
# The level word a unit stem may follow: `市科技局`, `青岛市科技局`, `黄岛区科技局`, `省科技厅`.
LEVEL_END = frozenset("省市区县州盟旗镇乡")
# A government level as grantor: `国家给予每家50万元`, `设区市可再给予`, `省科技厅对…给予`.
GOV_LEVEL = r"国家|中央|省|设区的?市|市|县|区"
# Numeric rank of each level (0 national … 3 county/district).
LEVEL_RANK = {"国家": 0, "中央": 0, "省": 1, "市": 2, "设区市": 2, "设区的市": 2, "县": 3, "区": 3}
# The level words of an issuer's name (`绵阳市涪城区人民政府办公室` → 区, the last before the organ).
ISSUER_LEVEL = r"自治区|省|市|县|区"
# An article number a provision may open with: `第十二条`.
ARTICLE = r"第[一二三四五六七八九十百零〇\d]+条"

# --- joiners ----------------------------------------------------------------------------------
# Words that join the items of a list of amounts (one 分别 list): `最高500万元和1000万元`,
# `最高50万元、30万元、20万元`.
LIST_JOIN = r"、|和|及|与|或|以及"
LIST_JOIN_RE = regex.compile(rf"\s*(?:{LIST_JOIN})\s*")
# Words that split a list of nouns into its items: `A、B和C` (`对孵化器、众创空间和加速器`).
NOUN_JOIN = r"、|和|及|与"
NOUN_JOIN_RE = regex.compile(NOUN_JOIN)
# Separators of a unit list: `市科技局、市财政局；市商务局` (a unit list is read item by item).
UNIT_SEPARATORS = r"[、，,；;]"

# --- targets ----------------------------------------------------------------------------------
# Comparator words right before a goal's number and the spec's comparator each gives (spec §3.3):
# `高新技术企业突破800家` → gt, `不少于10项` → ge (滨州.docx `科技型中小企业超过1800家`).
PRE_COMPARATOR = (
    ("不少于", "ge"), ("不低于", "ge"), ("至少", "ge"), ("不超过", "le"), ("不高于", "le"), ("低于", "le"),
    ("少于", "le"), ("超过", "gt"), ("突破", "gt"), ("高于", "gt"), ("大于", "gt"), ("多于", "gt"),
    ("逾", "gt"), ("超", "gt"), ("接近", "approx"), ("约", "approx"), ("近", "approx"), ("最多", "le"),
    ("最少", "ge"), ("不小于", "ge"), ("不大于", "le"),
)
# Comparator words right after a goal's value (`土地流转率保持在63%以上` 滨州.docx → ge).
POST_COMPARATOR = {"以上": "ge", "及以上": "ge", "左右": "approx", "以内": "le", "之内": "le", "以下": "le"}

