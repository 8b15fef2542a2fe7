"""A batch killed with SIGKILL leaves no partial output, and a rerun finishes with the same results."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time

import pytest

from pipeline.bench import synthetic_corpus
from pipeline.manifest import MANIFEST

DOCS = 240


def document_files(outdir):
    return {p.name: p.read_bytes() for p in sorted(outdir.iterdir()) if p.name != MANIFEST}


def extract_command(corpus, out):
    return [sys.executable, "-m", "pipeline.cli", "extract", str(corpus), "-o", str(out), "-q", "--workers", "2"]


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs POSIX signals")
def test_sigkill_part_way_then_rerun_matches_an_uninterrupted_run(tmp_path):
    corpus = tmp_path / "corpus"
    synthetic_corpus(corpus, DOCS)
    reference = tmp_path / "reference"
    subprocess.run(extract_command(corpus, reference), check=True, capture_output=True)

    killed = tmp_path / "killed"
    proc = subprocess.Popen(extract_command(corpus, killed), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            start_new_session=True)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and len(list(killed.glob("*.json"))) < DOCS // 4:
        time.sleep(0.01)
    os.killpg(proc.pid, signal.SIGKILL)  # the parent and its workers, mid-run
    proc.wait()
    written = list(killed.glob("synthetic_*.json"))
    assert 0 < len(written) < DOCS, "the kill should land part-way through the batch"

    # Nothing visible is partial: every result parses and has its source text beside it.
    for path in written:
        data = json.loads(path.read_text(encoding="utf-8"))
        source = (killed / f"{data['doc_id']}.source.txt").read_text(encoding="utf-8")
        assert len(source) == data["source"]["chars"]

    rerun = subprocess.run(extract_command(corpus, killed), capture_output=True, text=True, check=True)
    assert "unchanged and skipped" in rerun.stdout  # it resumed instead of starting over
    assert not list(killed.glob(".*.tmp"))
    assert document_files(killed) == document_files(reference)
    manifest = json.loads((killed / MANIFEST).read_text(encoding="utf-8"))["documents"]
    expected = json.loads((reference / MANIFEST).read_text(encoding="utf-8"))["documents"]
    assert {d: (e["sha256"], e["records"]) for d, e in manifest.items()} == \
        {d: (e["sha256"], e["records"]) for d, e in expected.items()}
