"""A PDF page's glyphs and visual lines read through pdfium (``pypdfium2``), in pdfplumber's terms.

pdfminer interprets content streams in Python (36–47 ms a page) and pdfplumber's per-character
bookkeeping doubles that; pdfium does the same work in C. This module gives ``pipeline.readers.pdf``
what it used to take from pdfplumber, measured the same way, so that the stages after it see the
same numbers:

- ``page_chars``: one dict per glyph, with pdfminer's geometry: ``x0`` is the glyph's origin, ``x1``
  the origin plus its advance width, and the box is ``size`` tall from the font's descent below
  the baseline (``top``/``bottom`` from the top of the MediaBox). pdfium's own character boxes are
  the ink's outline or its font-wide "loose" box, both wider than the advance for many glyphs.
  Characters pdfium generates (spaces and line breaks it infers) are left out: pdfminer has none.
- ``text_lines``: pdfplumber's ``Page.extract_text_lines(strip=True, return_chars=True)`` with its
  default tolerances (3 pt), re-implemented on those dicts: glyphs cluster into lines by ``top``,
  sort by ``x0``, split into words at whitespace or a gap wider than 3 pt, and words are joined by
  one space.
- ``has_ruling``: whether the page draws at least two horizontal and two vertical strokes (a ruled
  table's minimum). Only such pages are opened with pdfplumber to find tables from their ruling.

Known limits: rotated pages (``/Rotate``) are measured unrotated, as pdfplumber measured them.
"""

from __future__ import annotations

import ctypes
import re
from itertools import groupby, pairwise
from operator import itemgetter
from typing import Any

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

# pdfplumber's defaults: glyphs whose tops differ by at most this (pt) share a line; a gap wider
# than this between two glyphs starts a new word.
Y_TOLERANCE = 3.0
X_TOLERANCE = 3.0
# pdfplumber's ligature expansion (``LIGATURES`` in pdfplumber.utils.text).
LIGATURES = {"ﬀ": "ff", "ﬃ": "ffi", "ﬄ": "ffl", "ﬁ": "fi", "ﬂ": "fl", "ﬆ": "st", "ﬅ": "st"}
_LIGATURE_SET = frozenset(LIGATURES)
# A stroke this thin (pt) across its short side is a line; anything thicker is a box (four strokes).
THIN = 2.0
# pdfplumber's extract_text_lines(strip=True) pattern.
LINE_RE = re.compile(r" *([^\n]+?) *(\n|$)")
# What pdfium writes for a glyph it cannot map to Unicode, or for a line-ending hyphen.
UNMAPPED = {"\x00", "\x02", "\ufffe", "\uffff"}


# What is known of one font (by its pdfium handle): its descent per em, and the advance widths per em
# of the characters asked for so far (None where pdfium has none).
FontFacts = tuple[float, dict[str, float | None]]


def page_chars(page: pdfium.PdfPage, fonts: dict[int, FontFacts] | None = None) -> tuple[list[dict[str, Any]], bool]:
    """The page's glyphs in content-stream order, as pdfplumber's ``page.chars`` measured them, and
    whether every text object with text gave its glyphs.

    Keys: text, x0, x1, top, bottom, size, fontname (an id: equal for glyphs of one font), upright.
    pdfium leaves out a text object that repeats one of the five before it at about the same place
    (fake bold). It needs glyph outlines to tell (``stand_in_font`` gives CJK fonts a cheap one); a
    font with none (another script's, not embedded) has text objects without height, and the test
    can then match a repeated line elsewhere. The flag says when anything was left out, and the
    caller then reads the page again with system fonts.

    ``fonts`` carries font facts from page to page of one open document (most pages share their
    fonts: asking pdfium for each page's widths again was a third of the calls). pdfium keeps every
    font it loads until the document closes, so a handle names one font for as long as the
    document is open; the cache must not outlive it, nor be shared between two opened documents.
    """
    textpage = page.get_textpage()
    try:
        chars, seen = _chars(page, textpage, {} if fonts is None else fonts)
        return chars, not _skipped_text(page, seen)
    finally:
        textpage.close()


