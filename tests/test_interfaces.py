"""Interfaces for downstream systems (issue 19): the Python API, a spaCy pipeline, the HTTP API.

Each is driven by the client the issue names: spaCy's own ``add_pipe`` and DocBin, an HTTP client
against ``policyx serve`` running on loopback, pandas over an output folder.
"""

from __future__ import annotations

import json
import socket
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import pytest

from pipeline.cli import main
from tests.conftest import QINGDAO, SEEDS, ZIBO

GOAL = "到2025年，全市高新技术企业达到1800家以上。"


def test_python_api_extracts_a_file_like_the_command(tmp_path):
    from pipeline.api import extract_file

    assert main(["extract", str(QINGDAO), "-o", str(tmp_path), "-q"]) == 0
    written = json.loads((tmp_path / f"{QINGDAO.stem}.json").read_text(encoding="utf-8"))
    assert extract_file(QINGDAO) == written


def test_python_api_extracts_a_text_with_spans_into_it():
    from pipeline.api import extract_text

    doc = extract_text(GOAL)
    (target,) = doc["targets"]
    assert GOAL[target["span"][0]:target["span"][1]] == target["quote"]
    assert (target["value"], target["unit"], target["comparator"], target["year"]) == (1800, "家", "ge", 2025)


def test_python_api_loads_an_output_folder_as_typed_dataframes(tmp_path):
    from pipeline.api import load_outputs

    assert main(["extract", *map(str, SEEDS), "-o", str(tmp_path), "-q"]) == 0
    frames = load_outputs(tmp_path)
    assert set(frames) == {"documents", "indicators", "funding", "responsibilities", "targets"}
    assert len(frames["documents"]) == len(SEEDS)
    assert str(frames["targets"]["year"].dtype) == "Int64"
    zibo = frames["documents"].set_index("doc_id").loc[ZIBO.stem]
    assert zibo["doc_number"] == "淄政字〔2022〕38号"


def test_python_api_errors_are_policyx_errors(tmp_path):
    from pipeline.api import extract_file, extract_text
    from pipeline.errors import PolicyxError

    with pytest.raises(PolicyxError, match=r"text\.txt: is empty"):
        extract_text("   \n")
    with pytest.raises(PolicyxError, match=r"nosuch\.txt"):
        extract_file(tmp_path / "nosuch.txt")


# ---- spaCy ----------------------------------------------------------------------------------------

def test_spacy_add_pipe_puts_every_record_in_doc_spans():
    spacy = pytest.importorskip("spacy")
    from importlib.metadata import entry_points

    from pipeline.api import extract_file

    assert "policyx" in {e.name for e in entry_points(group="spacy_factories")}
    nlp = spacy.blank("zh")
    nlp.add_pipe("policyx")  # found through the entry point, no import of policyx needed
    text = QINGDAO.read_text(encoding="utf-8")
    doc = nlp(text)
    expected = extract_file(QINGDAO)
    spans = list(doc.spans["policyx"])
    by_type = {t: [s for s in spans if s.label_ == t] for t in ("indicators", "funding", "responsibilities", "targets")}
    assert {t: len(v) for t, v in by_type.items()} == {t: len(expected[t]) for t in by_type}
    funding = by_type["funding"][0]
    assert funding.text == expected["funding"][0]["quote"]
    assert funding._.policyx["amount_yuan"] == expected["funding"][0]["amount_yuan"]
    assert doc._.policyx_meta["doc_number"] == "青政字〔2024〕20号"


def test_export_to_spacy_writes_a_docbin_with_the_record_spans(tmp_path):
    spacy = pytest.importorskip("spacy")
    from spacy.tokens import DocBin

    import pipeline.spacy_component  # noqa: F401  (registers the extensions read below)

    assert main(["extract", str(QINGDAO), str(ZIBO), "-o", str(tmp_path), "-q"]) == 0
    assert main(["export", str(tmp_path), "--to", "spacy"]) == 0
    docs = list(DocBin().from_disk(tmp_path / "export.spacy").get_docs(spacy.blank("zh").vocab))
    assert len(docs) == 2
    written = [json.loads(p.read_text(encoding="utf-8")) for p in tmp_path.glob("*_*.json")]
    written = {d["meta"]["doc_number"]: d for d in written}
    for doc in docs:
        expected = written[doc._.policyx_meta["doc_number"]]
        assert len(doc.spans["policyx"]) == sum(len(expected[t]) for t in ("indicators", "funding", "responsibilities", "targets"))
        assert all(s._.policyx is not None for s in doc.spans["policyx"])


# ---- HTTP API ------------------------------------------------------------------------------------

def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def api_server():
    import uvicorn

    from pipeline.serve import create_app

    port = free_port()
    server = uvicorn.Server(uvicorn.Config(create_app(workers=2, doc_timeout=20, max_bytes=2 * 1024 * 1024),
                                           host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        assert time.monotonic() < deadline, "policyx serve did not start"
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=30)


def test_serve_answers_a_posted_document_with_the_extract_json(api_server, tmp_path):
    import httpx

    assert main(["extract", str(ZIBO), "-o", str(tmp_path), "-q"]) == 0
    written = json.loads((tmp_path / f"{ZIBO.stem}.json").read_text(encoding="utf-8"))
    r = httpx.post(f"{api_server}/extract", files={"file": (ZIBO.name, ZIBO.read_bytes(), "text/plain")}, timeout=60)
    assert r.status_code == 200, r.text
    assert r.json() == written


def test_serve_publishes_its_schema_and_openapi(api_server):
    import httpx

    from pipeline.gold import document_schema

    assert httpx.get(f"{api_server}/schema").json() == document_schema()
    spec = httpx.get(f"{api_server}/openapi.json").json()
    assert "/extract" in spec["paths"] and "post" in spec["paths"]["/extract"]


def test_serve_serves_concurrent_requests(api_server):
    import httpx

    def post(path):
        return httpx.post(f"{api_server}/extract", files={"file": (path.name, path.read_bytes())}, timeout=120)

    with ThreadPoolExecutor(max_workers=len(SEEDS)) as pool:
        answers = list(pool.map(post, SEEDS))
    assert [a.status_code for a in answers] == [200] * len(SEEDS)
    assert [a.json()["doc_id"] for a in answers] == [p.stem for p in SEEDS]


@pytest.mark.parametrize(("name", "data", "status", "detail"), [
    ("plan.exe", b"MZ", 415, "plan.exe: unsupported file type"),
    ("empty.txt", b"", 422, "empty.txt"),
    ("bin.txt", b"\x00\x01\x02" * 100, 422, "bin.txt"),
    ("big.txt", "字".encode() * (800 * 1024), 413, "over the"),
])
def test_serve_answers_bad_documents_with_a_clear_4xx(api_server, name, data, status, detail):
    import httpx

    r = httpx.post(f"{api_server}/extract", files={"file": (name, data)}, timeout=60)
    assert r.status_code == status, r.text
    assert detail in r.json()["detail"]
    assert "/tmp/" not in r.json()["detail"]


def test_serve_refuses_other_hosts_and_requires_a_token_when_set():
    from fastapi.testclient import TestClient

    from pipeline.serve import create_app

    open_app = TestClient(create_app(workers=1), base_url="http://evil.example")
    assert open_app.get("/health").status_code == 400
    guarded = TestClient(create_app(token="s3cret", allowed_hosts=None, workers=1), base_url="http://10.0.0.5")
    assert guarded.get("/health").status_code == 401
    assert guarded.get("/health", headers={"Authorization": "Bearer s3cret"}).json()["status"] == "ok"
