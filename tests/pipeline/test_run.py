"""`policyx extract`: outputs, determinism, schema validity and batch error handling."""

from __future__ import annotations

import json
import shutil
import zipfile

import jsonschema
import pytest

from pipeline.cli import main
from pipeline.gold import document_schema
from tests.conftest import SEEDS, ZIBO


@pytest.fixture(scope="module")
def corpus_output(tmp_path_factory):
    out = tmp_path_factory.mktemp("out")
    assert main(["extract", *map(str, SEEDS), "-o", str(out), "-q"]) == 0
    return out


def test_one_json_and_one_source_text_per_document(corpus_output):
    names = sorted(p.name for p in corpus_output.iterdir() if p.name != ".policyx.lock")
    expected = sorted([f"{p.stem}.json" for p in SEEDS] + [f"{p.stem}.source.txt" for p in SEEDS] + ["manifest.json"])
    assert names == expected


def test_outputs_follow_the_schema_and_quotes_equal_spans(corpus_output):
    validator = jsonschema.Draft202012Validator(document_schema())
    for path in corpus_output.glob("*_*.json"):
        data = json.loads(path.read_text(encoding="utf-8"))
        assert list(validator.iter_errors(data)) == []
        source = (corpus_output / f"{data['doc_id']}.source.txt").read_text(encoding="utf-8")
        assert data["source"]["chars"] == len(source)
        for rtype in ("indicators", "funding", "responsibilities", "targets"):
            for rec in data[rtype]:
                assert source[rec["span"][0] : rec["span"][1]] == rec["quote"]
                assert rec["rule"] and 0 < rec["confidence"] <= 1


def test_zibo_meta_in_the_output(corpus_output):
    data = json.loads((corpus_output / f"{ZIBO.stem}.json").read_text(encoding="utf-8"))
    assert data["meta"] == {"title": "淄博市“十四五”科技创新规划", "doc_number": "淄政字〔2022〕38号",
                            "issuer": "淄博市人民政府", "issue_date": "2022-04-19", "period": [2021, 2025]}
    assert data["source"]["format"] == "txt"


def document_files(outdir):
    return sorted(p for p in outdir.iterdir() if p.name != "manifest.json")


@pytest.mark.parametrize("workers", ["1", "2"])
def test_same_input_gives_byte_identical_output(corpus_output, tmp_path, workers):
    assert main(["extract", *map(str, SEEDS), "-o", str(tmp_path), "-q", "--workers", workers]) == 0
    for path in document_files(corpus_output):
        assert (tmp_path / path.name).read_bytes() == path.read_bytes(), path.name