def _skipped_text(page: pdfium.PdfPage, seen: set[int]) -> bool:
    """Whether a text object has no glyph in the text page. (Its text cannot be asked for: pdfium
    answers from the text page, where it is missing; an object without outlines has no size.)"""

    def walk(container: int, count: int, get: Any, depth: int) -> bool:
        for i in range(count):
            obj = get(container, i)
            kind = _OBJECT_TYPE(obj)
            if kind == pdfium_c.FPDF_PAGEOBJ_FORM and depth < 8:
                if walk(obj, _FORM_COUNT(obj), _FORM_OBJECT, depth + 1):
                    return True
            elif kind == pdfium_c.FPDF_PAGEOBJ_TEXT and (obj or 0) not in seen:
                return True
        return False

    handle = ctypes.cast(page.raw, ctypes.c_void_p).value
    return walk(handle, pdfium_c.FPDFPage_CountObjects(page.raw), _PAGE_OBJECT, 0)


def _by_address(function: Any, result: Any, *arguments: Any) -> Any:
    """A pdfium function called with plain ints for handles and out-pointers: a third of the cost of
    pypdfium2's typed binding, which matters at two calls a glyph."""
    return ctypes.CFUNCTYPE(result, *arguments)(ctypes.cast(function, ctypes.c_void_p).value)


_P, _I = ctypes.c_void_p, ctypes.c_int
# The text object a glyph belongs to, as an address (the key of a per-object cache); the width of a
# character in a font (``FPDFFont_GetGlyphWidth`` maps the code point to the font's glyph itself).
_TEXT_OBJECT_ADDRESS = _by_address(pdfium_c.FPDFText_GetTextObject, _P, _P, _I)
_CHAR_ORIGIN = _by_address(pdfium_c.FPDFText_GetCharOrigin, _I, _P, _I, _P, _P)
_GLYPH_WIDTH = _by_address(pdfium_c.FPDFFont_GetGlyphWidth, _I, _P, ctypes.c_uint, ctypes.c_float, _P)
# Once a text object or font: its font size (a glyph's is its object's), matrix, font and descent.
_FONT_SIZE = _by_address(pdfium_c.FPDFText_GetFontSize, ctypes.c_double, _P, _I)
_OBJECT_MATRIX = _by_address(pdfium_c.FPDFPageObj_GetMatrix, _I, _P, _P)
_OBJECT_FONT = _by_address(pdfium_c.FPDFTextObj_GetFont, _P, _P)
_FONT_DESCENT = _by_address(pdfium_c.FPDFFont_GetDescent, _I, _P, ctypes.c_float, _P)
# Walking a page's objects, for ``_skipped_text``.
_PAGE_OBJECT = _by_address(pdfium_c.FPDFPage_GetObject, _P, _P, _I)
_FORM_OBJECT = _by_address(pdfium_c.FPDFFormObj_GetObject, _P, _P, ctypes.c_ulong)
_FORM_COUNT = _by_address(pdfium_c.FPDFFormObj_CountObjects, _I, _P)
_OBJECT_TYPE = _by_address(pdfium_c.FPDFPageObj_GetType, _I, _P)


