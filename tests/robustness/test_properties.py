"""Property tests (issue #10 part 1): structure and every extractor on random and mutated text.

Whatever the text, ``build_structure`` and each extractor in ``extractors.EXTRACTORS`` must not
raise, every span must lie inside the source text, every quote must equal its span (spec §1),
and the document's output (``extract_source`` → ``result_to_dict``) must be strict JSON valid
against ``pipeline/schema/document.schema.json``.

Inputs are random Unicode, token soup made of the words the rules look for, and the seed
documents damaged the way exports and OCR damage them: lines deleted, duplicated or shuffled,
garbage and control characters inserted, punctuation swapped between full and half width, line
breaks (``\\n``, ``\\r\\n``, blank lines) inserted inside numbers and names.

The hypothesis profile is derandomized (CI sees the same examples every run) and small enough
for the module to run in a few seconds; ``POLICYX_FUZZ_EXAMPLES=2000`` runs a deeper search.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

import jsonschema
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from extractors import EXTRACTORS
from pipeline.errors import IngestError
from pipeline.gold import document_schema
from pipeline.ingest import SourceDoc
from pipeline.models import RECORD_TYPES
from pipeline.readers.txt import paragraphs_of
from pipeline.run import extract_source
from pipeline.serialise import result_to_dict
from pipeline.structure import build_structure
from tests.conftest import SEEDS, seed_text

EXAMPLES = int(os.environ.get("POLICYX_FUZZ_EXAMPLES", "60"))
settings.register_profile(
    "policyx-robustness",
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=True,  # the same examples on every run: CI stays deterministic
    database=None,
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much],
)
ROBUST = settings.get_profile("policyx-robustness")

SEED_TEXTS = [seed_text(p) for p in SEEDS]
VALIDATOR = jsonschema.Draft202012Validator(document_schema())

# --- inputs ---------------------------------------------------------------------------------------

# Words and marks the rules key on, so random soup reaches deep into every extractor.
TOKENS = (
    "到2025年", "，", "。", "；", "：", "、", "（", "）", "(", ")", "《", "》", "“", "”", "\n", "\n\n", "\t", " ",
    "\u3000", "给予", "最高", "不超过", "500", "万元", "亿元", "10%", "1∶1", "1:1", "3—5", "%", "‰", "元",
    "奖励", "补助", "支持", "每年", "每家", "分别", "和", "不设上限", "对", "企业", "高新技术企业", "达到",
    "家", "个", "项", "以上", "新增", "力争", "累计", "翻一番", "一、", "（一）", "1.", "第一章", "专栏1",
    "表1", "指标", "2020年", "2025年", "属性", "预期性", "责任单位：", "牵头单位：", "市科技局", "市财政局",
    "牵头", "配合", "负责", "承担单位", "项目名称", "十四五", "规划", "人民政府", "关于印发", "的通知",
    "青政字〔2024〕20号", "2024年7月31日", "二〇二一年十二月三十一日", "五十", "三万", "百分之十",
    "|", "| 指标 | 2020年 | 2025年 |", "|---|---|---|", "**", "#", "[bookmark: _Toc1]", "<p>", "截至",
)
token_soup = st.lists(st.sampled_from(TOKENS), min_size=1, max_size=120).map("".join)
# Every code point hypothesis likes to try: surrogates excluded (they cannot come out of a decoder).
random_unicode = st.text(st.characters(exclude_categories=("Cs",)), min_size=1, max_size=400)

GARBAGE = st.text(
    st.one_of(
        st.sampled_from(["\x00", "\x01", "\x07", "\x08", "\x0b", "\x0c", "\x1b", "\x7f", "\x85", "\u2028",
                         "\u2029", "\ufeff", "\u200b", "\ufffd", "\r", "\t", "\u3000", "\u00a0", "�"]),
        st.characters(exclude_categories=("Cs",)),
    ),
    min_size=1,
    max_size=6,
)
FULL_TO_HALF = str.maketrans("，。：；（）！？％０１２３４５６７８９", ",.:;()!?%0123456789")
HALF_TO_FULL = str.maketrans(",.:;()!?%0123456789", "，。：；（）！？％０１２３４５６７８９")
BREAKS = ("\n", "\r\n", "\n\n", "\r", "\n\n\n\n")


def _is_breakable(ch: str) -> bool:
    """Inside a number or a name: digits, Han characters, full-width digits."""
    return ch.isdigit() or "\u4e00" <= ch <= "\u9fff"


@st.composite
def mutated_seed(draw: st.DrawFn) -> str:
    """A seed document damaged by a few random edits."""
    lines = draw(st.sampled_from(SEED_TEXTS)).split("\n")
    if draw(st.booleans()):  # a window keeps shrinking readable; the whole file keeps its meta block
        start = draw(st.integers(0, len(lines) - 1))
        lines = lines[start : start + draw(st.integers(1, 150))]
    for op in draw(st.lists(st.sampled_from(("delete", "duplicate", "shuffle", "crlf")), max_size=4)):
        i = draw(st.integers(0, len(lines) - 1))
        if op == "delete":
            del lines[i : i + draw(st.integers(1, 5))]
            lines = lines or [""]
        elif op == "duplicate":
            lines[i:i] = lines[i : i + draw(st.integers(1, 5))]
        elif op == "shuffle":
            j = min(len(lines), i + draw(st.integers(2, 12)))
            lines[i:j] = draw(st.permutations(lines[i:j]))
        elif op == "crlf":
            j = min(len(lines), i + draw(st.integers(1, 40)))
            lines[i:j] = [line + "\r" for line in lines[i:j]]
    text = "\n".join(lines)
    for op in draw(st.lists(st.sampled_from(("garbage", "width", "break")), max_size=6)):
        if not text:
            break
        if op == "garbage":
            at = draw(st.integers(0, len(text)))
            text = text[:at] + draw(GARBAGE) + text[at:]
        elif op == "width":
            a = draw(st.integers(0, len(text)))
            b = min(len(text), a + draw(st.integers(1, 2000)))
            table = FULL_TO_HALF if draw(st.booleans()) else HALF_TO_FULL
            text = text[:a] + text[a:b].translate(table) + text[b:]
        else:
            candidates = [k for k in range(1, len(text)) if _is_breakable(text[k - 1]) and _is_breakable(text[k])]
            if candidates:
                for _ in range(draw(st.integers(1, 8))):
                    at = draw(st.sampled_from(candidates))
                    text = text[:at] + draw(st.sampled_from(BREAKS)) + text[at:]
                    candidates = [k for k in candidates if k < at]  # offsets after `at` have moved
                    if not candidates:
                        break
    return text


# --- checks ---------------------------------------------------------------------------------------


def source_of(text: str) -> SourceDoc:
    """The SourceDoc the .txt reader would make (its binary check left out: extraction must cope)."""
    sha = hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()
    return SourceDoc("fuzz", Path("fuzz.txt"), "txt", sha, text, paragraphs_of(text))


def assert_span(text: str, span, quote: str | None, what: str) -> None:
    start, end = span
    assert 0 <= start <= end <= len(text), f"{what}: span {span} outside source of length {len(text)}"
    if quote is not None:
        assert text[start:end] == quote, f"{what}: quote {quote!r} differs from source {text[start:end]!r}"


def check_structure_and_extractors(text: str) -> None:
    source = source_of(text)
    doc = build_structure(source)
    for s in doc.sections:
        assert_span(text, s.span, None, f"section {s.number}")
    for t in doc.tables:
        assert_span(text, t.span, None, "table")
        if t.caption_span:
            assert_span(text, t.caption_span, None, "table caption")
        for row in t.rows:
            for cell in row:
                assert_span(text, cell.span, None, "table cell")
    for b in doc.boxes:
        assert_span(text, b.span, None, "box")
    for name, extract in EXTRACTORS.items():
        for rec in extract(doc):
            assert_span(text, rec.span, rec.quote, name)


def check_document_output(text: str) -> None:
    try:
        result = extract_source(source_of(text))
    except IngestError:
        assert not text.strip()  # the only document-level refusal at this stage: no text at all
        return
    data = result_to_dict(result)
    strict = json.dumps(data, ensure_ascii=False, allow_nan=False)  # NaN/Infinity are not JSON
    errors = [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in VALIDATOR.iter_errors(json.loads(strict))]
    assert not errors, errors[:5]
    for name in RECORD_TYPES:
        for rec in data[name]:
            assert_span(text, rec["span"], rec["quote"], name)


# --- properties -----------------------------------------------------------------------------------


@ROBUST
@given(random_unicode)
def test_random_unicode(text: str) -> None:
    check_structure_and_extractors(text)
    check_document_output(text)


@ROBUST
@given(token_soup)
def test_token_soup(text: str) -> None:
    check_structure_and_extractors(text)
    check_document_output(text)


@ROBUST
@given(mutated_seed())
def test_mutated_seeds(text: str) -> None:
    check_structure_and_extractors(text)
    check_document_output(text)


@pytest.mark.parametrize("path", SEEDS, ids=[p.stem[:3] for p in SEEDS])
def test_unmutated_seeds_pass_the_same_checks(path: Path) -> None:
    text = seed_text(path)
    check_structure_and_extractors(text)
    check_document_output(text)


@pytest.mark.parametrize(
    "text",
    [
        "给予" + "1" * 400 + "万元奖励。",  # 400 digits: float() of it is inf, which is not JSON
        "高新技术企业达到" + "9" * 400 + "家。",
        "表1 指标\n指标\t2020年\t2025年\n企业数（家）\t" + "1" * 400 + "\t2",
    ],
    ids=["money", "target", "indicator-cell"],
)
def test_issue_10_huge_numbers_give_strict_json(text: str) -> None:
    """A number too long for a float is no value: output must never hold Infinity or NaN."""
    check_document_output(text)
