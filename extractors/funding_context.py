"""Context of a granted amount (spec §3.1): its clause, per marker, form word and beneficiary.

Helpers for ``extractors.funding``. All offsets are clean-text offsets; a sentence is cut into
clauses at ，：\\t so that a word only governs the amount of its own clause unless a rule says
otherwise (gold convention 5: ``每年组织实施一批…，分别给予最高500万元`` → per null).
"""

from __future__ import annotations

import regex

from pipeline.models import Per

# A colon between digits is a ratio (`1:0.5`), not a clause break.
CLAUSE_END = regex.compile(r"[，,\t]|(?<!\d)[：:](?!\d)")

# The support word next to an amount: `奖补`, `资金奖励`, `股权投资支持`, `建设资金补助或奖励`.
FORM_HEADS = (
    "贴息贴保",
    "后补助",
    "奖补",
    "补助",
    "补贴",
    "奖励",
    "资助",
    "支持",
    "扶持",
    "贴息",
    "贴保",
    "配套",
    "兑付",
    "奖金",
    "补偿",
)
_HEADS = "|".join(FORM_HEADS)
# Up to six modifier characters (`一次性资金`, `分级分类`), never across 给予/予以/的 (those start
# another phrase: `100万元的企业给予支持` is an attributive amount, not a form).
FORM = regex.compile(rf"(?:(?!给予|予以|的|等)\p{{Han}}){{0,6}}?(?:{_HEADS})+(?:或(?:{_HEADS})+)?")
# What may stand between an amount and its form word: `10%的补助`, `1∶1比例给予资金奖励`, `予以兑付`.
FORM_LEAD = regex.compile(r"的?(?:比例|标准)?(?:给予|予以|给与)?")

# Per markers (spec §3.1 per), matched in the amount's clause before it. 每天 has no enum value:
# `每人每天50元` → the nearest marker with a value (每人 → entity).
PER_MARKERS: tuple[tuple[regex.Pattern, Per | None], ...] = (
    # 每个项目 / 单项活动 / 单品种 → project; 单项冠军 is a title, not a marker.
    (regex.compile(r"每个?项目|单个项目|每一项目|每项|单项(?!冠军)|每个课题|单个课题|单品种|每个品种"), Per.PROJECT),
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
        regex.compile(r"每家|每个|每户|每人|每名|每位|每所|单个|单家|单户|同一(?=\p{Han}{0,6}(?:最高|不超过|年|每))"),
        Per.ENTITY,
    ),
)
PER_AFTER = {"年": Per.YEAR, "月": Per.MONTH, "项": Per.PROJECT, "人": Per.ENTITY, "家": Per.ENTITY, "户": Per.ENTITY}
# A verb between a 每年 and the amount ties the marker to that verb instead (`每年评选一批…给予`).
PER_BREAK = regex.compile(r"评选|组织|遴选|认定|实施|安排|开展|建设|培育")
MAX_PER_GAP = 14

