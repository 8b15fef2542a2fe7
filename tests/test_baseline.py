"""Regression gate: strict F1 per type on the seeds may not drop below gold/baseline.json."""

from __future__ import annotations

from pipeline import baseline
from pipeline.cli import main
from pipeline.evaluate import evaluate
from tests.conftest import CORPUS, GOLD


def test_no_type_drops_below_the_stored_baseline(tmp_path):
    assert main(["extract", str(CORPUS), "-o", str(tmp_path), "-q"]) == 0
    report = evaluate(GOLD, tmp_path)
    dropped = baseline.regressions(report, baseline.load(GOLD / "baseline.json"))
    assert not dropped, f"{'; '.join(dropped)}. Fix the regression, or {baseline.HOW_TO_RAISE}."
