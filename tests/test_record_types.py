"""Issue 13: each record type is declared once (``pipeline.models.RECORD_TYPES``) and everything else
agrees with the declarations: the JSON Schema, the records' dict form, and the layering of modules."""

from __future__ import annotations

import ast
import dataclasses
import typing
from enum import Enum
from pathlib import Path

import pytest

from pipeline.models import RECORD_TYPES, RecordType
from pipeline.run import extract_source
from pipeline.schema import document_schema
from pipeline.serialise import result_to_dict
from tests.conftest import ROOT, SEEDS

TYPES = list(RECORD_TYPES.values())


def resolve(schema: dict, node: dict) -> dict:
    """A property's object schema, through a $ref and past a nullable oneOf."""
    while "$ref" in node:
        node = schema["$defs"][node["$ref"].rsplit("/", 1)[1]]
    for option in node.get("oneOf", []):
        if option.get("type") == "object":
            return option
    return node


@pytest.mark.issue(13)
@pytest.mark.parametrize("rtype", TYPES, ids=lambda rt: rt.name)
def test_the_schema_has_each_declared_type_with_its_fields_in_order(rtype: RecordType):
    schema = document_schema()
    assert rtype.name in schema["required"]
    assert schema["properties"][rtype.name] == {"type": "array", "items": {"$ref": f"#/$defs/{rtype.schema_def}"}}
    sdef = schema["$defs"][rtype.schema_def]
    assert list(sdef["properties"]) == [f.name for f in dataclasses.fields(rtype.cls)]
    # A gold record must have its key fields (spec §3); other fields may be left out.
    assert sdef["required"] == ["span", "quote", *rtype.key_fields]
    assert set(rtype.fields) <= set(sdef["properties"])
    for name, keys in rtype.subfields.items():
        assert resolve(schema, sdef["properties"][name])["required"] == list(keys), name


@pytest.mark.issue(13)
@pytest.mark.parametrize("rtype", TYPES, ids=lambda rt: rt.name)
def test_the_schema_enums_are_the_dataclass_enums(rtype: RecordType):
    sdef = document_schema()["$defs"][rtype.schema_def]
    hints = typing.get_type_hints(rtype.cls)
    for f in dataclasses.fields(rtype.cls):
        enums = [a for a in (*typing.get_args(hints[f.name]), hints[f.name])
                 if isinstance(a, type) and issubclass(a, Enum)]
        if enums:
            values = [v for v in sdef["properties"][f.name]["enum"] if v is not None]
            assert values == [e.value for e in enums[0]], f.name


@pytest.mark.issue(13)
def test_every_record_list_of_the_schema_is_declared():
    schema = document_schema()
    lists = [k for k, v in schema["properties"].items() if "$ref" in v.get("items", {})]
    assert lists == list(RECORD_TYPES)


@pytest.mark.issue(13)
def test_declarations_are_consistent():
    for rt in TYPES:
        names = {f.name for f in dataclasses.fields(rt.cls)}
        assert set(rt.fields) | set(rt.derived) | set(rt.subfields) | set(rt.comparisons) <= names, rt.name
        assert not set(rt.key_fields) & set(rt.other_fields), rt.name
        assert rt.colour.startswith("#") and rt.bar_colour.startswith("#") and len(rt.outline) == 3


@pytest.mark.issue(13)
def test_a_declaration_that_cannot_work_is_refused_when_made():
    from pipeline.models import Funding

    with pytest.raises(ValueError, match="'meta' is a document key"):
        RecordType("meta", Funding, ("kind",), (), "meta", "#fff", "#000", (0, 0, 0))
    with pytest.raises(ValueError, match=r"\['amount'\] are not fields of Funding"):
        RecordType("grants", Funding, ("amount",), (), "grant", "#fff", "#000", (0, 0, 0))


@pytest.fixture(scope="module")
def seed_outputs() -> list[dict]:
    from pipeline.ingest import read_source

    return [result_to_dict(extract_source(read_source(p))) for p in SEEDS]


@pytest.mark.issue(13)
def test_records_convert_both_ways_unchanged(seed_outputs):
    seen = dict.fromkeys(RECORD_TYPES, 0)
    for doc in seed_outputs:
        for name, rt in RECORD_TYPES.items():
            for rec in doc[name]:
                record = rt.from_dict(rec)
                assert isinstance(record, rt.cls)
                assert rt.to_dict(record) == rec
                seen[name] += 1
    assert all(seen.values()), seen  # every type was exercised


@pytest.mark.issue(13)
def test_from_dict_gives_typed_values():
    rt = RECORD_TYPES["indicators"]
    rec = rt.from_dict({"span": [3, 9], "quote": "研发投入强度", "table": None, "row": 1, "name": "研发投入强度",
                        "unit": "%", "baseline": {"year": 2020, "value": 2.1}, "target": None, "actual": None,
                        "growth": {"value": None, "cumulative": False}, "review": {"id": "x"}})
    assert rec.span == (3, 9) and rec.baseline.year == 2020 and rec.growth.cumulative is False
    resp = RECORD_TYPES["responsibilities"].from_dict({"span": [0, 2], "quote": "财政", "role": "lead", "units": ["市财政局"]})
    assert resp.role.value == "lead" and resp.units == ("市财政局",)


# --- layering --------------------------------------------------------------------------------------

def module_of(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def node_of(module: str) -> str:
    """A module's node in the layer graph: pipeline's subpackages (review, readers, schema) count as one."""
    parts = module.split(".")
    if parts[0] == "extractors":
        return "extractors"
    return ".".join(parts[:2])


def import_graph() -> dict[str, set[str]]:
    """Node → nodes it imports, counting every import statement (function-level imports included)."""
    graph: dict[str, set[str]] = {}
    for path in [*(ROOT / "pipeline").rglob("*.py"), *(ROOT / "extractors").rglob("*.py")]:
        here = module_of(path)
        edges = graph.setdefault(node_of(here), set())
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                targets = [node.module, *(f"{node.module}.{a.name}" for a in node.names)]
            elif isinstance(node, ast.Import):
                targets = [a.name for a in node.names]
            else:
                continue
            edges.update(node_of(t) for t in targets if t.split(".")[0] in ("pipeline", "extractors"))
        edges.discard(node_of(here))
    return {k: {t for t in v if t in graph} for k, v in graph.items()}  # names imported from a module drop out


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one node (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    out: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        for w in sorted(graph.get(v, ())):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                out.append(sorted(component))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return out


@pytest.mark.issue(13)
def test_no_module_imports_one_above_it():
    """The modules form layers: no import cycle, not even through a function-level import or a
    subpackage (report_html once imported review.store while review/ imported report_html)."""
    graph = import_graph()
    assert "pipeline.report_html" in graph["pipeline.review"]  # the graph sees the review app's imports
    assert cycles(graph) == []


@pytest.mark.issue(13)
def test_the_cycle_check_finds_a_cycle():
    graph = import_graph()
    graph["pipeline.report_html"].add("pipeline.review")
    assert ["pipeline.report_html", "pipeline.review"] in cycles(graph)


@pytest.mark.issue(13)
def test_output_only_writes_files():
    """The review app writes through pipeline.output; it must not pull in the extraction stack."""
    graph = import_graph()
    assert graph["pipeline.output"] == set()
