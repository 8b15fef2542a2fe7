"""The regression gate: per-type strict F1 on the seeds, stored in gold/baseline.json.

A change that lowers any type's strict F1 by more than TOLERANCE fails the suite. Raising the
baseline is a deliberate act: ``policyx run --update-baseline`` rewrites the file, and the commit
says why the new figures are better.
"""

from __future__ import annotations

import json
from pathlib import Path

from pipeline.evaluate import RECORD_TYPES, Report
from pipeline.output import write_json

TOLERANCE = 0.01
HOW_TO_RAISE = ("raise it on purpose with `policyx run --update-baseline` (for the challenge set add "
                "`--corpus challenge/docs --gold challenge/gold -o outputs/challenge`) and say why in the commit")


def figures(report: Report) -> dict[str, float]:
    types = report.to_dict()["types"]
    return {t: round(types[t]["strict"]["f1"], 4) for t in RECORD_TYPES}


def load(path: str | Path) -> dict[str, float]:
    return json.loads(Path(path).read_text(encoding="utf-8"))["strict_f1"]


def regressions(report: Report, baseline: dict[str, float], tolerance: float = TOLERANCE) -> list[str]:
    now = figures(report)
    return [f"{t}: strict F1 {now[t]:.4f} < baseline {baseline[t]:.4f} - {tolerance}"
            for t in RECORD_TYPES if t in baseline and now[t] < baseline[t] - tolerance]


def write(report: Report, path: str | Path) -> dict[str, float]:
    data = {"note": "strict F1 per type on the documents of this gold folder; the test suite fails on a drop > "
                    f"{TOLERANCE}; {HOW_TO_RAISE}", "strict_f1": figures(report)}
    write_json(path, data)
    return data["strict_f1"]
