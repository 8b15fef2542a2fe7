"""The score tables keep the layout pandas gave them, without importing pandas (issue #21)."""

from __future__ import annotations

import json

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.evaluate import evaluate
from pipeline.scoreboard import document_rows, to_text, type_rows
from tests.conftest import GOLD, ROOT


def pandas_text(rows: list[dict], index: str) -> str:
    """How pipeline/scoreboard.py printed its tables before (pandas does the layout)."""
    with pd.option_context("display.float_format", "{:.3f}".format, "display.width", 160, "display.max_columns", 20):
        return pd.DataFrame(rows).set_index(index).to_string()


names = st.text(st.characters(min_codepoint=0x21, max_codepoint=0x7E), min_size=1, max_size=30)


@st.composite
def tables(draw):
    kinds = draw(st.lists(st.sampled_from(["int", "float", "pair"]), min_size=1, max_size=8))
    headers = draw(st.lists(names, min_size=len(kinds), max_size=len(kinds), unique=True))
    keys = draw(st.lists(names, min_size=1, max_size=6, unique=True))
    value = {"int": st.integers(0, 100_000), "float": st.floats(0, 1),
             "pair": st.builds(lambda g, p: f"{g}/{p}", st.integers(0, 999), st.integers(0, 999))}
    return [{"key": k, **{h: draw(value[kind]) for h, kind in zip(headers, kinds, strict=True) if h != "key"}}
            for k in keys]


@pytest.mark.issue(21)
@settings(max_examples=200, deadline=None)
@given(tables())
def test_layout_is_pandas_to_string(rows):
    assert to_text(rows, "key") == pandas_text(rows, "key")


@pytest.mark.issue(21)
def test_a_real_report_prints_as_it_did_with_pandas(tmp_path):
    # Predictions that miss every third record and shift none: figures other than 1.000 and 0/0.
    gold_dir = ROOT / "challenge" / "gold"
    for path in sorted(gold_dir.glob("*.json")):
        doc = json.loads(path.read_text(encoding="utf-8"))
        for rtype in ("indicators", "funding", "responsibilities", "targets"):
            doc[rtype] = [r for k, r in enumerate(doc.get(rtype) or []) if k % 3]
        (tmp_path / path.name).write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    for report in (evaluate(gold_dir, tmp_path), evaluate(GOLD, GOLD)):
        assert to_text(type_rows(report), "type") == pandas_text(type_rows(report), "type")
        assert to_text(document_rows(report), "doc_id") == pandas_text(document_rows(report), "doc_id")
