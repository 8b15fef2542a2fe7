"""Issue #20: malformed JSON given to gold check, evaluate and report is a clear error, never a traceback."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest

from pipeline.cli import main
from tests.conftest import CORPUS, GOLD

DOC = "001_0045770cf0c6973d"


def malformed() -> dict[str, str]:
    gold = json.loads((GOLD / f"{DOC}.json").read_text(encoding="utf-8"))

    def mutate(change) -> str:
        d = copy.deepcopy(gold)
        change(d)
        return json.dumps(d, ensure_ascii=False)

    return {
        "deep-nesting": "[" * 100_000 + "]" * 100_000,
        "top-level-list": "[1, 2]",
        "meta-a-list": mutate(lambda d: d.__setitem__("meta", [1, 2])),
        "source-a-list": mutate(lambda d: d.__setitem__("source", [1])),
        "records-an-object": mutate(lambda d: d.__setitem__("targets", {"a": 1})),
        "float-span": mutate(lambda d: d["indicators"][0].__setitem__("span", [1.5, 3.0])),
        "unit-not-a-string": mutate(lambda d: d["indicators"][0].__setitem__("unit", [1, {"x": 2}])),
        "missing-span": mutate(lambda d: d["indicators"][0].pop("span")),
    }


CASES = malformed()


@pytest.fixture
def folder(tmp_path, request) -> Path:
    gold = tmp_path / "gold"
    gold.mkdir()
    (gold / f"{DOC}.json").write_text(CASES[request.param], encoding="utf-8")
    (gold / f"{DOC}.source.txt").write_text((CORPUS / f"{DOC}.txt").read_text(encoding="utf-8"), encoding="utf-8")
    return gold


@pytest.mark.parametrize("folder", list(CASES), indirect=True)
def test_gold_check_reports_the_problem(folder, capsys):
    assert main(["gold", "check", str(folder), "--corpus", str(CORPUS)]) == 1
    out = capsys.readouterr().out
    assert f"{DOC}.json:" in out and "problem" in out


@pytest.mark.parametrize("folder", list(CASES), indirect=True)
def test_evaluate_refuses_schema_invalid_gold(folder, capsys):
    pred = folder.parent / "pred"
    pred.mkdir()
    status = main(["evaluate", "--gold", str(folder), "--pred", str(pred)])
    err = capsys.readouterr().err
    assert status == 1 and f"{DOC}.json" in err and "policyx: error:" in err


@pytest.mark.parametrize("folder", list(CASES), indirect=True)
def test_report_refuses_a_malformed_output_file(folder, tmp_path, capsys):
    assert main(["report", str(folder / f"{DOC}.json"), "-o", str(tmp_path / "r.html")]) == 1
    assert "policyx: error:" in capsys.readouterr().err
    assert not (tmp_path / "r.html").exists()
