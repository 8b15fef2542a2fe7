"""Validation of gold files (spec §5): shape, enums, key fields, and every quote against its span."""

from __future__ import annotations

import json
from pathlib import Path

from pipeline.errors import PolicyxError
from pipeline.evaluate import gold_files
from pipeline.ingest import read_source
from pipeline.models import META_FIELDS, RECORD_TYPES
from pipeline.schema import document_schema, schema_problems, scoring_schema  # noqa: F401 (imported from here)

# Gold holds only the spec's fields (spec §2: "gold files hold only what is listed here"): those the
# evaluator scores, plus span and quote; structured values only the sub-fields it compares (spec §3.4).
# Both are declared per record type (pipeline.models.RECORD_TYPES: gold_fields, subfields).


def top_fields() -> set[str]:
    return {"schema_version", "doc_id", "source", "meta", *RECORD_TYPES}


def check_gold_file(path: Path, corpus_dir: Path) -> list[str]:
    """Every problem with one gold file, as human-readable lines (empty when it passes)."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        return [f"cannot be read as JSON ({exc})"]
    except RecursionError:
        return ["cannot be read as JSON (nested too deeply)"]
    if not isinstance(data, dict):
        return ["top level is not an object"]
    problems = schema_problems(data)
    if data.get("doc_id") != path.stem:
        problems.append(f"doc_id {data.get('doc_id')!r} differs from the file name {path.stem!r}")
    problems += [f"field {k!r} is not a gold field" for k in sorted(set(data) - top_fields())]
    if isinstance(data.get("meta"), dict):
        problems += [f"meta: field {k!r} is not a gold field" for k in sorted(set(data["meta"]) - set(META_FIELDS))]
    for rtype, declared in RECORD_TYPES.items():
        for i, rec in enumerate(data.get(rtype) or []):
            if not isinstance(rec, dict):
                continue
            problems += [f"{rtype}[{i}]: field {k!r} is not a gold field"
                         for k in sorted(set(rec) - declared.gold_fields)]
            for name, keys in declared.subfields.items():
                if isinstance(rec.get(name), dict):
                    problems += [f"{rtype}[{i}].{name}: field {k!r} is not a gold field"
                                 for k in sorted(set(rec[name]) - set(keys))]
    source = data.get("source") if isinstance(data.get("source"), dict) else {}
    src_path = corpus_dir / str(source.get("file", ""))
    if not src_path.is_file():
        problems.append(f"source file {src_path} not found, quotes not checked")
        return problems
    try:
        doc = read_source(src_path)
    except PolicyxError as exc:
        return [*problems, f"source cannot be read: {exc}"]
    if source.get("sha256") != doc.sha256:
        problems.append(f"source sha256 differs from {src_path}")
    if source.get("chars") != len(doc.text):
        problems.append(f"source chars {source.get('chars')} differs from {len(doc.text)}")
    for rtype in RECORD_TYPES:
        for i, rec in enumerate(data.get(rtype) or []):
            span = rec.get("span") if isinstance(rec, dict) else None
            if not (isinstance(span, list) and len(span) == 2 and all(type(x) is int for x in span)):
                continue  # already reported by the schema
            start, end = span
            actual = doc.text[start:end] if 0 <= start <= end <= len(doc.text) else None
            if actual != rec.get("quote"):
                problems.append(f"{rtype}[{i}]: quote {rec.get('quote')!r} differs from span {span} "
                                f"which holds {actual!r}")
    return problems


def default_corpus(gold_dir: Path) -> Path:
    """Where a gold folder's documents are by the repository's layout: gold/ ↔ corpus/,
    gold/real/ ↔ corpus/real/, challenge/gold/ ↔ challenge/docs/."""
    up = gold_dir.parent
    candidates = [up / "corpus", up / "docs", up.parent / "corpus" / gold_dir.name]
    return next((c for c in candidates if c.is_dir()), candidates[0])


def check_gold_dir(gold_dir: Path, corpus_dir: Path | None = None) -> dict[str, list[str]]:
    """Problems per gold file name; a file with no problems maps to []."""
    corpus_dir = corpus_dir or default_corpus(gold_dir)
    return {p.name: check_gold_file(p, corpus_dir) for p in gold_files(gold_dir)}
