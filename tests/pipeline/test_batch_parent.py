"""What the parent does in a batch (issue 21): largest files first with several workers, a file hashed
only when the manifest knows it, the readers loaded before the fork, and no per-document entry kept in
memory: the manifest is streamed from the journal at the end, with the same text as before."""

from __future__ import annotations

import json
import shutil

from pipeline import run
from pipeline.manifest import JOURNAL, Entry, Manifest
from pipeline.output import dumps
from tests.conftest import SEEDS


def sized_inbox(tmp_path):
    """Seed plans under names that sort in the opposite order to their sizes."""
    inbox = tmp_path / "in"
    inbox.mkdir()
    by_size = sorted(SEEDS, key=lambda p: p.stat().st_size)
    for k, seed in enumerate(by_size):
        shutil.copy(seed, inbox / f"{k:02d}_{seed.name}")
    return inbox, [f"{k:02d}_{seed.stem}" for k, seed in enumerate(by_size)]


def handed_out(monkeypatch, tmp_path, workers):
    seen = []

    def serial(fn, items, executor, workers, scheduler):
        for item in items:
            seen.append(item[1])
            yield fn(item)

    monkeypatch.setattr(run, "map_documents", serial)
    inbox, smallest_first = sized_inbox(tmp_path)
    run.extract_paths([inbox], tmp_path / "out", workers=workers)
    return seen, smallest_first


def test_several_workers_get_the_largest_files_first(monkeypatch, tmp_path):
    seen, smallest_first = handed_out(monkeypatch, tmp_path, workers=2)
    assert seen == smallest_first[::-1]


def test_one_worker_keeps_the_found_order(monkeypatch, tmp_path):
    seen, smallest_first = handed_out(monkeypatch, tmp_path, workers=1)
    assert seen == smallest_first


def test_only_files_the_manifest_knows_are_hashed(monkeypatch, tmp_path):
    hashed = []
    real = run.file_sha256
    monkeypatch.setattr(run, "file_sha256", lambda path: hashed.append(path.name) or real(path))
    inbox, names = sized_inbox(tmp_path)
    first = run.extract_paths([inbox], tmp_path / "out")
    assert hashed == [] and len(first.written) == len(names)
    again = run.extract_paths([inbox], tmp_path / "out")
    assert sorted(hashed) == sorted(p.name for p in inbox.iterdir())
    assert sorted(again.skipped) == sorted(names) and again.written == []


def test_the_readers_a_batch_needs_are_loaded_before_the_fork(monkeypatch, tmp_path):
    loaded = []
    monkeypatch.setattr(run, "reader_for", loaded.append)
    monkeypatch.setattr(run, "map_documents", lambda fn, items, *a: iter(()))
    inbox, _ = sized_inbox(tmp_path)
    (inbox / "plan.docx").write_bytes(b"")  # never read here: only its format counts
    run.extract_paths([inbox], tmp_path / "out", workers=2)
    assert sorted(loaded) == ["docx", "txt"]
    loaded.clear()
    run.extract_paths([inbox], tmp_path / "out2", workers=1)
    assert loaded == []  # one process loads a reader when it first needs it


def entry(k: int) -> Entry:
    return Entry(f"in/doc{k}.txt", f"{k:064x}", "ok", {"targets": k, "funding": 1}, 0.01 * k, code="c")


def test_the_manifest_keeps_no_entry_of_this_run_in_memory(tmp_path):
    manifest = Manifest.load(tmp_path)
    for k in range(300):
        manifest.record(f"doc{k:03d}", entry(k))
    assert manifest.entries == {} and manifest._unjournalled == {}
    assert len((tmp_path / JOURNAL).read_text(encoding="utf-8").splitlines()) == 300
    manifest.save()
    text = (tmp_path / "manifest.json").read_text(encoding="utf-8")
    data = json.loads(text)
    assert text == dumps(data)  # the very text the whole-dict writer gave
    assert list(data["documents"]) == [f"doc{k:03d}" for k in range(300)]
    assert Manifest.load(tmp_path).entries == {f"doc{k:03d}": entry(k) for k in range(300)}
    assert not (tmp_path / JOURNAL).exists()


def test_an_empty_run_writes_an_empty_manifest(tmp_path):
    Manifest.load(tmp_path).save()
    text = (tmp_path / "manifest.json").read_text(encoding="utf-8")
    assert json.loads(text)["documents"] == {} and text == dumps(json.loads(text))


def test_a_rerun_merges_earlier_entries_with_its_own_and_survives_a_half_line(tmp_path):
    first = Manifest.load(tmp_path)
    for k in range(3):
        first.record(f"doc{k}", entry(k))
    first.save()
    # A later run killed in the middle of a line, then one that resumes and redoes doc1.
    (tmp_path / JOURNAL).write_text('{"doc_id": "doc9", "fi', encoding="utf-8")
    resumed = Manifest.load(tmp_path)
    changed = Entry("in/doc1.txt", "f" * 64, "failed", {}, 0.5, "extract", "boom", code="c")
    resumed.record("doc1", changed)
    resumed.record("doc3", entry(3))
    assert Manifest.load(tmp_path).entries["doc1"] == changed  # the half line did not swallow it
    resumed.save()
    assert Manifest.load(tmp_path).entries == {"doc0": entry(0), "doc1": changed, "doc2": entry(2), "doc3": entry(3)}


def test_the_cpu_estimate_counts_the_parent_serial_part_and_the_busier_worker():
    from pipeline.bench import cpu_estimate

    one = {"parent_cpu": 20.0, "workers_cpu": 0.0}
    # Parent: 0.5 s before the batch, 0.2 s in it, 0.3 s after; workers 9 and 11 s.
    two = {"parent_cpu": 1.0, "batch_start": 0.5, "batch_end": 0.7, "workers_cpu": 20.0, "per_worker_cpu": [11.0, 9.0]}
    est = cpu_estimate(one, two)
    assert est["serial_s"] == 0.8 and est["busiest_worker_s"] == 11.0
    assert abs(est["speedup"] - 20.0 / 11.8) < 1e-9
    # Balanced workers but a busy parent: half of all the batch's CPU bounds it instead.
    two = {**two, "batch_end": 4.5, "parent_cpu": 4.8, "per_worker_cpu": [10.0, 10.0]}
    assert abs(cpu_estimate(one, two)["predicted_two_s"] - (0.8 + 24.0 / 2)) < 1e-9