def _chars(page: pdfium.PdfPage, textpage: pdfium.PdfTextPage, fonts: dict[int, FontFacts]) -> tuple[
        list[dict[str, Any]], set[int]]:
    raw = textpage.raw
    count = pdfium_c.FPDFText_CountChars(raw)
    if count <= 0:
        return [], set()
    _, bottom_edge, _, top_edge = page.get_mediabox()
    height = top_edge - bottom_edge
    y_base = height - bottom_edge  # pdfplumber: top = height - y1 + mediabox top (see its page.py)
    buffer = ctypes.create_string_buffer((count + 1) * 2)
    pdfium_c.FPDFText_GetText(raw, 0, count, ctypes.cast(buffer, ctypes.POINTER(ctypes.c_ushort)))
    text = buffer.raw[: count * 2].decode("utf-16-le", errors="replace")
    if len(text) != count:  # characters outside the BMP: UTF-16 pairs, one index each in pdfium
        text = "".join(chr(pdfium_c.FPDFText_GetUnicode(raw, i)) for i in range(count))

    get_object, get_origin = _TEXT_OBJECT_ADDRESS, _CHAR_ORIGIN
    is_generated = pdfium_c.FPDFText_IsGenerated
    handle = ctypes.cast(raw, ctypes.c_void_p).value
    ox, oy, advance = ctypes.c_double(), ctypes.c_double(), ctypes.c_float()
    ox_ref, oy_ref, advance_ref = ctypes.addressof(ox), ctypes.addressof(oy), ctypes.addressof(advance)
    # Per text object: what its glyphs share. pdfium's font size of a glyph is its text object's
    # (``CPDF_TextPage::GetCharFontSize``), so it is asked once an object.
    objects: dict[int, tuple[float, float, int, bool, dict[str, float | None]]] = {}
    out: list[dict[str, Any]] = []
    append = out.append
    last_key = None  # consecutive glyphs mostly share their text object
    size = drop = 0.0
    font_id = 0
    upright = True
    widths: dict[str, float | None] = {}
    for i, ch in enumerate(text):
        if ch in " \r\n\x02" and is_generated(raw, i):
            continue
        key = get_object(handle, i) or 0
        if key != last_key:
            known = objects.get(key)
            if known is None:
                known = objects[key] = _object_facts(handle, i, key, fonts)
            size, descent, font_id, upright, widths = known
            drop = descent * size
            last_key = key
        get_origin(handle, i, ox_ref, oy_ref)
        if ch in UNMAPPED:  # pdfium marks a hyphen that ends a line; pdfminer reads the "-" drawn
            ch = "-" if pdfium_c.FPDFText_IsHyphen(raw, i) else "\ufffd"
        width = widths.get(ch, -1.0)
        if width == -1.0:
            ok = font_id and _GLYPH_WIDTH(font_id, ord(ch), 1000.0, advance_ref)
            width = widths[ch] = advance.value / 1000 if ok else None
        x0 = ox.value
        bottom = y_base - (oy.value + drop)
        append({"text": ch, "x0": x0, "x1": x0 + (size if width is None else width * size),
                "top": bottom - size, "bottom": bottom, "size": size, "fontname": font_id, "upright": upright})
    return out, set(objects)


def _object_facts(handle: int, index: int, key: int, fonts: dict[int, FontFacts]) -> tuple[
        float, float, int, bool, dict[str, float | None]]:
    """(font size, descent per em, font id, upright, the font's advance widths per em) of glyph
    ``index``'s text object (address ``key``, 0 for none)."""
    size = _FONT_SIZE(handle, index)
    upright = True
    matrix = pdfium_c.FS_MATRIX()
    if key and _OBJECT_MATRIX(key, ctypes.addressof(matrix)):
        upright = matrix.a * matrix.d > 0 and matrix.b * matrix.c <= 0  # pdfminer's LTChar.upright
    font_id = (_OBJECT_FONT(key) or 0) if key else 0
    known = fonts.get(font_id)
    if known is None:
        descent = ctypes.c_float()
        ok = font_id and _FONT_DESCENT(font_id, 1000.0, ctypes.addressof(descent))
        known = fonts[font_id] = (descent.value / 1000 if ok else 0.0, {})
    return size, known[0], font_id, upright, known[1]


# --- lines: pdfplumber's extract_text_lines ------------------------------------------------------


def _cluster_ids(values: list[float]) -> dict[float, int]:
    """pdfplumber's ``make_cluster_dict``: sorted distinct values chained while within tolerance."""
    ids: dict[float, int] = {}
    last = None
    cluster = -1
    for value in sorted(set(values)):
        if last is None or value > last + Y_TOLERANCE:
            cluster += 1
        ids[value] = cluster
        last = value
    return ids


