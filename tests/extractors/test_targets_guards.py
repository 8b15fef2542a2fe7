"""The cheap tests targets runs before a pattern (issue #21, branch perf-extract-4) must be exact: every
match of a ``$``-anchored pattern ends on a character of its guard set, every TEXT_PARTS match starts on
one of TEXT_PARTS_FIRST. A word added to a pattern with a new last character must join its set."""

from __future__ import annotations

from pathlib import Path

import pytest

from extractors.targets import find, grammar
from pipeline.ingest import read_source
from pipeline.structure import build_structure

ROOT = Path(__file__).resolve().parents[2]
END_GUARDS = {
    "PRE_COMPARATOR_END": (find.PRE_COMPARATOR_END, find.PRE_COMPARATOR_LAST),
    "LEVEL_VERB_END": (find.LEVEL_VERB_END, find.LEVEL_VERB_LAST),
    "CHANGE": (grammar.CHANGE, find.CHANGE_LAST),
    "TIME_TAIL": (grammar.TIME_TAIL, find.TIME_TAIL_LAST),
    "GROWTH": (grammar.GROWTH, find.GROWTH_LAST),
    "CAPACITY_HEAD": (grammar.CAPACITY_HEAD, grammar.CAPACITY_HEAD_LAST),
    "CAPACITY_CHAIN": (grammar.CAPACITY_CHAIN, grammar.CAPACITY_CHAIN_LAST),
}
# Stretches that end on each pattern's words, and a line break after them ($ matches before it too).
WRITTEN = ["不少于", "至少", "达到", "力争", "每年", "翻一番、", "倍增", "到2025年", "2024年6月底前", "年末",
           "同比增长", "年均增长率", "下降", "规模为", "注册资本", "投资额", "占地面积", "超过", "达", "年产1200吨和"]


@pytest.fixture(scope="module")
def real_texts() -> list[str]:
    paths = sorted((ROOT / "corpus" / "real").glob("*.txt")) + sorted((ROOT / "challenge" / "docs").glob("*.txt"))
    return [build_structure(read_source(p)).text for p in paths]


@pytest.mark.parametrize("name", sorted(END_GUARDS))
def test_end_guard_holds_every_last_character(name: str, real_texts: list[str]) -> None:
    pattern, last = END_GUARDS[name]
    for text in [*real_texts, *WRITTEN, *(w + "\n" for w in WRITTEN)]:
        for end in range(1, len(text) + 1):
            start = max(0, end - 40)
            if pattern.search(text, start, end):
                assert grammar.may_end_with(text, start, end, last), (name, text[start:end])


def test_text_parts_start_on_their_first_characters(real_texts: list[str]) -> None:
    for text in real_texts:
        for m in grammar.TEXT_PARTS.finditer(text):
            assert text[m.start()] in grammar.TEXT_PARTS_FIRST