def test_bad_files_are_reported_and_good_files_still_written(tmp_path, capsys):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "good.txt").write_text(ZIBO.read_text(encoding="utf-8"), encoding="utf-8")
    (inbox / "empty.txt").write_bytes(b"")
    (inbox / "binary.txt").write_bytes(bytes(range(256)) * 8)
    docx_bytes = _tiny_docx()
    (inbox / "truncated.docx").write_bytes(docx_bytes[: len(docx_bytes) // 2])
    (inbox / "fake.pdf").write_text("this is not a PDF", encoding="utf-8")
    out = tmp_path / "out"
    assert main(["extract", str(inbox), "-o", str(out), "-q"]) == 1
    assert (out / "good.json").exists()
    errors = [json.loads(line) for line in (out / "errors.jsonl").read_text(encoding="utf-8").splitlines()]
    assert sorted(e["file"].rsplit("/", 1)[-1] for e in errors) == ["binary.txt", "empty.txt", "fake.pdf",
                                                                     "truncated.docx"]
    for e in errors:
        assert e["stage"] == "ingest" and e["file"].rsplit("/", 1)[-1] in e["message"]
    stderr = capsys.readouterr().err
    assert "4 failed" in stderr


def test_good_document_output_is_the_same_alone_or_in_a_bad_batch(tmp_path):
    alone, batch = tmp_path / "alone", tmp_path / "batch"
    assert main(["extract", str(ZIBO), "-o", str(alone), "-q"]) == 0
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\x00\x01")
    assert main(["extract", str(bad), str(ZIBO), "-o", str(batch), "-q"]) == 1
    name = f"{ZIBO.stem}.json"
    assert (alone / name).read_bytes() == (batch / name).read_bytes()


def test_duplicate_doc_id_is_an_error_not_an_overwrite(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    text = ZIBO.read_text(encoding="utf-8")
    (tmp_path / "a" / "plan.txt").write_text(text, encoding="utf-8")
    (tmp_path / "b" / "plan.txt").write_text(text + "\n附件", encoding="utf-8")
    out = tmp_path / "out"
    assert main(["extract", str(tmp_path / "a"), str(tmp_path / "b"), "-o", str(out), "-q"]) == 1
    assert "already taken" in (out / "errors.jsonl").read_text(encoding="utf-8")


def test_usage_errors_exit_2(capsys):
    with pytest.raises(SystemExit) as exc:
        main(["extract", "corpus"])  # -o is required
    assert exc.value.code == 2
    assert "-o/--output" in capsys.readouterr().err


def test_no_documents_found_is_a_failure(tmp_path, capsys):
    assert main(["extract", str(tmp_path), "-o", str(tmp_path / "out"), "-q"]) == 1
    assert "no .txt/.docx/.pdf/.html files found" in capsys.readouterr().err


def _tiny_docx() -> bytes:
    import io

    from docx import Document

    buffer = io.BytesIO()
    doc = Document()
    doc.add_paragraph("到2025年，高新技术企业达到500家。")
    doc.save(buffer)
    data = buffer.getvalue()
    assert zipfile.is_zipfile(io.BytesIO(data))
    return data


def test_manifest_records_versions_hashes_and_counts(corpus_output):
    manifest = json.loads((corpus_output / "manifest.json").read_text(encoding="utf-8"))
    assert set(manifest) == {"pipeline_version", "ruleset_version", "code", "schema_version", "documents"}
    entry = manifest["documents"][ZIBO.stem]
    data = json.loads((corpus_output / f"{ZIBO.stem}.json").read_text(encoding="utf-8"))
    assert entry["sha256"] == data["source"]["sha256"] and entry["status"] == "ok"
    assert entry["records"] == {t: len(data[t]) for t in ("indicators", "funding", "responsibilities", "targets")}


def test_rerun_skips_unchanged_documents_and_redoes_changed_ones(tmp_path, capsys):
    inbox = tmp_path / "in"
    inbox.mkdir()
    for seed in SEEDS[:3]:
        (inbox / seed.name).write_bytes(seed.read_bytes())
    out = tmp_path / "out"
    assert main(["extract", str(inbox), "-o", str(out), "-q"]) == 0
    first = {p.name: p.stat().st_mtime_ns for p in out.glob("*_*.json")}
    capsys.readouterr()
    changed = inbox / SEEDS[0].name
    changed.write_text(changed.read_text(encoding="utf-8") + "\n附件：无", encoding="utf-8")
    assert main(["extract", str(inbox), "-o", str(out), "-q"]) == 0
    summary = capsys.readouterr().out
    assert "1 documents written" in summary and "2 unchanged and skipped" in summary
    after = {p.name: p.stat().st_mtime_ns for p in out.glob("*_*.json")}
    assert [n for n in first if first[n] != after[n]] == [f"{SEEDS[0].stem}.json"]
    assert main(["extract", str(inbox), "-o", str(out), "-q", "--force"]) == 0
    assert "3 documents written" in capsys.readouterr().out


def test_a_killed_run_resumes_from_its_journal(tmp_path):
    from pipeline.manifest import JOURNAL, Manifest

    out = tmp_path / "out"
    assert main(["extract", str(ZIBO), "-o", str(out), "-q"]) == 0
    # A run killed after journaling one document and in the middle of the next line.
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    (out / "manifest.json").unlink()
    line = json.dumps({"doc_id": ZIBO.stem, **manifest["documents"][ZIBO.stem]}, ensure_ascii=False)
    (out / JOURNAL).write_text(line + "\n" + line[: len(line) // 2], encoding="utf-8")
    assert Manifest.load(out).is_current(ZIBO.stem, manifest["documents"][ZIBO.stem]["sha256"])
    assert main(["extract", str(ZIBO), "-o", str(out), "-q"]) == 0
    assert not (out / JOURNAL).exists()
    assert json.loads((out / "manifest.json").read_text(encoding="utf-8"))["documents"] == manifest["documents"]


def test_document_time_limit_fails_that_document_only(tmp_path, monkeypatch):
    import time as time_module

    from pipeline import run

    real = run.build_structure

    def slow(source):
        if source.doc_id == "slow":
            time_module.sleep(5)
        return real(source)

    monkeypatch.setattr(run, "build_structure", slow)
    (tmp_path / "slow.txt").write_text(ZIBO.read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "fast.txt").write_text(ZIBO.read_text(encoding="utf-8"), encoding="utf-8")
    out = tmp_path / "out"
    assert main(["extract", str(tmp_path / "slow.txt"), str(tmp_path / "fast.txt"), "-o", str(out), "-q",
                 "--workers", "1", "--doc-timeout", "0.5"]) == 1
    (error,) = [json.loads(x) for x in (out / "errors.jsonl").read_text(encoding="utf-8").splitlines()]
    assert error["stage"] == "timeout" and "slow.txt" in error["message"]
    assert (out / "fast.json").exists() and not (out / "slow.json").exists()


def test_dask_executor_gives_byte_identical_outputs(corpus_output, tmp_path):
    pytest.importorskip("dask.distributed")
    out = tmp_path / "dask"
    assert main(["extract", *map(str, SEEDS), "-o", str(out), "-q", "--executor", "dask", "--workers", "2"]) == 0
    for path in document_files(corpus_output):
        assert (out / path.name).read_bytes() == path.read_bytes(), path.name


def test_outputs_get_the_users_usual_file_mode(tmp_path):
    """Atomic writes go through mkstemp (0600); the renamed file must still honour the umask."""
    import os
    import stat

    from pipeline.output import write_atomic

    old = os.umask(0o022)
    try:
        target = tmp_path / "x.json"
        write_atomic(target, "{}")
    finally:
        os.umask(old)
    assert stat.S_IMODE(target.stat().st_mode) == 0o644


@pytest.mark.issue(19)
def test_issue_19_a_missing_path_is_not_found_and_a_usage_error(tmp_path, capsys):
    assert main(["extract", str(tmp_path / "nosuch"), "-o", str(tmp_path / "out"), "-q"]) == 2
    assert f"{tmp_path / 'nosuch'}: not found" in capsys.readouterr().err


@pytest.mark.issue(19)
def test_issue_19_one_plan_in_two_formats_gives_two_documents(tmp_path):
    from tests.builders import build_html, seed_blocks

    text = ZIBO.read_text(encoding="utf-8")
    (tmp_path / "zb.txt").write_text(text, encoding="utf-8")
    build_html(seed_blocks(text), tmp_path / "zb.html")
    out = tmp_path / "out"
    assert main(["extract", str(tmp_path / "zb.txt"), str(tmp_path / "zb.html"), "-o", str(out), "-q"]) == 0
    docs = {p.name: json.loads(p.read_text(encoding="utf-8")) for p in out.glob("zb.*.json")}
    assert sorted(docs) == ["zb.html.json", "zb.txt.json"]
    assert {d["doc_id"] for d in docs.values()} == {"zb.html", "zb.txt"}
    assert docs["zb.txt.json"]["meta"] == docs["zb.html.json"]["meta"]
    # a rerun skips both: the manifest knows them under the same doc_ids
    assert main(["extract", str(tmp_path / "zb.txt"), str(tmp_path / "zb.html"), "-o", str(out), "-q"]) == 0
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert {"zb.html", "zb.txt"} <= set(manifest["documents"])


@pytest.mark.issue(19)
def test_issue_19_dask_workers_in_another_directory_read_relative_inputs(tmp_path, monkeypatch):
    pytest.importorskip("dask.distributed")
    import os
    import subprocess
    import sys
    import time

    from tests.conftest import ROOT

    # the same software on the workers (this checkout first on their path), another working directory
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))}
    port = free_port()
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    procs = [subprocess.Popen([sys.executable, "-m", "distributed.cli.dask_scheduler", "--host", "127.0.0.1",
                               "--port", str(port), "--no-dashboard"], cwd=elsewhere, env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)]
    try:
        procs.append(subprocess.Popen([sys.executable, "-m", "distributed.cli.dask_worker", f"tcp://127.0.0.1:{port}",
                                       "--nworkers", "1", "--nthreads", "1", "--no-dashboard"], cwd=elsewhere, env=env,
                                      stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))
        from dask.distributed import Client

        deadline = time.monotonic() + 60
        while True:
            try:
                with Client(f"tcp://127.0.0.1:{port}", timeout=5) as client:
                    client.wait_for_workers(1, timeout=30)
                break
            except OSError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.5)
        (tmp_path / "in").mkdir()
        shutil.copy(ZIBO, tmp_path / "in" / ZIBO.name)
        monkeypatch.chdir(tmp_path)
        assert main(["extract", "in", "-o", "out", "-q", "--executor", "dask",
                     "--scheduler", f"tcp://127.0.0.1:{port}"]) == 0
        assert (tmp_path / "out" / f"{ZIBO.stem}.json").exists()
    finally:
        for p in reversed(procs):
            p.terminate()
            p.wait(timeout=30)


def free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]
