"""Document metadata of spec §2: title, 文号, issuer, issue date and plan period.

Rules are read off the shape of 公文: the document's own number and its date stand on lines of
their own (a cited number sits inside a sentence, usually in brackets after 《…》); the issuer is
the line above the date, or the body before 关于 in the notice title; the plan's title is what the
印发 notice wraps, or the first title the head spells: `[issuer] [关于 … 的] kind`, wrapped over lines
or not (title_candidates).
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable
from operator import attrgetter

import regex

from pipeline.clean import CleanText
from pipeline.models import Meta
from pipeline.tables import Line, Table

CN_DIGITS = {"〇": 0, "零": 0, "○": 0, "Ｏ": 0, "O": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5,
             "六": 6, "七": 7, "八": 8, "九": 9}
DOC_NUMBER = regex.compile(r"\p{Han}{1,12}\s*[〔\[［【(（]\s*(?:19|20)\d{2}\s*[〕\]］】)）]\s*\d{1,4}\s*号")
DOC_NUMBER_FIELD = regex.compile(r"(?:发文字号|文号|索引号)[:：]\s*")
DATE = regex.compile(r"((?:19|20)\d{2})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")
CN_DATE = regex.compile(
    r"([〇零○一二三四五六七八九]{4})年([十一二]{1,2}|[一二三四五六七八九])月([一二三]?十?[一二三四五六七八九十]?)日"
)
DATE_FIELD = regex.compile(r"(?:成文日期|发布日期|印发日期|发文日期)[:：]\s*")
ISO_DATE = regex.compile(r"((?:19|20)\d{2})\s*[-./]\s*(\d{1,2})\s*[-./]\s*(\d{1,2})")
# A header block of `名称: 值` fields above the text, as legal-database and archive exports write it
# (`文号: 嘉府办发〔2024〕23号`, `【发布部门】 北京市经济和信息化局`, `发布日期: 2026-04-23`).
# A portal page writes several fields to a line, a layout gap apart (`发文机关：…　　成文日期：…`), and
# names the issuer `发布机构` (which alone will do); `来源` is the page's source, the issuer only when it
# names a government body (`来源：县府办`, `来源：新华社` do not) and no other field does.
HEADER_FIELD = regex.compile(
    r"^[【\[]?(?P<key>标题|文号|发文字号|发布单位|发布部门|发布机构|发文机关|制定机关|来源|发布日期|成文日期|公布日期|"
    r"发文日期|发布时间)[】\]]?\s*[:：]?\s*(?P<value>\S.*)$"
)
HEADER_KEYS = {"文号": "doc_number", "发文字号": "doc_number", "发布单位": "issuer", "发布部门": "issuer",
               "发布机构": "issuer", "发文机关": "issuer", "制定机关": "issuer", "来源": "source",
               "发布日期": "date", "成文日期": "date", "公布日期": "date", "发文日期": "date",
               # When the page went up, not the issue date (长兴: 发布时间 2024-04-02, signed 2024-03-28).
               "发布时间": "posted"}
# A source that is a government body (`来源：上海市普陀区人民政府`), not a news agency or site (`来源：新华社`).
SOURCE_BODY = regex.compile(r"(?:人民政府|委员会|办公室|办公厅|管委会|政府|[局厅委院部署])$")
# Only a gap before another `名称：` splits a line: joint issuers in a value stand a gap apart too.
# Tried only where a run of blanks starts, and possessive: a long run costs one pass.
HEADER_GAP = regex.compile(r"(?<![ \u3000\u00a0])[ \u3000\u00a0]{2,}+(?=[【\[]?\p{Han}{2,6}[】\]]?\s*[:：])")
HEADER_LINES = 15
# A work report's head: the title line, a dateline naming the congress, a byline naming the government
# (`政府工作报告` / `——2024年1月13日在马鞍山市第十七届人民代表大会第四次会议上` / `市人民政府市长 葛斌`).
WORK_REPORT_TITLE = regex.compile(r"^\p{Han}{0,12}政府工作报告$")
DATELINE = regex.compile(
    r"^[—\-－─]*\s*(?P<date>\S+?日)\s*在\s*(?P<place>\p{Han}{1,12}?[省市县区州盟旗])第\p{Han}{1,6}届人民代表大会"
)
BYLINE = regex.compile(r"^(?P<org>\p{Han}{0,12}?人民政府)(?:代理)?(?:省长|市长|县长|区长|州长|盟长|旗长|主席)")
# A cover page's byline stands above a year and month with no day (`北京市规划和自然资源委员会` / `2021 年 9 月`).
YEAR_MONTH = regex.compile(r"^(?:19|20)\d{2}\s*年\s*\d{1,2}\s*月$")
# A note under a signature naming the body whose seal stands in for the signer's.
SEAL_NOTE = regex.compile(r"^[（(][^（）()]{2,50}代章[）)]$")
# A line wrapped whole in brackets: `（阿府办发〔2021〕21号）`, `（2021年10月11日）`.
BRACKETED_LINE = regex.compile(r"^[（(【\[](.+)[）)】\]]$")
ORG_SUFFIX = regex.compile(
    r"(?:人民政府|人民代表大会常务委员会|委员会|办公室|办公厅|管委会|管理委员会|政府|"
    r"[局厅委院部署会处室社行司])$"
)
# The start of a body's name (`国家发展` / `改革委办公厅`: a name a narrow page column wraps over two lines).
NAME_START = regex.compile(r"^(?:国家|国务院|中共|中国|全国|\p{Han}{1,8}?(?:省|自治区|市|县|区|州|盟|旗))")
# Joint issuers in a signature block, one per line or side by side: a notice of eight bureaus has eight.
MAX_SIGNERS = 20
# A title is a phrase closed by its document kind: `[issuer] [关于 …的] kind` (规划, 意见, 通知 …).
TITLE_SUFFIX = regex.compile(
    r"(?:规划|计划|方案|措施|意见|办法|细则|纲要|要点|规定|条例|决定|政策|行动|清单|指南|指引|导则|规程|规范|通知|"
    r"目标纲要|工作要点|工作总结|总结)(?:[（(][^）)]{0,20}[）)])?$"
)
# A 印发/转发 notice wraps the document it issues: `[issuer] [关于] 印发 X 的通知`, the verb right after
# 关于 or the issuer (a 发布 only before 《》). A 印发 further inside (`关于加强信息发布工作的通知`) is the
# title's own wording, not a wrapper.
# The issuing verbs form a small open class: 印发, 转发, 下发 (上海 沪绿容〔2024〕264号 `关于下发《…》的通知`),
# 颁发, with 修订/重新 before them.
ISSUE_VERB = r"(?:修订|重新)?(?:印发|转发|下发|颁发)"
NOTICE_WRAP = regex.compile(
    rf"^(?P<issuer>(?:(?!关于|{ISSUE_VERB}).)*?)(?P<about>关于)?(?:{ISSUE_VERB}|发布(?=《))(?P<name>.+)的(?:通知|决定|函)$"
)
# A piece of a title wrapped over lines that cannot end it: a function word, an open quote, 关于.
OPEN_END = regex.compile(rf"(?:关于|{ISSUE_VERB}|的|和|与|及|“|《|之)$")
# A place name standing alone on a title's first line (`天津市` / `2021年…实施细则`).
PLACE_ONLY = regex.compile(r"^\p{Han}{1,8}?(?:省|市|县|区|州|自治区|自治州|旗|盟)$")
# The period of a title on a line of its own under it: `（2021 年-2035 年）`.
PERIOD_NOTE = regex.compile(r"^[（(]\s*(?:19|20)\d{2}[^（）()]{0,20}(?:19|20)\d{2}\s*年?\s*[）)]$")
# A title wholly in book-title marks: `《上海市某区国民经济和社会发展第十五个五年规划纲要》`.
BOOK_TITLE = regex.compile(r"^《([^《》]+)》$")
# Inside a notice's 《》 a cited title takes 〈〉 or <> (上海 `《〈…〉任务分工方案》`); its own line writes 《》.
INNER_BOOK_MARKS = str.maketrans("〈〉<>＜＞", "《》《》《》")
STATUS_NOTE = regex.compile(r"[（(](?:征求意见稿|草案|送审稿|试行|暂行|此件[^）)]*)[）)]$")
# Lines a government website wraps around a document: breadcrumbs, publication data, page tools.
WEB_FURNITURE = regex.compile(
    r"[>＞»]|您当前的位置|当前位置|发布时间|发布日期[:：]|来源[:：]|浏览次数|点击数|【字体|打印本页|关闭窗口|"
    r"索引号|主题分类|发文机关|有效性[:：]|扫一扫|分享到|法宝引证码|原文链接|https?://"
)
# A crawled page's furniture is an open class, read as a grammar over its lines (issue 16, meta-crawl):
#   page       := [page_title] {nav | page_data} headline {nav | page_data} document {page_data | tool}
#                 [related {link}] {footer}
#   page_title := the first line: the headline, then the site or column (`…的通知_能源`, `【…】-国家发展和改革委员会`)
#   nav        := menu | crumbs | tool: before the document's first sentence, a run of three or more portal
#                 words one a line (`首页` / `机构概览` / `动态要闻`), with a breadcrumb's separators
#                 (`首页` / `>` / `政务公开` / `>` / `政策`, `/ 决策公开`) and page tools (`字体：` `小` `|` `中`)
#   page_data  := `发布时间：…`, `来源：` with its value on the line below, a time stamp (`2021-02-03 16:40`)
#   footer     := 地址 邮编 主办单位 网站标识码 ICP备 公网安备 版权所有 …
#   related    := a heading of links to other pages (`相关政策与解读`) over title-shaped lines
# A column's name is a portal word in a breadcrumb or menu, whatever it says (`政策`, `通知`, `规划计划`).
PAGE_TOOL = regex.compile(
    r"^(?:Aa|字体[:：]?|字号[:：]?|[\[【]\s*打印\s*[\]】]|打印|打印本页|打印此页|关闭|关闭窗口|关闭本页|分享|收藏|"
    r"加入收藏|设为首页|网站地图|联系我们|工作邮箱|搜索|无障碍|返回顶部|返回|English|繁体|简体|排行榜|扫一扫.*)$"
)
# A footer's field opens its line; its registration and copyright marks stand anywhere in it.
FOOTER_FIELD = regex.compile(
    r"(?:通讯地址|地址|邮编|邮政编码|主办单位|承办单位|协办单位|主办|承办|网站标识码|传真|\p{Han}{0,8}电话)\s*[:：]"
)
FOOTER_MARK = regex.compile(r"ICP备|公网安备|版权所有|[Cc]opyright")
# A breadcrumb's separator stands alone on its line or opens the item's line (`/ 政务公开`); a table row in
# Markdown (`| 指标 | 2020年 |`) is none.
CRUMB_SEPARATOR = regex.compile(r"^[>＞»›/／|｜]\s*[\p{Han}A-Za-z]{0,8}$")
# The document proper: a line of sentences (`…的通知如下：` has a colon, but so has a page field).
SENTENCE_LINE = regex.compile(r"[。，；]")
TIME_STAMP = regex.compile(r"^(?:19|20)\d{2}[-/.]\d{1,2}[-/.]\d{1,2}\s+\d{1,2}:\d{2}(?::\d{2})?$")
# A page field whose value the page puts on the next line (`来源：` / `能源局`).
EMPTY_FIELD = regex.compile(r"^(?:来源|信息来源|发布时间|发布日期|作者|编辑|责任编辑|浏览次数|点击数)\s*[:：]$")
# A portal word: a short line of letters only. Issuer lines and a title's pieces (`国务院关于`) are no menu items.
MENU_ITEM = regex.compile(r"^[\p{Han}A-Za-z]{1,8}$")
MENU_RUN = 3
RELATED_LINKS = regex.compile(
    r"^(?:相关(?:链接|文件|政策|阅读|新闻|解读|稿件|信息|附件)[\p{Han}、与和]{0,6}|推荐阅读|热点推荐|上一篇|下一篇)[:：]?$"
)
# The first line as a browser writes a page's title: the headline, then the site or column's name.
PAGE_TITLE = regex.compile(r"^【?(?P<headline>.+?)】?\s*[-_|－—]+\s*(?P<site>\p{Han}[\p{Han}A-Za-z0-9（）()]{0,30})$")
# A headline followed by its number in brackets (`…的通知(发改办能源规〔2020〕245号)`): no part of the title.
NUMBER_NOTE = regex.compile(
    r"[（(]\s*\p{Han}{1,12}\s*[〔\[［【(（]\s*(?:19|20)\d{2}\s*[〕\]］】)）]\s*\d{1,4}\s*号\s*[）)]$"
)
# The longest line of page data (a script's note with the page's address runs to 147 characters: 黄浦).
MAX_FURNITURE = 200
# How far past the head's 40 lines a crawled page's furniture may push the document.
FURNITURE_REACH = 3
PLAN_WORD_END = regex.compile(r"(?:计划|要点|方案|安排)$")
PERIOD_RANGE = regex.compile(r"((?:19|20)\d{2})\s*(?:年)?\s*[—–\-－~～至到]+\s*((?:19|20)\d{2})\s*年")
PERIOD_SENTENCE = regex.compile(
    # 本规划期限为…, 规划期：…; not a stage of the programme (嘉定: `“十五五”达标计划：2026年至2030年`).
    r"(?:本(?:规划|计划|方案)(?:期|期限|实施期|实施期限|范围)?|(?:规划|计划|方案)(?:期|期限|实施期|实施期限))"
    r"(?:为|是|：|:)\s*"
    r"((?:19|20)\d{2})\s*年?\s*[—–\-－~～至到]+\s*((?:19|20)\d{2})\s*年"
)
FIVE_YEAR_PLANS = {"十一五": (2006, 2010), "十二五": (2011, 2015), "十三五": (2016, 2020),
                   "十四五": (2021, 2025), "十五五": (2026, 2030), "十六五": (2031, 2035),
                   "十七五": (2036, 2040)}
# After a five-year plan's name, words that place it in the past: `“十三五”时期发展成就`, `“十三五”以来`.
PAST_PLAN_CONTEXT = regex.compile(r"[”\"]?\s*(?:期间|时期)?\s*(?:以来|成就|回顾|成效|完成情况|发展基础|总结)")
FIVE_YEAR = regex.compile(r"[“\"]?(十[一二三四五六七]五)[”\"]?")
SINGLE_YEAR = regex.compile(r"((?:19|20)\d{2})\s*年")
# Metadata lives in the document's head and tail; a plan's body never holds its own 文号.
HEAD_LINES = 40
BLANK_RUN = regex.compile(r"\s+")
# A title has no sentence punctuation (title_shaped).
SENTENCE_PUNCT = regex.compile(r"[。，；：:]")
# The longest issuing body: `中国（上海）自由贸易试验区临港新片区管理委员会办公室` has 28 characters.
MAX_ISSUER = 50
# The longest title line (a notice naming a long plan), and the most lines one title is wrapped over.
MAX_TITLE = 100
MAX_TITLE_LINES = 4


def _compact(text: str) -> str:
    return BLANK_RUN.sub("", text)


line_start = attrgetter("start")


def _standalone(lines: list[Line]) -> list[tuple[int, str]]:
    return [(i, text) for i, ln in enumerate(lines) if (text := ln.text.strip())]


def unbracket(text: str) -> str:
    m = BRACKETED_LINE.match(text)
    return m.group(1).strip() if m else text


def header_fields(nonblank: list[tuple[int, str]]) -> dict[str, str]:
    """doc_number / issuer / date from an export's header block or a portal page's header; two fields at
    least make a block (a lone `发布日期：` line is website furniture, not a header)."""
    found: dict[str, str] = {}
    lone_issuer = None
    for _, line in nonblank[:HEADER_LINES]:
        for text in HEADER_GAP.split(line.strip()):
            m = HEADER_FIELD.match(text)
            if m and m["key"] in HEADER_KEYS:
                value = m["value"].strip()
                if regex.search(r"\p{Han}|\d", value):  # `文号: -` is no value
                    found.setdefault(HEADER_KEYS[m["key"]], value)
                    if m["key"] == "发布机构":
                        lone_issuer = lone_issuer or value
    source = found.pop("source", None)
    if "issuer" not in found and source and SOURCE_BODY.search(source) and org_parts(source):
        found["issuer"] = source
    if len(found) >= 2:
        return found
    # `发布机构：` alone names the issuing body by its key; a lone date or source line is the page's own.
    if lone_issuer and org_parts(lone_issuer):
        return {"issuer": lone_issuer}
    return {}


def work_report_meta(nonblank: list[tuple[int, str]]) -> tuple[str | None, str | None, str | None]:
    """(title, issuer, date) from a work report's head; the byline's `市人民政府` takes its place
    name from the dateline (`马鞍山市第十七届人民代表大会` → `马鞍山市人民政府`)."""
    head = [t for _, t in nonblank[:5]]
    if not head or not WORK_REPORT_TITLE.match(_compact(head[0])):
        return None, None, None
    title, issuer, date, place = _compact(head[0]), None, None, None
    for text in head[1:]:
        text = text.strip()
        if m := DATELINE.match(text):
            date, place = parse_date(m["date"]), m["place"]
        elif m := BYLINE.match(text):
            issuer = m["org"]
    if issuer and place and issuer[0] == place[-1] and not issuer.startswith(place):
        issuer = place + issuer[1:]
    return title, issuer, date


def cover_issuer(nonblank: list[tuple[int, str]]) -> str | None:
    """The organisation above a year-and-month line on a cover page."""
    for k, (_, text) in enumerate(nonblank[:HEAD_LINES]):
        if k and YEAR_MONTH.match(text):
            parts = org_parts(nonblank[k - 1][1])
            if parts:
                return "、".join(parts)
    return None


def find_doc_number(nonblank: list[tuple[int, str]]) -> str | None:
    """The number on a line of its own (or after 发文字号：); a number inside a sentence is cited."""
    for _, text in nonblank:
        if "号" not in text:
            continue  # DOC_NUMBER ends in 号: most lines are passed without three pattern calls
        text = unbracket(text)
        field = DOC_NUMBER_FIELD.match(text)
        body = text[field.end() :] if field else text
        m = DOC_NUMBER.match(body)
        if m and len(body) - m.end() <= 12 and "《" not in body[: m.start()]:
            return _compact(m.group())
    return None


def _cn_number(text: str) -> int:
    if all(ch in CN_DIGITS for ch in text):
        return int("".join(str(CN_DIGITS[ch]) for ch in text))
    # 十, 十二, 二十, 二十一, 三十一
    tens, _, ones = text.partition("十")
    if "十" not in text:
        return CN_DIGITS[text]
    return (CN_DIGITS[tens] if tens else 1) * 10 + (CN_DIGITS[ones] if ones else 0)


def parse_date(text: str) -> str | None:
    m = DATE.search(text) or ISO_DATE.search(text)
    if m:
        y, mo, d = int(m[1]), int(m[2]), int(m[3])
    else:
        m = CN_DATE.search(text)
        if not m:
            return None
        try:
            y, mo, d = _cn_number(m[1]), _cn_number(m[2]), _cn_number(m[3])
        except KeyError:
            return None
    if not (1 <= mo <= 12 and 1 <= d <= 31):
        return None
    return f"{y:04d}-{mo:02d}-{d:02d}"


def org_parts(text: str) -> list[str] | None:
    """The organisations of a line, split on blanks (joint issuers side by side); None when any part
    is no organisation."""
    parts = [p for p in BLANK_RUN.split(text.strip()) if p]
    if parts and all(ORG_SUFFIX.search(p) and len(p) <= MAX_ISSUER for p in parts):
        return parts
    return None


def find_signature(nonblank: list[tuple[int, str]],
                   raw: Callable[[int], str] | None = None) -> tuple[str | None, str | None]:
    """(issuer, issue_date) from the first date standing alone, with the organisations above it.
    ``raw(i)`` gives line i as the source wrote it: cleaning drops a single blank next to Han
    characters, and a single blank is all that separates joint issuers in some signatures."""
    for k, (_, text) in enumerate(nonblank):
        if "日" not in text:
            continue  # DATE and CN_DATE end in 日: most lines are passed without pattern calls
        text = unbracket(text)
        field = DATE_FIELD.match(text)
        body = text[field.end() :] if field else text
        if len(body) > 20 or not (DATE.fullmatch(body) or CN_DATE.fullmatch(body)):
            continue
        date = parse_date(body)
        issuers: list[str] = []
        j = k - 1
        while j >= 0 and len(issuers) < MAX_SIGNERS:
            if SEAL_NOTE.match(nonblank[j][1]) and not issuers:
                j -= 1  # `（上海市发展和改革委员会代章）`: who lent the seal, under the body that signs
                continue
            # Joint issuers stand one per line or side by side, separated by blanks only.
            parts = (raw and org_parts(raw(nonblank[j][0]))) or org_parts(nonblank[j][1])
            if not parts and issuers and name_head(nonblank[j][1].strip(), issuers[0]):
                issuers[0] = _compact(nonblank[j][1]) + issuers[0]
                j -= 1
                continue
            if not parts:
                break
            issuers[:0] = parts
            j -= 1
        return ("、".join(issuers) or None), date
    return None, None


def name_head(line: str, below: str) -> bool:
    """``line`` is the first piece of the body name ``below`` goes on with: it starts like a name, ``below``
    does not, and the two make one body (`国家发展` / `改革委办公厅`). A sentence (`特此通知`) or a title over a
    signature (`…办法`) starts no name."""
    return bool(
        NAME_START.match(line) and regex.fullmatch(r"\p{Han}{2,12}", line) and not NAME_START.match(below)
        and not TITLE_SUFFIX.search(line) and len(line) + len(below) <= MAX_ISSUER
    )


def title_shaped(text: str) -> bool:
    """A line that could be (part of) a title: no sentence punctuation, and short. 湖南's notice naming a
    三年行动计划 with its period runs to 53 characters; a longer plan name or issuer passes 60."""
    return len(text) <= MAX_TITLE and not SENTENCE_PUNCT.search(text)


def _furniture_words(text: str) -> bool:
    """A line that is furniture by its own words: page data, page tools, a footer, a time stamp. A paragraph
    is none (and is no title either): a page's lines of data or tools are short."""
    return len(text) <= MAX_FURNITURE and bool(
        WEB_FURNITURE.search(text) or PAGE_TOOL.match(text) or FOOTER_FIELD.match(text) or FOOTER_MARK.search(text)
        or TIME_STAMP.match(text) or EMPTY_FIELD.match(text)
    )


