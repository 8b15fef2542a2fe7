"""HTML: the visible text of a web page's article body (spec §1).

Government sites wrap the policy text in a container named after their CMS ("TRS_Editor",
"pages_content", "zoom", …) inside navigation, sidebars and footers. The reader picks that
container (``find_article``), walks it with an explicit stack (pages nest thousands of levels deep
and must not hit Python's recursion limit), and turns block elements into paragraphs, ``<br>`` into
line breaks and data tables into rows of cells.

Parsing uses BeautifulSoup over lxml: lxml alone silently drops everything below depth 255,
BeautifulSoup's lxml tree builder keeps it, and lxml repairs implied end tags (``<p>a<p>b``) the way
browsers do.
"""

from __future__ import annotations

import codecs
import re
import warnings
from collections.abc import Callable, Iterator
from pathlib import Path

from bs4 import BeautifulSoup, MarkupResemblesLocatorWarning, XMLParsedAsHTMLWarning
from bs4.element import NavigableString, PreformattedString, Tag

from pipeline.errors import IngestError
from pipeline.readers.layout import ReadResult, TextBuilder

# Charset declarations are in the first bytes of a page (the HTML standard sniffs 1024).
SNIFF_BYTES = 4096
CHARSET_RE = re.compile(rb"""<meta[^>]*?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
XML_ENCODING_RE = re.compile(rb"""^\s*<\?xml[^>]*encoding\s*=\s*["']([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
# Pages labelled gb2312/gbk routinely contain GBK-only characters; GB18030 is their superset.
GB_ALIASES = frozenset("gb2312 gbk x-gbk cp936 gb_2312-80 csgb2312 euc-cn x-euc-cn chinese".split())
# Single-byte Western codecs accept any bytes; on a Chinese portal such a label is a CMS default
# nobody changed, so it is tried after UTF-8 and GB18030 rather than first.
ANY_BYTES_CODECS = frozenset({"iso8859-1", "cp1252", "latin-1"})

# Containers a CMS puts the article in, strongest first. Matched against id and class, lower-cased.
STRONG_MARKERS = (
    "trs_editor", "pages_content", "zoom", "article_content", "article-content", "articlecontent",
    "art_con", "detail_content", "detail-content", "zwnr", "zw_con",
)  # fmt: skip
WEAK_MARKERS = ("content", "article", "detail", "main")
WEAK_TAGS = frozenset({"article", "main"})
# A container needs this much visible text to hold an article rather than a label.
MIN_ARTICLE_CHARS = 20
# Among nested candidates of one tier, the tightest one that still holds this share of the largest.
TIGHT_SHARE = 0.8
# Climb this many levels from the container to take in the title heading just above it...
TITLE_CLIMB = 3
# ...if that adds no more than this share of the container's text plus a few lines (date, source).
TITLE_EXTRA_SHARE = 0.2
TITLE_EXTRA_CHARS = 400

# Never shown, or not text: their content is left out wherever they are.
SKIPPED_TAGS = frozenset(
    "script style noscript template head title meta link nav header footer aside iframe object embed"
    " svg math canvas audio video map select option button input textarea img".split()
)
# Elements that start and end a line of text.
BLOCK_TAGS = frozenset(
    "p div section article main h1 h2 h3 h4 h5 h6 li ul ol dl dt dd blockquote pre center address"
    " figure figcaption form fieldset legend details summary hr body html table caption thead tbody"
    " tfoot tr td th".split()
)
HIDDEN_STYLE_RE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)
# Only <h1>: sidebars title their link lists with <h2>/<h3> ("相关文件").
HEADING_TAGS = ("h1",)
# Spans larger than this are typing errors or attacks (colspan="100000"), not tables.
MAX_COLSPAN = 100
MAX_ROWSPAN = 1000

# Runs of HTML white space (not U+3000, not NBSP: those are content).
WHITESPACE_RE = re.compile(r"[ \t\n\r\f]+")


def _codec(name: bytes | str | None) -> str | None:
    if not name:
        return None
    label = name.decode("ascii", "ignore") if isinstance(name, bytes) else name
    label = label.strip().lower()
    if label in GB_ALIASES:
        return "gb18030"
    try:
        return codecs.lookup(label).name
    except LookupError:
        return None


def declared_charset(data: bytes) -> str | None:
    """The charset a page declares in ``<meta charset>``, ``http-equiv`` or its XML declaration."""
    head = data[:SNIFF_BYTES]
    match = XML_ENCODING_RE.search(head) or CHARSET_RE.search(head)
    codec = _codec(match.group(1)) if match else None
    # A declaration readable as ASCII cannot be in UTF-16 or UTF-32: the HTML standard says to take
    # it as UTF-8 (a BOM, checked first, is what marks real UTF-16).
    if codec and codec.replace("_", "-").startswith(("utf-16", "utf-32")):
        return "utf-8"
    return codec


def _candidates(data: bytes) -> list[str]:
    for bom, codec in (
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            return [codec]
    declared = declared_charset(data)
    order = ["utf-8", "gb18030", declared] if declared in ANY_BYTES_CODECS else [declared, "utf-8", "gb18030"]
    return list(dict.fromkeys(codec for codec in order if codec))


def decode(data: bytes, path: Path) -> tuple[str, list[str]]:
    """Decode with the BOM, else the declared charset, else UTF-8, else GB18030.

    A declaration that does not fit the bytes is a common CMS mistake, so each candidate must
    decode cleanly. If none does, the first is used with U+FFFD for the bad bytes and a warning.
    """
    candidates = _candidates(data)
    if b"\x00" in data and not candidates[0].startswith("utf-16"):
        raise IngestError(path, "contains NUL bytes: binary data, not an HTML page")
    for codec in candidates:
        try:
            return data.decode(codec), []
        except UnicodeDecodeError:
            continue
    text = data.decode(candidates[0], errors="replace")
    return text, [f"not valid {candidates[0]}: {text.count(chr(0xFFFD))} undecodable byte sequences replaced"]


def parse(text: str, path: Path) -> BeautifulSoup:
    """The page as a tree; bs4 notices about URL-like or XHTML input are irrelevant here."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", MarkupResemblesLocatorWarning)
        warnings.simplefilter("ignore", XMLParsedAsHTMLWarning)
        try:
            return BeautifulSoup(text, "lxml")
        except Exception as exc:  # bs4's ParserRejectedMarkup, lxml errors
            raise IngestError(path, f"could not be parsed as HTML ({type(exc).__name__}: {exc})") from None


# --- what is visible --------------------------------------------------------------------------


def _is_tag(node: object) -> bool:
    return isinstance(node, Tag)


def _is_text(node: object) -> bool:
    """Visible character data: not a comment, doctype, CDATA or processing instruction."""
    return isinstance(node, NavigableString) and not isinstance(node, PreformattedString)


def is_hidden(tag: Tag) -> bool:
    """Elements a browser does not show: skipped tags, ``hidden``, ``display:none``."""
    if tag.name in SKIPPED_TAGS or tag.has_attr("hidden") or tag.get("aria-hidden") == "true":
        return True
    return bool(HIDDEN_STYLE_RE.search(tag.get("style") or ""))


def visible_lengths(root: Tag) -> dict[int, int]:
    """Visible text length of every shown element under ``root``, keyed by ``id(tag)``, in one
    iterative pass. Hidden elements and everything inside them are absent from the result."""
    lengths: dict[int, int] = {}
    stack: list[tuple[Tag, bool]] = [(root, True)]
    while stack:
        node, entering = stack.pop()
        if entering:
            if node is not root and is_hidden(node):
                continue
            stack.append((node, False))
            stack.extend((child, True) for child in reversed(node.contents) if _is_tag(child))
        else:
            lengths[id(node)] = sum(_own_length(child, lengths) for child in node.contents)
    return lengths


def _own_length(child: object, lengths: dict[int, int]) -> int:
    if _is_tag(child):
        return lengths.get(id(child), 0)
    return len(str(child).strip()) if _is_text(child) else 0


# --- choosing the article ------------------------------------------------------------------------


def _names(tag: Tag) -> str:
    classes = tag.get("class") or []
    if isinstance(classes, str):
        classes = [classes]
    return " ".join([tag.get("id") or "", *classes]).lower()


def _tier(tag: Tag) -> int | None:
    names = _names(tag)
    if any(m in names for m in STRONG_MARKERS):
        return 0
    if tag.name in WEAK_TAGS or any(m in names for m in WEAK_MARKERS):
        return 1
    return None


def _tightest(candidates: list[tuple[Tag, int]]) -> Tag:
    """The largest candidate, or the smallest one nested in it that still holds most of its text
    (``div.content`` wrapping ``div.article`` wrapping the text: the innermost wins)."""
    largest, most = max(candidates, key=lambda item: item[1])
    inside = [
        (tag, length)
        for tag, length in candidates
        if length >= TIGHT_SHARE * most and (tag is largest or any(p is largest for p in tag.parents))
    ]
    return min(inside, key=lambda item: item[1])[0]


def _with_title(container: Tag, lengths: dict[int, int]) -> Tag:
    """The container, or an ancestor a few levels up when that adds the article's title heading
    (``<h1>`` above ``<div class="TRS_Editor">``) and little else (date, source, print links)."""
    if container.find(list(HEADING_TAGS)) is not None:
        return container
    own = lengths.get(id(container), 0)
    node = container
    for _ in range(TITLE_CLIMB):
        node = node.parent
        if node is None or node.name in ("body", "html", "[document]"):
            break
        if any(lengths.get(id(h), 0) for h in node.find_all(list(HEADING_TAGS))):
            extra = lengths.get(id(node), 0) - own
            return node if extra <= TITLE_EXTRA_SHARE * own + TITLE_EXTRA_CHARS else container
    return container


def find_article(soup: BeautifulSoup) -> Tag:
    """The element holding the policy text: the best CMS container, else ``<body>``."""
    lengths = visible_lengths(soup)
    tiers: dict[int, list[tuple[Tag, int]]] = {0: [], 1: []}
    for tag in soup.find_all(True):
        length = lengths.get(id(tag), 0)
        tier = _tier(tag) if length >= MIN_ARTICLE_CHARS else None
        if tier is not None:
            tiers[tier].append((tag, length))
    for tier in (0, 1):
        if tiers[tier]:
            return _with_title(_tightest(tiers[tier]), lengths)
    return soup.body or soup


# --- walking the article -------------------------------------------------------------------------


def is_wide(ch: str) -> bool:
    """CJK characters and full-width forms. (pdf.is_cjk says the same; importing it would load
    pdfplumber for every web page.)"""
    code = ord(ch)
    return 0x2E80 <= code <= 0x9FFF or 0xF900 <= code <= 0xFAFF or 0xFF00 <= code <= 0xFFEF or 0x3000 <= code <= 0x303F


def collapse_whitespace(text: str) -> str:
    """HTML white-space collapsing: runs become one space, except that a line break between two
    Chinese characters disappears (CSS Text 3 segment-break rule): CMS editors wrap long Chinese
    lines in the source, and a space there would split a word such as "科技" into "科 技"."""

    def replace_run(match: re.Match[str]) -> str:
        start, end = match.span()
        if "\n" in match.group() and 0 < start and end < len(text):
            if is_wide(text[start - 1]) and is_wide(text[end]):
                return ""
        return " "

    return WHITESPACE_RE.sub(replace_run, text.replace("\xa0", " ")).strip()


def is_layout_table(table: Tag) -> bool:
    """A table used for layout is walked as ordinary content: one that holds other tables (old
    portals lay out whole pages with tables), or a one-cell box around text (a 专栏 panel)."""
    if table.get("role") == "presentation" or _holds_table(table):
        return True
    cells = [cell for row in _rows_of(table) for cell in row.find_all(("td", "th"), recursive=False)]
    return len(cells) <= 1


def _holds_table(table: Tag) -> bool:
    """A ``table`` below this one, found depth-first with an early stop. (bs4's ``find`` first walks
    to the subtree's last descendant: with thousands of nested tables, quadratic.)"""
    stack = list(reversed(table.contents))
    while stack:
        node = stack.pop()
        if _is_tag(node):
            if node.name == "table":
                return True
            stack.extend(reversed(node.contents))
    return False


def _rows_of(table: Tag) -> Iterator[Tag]:
    """The table's own ``tr`` elements (thead, tbody, tfoot or direct), in source order."""
    stack = list(reversed(table.contents))
    while stack:
        node = stack.pop()
        if not _is_tag(node) or is_hidden(node):
            continue
        if node.name == "tr":
            yield node
        elif node.name in ("thead", "tbody", "tfoot"):
            stack.extend(reversed(node.contents))


def _span(cell: Tag, name: str, limit: int) -> int:
    try:
        value = int(str(cell.get(name, "1")).strip() or "1")
    except ValueError:
        return 1
    return min(max(value, 1), limit)


def table_grid(table: Tag) -> list[list[str | None]]:
    """Rows of cell text on the table's grid; a cell merged by colspan/rowspan appears once, at its
    top-left position, and the positions it covers are None (as in the .docx and .pdf readers)."""
    occupied: set[tuple[int, int]] = set()
    values: dict[tuple[int, int], str | None] = {}
    rows = list(_rows_of(table))
    for r, tr in enumerate(rows):
        c = 0
        for cell in tr.find_all(("td", "th"), recursive=False):
            if is_hidden(cell):
                continue
            while (r, c) in occupied:
                c += 1
            colspan = _span(cell, "colspan", MAX_COLSPAN)
            rowspan = min(_span(cell, "rowspan", MAX_ROWSPAN), len(rows) - r)
            for dr in range(rowspan):
                for dc in range(colspan):
                    occupied.add((r + dr, c + dc))
                    values[(r + dr, c + dc)] = None
            values[(r, c)] = "\n".join(visible_lines(cell))
            c += colspan
    width = max((c + 1 for _, c in values), default=0)
    return [[values.get((r, c)) for c in range(width)] for r in range(len(rows))]


class _Walker:
    """Walks a subtree once, calling ``on_line`` for each finished line of text and ``on_table``
    for each data table, in document order. Iterative: an explicit stack, no recursion."""

    def __init__(self, on_line: Callable[[str], None], on_table: Callable[[Tag], None] | None) -> None:
        self.on_line = on_line
        self.on_table = on_table
        self.parts: list[str] = []
        self.pre_depth = 0

    def flush(self) -> None:
        line = collapse_whitespace("".join(self.parts))
        self.parts.clear()
        if line:
            self.on_line(line)

    def add_text(self, text: str) -> None:
        if not self.pre_depth:
            self.parts.append(text)
            return
        first, *rest = text.split("\n")
        self.parts.append(first)
        for piece in rest:  # inside <pre>, source line breaks are line breaks
            self.flush()
            self.parts.append(piece)

    def walk(self, root: Tag) -> None:
        stack: list[tuple[object, bool]] = [(root, True)]
        while stack:
            node, entering = stack.pop()
            if not _is_tag(node):
                if _is_text(node):
                    self.add_text(str(node))
                continue
            if not entering:
                self.pre_depth -= node.name == "pre"
                if node.name in BLOCK_TAGS:
                    self.flush()
                continue
            if node is not root and is_hidden(node):
                continue
            if node.name == "br":
                self.flush()
                continue
            if node.name == "table" and self.on_table and not is_layout_table(node):
                self.flush()
                self.on_table(node)
                continue
            if node.name in BLOCK_TAGS:
                self.flush()
            self.pre_depth += node.name == "pre"
            stack.append((node, False))
            stack.extend((child, True) for child in reversed(node.contents))
        self.flush()


def visible_lines(root: Tag) -> list[str]:
    """The lines of text a browser shows for ``root`` (tables flattened into lines)."""
    lines: list[str] = []
    _Walker(lines.append, None).walk(root)
    return lines


def article_to_text(article: Tag) -> TextBuilder:
    """Paragraphs and data tables of the article, in document order."""
    builder = TextBuilder()

    def add_table(table: Tag) -> None:
        caption = table.find("caption", recursive=False)
        if caption is not None:
            for line in visible_lines(caption):
                builder.add_paragraph(line)
        builder.add_table(table_grid(table))

    _Walker(builder.add_paragraph, add_table).walk(article)
    return builder


def read(path: Path, data: bytes) -> ReadResult:
    """An HTML page's article text; a page with no visible text is an error, not an empty result."""
    text, decode_warnings = decode(data, path)
    soup = parse(text, path)
    builder = article_to_text(find_article(soup))
    if not (builder.paragraphs or builder.tables):
        raise IngestError(path, "has no visible text (only markup, scripts or navigation; a JavaScript-rendered page?)")
    builder.warnings.extend(decode_warnings)
    return builder.result()
