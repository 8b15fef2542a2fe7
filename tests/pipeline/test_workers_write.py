"""Issue #21 item 3: local workers write their own outputs; the parent only journals.

The parent used to receive every document's JSON and source text (pickled through the pool's pipe)
and write them itself: a fifth of its CPU, which kept two workers from doubling one's throughput.
"""

from __future__ import annotations

import json

import pytest

from pipeline.manifest import JOURNAL
from pipeline.run import extract_paths, process_file
from tests.conftest import SEEDS, ZIBO


@pytest.mark.issue(21)
@pytest.mark.parametrize("workers", [1, 2])
def test_parent_gets_figures_only_and_journals_after_the_files_are_in_place(tmp_path, workers):
    out = tmp_path / "out"
    seen = []

    def on_document(outcome, total):
        # The worker wrote the files: the parent never held the texts.
        assert outcome.written and outcome.json_text is None and outcome.source_text is None
        # The journal line for this document exists only once its files are on disk.
        assert (out / f"{outcome.doc_id}.json").is_file() and (out / f"{outcome.doc_id}.source.txt").is_file()
        journal = [json.loads(line)["doc_id"] for line in (out / JOURNAL).read_text(encoding="utf-8").splitlines()]
        assert journal[-1] == outcome.doc_id
        seen.append(outcome.doc_id)

    summary = extract_paths(SEEDS, out, on_document, workers=workers)
    assert sorted(seen) == sorted(summary.written) == sorted(p.stem for p in SEEDS)
    assert sum(summary.record_counts.values()) > 0


@pytest.mark.issue(21)
def test_worker_writes_exactly_what_it_would_have_handed_back(tmp_path):
    handed = process_file(ZIBO)
    written = process_file(ZIBO, outdir=tmp_path)
    assert handed.json_text and not handed.written
    assert (tmp_path / f"{ZIBO.stem}.json").read_text(encoding="utf-8") == handed.json_text
    assert (tmp_path / f"{ZIBO.stem}.source.txt").read_text(encoding="utf-8") == handed.source_text
    assert written.records == handed.records and written.sha256 == handed.sha256


@pytest.mark.issue(21)
def test_a_failed_document_writes_nothing(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    out = tmp_path / "out"
    outcome = process_file(empty, outdir=out)
    assert outcome.failure is not None and not outcome.written
    assert not out.exists() or not any(out.iterdir())
