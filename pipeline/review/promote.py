"""Reviewed document → gold file (spec §5) that passes ``policyx gold check``.

Gold holds only the spec's fields, so rule, confidence, canonical_units, a table value's note and
the review bookkeeping are dropped, as are rejected records. The file is checked with
``pipeline.gold.check_gold_file`` before it is written: a gold file that fails is never created.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from pipeline.evaluate import sort_records
from pipeline.gold import check_gold_file
from pipeline.models import RECORD_TYPES
from pipeline.output import dumps, write_atomic
from pipeline.review import paths
from pipeline.review.store import REVIEW_KEY, ReviewError, ReviewStore, active


def gold_record(type_name: str, rec: dict) -> dict:
    declared = RECORD_TYPES[type_name]
    out = {k: v for k, v in rec.items() if k in declared.gold_fields}
    for name, keys in declared.subfields.items():
        if isinstance(out.get(name), dict):
            out[name] = {k: out[name].get(k) for k in keys}
    return out


def to_gold(doc: dict) -> dict:
    """The document record of spec §2 built from a working copy, records sorted by span."""
    gold = {k: doc[k] for k in ("schema_version", "doc_id", "source", "meta")}
    grouped: dict[str, list[dict]] = {t: [] for t in RECORD_TYPES}
    for type_name, rec in active(doc):
        grouped[type_name].append(gold_record(type_name, rec))
    return gold | {t: sort_records(recs) for t, recs in grouped.items()}


def _check(gold: dict, doc_id: str, corpus_dir: Path | None, source_txt: Path) -> list[str]:
    """Run the gold checker on a temp copy; without a corpus the .source.txt stands in for the source.

    check_gold_file reads ``corpus_dir / source.file`` and compares its sha256; the .source.txt has
    the same bytes when the source was a UTF-8 .txt without BOM, so it can stand in for it then.
    """
    with tempfile.TemporaryDirectory(prefix="policyx-promote-") as tmp:
        tmp_path = Path(tmp)
        candidate = tmp_path / f"{doc_id}.json"
        candidate.write_text(dumps(gold), encoding="utf-8")
        if corpus_dir is None:
            corpus_dir = tmp_path / "corpus"
            corpus_dir.mkdir()
            shutil.copyfile(source_txt, corpus_dir / Path(gold["source"]["file"]).name)
        return check_gold_file(candidate, corpus_dir)


def promote(outdir: Path, doc_id: str, gold_dir: Path, corpus_dir: Path | None = None,
            force: bool = False, require_reviewed: bool = True) -> Path:
    """Write ``gold_dir/<doc_id>.json`` from the reviewed copy; raises ReviewError naming the problem."""
    store = ReviewStore(outdir)
    if not paths.reviewed_json(outdir, doc_id).is_file():
        raise ReviewError(f"{doc_id} has not been reviewed: no {paths.REVIEWED_DIR}/{doc_id}.json in {outdir}")
    doc = store.load(doc_id).doc
    if require_reviewed and doc[REVIEW_KEY]["status"] != "reviewed":
        raise ReviewError(f"{doc_id} is {doc[REVIEW_KEY]['status']}, not reviewed: mark it reviewed first")
    target = paths.inside(gold_dir, f"{doc_id}.json") if gold_dir.exists() else gold_dir / f"{doc_id}.json"
    if target.exists() and not force:
        raise ReviewError(f"{target} exists; pass --force to replace it (state the reason in the commit)")
    gold = to_gold(doc)
    problems = _check(gold, doc_id, corpus_dir, paths.source_txt(outdir, doc_id))
    if problems:
        hint = "" if corpus_dir else " (pass --corpus DIR holding the original source file)"
        raise ReviewError(f"{doc_id} would not pass gold check{hint}: " + "; ".join(problems))
    write_atomic(target, dumps(gold))
    return target