_TEXT, _TOP, _X0 = itemgetter("text"), itemgetter("top"), itemgetter("x0")
_X1, _BOTTOM, _UPRIGHT = itemgetter("x1"), itemgetter("bottom"), itemgetter("upright")
_WORD_FIELDS = itemgetter("text", "x0", "x1", "top")


def _words(line: list[dict[str, Any]]) -> list[list[dict[str, Any]]]:
    """A line's glyphs (sorted by x0) split into words: at whitespace, and between two glyphs where
    the second starts left of the first, more than ``X_TOLERANCE`` after its end, or more than
    ``Y_TOLERANCE`` above or below it."""
    words: list[list[dict[str, Any]]] = []
    word: list[dict[str, Any]] = []
    prev_x0 = prev_x1 = prev_top = 0.0  # of word[-1], while word is not empty
    for ch, (text, x0, x1, top) in zip(line, map(_WORD_FIELDS, line), strict=True):
        if text.isspace():
            if word:
                words.append(word)
            word = []
            continue
        if word and (x0 < prev_x0 or x0 > prev_x1 + X_TOLERANCE or abs(top - prev_top) > Y_TOLERANCE):
            words.append(word)
            word = [ch]
        else:
            word.append(ch)
        prev_x0, prev_x1, prev_top = x0, x1, top
    if word:
        words.append(word)
    return words


def _line(text: str, own: list[dict[str, Any]]) -> dict[str, Any]:
    return {"text": text, "x0": min(map(_X0, own)), "top": min(map(_TOP, own)), "x1": max(map(_X1, own)),
            "bottom": max(map(_BOTTOM, own)), "chars": own}


def _segment_lines(words: list[list[dict[str, Any]]]) -> list[dict[str, Any]]:
    """The lines of one run of words that share a line cluster: the words joined by one space, as
    pdfplumber's text (a glyph's text may expand to several letters: ligatures) and then its
    ``LINE_RE`` strip. A line's chars repeat a glyph once per letter it gave."""
    pieces: list[str] = []
    owners: list[dict[str, Any] | None] = []
    length = 0
    for word in words:
        texts = list(map(_TEXT, word))
        letters = "".join(texts)
        one_each = len(letters) == len(word) and "" not in texts and _LIGATURE_SET.isdisjoint(letters)
        if not one_each:
            texts = [LIGATURES.get(t, t) for t in texts]
            letters = "".join(texts)
        if length:
            pieces.append(" ")
            owners.append(None)
            length += 1
        pieces.append(letters)
        length += len(letters)
        if one_each:  # one letter a glyph
            owners += word
        else:
            for c, t in zip(word, texts, strict=True):
                owners += [c] * len(t)
    string = "".join(pieces)
    if string and string[0] != " " and string[-1] != " " and "\n" not in string:
        return [_line(string, [c for c in owners if c is not None])]  # LINE_RE's one match: the whole string
    lines = []
    for m in LINE_RE.finditer(string):
        if m.group(1).strip():
            lines.append(_line(m.group(1), [c for c in owners[m.start(1) : m.end(1)] if c is not None]))
    return lines


