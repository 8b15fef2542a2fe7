"""The PDF reader's fast paths agree with the general reading they shortcut.

Each fast path (one glyph a character in ``char_edges``, the whole-string line in ``_segment_lines``, the
grid of near twins in ``duplicate_glyphs``) was checked only by byte-identical outputs on the corpus of the
branch that added it. Here generated glyph layouts, denser in the cases the shortcuts skip (spaces, twins,
ligatures, lines a pixel apart) than any real page, are read both ways: by the fast path and by the general
one, or by pdfplumber itself where the reader re-implements it.
"""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pdfplumber.utils.text import chars_to_textmap

from pipeline.readers import pdf as pdf_reader
from pipeline.readers import pdfium_text

pytestmark = pytest.mark.issue(21)

# Few texts and a coarse grid, so that twins, neighbours and shared line clusters are common.
TEXTS = ("资", "金", "万", "1", "0", " ", "ﬁ")


@st.composite
def glyphs(draw, *, upright: bool = True, max_size: int = 40) -> list[dict]:
    n = draw(st.integers(min_value=1, max_value=max_size))
    chars = []
    for _ in range(n):
        size = draw(st.sampled_from((6.0, 12.0)))
        x0 = draw(st.integers(min_value=0, max_value=60)) * 2.5
        top = 100 + draw(st.integers(min_value=0, max_value=12)) * 1.5
        chars.append({"text": draw(st.sampled_from(TEXTS)), "x0": x0, "x1": x0 + size, "top": top,
                      "bottom": top + size, "doctop": top, "size": size,
                      "fontname": draw(st.sampled_from((1, 2))),
                      "upright": upright if upright else draw(st.booleans())})
    return chars


def twins_brute_force(chars: list[dict]) -> set[int]:
    """``duplicate_glyphs`` as its docstring states it, glyph against every glyph kept before it."""
    kept: list[dict] = []
    drop = set()
    for i, ch in enumerate(chars):
        if ch["text"].isspace():
            continue
        for other in kept:
            same_font = other["fontname"] == ch["fontname"] and other["size"] == ch["size"]
            tolerance = pdf_reader.DEDUPE_TOLERANCE if same_font else pdf_reader.CROSS_FONT_DEDUPE * ch["size"]
            if other["text"] == ch["text"] and abs(other["x0"] - ch["x0"]) <= tolerance \
                    and abs(other["top"] - ch["top"]) <= tolerance:
                drop.add(i)
                break
        else:
            kept.append(ch)
    return drop


@st.composite
def near_twins(draw) -> list[dict]:
    """Glyphs drawn again a fraction of a point off, in the same or another font (fake bold, OCR layers)."""
    chars = draw(glyphs(max_size=25))
    for ch in list(chars):
        if draw(st.booleans()):
            dx, dy = (draw(st.sampled_from((0.0, 0.3, 0.9, 1.0, 1.1, 2.4, 2.5))) for _ in range(2))
            chars.insert(draw(st.integers(0, len(chars))),
                         {**ch, "x0": ch["x0"] + dx, "top": ch["top"] + dy, "fontname": draw(st.sampled_from((1, 2)))})
    return chars


@given(near_twins())
def test_duplicate_glyphs_drops_what_comparing_every_pair_drops(chars):
    assert pdf_reader.duplicate_glyphs(chars) == twins_brute_force(chars)


@given(glyphs())
def test_text_lines_are_pdfplumbers_lines(chars):
    """``text_lines`` (and its whole-string line in ``_segment_lines``) reads what pdfplumber's
    ``extract_text_lines(strip=True, return_chars=True)`` reads from the same glyphs."""
    ours = pdfium_text.text_lines(chars)
    theirs = chars_to_textmap(chars).extract_text_lines(strip=True, return_chars=True)
    assert [line["text"] for line in ours] == [line["text"] for line in theirs]
    for mine, plumbers in zip(ours, theirs, strict=True):
        assert (mine["x0"], mine["top"], mine["x1"], mine["bottom"]) == \
            (plumbers["x0"], plumbers["top"], plumbers["x1"], plumbers["bottom"])
        assert [id(c) for c in mine["chars"]] == [id(c) for c in plumbers["chars"]]


@given(glyphs(max_size=20))
def test_char_edges_fast_path_is_the_walk(chars):
    """Lines as ``text_lines`` gives them (spaces inserted between words, ligatures expanded): the
    one-glyph-a-character shortcut places every character where the general walk places it."""
    for line in pdfium_text.text_lines(chars):
        assert pdf_reader.char_edges(line["text"], line["chars"]) == \
            pdf_reader.char_edges_walked(line["text"], line["chars"])


def test_table_extract_sees_the_rows_it_would_see_among_all_glyphs(tmp_path):
    """``TablePage.extract`` gives pdfplumber only the glyphs inside the table's box; a row's cells read
    the same as with every glyph of the page (the 青州 seed laid out as a ruled PDF: tables and prose)."""
    import pypdfium2 as pdfium

    from pipeline.readers import stand_in_font
    from tests.builders import build_pdf, seed_blocks
    from tests.conftest import QINGZHOU

    path = build_pdf(seed_blocks(QINGZHOU.read_text(encoding="utf-8")), tmp_path / "qz.pdf")
    compared = 0
    with stand_in_font.stand_in_fonts():
        document = pdfium.PdfDocument(path.read_bytes())
        try:
            for page in document:
                chars, _ = pdfium_text.page_chars(page)
                if pdfium_text.has_ruling(page):
                    ruled = pdfium_text.TablePage(page, chars)
                    for table in ruled.find_tables():
                        narrowed = ruled.extract(table)
                        ruled.chars = [{**c, "doctop": c["top"]} for c in chars]
                        assert narrowed == table.extract()
                        compared += 1
                page.close()
        finally:
            document.close()
    assert compared >= 2