def _portal_word(text: str) -> bool:
    """A short line that could be a menu item, a breadcrumb's column or separator; an issuer line or a piece
    of a wrapped title (`国务院关于`, `关于印发`) is none."""
    if CRUMB_SEPARATOR.match(text):
        return True
    return bool(MENU_ITEM.match(text) and not org_parts(text) and not OPEN_END.search(text)
                and not regex.match(rf"关于|{ISSUE_VERB}", text))


def page_furniture(lines: list[tuple[int, str]], head: bool = True) -> set[int]:
    """Positions in ``lines`` (nonblank lines in a row) that are a crawled page's furniture (PAGE_TOOL … above):
    lines furniture by their own words; the value line under an empty page field; in the ``head``, a run of
    three or more portal words (a menu, a breadcrumb with its separators) before the document's first
    sentence, and a first line that is the page's title when the headline below repeats it.
    A table's cells one per line look like a menu, but they stand among the document's sentences; at a
    document's end (not ``head``) they would stand after its last, so no run is read there."""
    texts = [t.strip() for _, t in lines]
    if not texts:
        return set()
    own = [_furniture_words(t) for t in texts]
    out = {k for k, is_own in enumerate(own) if is_own}
    out.update(k + 1 for k, t in enumerate(texts[:-1]) if EMPTY_FIELD.match(t) and title_shaped(texts[k + 1]))
    if not head:
        return out
    first_sentence = next((k for k, t in enumerate(texts) if not own[k] and SENTENCE_LINE.search(t)), len(texts))
    word = [k < first_sentence and _portal_word(t) for k, t in enumerate(texts)]
    k = 0
    while k < len(texts):
        m = k
        while m < len(texts) and (own[m] or word[m]):
            m += 1
        # Page-data lines join a run but do not make one: a title over `发布时间：…` / `来源：…` is no menu.
        if sum(word[k:m]) >= MENU_RUN:
            out.update(range(k, m))
        k = max(m, k + 1)
    # A page title is a headline and a site's name; a longer first line is prose (and costs PAGE_TITLE's
    # lazy headline a pass per character).
    if len(texts[0]) <= MAX_TITLE + MAX_ISSUER and (page_title := PAGE_TITLE.match(texts[0])):
        headline = NUMBER_NOTE.sub("", _compact(page_title["headline"]))
        if headline and any(headline in _compact(t) for t in texts[1:]):
            out.add(0)
    return out


