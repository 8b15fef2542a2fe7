"""Issue 13: a fifth record type takes its declaration, its extractor package and its schema entry, and
nothing else. A toy type, ``deadlines`` (the 完成时限 of a task, such as 2025年12月底前 in the task table
of 芜湖's 2025 work plan), is registered for one test and followed through extraction, evaluation, gold
check, baseline figures, export, the HTML report, the review app and the Label Studio export."""

from __future__ import annotations

import json
import shutil
import textwrap
from dataclasses import dataclass

import pytest

from extractors import EXTRACTORS, extractor_of
from pipeline.cli import main
from pipeline.models import RECORD_TYPES, RecordType, Span
from tests.conftest import ROOT

DOC = ROOT / "challenge" / "docs" / "E_wuhu_2025_kjgzyd.txt"  # a real plan: a 完成时限 column in its task table
GOLD = ROOT / "challenge" / "gold" / "E_wuhu_2025_kjgzyd.json"


@dataclass(frozen=True, slots=True)
class Deadline:
    span: Span
    quote: str
    month: str  # ISO yyyy-mm: the task is due by the end of it
    rule: str | None = None
    confidence: float | None = None
    page: int | None = None
    bbox: list | None = None


DEADLINES = RecordType("deadlines", Deadline, key_fields=("month",), other_fields=(), label="deadline",
                       colour="#d7ccc8", bar_colour="#8d6e63", outline=(120, 80, 60), extractor="toy_deadlines")

# The package a real type would have as extractors/deadlines/: find → build, spans through to_source.
PACKAGE = textwrap.dedent('''
    import regex

    from extractors.rules import Example, Rule, table
    from pipeline.structure import Structure
    from tests.test_toy_record_type import Deadline

    MONTH_END = Rule(
        "deadlines.month_end.v1", 0.9, regex.compile(r"(\\d{4})年(\\d{1,2})月底前"),
        (Example("1\t实施高新技术企业倍增行动\t高新技术科\t2025年12月底前", {"month": "2025-12"},
                 "challenge/docs/E_wuhu_2025_kjgzyd.txt"),))
    RULES = table([MONTH_END])


    def extract(doc: Structure) -> list[Deadline]:
        out = []
        for m in MONTH_END.pattern.finditer(doc.clean.text):
            span = doc.to_source(*m.span())
            out.append(Deadline(span, doc.quote(span), f"{m[1]}-{int(m[2]):02d}", MONTH_END.id,
                                MONTH_END.confidence))
        return out
''')

SCHEMA_ENTRY = {
    "type": "object",
    "required": ["span", "quote", "month"],
    "properties": {
        "span": {"$ref": "#/$defs/span"},
        "quote": {"type": "string"},
        "month": {"type": "string", "pattern": r"^\d{4}-\d{2}$"},
        "rule": {"type": ["string", "null"]},
        "confidence": {"type": ["number", "null"]},
        "page": {"type": ["integer", "null"], "minimum": 1},
        "bbox": {"$ref": "#/$defs/bbox"},
    },
}


def clear_caches() -> None:
    from pipeline.review import fields
    from pipeline.schema import document_schema, scoring_schema

    for cached in (document_schema, scoring_schema, fields.field_specs, fields._validator):
        cached.cache_clear()


@pytest.fixture
def deadlines(tmp_path, monkeypatch):
    """Register the toy type the way a real one is added: declaration, package, schema entry."""
    package = tmp_path / "pkgs" / "toy_deadlines"
    package.mkdir(parents=True)
    (package / "__init__.py").write_text(PACKAGE, encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path / "pkgs"))
    # The declaration. In the code base it is a line in RECORD_TYPES, and EXTRACTORS is derived from it
    # at import; registered after import, both are set here.
    monkeypatch.setitem(RECORD_TYPES, DEADLINES.name, DEADLINES)
    monkeypatch.setitem(EXTRACTORS, DEADLINES.name, extractor_of(DEADLINES))
    # The schema entry, added to the loaded schema as document.schema.json would hold it.
    from pipeline.schema import document_schema

    clear_caches()
    schema = document_schema()
    schema["$defs"][DEADLINES.schema_def] = SCHEMA_ENTRY
    schema["properties"][DEADLINES.name] = {"type": "array", "items": {"$ref": f"#/$defs/{DEADLINES.schema_def}"}}
    schema["required"].append(DEADLINES.name)
    yield DEADLINES
    clear_caches()


def expected_deadlines(text: str) -> list[dict]:
    """The gold, labelled by reading the text: the 完成时限 cell of each task row ('…\t2025年12月底前').
    The one other 月底前, in prose (于3月底前), names no year and gives no record."""
    out, start = [], 0
    while (start := text.find("月底前", start)) >= 0:
        begin = text.rfind("\t", 0, start) + 1
        quote = text[begin:start + 3]
        if "\n" not in quote:
            year, month = quote.split("年")[0], quote.split("年")[1].split("月")[0]
            out.append({"span": [begin, start + 3], "quote": quote, "month": f"{year}-{int(month):02d}"})
        start += 3
    return out


