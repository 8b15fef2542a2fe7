"""Regression gate: strict F1 per type may not drop below the stored baselines.

Three corpora are gated: the seed plans (gold/baseline.json), the challenge set
(challenge/gold/baseline.json), which holds genres the rules were not first written from, and the real
development set (gold/real/baseline.json): public documents written outside the team; and the held-out
real sets (gold/holdout*/baseline.json), which no rule is fitted to.
"""

from __future__ import annotations

import pytest

from pipeline import baseline
from pipeline.cli import main
from pipeline.evaluate import evaluate
from tests.conftest import CORPUS, GOLD, ROOT

SETS = {"seeds": (CORPUS, GOLD), "challenge": (ROOT / "challenge" / "docs", ROOT / "challenge" / "gold"),
        "real": (CORPUS / "real", GOLD / "real"), "holdout": (CORPUS / "holdout", GOLD / "holdout"),
        "holdout2": (CORPUS / "holdout2", GOLD / "holdout2"), "holdout3": (CORPUS / "holdout3", GOLD / "holdout3"),
        "holdout4": (CORPUS / "holdout4", GOLD / "holdout4"), "holdout5": (CORPUS / "holdout5", GOLD / "holdout5"),
        "holdout6": (CORPUS / "holdout6", GOLD / "holdout6")}


@pytest.mark.parametrize("name", list(SETS))
def test_no_type_drops_below_the_stored_baseline(tmp_path, name):
    docs, gold = SETS[name]
    assert main(["extract", str(docs), "-o", str(tmp_path), "-q"]) == 0
    report = evaluate(gold, tmp_path)
    dropped = baseline.regressions(report, baseline.load(gold / "baseline.json"))
    assert not dropped, f"{name}: {'; '.join(dropped)}. Fix the regression, or {baseline.HOW_TO_RAISE}."


def test_challenge_gold_passes_gold_check():
    from pipeline.gold import check_gold_dir

    results = check_gold_dir(ROOT / "challenge" / "gold", ROOT / "challenge" / "docs")
    assert len(results) == len(list((ROOT / "challenge" / "docs").glob("*.txt")))
    assert {name: problems for name, problems in results.items() if problems} == {}


def test_real_gold_passes_gold_check_and_covers_every_real_document():
    from pipeline.gold import check_gold_dir

    results = check_gold_dir(GOLD / "real")
    documents = [p for p in (CORPUS / "real").iterdir() if p.suffix in (".txt", ".docx", ".pdf", ".html")]
    assert len(results) == len(documents) >= 12
    assert {name: problems for name, problems in results.items() if problems} == {}


def test_holdout_gold_passes_gold_check_and_covers_every_holdout_document():
    from pipeline.gold import check_gold_dir

    for name, at_least in (("holdout", 4), ("holdout2", 3), ("holdout3", 6), ("holdout4", 3), ("holdout5", 8),
                             ("holdout6", 10)):
        results = check_gold_dir(GOLD / name, CORPUS / name)
        documents = [p for p in (CORPUS / name).iterdir() if p.suffix in (".txt", ".docx", ".pdf", ".html")]
        assert len(results) == len(documents) >= at_least
        assert {doc: problems for doc, problems in results.items() if problems} == {}


def test_second_readings_pass_gold_check():
    from pipeline.gold import check_gold_dir

    for gold, corpus, at_least in ((GOLD / "real" / "second_reader", CORPUS / "real", 3),
                                   (GOLD / "holdout5" / "second_reader", CORPUS / "holdout5", 2),
                                   (GOLD / "holdout6" / "second_reader", CORPUS / "holdout6", 2)):
        results = check_gold_dir(gold, corpus)
        assert len(results) >= at_least
        assert {name: problems for name, problems in results.items() if problems} == {}