def head_window(nonblank: list[tuple[int, str]]) -> tuple[list[tuple[int, str]], list[tuple[int, str]]]:
    """(window, head): the document's first HEAD_LINES lines, reaching past the page furniture among them
    (as far as FURNITURE_REACH times as many lines), and those lines without it, where its title and notice
    stand. A page with no furniture gives its first HEAD_LINES lines twice. Found once for find_title,
    wrapped_names, the number and the signature; read lines only as far as the furniture pushes."""
    size = HEAD_LINES
    while True:
        region = nonblank[:size]
        skip = page_furniture(region)
        kept = [k for k in range(len(region)) if k not in skip]
        if len(kept) >= HEAD_LINES or len(region) < size or size >= FURNITURE_REACH * HEAD_LINES:
            break
        size = min(size + HEAD_LINES - len(kept), FURNITURE_REACH * HEAD_LINES)
    kept = kept[:HEAD_LINES]
    end = kept[-1] + 1 if len(kept) == HEAD_LINES else len(region)
    return region[:end], [region[k] for k in kept]


def tail_window(nonblank: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """The document's last HEAD_LINES lines, before a list of related pages (`相关政策与解读` over link titles)
    and reaching past the page furniture among them."""
    reach = nonblank[-FURNITURE_REACH * HEAD_LINES :]
    for k, (_, text) in enumerate(reach):
        if RELATED_LINKS.match(text.strip()) and all(
            title_shaped(t.strip()) or _furniture_words(t.strip()) for _, t in reach[k + 1 :]
        ):
            reach = reach[:k]
            break
    size = HEAD_LINES
    while True:
        region = reach[-size:]
        skip = page_furniture(region, head=False)
        kept = [k for k in range(len(region)) if k not in skip]
        if len(kept) >= HEAD_LINES or size >= len(reach):
            break
        size = min(size + HEAD_LINES - len(kept), len(reach))
    kept = kept[-HEAD_LINES:]
    return region[kept[0] if len(kept) == HEAD_LINES else 0 :]


def continues(title: str, line: str) -> bool:
    """The title so far goes on in the next line: a title wrapped over lines (淄博 `关于印发淄博市“十四五”
    科技创新` / `规划的通知`, `国务院关于` / `促进…的若干意见`, `某市人民政府` / `关于…的意见`)."""
    if DOC_NUMBER.match(line) or DATE.match(line):
        return False  # the number or date under a title is no part of it
    if OPEN_END.search(title) or PLACE_ONLY.match(title):
        return True
    if org_parts(title) and (regex.match(rf"关于|{ISSUE_VERB}", line)
                             or ((m := regex.match(r"(.+?)关于$", line)) and org_parts(m[1]))):
        return True  # the issuer's line above its 关于, or above a joint issuer's `国家能源局综合司关于`
    if "关于" in title and not TITLE_SUFFIX.search(title):
        return True  # a 关于 phrase is open until its kind closes it
    # The title's period on a line of its own (`…专项规划` / `（2021 年-2035 年）`); a status note is not kept.
    return bool(TITLE_SUFFIX.search(title) and PERIOD_NOTE.match(line))


def title_candidates(head: list[tuple[int, str]], heading_lines: set[int]) -> list[tuple[int, str]]:
    """The titles the head's lines spell, in order, as (index into head, text): each joined from the
    lines of one title, which follow each other or stand one blank line apart."""
    out: list[tuple[int, str]] = []
    k = 0
    while k < len(head):
        i, text = head[k]
        m = k + 1
        # A numbered heading (一、… 第二部分…) is no title; `2024年…要点`, `一流大学建设方案` can be.
        if title_shaped(text) and i not in heading_lines:
            last = i
            while m < len(head) and m - k < MAX_TITLE_LINES:
                j, line = head[m]
                if j - last > 2 or not title_shaped(line) or j in heading_lines or not continues(text, line):
                    break
                text, last, m = text + line, j, m + 1
            if m > k + 1 and not (notice_wrap(text) or TITLE_SUFFIX.search(STATUS_NOTE.sub("", text).strip())):
                text, m = head[k][1], k + 1  # the lines spell no title together: try the next on its own
            out.append((k, text))
        k = m
    return out


def notice_wrap(title: str) -> regex.Match | None:
    """The 印发/转发 notice a title is, if it is one: the verb opens it, follows 关于, or follows an
    issuer standing before it (`北京市经济和信息化局印发《…》的通知`)."""
    m = NOTICE_WRAP.match(NUMBER_NOTE.sub("", _compact(title)))
    if m and (m["about"] or not m["issuer"] or org_parts(m["issuer"])):
        return m
    return None


def first_notice(candidates: list[tuple[int, str]]) -> regex.Match | None:
    """The first title the head spells that is a 印发/转发 notice: found once for find_title and
    wrapped_names."""
    return next((wrap for _, text in candidates if (wrap := notice_wrap(text))), None)


def wrapped_names(notice: regex.Match | None) -> list[str]:
    """The documents a 印发 notice issues, in order: `关于印发《A》和《B》的通知` → [A, B]."""
    return [_compact(n) for n in regex.findall(r"《([^》]+)》", notice["name"])] if notice else []


def find_title(candidates: list[tuple[int, str]], nonblank: list[tuple[int, str]],
               notice: regex.Match | None) -> str | None:
    """The title of the document itself: what a 印发 notice (``first_notice``) wraps, else the first title
    the head spells (a title in 《》 on the first line, `《某区国民经济和社会发展第十五个五年规划纲要》`,
    loses its marks)."""
    if notice:
        return wrapped_title(notice["name"], nonblank)
    for n, (k, text) in enumerate(candidates):
        candidate = NUMBER_NOTE.sub("", STATUS_NOTE.sub("", text).strip()).strip()
        if k == 0 and (book := BOOK_TITLE.match(candidate)):
            candidate = book[1]
        if TITLE_SUFFIX.search(candidate):
            return fuller_title(candidate, candidates[n + 1 :])
    return None


def fuller_title(headline: str, later: list[tuple[int, str]]) -> str:
    """A page's headline (`关于做好…的通知`) repeats the document's title without its issuers; the document's
    own title lines below it spell them (`国家发展改革委办公厅` / `国家能源局综合司关于` / `做好…的通知`)."""
    if not headline.startswith("关于"):
        return headline
    tail = _compact(headline)
    for _, text in later:
        own = STATUS_NOTE.sub("", text).strip()
        issuers = _compact(own)[: -len(tail)]
        if _compact(own).endswith(tail) and issuers and ORG_SUFFIX.search(issuers):
            return own
    return headline


def wrapped_title(wrapped: str, nonblank: list[tuple[int, str]]) -> str:
    """The plan a 印发 notice wraps, as written on its own line when it has one; that line may add
    the place the notice leaves out (`市工业和信息化局关于印发2021年…细则的通知` over `天津市2021年…细则`)."""
    # When one notice issues several documents, the title is the first (spec §2).
    names = regex.findall(r"《([^》]+)》", wrapped)
    plan = _compact(names[0] if names else wrapped).translate(INNER_BOOK_MARKS)
    for _, text in nonblank[: 2 * HEAD_LINES]:
        line = STATUS_NOTE.sub("", text).strip()
        if book := BOOK_TITLE.match(line):
            line = book[1]
        own = _compact(line).translate(INNER_BOOK_MARKS)
        if not title_shaped(own) or not own.endswith(plan):
            continue
        if own == plan or PLACE_ONLY.match(own[: len(own) - len(plan)]):
            return line
    return plan


def find_period(title: str | None, text: str, captions: list[str],
                others: tuple[str, ...] = ()) -> tuple[int, int] | None:
    """The plan period from the title; else from another document the same notice issues
    (`关于印发《A》和《B（2024—2026年）》的通知`); else a 规划期限 sentence; else the 十四五 captions."""
    for name in (title, *others):
        period = title_period(name)
        if period:
            return period
    return text_period(text, captions)


def title_period(title: str | None) -> tuple[int, int] | None:
    if title:
        m = PERIOD_RANGE.search(title)
        if m:
            return int(m[1]), int(m[2])
        m = FIVE_YEAR.search(title)
        if m:
            return FIVE_YEAR_PLANS[m[1]]
        years = SINGLE_YEAR.findall(title)
        if len(years) == 1:
            return int(years[0]), int(years[0])
        # `2023年工作总结和2024年工作计划`: the plan is for the year its plan word follows.
        if years and PLAN_WORD_END.search(title):
            return int(years[-1]), int(years[-1])
    return None


def text_period(text: str, captions: list[str]) -> tuple[int, int] | None:
    m = PERIOD_SENTENCE.search(text)
    if m:
        return int(m[1]), int(m[2])
    # A plan whose own tables and headings are labelled “十四五” is a 十四五 plan (青州): the latest
    # five-year plan they name, leaving out headings about a past one (`“十三五”时期发展成就`).
    # Headings that name two plans (`“十四五”达标计划` and `“十五五”达标计划` in 嘉定's 实施方案) are
    # stages of a longer programme, not the plan's own period.
    named = {FIVE_YEAR_PLANS[m[1]] for caption in captions for m in FIVE_YEAR.finditer(caption)
             if not PAST_PLAN_CONTEXT.search(caption, m.end())}
    return named.pop() if len(named) == 1 else None


NOTICE_ISSUER = regex.compile(
    r"^((?:\p{Han}{2,40}?(?:人民政府|委员会|办公厅|办公室|[委局厅])\s+)*\p{Han}{2,40}?(?:人民政府|委员会|办公厅|办公室))\s*关于"
)


def notice_issuer(nonblank: list[tuple[int, str]], raw: Callable[[int], str]) -> str | None:
    """The body before 关于 in the notice title; joint bodies separated by blanks only are joined
    with 、 (`中共某市委 某市人民政府关于…`, read from the source line)."""
    m = NOTICE_ISSUER.match("".join(t for _, t in nonblank[:6]))
    if not m:
        return None
    first = raw(nonblank[0][0]).strip()
    if (own := NOTICE_ISSUER.match(first)) and _compact(own.group(1)) == m.group(1):
        return "、".join(own.group(1).split())
    return m.group(1)


def extract_meta(clean: CleanText, lines: list[Line], tables: list[Table], sections: list) -> Meta:
    nonblank = _standalone(lines)
    # A heading starts at the first non-blank character of its own line: the line holding its start,
    # found by bisection rather than by stripping every line of the document.
    heading_lines = {bisect_right(lines, s.clean_span[0], key=line_start) - 1 for s in sections}
    window, head = head_window(nonblank)
    tail = tail_window(nonblank)
    candidates = title_candidates(head, heading_lines)
    notice = first_notice(candidates)
    title = find_title(candidates, nonblank, notice)
    doc_number = find_doc_number(window + tail)
    def raw(i: int) -> str:
        a, b = clean.to_source(lines[i].start, lines[i].end)
        return clean.source[a:b]

    issuer, date = find_signature(window, raw)
    if date is None:
        issuer, date = find_signature(tail, raw)
    # An export's header block fills what the document's own number and signature leave open; on a crawled
    # page it stands below the menus (the head without them, its page-data fields kept).
    kept = set(head)
    header = header_fields([ln for ln in window if ln in kept or HEADER_FIELD.match(ln[1].strip())])
    if doc_number is None and (m := DOC_NUMBER.search(header.get("doc_number", ""))):
        doc_number = _compact(m.group())
    issuer = issuer or header.get("issuer")
    date = date or (parse_date(header["date"]) if "date" in header else None)
    wr_title, wr_issuer, wr_date = work_report_meta(nonblank)
    title, issuer, date = title or wr_title, issuer or wr_issuer, date or wr_date
    if issuer is None and date is None:
        issuer = cover_issuer(nonblank)
    if issuer is None:
        issuer = notice_issuer(nonblank, raw)
    captions = [t.caption for t in tables if t.caption] + [s.title for s in sections if s.level <= 4]
    names = wrapped_names(notice)
    others = tuple(n for n in names if title is None or n != _compact(title))
    period = find_period(title, clean.text, captions, others)
    return Meta(title=title, doc_number=doc_number, issuer=issuer, issue_date=date, period=period)
