"""Issue #20: crafted repetitive text stays linear, as a property over repeated triggers.

Any trigger the rules look for (a rate, an amount, a role label, a list separator, a goal frame …),
alone or in a random mix, repeated N and 8N times: the 8N text must cost no more than about 8 times
the N text. The measure is the process's CPU time, not the wall clock, so load from other processes
on the machine does not decide the result; the factor allowed (3 × 8 plus a fixed slack) is far
below the 64 a quadratic pass shows. ``test_pathological.py`` holds the same inputs at full size.
"""

from __future__ import annotations

import time

from hypothesis import given, settings
from hypothesis import strategies as st

from extractors import EXTRACTORS
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
