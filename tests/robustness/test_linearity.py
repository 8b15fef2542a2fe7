"""Issue #20: crafted repetitive text stays linear, as a property over repeated triggers.

Any trigger the rules look for (a rate, an amount, a role label, a list separator, a goal frame …),
alone or in a random mix, repeated N and 8N times: the 8N text must cost no more than about 8 times
the N text. The measure is the process's CPU time, not the wall clock, so load from other processes
on the machine does not decide the result; the factor allowed (3 × 8 plus a fixed slack) is far
below the 64 a quadratic pass shows. ``test_pathological.py`` holds the same inputs at full size.
"""

from __future__ import annotations

import time

import pytest
import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from extractors import EXTRACTORS
from extractors import zones as targets_zones
from pipeline.ingest import SourceDoc
from pipeline.structure import build_structure

TRIGGERS = ["10%", "、", "责任单位：", "牵头单位：", "给予", "最高", "万元", "到2025年", "达到", "（", "）", "，",
            "市科技局", "负责", "配合", "表1", "\t", "\n", "1", "亿元", "不低于", "以上", "‰", "分别"]
SMALL = 400
SLACK = 0.5  # seconds of CPU: start-up noise on the small text


def cpu_seconds(text: str) -> float:
    source = SourceDoc("x", None, "txt", "", text)  # type: ignore[arg-type]
    started = time.process_time()
    doc = build_structure(source)
    for extract in EXTRACTORS.values():
        extract(doc)
    return time.process_time() - started


@settings(max_examples=12, deadline=None, derandomize=True)
@given(st.lists(st.sampled_from(TRIGGERS), min_size=1, max_size=3))
def test_repeated_triggers_cost_linear_time(unit: list[str]) -> None:
    piece = "".join(unit)
    small = cpu_seconds(piece * SMALL)
    large = cpu_seconds(piece * (8 * SMALL))
    assert large <= 3 * 8 * small + SLACK, f"{piece!r}: {small:.3f} s for {SMALL}, {large:.3f} s for {8 * SMALL}"


def test_the_issue_20_triggers_cost_linear_time() -> None:
    for piece in ("10%", "责任单位：", "、"):
        lead = "责任单位：" if piece == "、" else ""
        small = cpu_seconds(lead + piece * 2000)
        large = cpu_seconds(lead + piece * 16000)
        assert large <= 3 * 8 * small + SLACK, f"{piece!r}: {small:.3f} s, then {large:.3f} s"


# Runs of blank lines (issue 21 regression): the work-report zone patterns (`extractors/zones.py`) let a
# marker start after any line break and skip the blanks that follow, so each line break of a run
# rescanned the rest of the run: 500,000 empty lines took minutes. Quadratic, 8000 lines cost ~30 s.
BLANK_RUNS = ["\n", "\n ", " \n", "\n\u3000", "。\n", "；\n", "\n\t", "\r\n"]
WORK_REPORT_TAIL = "\n一、2023年工作回顾\n新增企业10家。\n二、2024年工作安排\n今年是关键一年。新增企业20家。"


@pytest.mark.parametrize("piece", BLANK_RUNS)
def test_runs_of_blank_lines_cost_linear_time(piece: str) -> None:
    small = cpu_seconds(piece * 1000 + WORK_REPORT_TAIL)
    large = cpu_seconds(piece * 8000 + WORK_REPORT_TAIL)
    assert large <= 3 * 8 * small + SLACK, f"{piece!r}: {small:.3f} s, then {large:.3f} s"


# The zone patterns as they were before the linear rewrite: the rewrite must find the same matches.
_OLD_AT_BREAK = (r"(?:(?<=^|\n|[。！？；])[\s　]*"
                 r"(?:第[一二三四五六七八九十]部分[\s　]*|[一二三四五六七八九十]+[、.．][\s　]*)?)")
OLD_ZONE_PATTERNS = {
    "YEAR_HEADING": regex.compile(
        _OLD_AT_BREAK + r"(?P<y>20\d{2})\s*年(?:的)?(?P<words>[^。，；：\n]{0,14}?)"
        r"(?:(?P<past>回顾|总结|完成情况)|"
        r"(?P<future>工作安排|安排|重点工作|主要任务|工作任务|目标任务|工作建议|工作重点|工作目标|预期目标|总体要求|"
        r"发展思路|工作思路|重点任务|工作计划|总体思路|主要目标|奋斗目标|发展目标)|"
        r"(?P<either>主要工作|政府工作|工作)(?=[\s　\n]|$))"),
    "YEAR_OPENING": regex.compile(
        r"(?<=^|\n|[。！？])[\s　]*(?:(?P<y>20\d{2})\s*年|(?P<now>今年))[，,]?是|"
        r"(?<=^|\n|[。！？；])[\s　]*(?:综合考虑[^。\n]{0,20}?，|建议)?(?:(?P<y2>20\d{2})\s*年|今年)"
        r"[^。\n]{0,20}?主要预期目标|"
        r"(?<=^|\n|[。！？])[\s　]*(?P<past>一年来|五年来|(?:刚刚)?过去的?(?:一|五)年)"),
    "YEAR_PARAGRAPH": regex.compile(r"(?<=^|\n)[\s　]*(?P<y>20\d{2})\s*年[，,]"),
}
ZONE_PIECES = ["\n", " ", "\u3000", "\t", "。", "；", "！", "x", "二、", "第一部分", "2024年工作安排", "2023年回顾",
               "今年是", "2024年，", "一年来", "建议今年主要预期目标", "2023年政府工作"]


@settings(max_examples=300, deadline=None, derandomize=True)
@given(st.lists(st.sampled_from(ZONE_PIECES), max_size=12))
def test_linear_zone_patterns_match_where_the_old_ones_did(pieces: list[str]) -> None:
    text = "".join(pieces)
    for name, old in OLD_ZONE_PATTERNS.items():
        new = getattr(targets_zones, name)
        assert [(m.span(), m.groupdict()) for m in new.finditer(text)] == \
            [(m.span(), m.groupdict()) for m in old.finditer(text)], (name, text)


MARKER_PIECES = [*ZONE_PIECES, "\r\n", "\x1c", "十、", "综合考虑各方面，2024年主要预期目标", "刚刚过去的一年", "20"]


@settings(max_examples=300, deadline=None, derandomize=True)
@given(st.lists(st.sampled_from(MARKER_PIECES), max_size=12))
def test_zone_markers_tried_at_breaks_match_finditer(pieces: list[str]) -> None:
    """zones.marker_matches tries a pattern only at breaks before its first words: same matches as finditer."""
    text = "".join(pieces)
    for pattern, firsts, lead in ((targets_zones.YEAR_HEADING, targets_zones.YEAR_FIRST,
                                   targets_zones.HEADING_NUMBER_CHARS),
                                  (targets_zones.YEAR_OPENING, targets_zones.OPENING_FIRST, ""),
                                  (targets_zones.YEAR_PARAGRAPH, targets_zones.YEAR_FIRST, "")):
        assert [(m.span(), m.groupdict()) for m in targets_zones.marker_matches(pattern, text, firsts, lead)] == \
            [(m.span(), m.groupdict()) for m in pattern.finditer(text)], text