# Beneficiary (gold convention 5): the object of 对…给予, without a leading 符合条件的.
DUI = regex.compile(r"(?<![针相面绝核应])对于?(?![接外口标比照话])")
DUI_STOP = regex.compile(
    r"[，,；。：\t]|给予|予以|分别|按照?|根据|依据|择优|一次性|"
    r"(?:市|区|县|省)?(?:级)?财政|再给予|在省"
)
LEADING_DROP = regex.compile(r"^(?:符合条件的|经认定的(?=\p{Han}{6})|(?:被)?(?:备案|认定|评)为|列为)+")
# A 对 phrase that names no one: `对建设成效显著的`, `对符合条件的`, `对获得省服务绩效奖励的`.
HEADLESS_END = regex.compile(
    r"(?:显著|良好|突出|条件|要求|奖励|资助|优秀|合格|较好|明显|较大|"
    r"成效|达标|资格|表彰|认可|认定)的?$"
)
# Who a headless 对 phrase means: the thing the sentence builds (`建设一批科技金融创新服务基地，对建设成效显著的`).
ANTECEDENT = regex.compile(r"(?:建设|布局|打造|培育|组建|搭建|认定|创建)(?:一批)?(?P<obj>[^，,；。：\t]{2,40})")
# Who a sentence supports when no 对 names it: `支持科技型中小企业使用创新券…`, `鼓励创投风投机构…`.
SUPPORT_VERB = regex.compile(
    r"(?:支持|鼓励|引导|组织实施一批|实施一批|打造一批|评选一批|遴选一批|培育一批)"
    r"(?P<obj>[^，,；。：\t]{2,60})"
)
# Verbs that end such an object (`技术合同服务点|深化…`, `智库|参与…`, `重点科技项目|引进落地`).
OBJECT_STOP = regex.compile(
    r"以(?!及)|开展|参与|使用|深化|提升|围绕|聚焦|加快|推动|加强|实施|申报|承担|进行|购买|引进|通过|面向|发挥|"
    r"开发|联合|牵头|组建|设立|创建|争创|申请|参加|探索|利用|提供|投早|建立|加大|落地|在(?=\p{Han}{0,8}(?:领域|方面))"
)
ACTOR_HEAD = regex.compile(r"机构|企业|单位|高校|院所|团队|人才|平台|个人|园区|智库|中心|基地|实验室")
# `生命健康、现代农业等领域技术成果示范应用` → `技术成果示范应用`.
FIELD_LIST = regex.compile(r"^.*等(?:领域|行业|方面|产业)")
# Topic clause before `按照…给予`: `经认定登记的技术开发合同、技术转让合同，按照…给予补助`.
TOPIC_FOLLOWER = regex.compile(r"(?:按照?|根据|依据|给予|予以|一次性|择优|可)")
# A topic is a noun phrase: it ends with a recipient's head noun.
TOPIC_HEAD = regex.compile(r"(?:合同|项目|产品|成果|课题)$")
NOT_TOPIC = regex.compile(
    r"^(?:鼓励|支持|引导|根据|按照?|依据|通过|在|对|为|由|结合|围绕|聚焦|"
    r"实施|推进|完善|加强|建立|强化|降低)"
)
# A base of a rate is not a beneficiary: `给予租赁费用10%的补助`.
BASE_END = regex.compile(r"(?:费用|费|额|支出|成本|资金|收入|金额|总额|利息|利率|投资|价格|部分)$")
# `对企业研发费用按10%给予补助`: the recipient is the owner of the base, 企业.
BASE_OF = regex.compile(
    r"的?(?:研发|设备|购置|租赁|贷款|服务|技术|实际)*(?:费用|投入|支出|成本|投资额|金额|利息|贷款)$"
)
GIVE = regex.compile(r"给予|予以|给与")
GIVE_OBJECT_DROP = regex.compile(
    r"^(?:每个|每家|每户|每人|每名|单个|单家|每天|每日|每月|每年|每平方米|每亩|一次性|最高|最多|不超过|不高于|分别)+"
)
FORM_DROP = regex.compile(r"^(?:每个|每家|每户|每人|每名|单个|单家|最高|最多|不超过|不高于|分别)+")
LIST_SPLIT = regex.compile(r"、|和|及|与")


def clauses(text: str, start: int, end: int) -> list[tuple[int, int]]:
    out, pos = [], start
    for m in CLAUSE_END.finditer(text, start, end):
        out.append((pos, m.start()))
        pos = m.end()
    out.append((pos, end))
    return out


def clause_index(spans: list[tuple[int, int]], offset: int) -> int:
    for i, (s, e) in enumerate(spans):
        if s <= offset < e or (offset == e and i == len(spans) - 1):
            return i
    return len(spans) - 1


def per_of(text: str, clause_start: int, amount_start: int, amount_end: int) -> Per | None:
    """The per marker tied to an amount: nearest marker before it in its clause, or `/年` after."""
    after = text[amount_end : amount_end + 3]
    if after[:1] == "/" and after[1:2] in PER_AFTER:
        return PER_AFTER[after[1:2]]
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
    m = FORM.match(text, pos, limit)
    return m.group() if m else None