def text_lines(chars: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """pdfplumber's ``extract_text_lines(strip=True, return_chars=True)`` over ``chars``: dicts
    with text, x0, top, x1, bottom and the line's chars (spaces inserted between words have none)."""
    words: list[list[dict[str, Any]]] = []
    for _, group in groupby(chars, key=_UPRIGHT):
        group_chars = list(group)
        tops = list(map(_TOP, group_chars))
        ids = _cluster_ids(tops)
        clusters = [ids[top] for top in tops]
        order = sorted(range(len(group_chars)), key=clusters.__getitem__)  # stable, as sorting the glyphs
        for _, line in groupby(order, key=clusters.__getitem__):
            words += _words(sorted([group_chars[i] for i in line], key=_X0))
    # Words cluster into lines again by their tops, keeping their order (pdfplumber's presorted);
    # pdfplumber joins them into one string, a line break where the cluster changes, and strips
    # each line of it: here each run of one cluster is joined and stripped on its own.
    tops = [min(map(_TOP, word)) for word in words]
    ids = _cluster_ids(tops)
    lines: list[dict[str, Any]] = []
    run: list[list[dict[str, Any]]] = []
    previous = None
    for word, top in zip(words, tops, strict=True):
        cluster = ids[top]
        if run and cluster != previous:
            lines += _segment_lines(run)
            run = []
        previous = cluster
        run.append(word)
    if run:
        lines += _segment_lines(run)
    return lines


# --- ruling: does the page need pdfplumber's table finder? --------------------------------------


def _strokes(container: Any, count: int, get: Any, depth: int = 0) -> tuple[int, int]:
    horizontal = vertical = 0
    left, bottom, right, top = (ctypes.c_float() for _ in range(4))
    for i in range(count):
        obj = get(container, i)
        kind = pdfium_c.FPDFPageObj_GetType(obj)
        if kind == pdfium_c.FPDF_PAGEOBJ_FORM and depth < 8:
            h, v = _strokes(obj, pdfium_c.FPDFFormObj_CountObjects(obj), pdfium_c.FPDFFormObj_GetObject, depth + 1)
            horizontal, vertical = horizontal + h, vertical + v
        elif kind == pdfium_c.FPDF_PAGEOBJ_PATH and pdfium_c.FPDFPageObj_GetBounds(obj, left, bottom, right, top):
            wide, tall = right.value - left.value > THIN, top.value - bottom.value > THIN
            if wide and tall:  # a box, or several strokes in one path: count it as a box
                horizontal, vertical = horizontal + 2, vertical + 2
            elif wide:
                horizontal += 1
            elif tall:
                vertical += 1
        if horizontal >= 2 and vertical >= 2:
            break
    return horizontal, vertical


def has_ruling(page: pdfium.PdfPage) -> bool:
    """At least two horizontal and two vertical strokes (or a box): a ruled table may be there.
    Cheap and generous: pdfplumber decides whether the strokes make a table."""
    horizontal, vertical = _strokes(page.raw, pdfium_c.FPDFPage_CountObjects(page.raw), pdfium_c.FPDFPage_GetObject)
    return horizontal >= 2 and vertical >= 2


# --- ruling as pdfplumber's edges ------------------------------------------------------------------


def _compose(m: tuple[float, ...], parent: tuple[float, ...]) -> tuple[float, ...]:
    """The matrix ``m`` followed by ``parent`` (PDF row-vector convention: [x y 1] · m · parent)."""
    a, b, c, d, e, f = m
    pa, pb, pc, pd, pe, pf = parent
    return (a * pa + b * pc, a * pb + b * pd, c * pa + d * pc, c * pb + d * pd,
            e * pa + f * pc + pe, e * pb + f * pd + pf)


def _matrix(obj: Any) -> tuple[float, ...]:
    m = pdfium_c.FS_MATRIX()
    if not pdfium_c.FPDFPageObj_GetMatrix(obj, m):
        return (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
    return (m.a, m.b, m.c, m.d, m.e, m.f)


def _path_points(obj: Any, matrix: tuple[float, ...], y_base: float) -> list[list[tuple[float, float]]]:
    """A path's subpaths as lists of end points in top-down page coordinates (pdfminer keeps only
    the end point of a Bézier segment; a closed subpath returns to its start)."""
    a, b, c, d, e, f = matrix
    x, y = ctypes.c_float(), ctypes.c_float()
    subpaths: list[list[tuple[float, float]]] = []
    curve_points = 0
    for i in range(pdfium_c.FPDFPath_CountSegments(obj)):
        segment = pdfium_c.FPDFPath_GetPathSegment(obj, i)
        if not segment or not pdfium_c.FPDFPathSegment_GetPoint(segment, x, y):
            continue
        kind = pdfium_c.FPDFPathSegment_GetType(segment)
        point = (a * x.value + c * y.value + e, y_base - (b * x.value + d * y.value + f))
        if kind == pdfium_c.FPDF_SEGMENT_BEZIERTO:
            # pdfium gives a Bézier's two control points and its end as three segments; pdfminer
            # keeps the end only.
            curve_points += 1
            if curve_points % 3:
                continue
        if kind == pdfium_c.FPDF_SEGMENT_MOVETO or not subpaths:
            subpaths.append([point])
        else:
            subpaths[-1].append(point)
        if pdfium_c.FPDFPathSegment_GetClose(segment) and subpaths[-1][0] != point:
            subpaths[-1].append(subpaths[-1][0])
    return subpaths


def _edge(p0: tuple[float, float], p1: tuple[float, float]) -> dict[str, Any] | None:
    orientation = "v" if p0[0] == p1[0] else ("h" if p0[1] == p1[1] else None)
    if orientation is None:
        return None
    x0, x1 = min(p0[0], p1[0]), max(p0[0], p1[0])
    top, bottom = min(p0[1], p1[1]), max(p0[1], p1[1])
    return {"object_type": "curve_edge", "x0": x0, "x1": x1, "top": top, "doctop": top, "bottom": bottom,
            "width": x1 - x0, "height": bottom - top, "orientation": orientation}


def page_edges(page: pdfium.PdfPage) -> list[dict[str, Any]]:
    """The page's straight strokes as pdfplumber's ``page.edges`` (lines, rectangle sides, polygon
    sides; every path counts, stroked or filled, as pdfplumber counts them)."""
    _, bottom_edge, _, top_edge = page.get_mediabox()
    y_base = (top_edge - bottom_edge) - bottom_edge
    edges: list[dict[str, Any]] = []

    def walk(container: Any, count: int, get: Any, parent: tuple[float, ...] | None, depth: int) -> None:
        for i in range(count):
            obj = get(container, i)
            kind = pdfium_c.FPDFPageObj_GetType(obj)
            if kind not in (pdfium_c.FPDF_PAGEOBJ_PATH, pdfium_c.FPDF_PAGEOBJ_FORM):
                continue
            matrix = _matrix(obj) if parent is None else _compose(_matrix(obj), parent)
            if kind == pdfium_c.FPDF_PAGEOBJ_FORM:
                if depth < 8:
                    walk(obj, pdfium_c.FPDFFormObj_CountObjects(obj), pdfium_c.FPDFFormObj_GetObject, matrix,
                         depth + 1)
                continue
            for points in _path_points(obj, matrix, y_base):
                for p0, p1 in pairwise(points):
                    edge = _edge(p0, p1)
                    if edge is not None:
                        edges.append(edge)

    walk(page.raw, pdfium_c.FPDFPage_CountObjects(page.raw), pdfium_c.FPDFPage_GetObject, None, 0)
    return edges


class TablePage:
    """The part of a pdfplumber ``Page`` that its ``TableFinder`` and ``Table.extract`` read:
    ``chars``, ``edges`` and ``bbox``, here from pdfium. pdfminer never parses the page."""

    def __init__(self, page: pdfium.PdfPage, chars: list[dict[str, Any]]):
        left, bottom, right, top = page.get_mediabox()
        self.bbox = (0.0, 0.0, right - left, top - bottom)
        self.page_chars = chars
        self.chars: list[dict[str, Any]] = []  # set by ``extract``: only the finder runs on the page
        self.edges = page_edges(page)

    def find_tables(self) -> list[Any]:
        from pdfplumber.table import TableFinder, TableSettings

        return TableFinder(self, TableSettings.resolve(None)).tables

    def extract(self, table: Any) -> list[list[str | None]]:
        """``table.extract()`` with only the glyphs whose centre is in the table's box as the page's
        glyphs: pdfplumber tests every glyph of the page against each row's box, and a row's box
        lies within the table's, so the rows see the same glyphs in the same order."""
        x0, top, x1, bottom = table.bbox
        self.chars = [{**c, "doctop": c["top"]} for c in self.page_chars
                      if x0 <= (c["x0"] + c["x1"]) / 2 < x1 and top <= (c["top"] + c["bottom"]) / 2 < bottom]
        return table.extract()