@pytest.mark.issue(13)
@pytest.mark.filterwarnings("ignore:Using `httpx` with `starlette.testclient`")
def test_a_fifth_record_type_flows_through_every_consumer(deadlines, tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(DOC, corpus)
    out = tmp_path / "out"
    assert main(["extract", str(corpus), "-o", str(out), "-j", "1", "-q"]) == 0

    # Extraction: the list is written after the spec's four, each record with its span and rule.
    doc = json.loads((out / f"{DOC.stem}.json").read_text(encoding="utf-8"))
    assert list(doc)[:9] == ["schema_version", "doc_id", "source", "meta", "indicators", "funding",
                             "responsibilities", "targets", "deadlines"]
    text = DOC.read_text(encoding="utf-8")
    wanted = expected_deadlines(text)
    assert len(wanted) == 12
    assert [{k: r[k] for k in ("span", "quote", "month")} for r in doc["deadlines"]] == wanted
    assert {r["rule"] for r in doc["deadlines"]} == {"deadlines.month_end.v1"}
    assert deadlines.to_dict(deadlines.from_dict(doc["deadlines"][0])) == doc["deadlines"][0]

    # Gold check and evaluate: a gold file with the new list passes and is scored like the others.
    gold_dir = tmp_path / "gold"
    gold_dir.mkdir()
    gold = json.loads(GOLD.read_text(encoding="utf-8")) | {"deadlines": wanted}
    (gold_dir / GOLD.name).write_text(json.dumps(gold, ensure_ascii=False), encoding="utf-8")
    from pipeline.gold import check_gold_dir

    assert check_gold_dir(gold_dir, corpus) == {GOLD.name: []}
    bad = gold | {"deadlines": [wanted[0] | {"rule": "x"}]}
    (gold_dir / GOLD.name).write_text(json.dumps(bad, ensure_ascii=False), encoding="utf-8")
    assert check_gold_dir(gold_dir, corpus)[GOLD.name] == ["deadlines[0]: field 'rule' is not a gold field"]
    (gold_dir / GOLD.name).write_text(json.dumps(gold, ensure_ascii=False), encoding="utf-8")

    from pipeline.baseline import figures
    from pipeline.evaluate import evaluate

    report = evaluate(gold_dir, out)
    scored = report.to_dict()["types"]["deadlines"]
    assert (scored["gold"], scored["pred"], scored["strict_pairs"]) == (12, 12, 12)
    assert scored["field_accuracy"] == {"month": 1.0}
    assert figures(report)["deadlines"] == 1.0

    # Export: a table of its own with a typed column per field, and lines in jsonl.
    from pipeline.export import export, tables

    frames = tables(out)
    assert list(frames["deadlines"].columns)[-5:] == ["month", "rule", "confidence", "page", "bbox"]
    assert frames["documents"].loc[0, "n_deadlines"] == 12
    lines = (export(out, "jsonl", tmp_path / "x.jsonl")).read_text(encoding="utf-8").splitlines()
    assert sum(json.loads(line)["type"] == "deadlines" for line in lines) == 12

    # The HTML report: highlighted in its colour, named by its label, with a table of its own.
    from pipeline.report_html import render

    html = render(doc, text)
    assert 'style="background:#d7ccc8">deadlines</span> 12 record(s)' in html
    assert "deadline " in html and "2025年12月底前" in html

    # The review app: the page learns the type from the server; the form offers its field.
    from fastapi.testclient import TestClient

    from pipeline.review.app import create_app

    client = TestClient(create_app(out, token=None), base_url="http://127.0.0.1")
    state = client.get(f"/api/docs/{DOC.stem}").json()
    assert state["types"][-1] == {"name": "deadlines", "label": "deadline", "colour": "#d7ccc8"}
    assert [f["name"] for f in state["fields"]["deadlines"]] == ["month"]
    assert "--c-deadlines:#d7ccc8" in client.get(f"/docs/{DOC.stem}").text
    edit = {"op": "edit", "type": "deadlines", "id": "deadlines-0", "fields": {"month": "2025-11"}}
    saved = client.post(f"/api/docs/{DOC.stem}/changes", json={"base_version": 0, "ops": [edit]}).json()
    assert saved["doc"]["deadlines"][0]["month"] == "2025-11"
    refused = {"op": "edit", "type": "deadlines", "id": "deadlines-1", "fields": {"month": "late"}}
    assert client.post(f"/api/docs/{DOC.stem}/changes", json={"base_version": 1, "ops": [refused]}).status_code == 422

    # Label Studio: one label per declared type.
    from pipeline.interchange import label_studio_config

    assert '<Label value="deadlines"/>' in label_studio_config()


def test_the_toy_types_rule_rows_run_like_the_real_ones(deadlines, structure_of):
    # A new type's package brings its rule table; the check every real table gets runs it too.
    import toy_deadlines

    from tests.extractors.test_rule_tables import assert_example_gives_its_record

    for rule in toy_deadlines.RULES.values():
        for k, example in enumerate(rule.examples):
            assert_example_gives_its_record(structure_of, toy_deadlines, rule, k, example)