def form_before(text: str, clause_start: int, start: int) -> str | None:
    """`给予一次性资金奖励20万元` → 一次性资金奖励; `市级支持强度不高于500万元` → 支持."""
    window = text[clause_start:start]
    gives = list(GIVE.finditer(window))
    if gives:
        between = window[gives[-1].end() :]
        m = FORM.fullmatch(FORM_DROP.sub("", between))
        if m:
            return m.group()
    heads = list(regex.finditer(_HEADS, window))
    return heads[-1].group() if heads else None


def _strip_object(obj: str) -> str | None:
    obj = LEADING_DROP.sub("", obj.strip())
    obj = obj.removesuffix("的").strip()
    return obj or None


def dui_object(text: str, sent_start: int, start: int) -> tuple[str | None, bool]:
    """(object of the last 对 before ``start``, found?) — found with None when it names no one."""
    hits = list(DUI.finditer(text, sent_start, start))
    if not hits:
        return None, False
    m = hits[-1]
    stop = DUI_STOP.search(text, m.end(), start)
    raw = text[m.end() : stop.start() if stop else start]
    if not raw or HEADLESS_END.search(raw):
        for a in reversed(list(ANTECEDENT.finditer(text, sent_start, m.start()))):
            obj = a.group("obj")
            return _strip_object(obj.rsplit("的", 1)[-1]), True
        return None, True
    return _strip_object(BASE_OF.sub("", raw) or raw), True


def give_object(text: str, clause_start: int, start: int) -> str | None:
    """`给予每个市级创新创业共同体200万元` → 市级创新创业共同体; `给予入选人才1∶1配套` → 入选人才."""
    window = text[clause_start:start]
    gives = list(GIVE.finditer(window))
    if not gives:
        return None
    obj = GIVE_OBJECT_DROP.sub("", window[gives[-1].end() :])
    obj = regex.sub(r"(?:最高|不超过|不高于|最多)+$", "", obj)
    if len(obj) < 2 or FORM.fullmatch(obj) or BASE_END.search(obj) or not regex.fullmatch(r"[\p{Han}（）()“”]+", obj):
        return None
    return obj


def support_object(text: str, sent_start: int, clause_start: int) -> str | None:
    """Object of the nearest 支持/鼓励/引导/实施一批 in the clauses before the amount's clause."""
    hits = list(SUPPORT_VERB.finditer(text, sent_start, clause_start))
    if not hits:
        return None
    obj = hits[-1].group("obj")
    obj = FIELD_LIST.sub("", obj)
    stop = OBJECT_STOP.search(obj)
    if stop and stop.start() >= 2:
        obj = obj[: stop.start()]
    elif not stop:
        heads = list(ACTOR_HEAD.finditer(obj))
        if heads:
            obj = obj[: heads[-1].end()]
    return _strip_object(obj) if len(obj) >= 2 else None


def topic_object(text: str, clause_spans: list[tuple[int, int]], k: int) -> str | None:
    """`经认定登记的技术开发合同、技术转让合同，按照…给予补助` → the clause before is the topic."""
    if k == 0:
        return None
    cs, ce = clause_spans[k]
    ps, pe = clause_spans[k - 1]
    prev = text[ps:pe].strip()
    if not TOPIC_FOLLOWER.match(text, cs, ce) or not prev or prev.endswith("的") or NOT_TOPIC.match(prev):
        return None
    if not (ACTOR_HEAD.search(prev[-3:]) or TOPIC_HEAD.search(prev)):
        return None
    return _strip_object(prev)


def listed_nouns(text: str, clause_spans: list[tuple[int, int]], k: int, n: int) -> list[str] | None:
    """`每年评选一批A、B和C，分别给予10万元、2万元和1万元` → [A, B, C] when the counts agree."""
    if k == 0:
        return None
    ps, pe = clause_spans[k - 1]
    prev = text[ps:pe]
    if "一批" in prev:
        prev = prev.rsplit("一批", 1)[1]
    items = [s for s in LIST_SPLIT.split(prev) if s]
    return items if len(items) == n else None
