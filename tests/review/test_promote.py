"""`policyx review --promote`: a reviewed document becomes a gold file that passes gold check."""

from __future__ import annotations

import json

import pytest

from pipeline.cli import main
from pipeline.gold import check_gold_file
from pipeline.models import RECORD_TYPES
from pipeline.review.promote import promote
from pipeline.review.store import ReviewError, ReviewStore
from tests.conftest import CORPUS
from tests.review.conftest import ZIBO_ID


def review(outdir, doc_id, ops):
    store = ReviewStore(outdir)
    return store.save(doc_id, store.load(doc_id).version, ops, "alice")


def test_promote_writes_only_gold_fields_and_passes_gold_check(outdir, tmp_path, capsys):
    review(outdir, ZIBO_ID, [{"op": "reject", "type": "targets", "id": "targets-0"}, {"op": "mark_reviewed"}])
    gold_dir = tmp_path / "gold"
    assert main(["review", str(outdir), "--promote", ZIBO_ID, "--gold-dir", str(gold_dir)]) == 0
    assert "passes policyx gold check" in capsys.readouterr().out
    path = gold_dir / f"{ZIBO_ID}.json"
    gold = json.loads(path.read_text(encoding="utf-8"))
    machine = json.loads((outdir / f"{ZIBO_ID}.json").read_text(encoding="utf-8"))
    assert set(gold) == {"schema_version", "doc_id", "source", "meta", *RECORD_TYPES}
    for type_name, allowed in ((t, rt.gold_fields) for t, rt in RECORD_TYPES.items()):
        assert all(set(rec) <= allowed for rec in gold[type_name])
    assert len(gold["targets"]) == len(machine["targets"]) - 1
    assert all(set(v) == {"year", "value"} for rec in gold["indicators"] for v in (rec["baseline"], rec["target"]) if v)
    assert check_gold_file(path, CORPUS) == []  # against the original corpus file too


def test_promote_refuses_an_unfinished_review_and_an_existing_gold_file(outdir, tmp_path):
    with pytest.raises(ReviewError, match="has not been reviewed"):
        promote(outdir, ZIBO_ID, tmp_path)
    review(outdir, ZIBO_ID, [{"op": "accept", "type": "targets", "id": "targets-0"}])
    with pytest.raises(ReviewError, match="mark it reviewed first"):
        promote(outdir, ZIBO_ID, tmp_path)
    review(outdir, ZIBO_ID, [{"op": "mark_reviewed"}])
    promote(outdir, ZIBO_ID, tmp_path, corpus_dir=CORPUS)
    with pytest.raises(ReviewError, match="pass --force"):
        promote(outdir, ZIBO_ID, tmp_path)
    assert promote(outdir, ZIBO_ID, tmp_path, force=True).is_file()


def test_promote_checks_against_the_corpus_when_given(outdir, tmp_path):
    review(outdir, ZIBO_ID, [{"op": "mark_reviewed"}])
    wrong = tmp_path / "wrong"
    wrong.mkdir()
    (wrong / f"{ZIBO_ID}.txt").write_text("another text", encoding="utf-8")
    with pytest.raises(ReviewError, match="would not pass gold check"):
        promote(outdir, ZIBO_ID, tmp_path / "gold", corpus_dir=wrong)
    assert not (tmp_path / "gold").exists()


def test_review_refuses_a_public_bind_without_a_token(outdir, capsys):
    assert main(["review", str(outdir), "--host", "0.0.0.0"]) == 2
    assert "--token" in capsys.readouterr().err
