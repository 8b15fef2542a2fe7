"""pipeline.output.dumps: the JSON text of every output file, equal to json.dumps(indent=2)."""

from __future__ import annotations

import json
import math

import pytest

from pipeline.ingest import read_source
from pipeline.models import FundingKind
from pipeline.output import dumps
from pipeline.run import extract_source
from pipeline.serialise import result_to_dict
from tests.conftest import ROOT, SEEDS


def standard(data) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


@pytest.mark.parametrize("data", [
    {}, [], "", 0, None, True, False, -3, 2.5, 1e16, 1e-7, -0.0, 0.1 + 0.2, math.nan, math.inf, -math.inf,
    {"a": [], "b": {}, "c": [[]], "d": [{}], "e": ()},
    {"quote": "到2025年，全市高新技术企业达到1800家“以上”\n\t\\/\u0001\u2028"},
    {"span": (12, 34), "nested": [[1, [2, [3, {"x": None}]]]], "bools": [True, False, None]},
    {"kind": FundingKind.CAP},  # a str enum: left to json.dumps
    {3: "a", None: "b", True: "c", 2.5: "d"},  # keys that are no str: left to json.dumps
], ids=["dict", "list", "str", "zero", "none", "true", "false", "negative", "float", "big-float", "small-float",
        "minus-zero", "repr-float", "nan", "inf", "minus-inf", "empty-containers", "escapes", "nesting",
        "str-enum", "non-str-keys"])
def test_dumps_writes_what_json_dumps_writes(data):
    assert dumps(data) == standard(data)


def test_dumps_refuses_what_json_dumps_refuses():
    cycle: list = []
    cycle.append(cycle)
    with pytest.raises(ValueError, match="Circular reference"):
        dumps(cycle)
    with pytest.raises(TypeError, match="not JSON serializable"):
        dumps({"a": {1, 2}})


@pytest.mark.parametrize("path", [*SEEDS, *sorted((ROOT / "corpus" / "real").glob("wr_*.docx"))[:2]],
                         ids=lambda p: p.name)
def test_output_files_of_real_documents_are_json_dumps_text(path):
    data = result_to_dict(extract_source(read_source(path)))
    assert dumps(data) == standard(data)
