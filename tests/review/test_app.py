"""Review API: changes, the audit log, version conflicts, escaping, paths, body size, token, host."""

from __future__ import annotations

import json
import os

import pytest
from fastapi.testclient import TestClient

from pipeline.review.app import create_app
from pipeline.review.paths import UnsafeDocId, machine_json, reviewed_json
from tests.review.conftest import ZIBO_ID

BASE = "http://127.0.0.1"


def client(outdir, **kw) -> TestClient:
    return TestClient(create_app(outdir, reviewer="tester", **kw), base_url=BASE)


def first(c, doc_id, type_name):
    return c.get(f"/api/docs/{doc_id}").json()["doc"][type_name][0]


def save(c, doc_id, ops, base=0, who="alice", **kw):
    return c.post(f"/api/docs/{doc_id}/changes", json={"base_version": base, "reviewer": who, "ops": ops, **kw})


def test_accept_reject_edit_add_and_mark_reviewed_are_saved_with_an_audit_trail(outdir):
    c = client(outdir)
    state = c.get(f"/api/docs/{ZIBO_ID}").json()
    text = state["text"]
    targets, indicators = state["doc"]["targets"], state["doc"]["indicators"]
    t0, t1, i0 = targets[0]["review"]["id"], targets[1]["review"]["id"], indicators[0]["review"]["id"]
    s = text.index("十四五")
    ops = [
        {"op": "accept", "type": "targets", "id": t0},
        {"op": "reject", "type": "targets", "id": t1},
        {"op": "edit", "type": "indicators", "id": i0, "fields": {"unit": "％", "span": [indicators[0]["span"][0], indicators[0]["span"][1] - 1]}},
        {"op": "add", "type": "responsibilities", "record": {"span": [s, s + 3], "role": "lead", "units": ["市科技局"], "scope": None}},
        {"op": "mark_reviewed"},
    ]
    r = save(c, ZIBO_ID, ops)
    assert r.status_code == 200, r.text
    doc = r.json()["doc"]
    assert r.json()["version"] == 1 and doc["review"]["status"] == "reviewed"
    status = {rec["review"]["id"]: rec["review"]["status"] for t in ("targets", "indicators", "responsibilities") for rec in doc[t]}
    assert status[t0] == "accepted" and status[t1] == "rejected" and status[i0] == "edited"
    edited = next(rec for rec in doc["indicators"] if rec["review"]["id"] == i0)
    assert edited["unit"] == "％" and edited["quote"] == text[edited["span"][0]:edited["span"][1]]
    added = doc["responsibilities"][0]
    assert added["quote"] == "十四五" and added["review"] == {"id": "responsibilities-new1", "status": "added"}

    on_disk = json.loads(reviewed_json(outdir, ZIBO_ID).read_text(encoding="utf-8"))
    assert on_disk == doc
    assert "review" not in json.loads(machine_json(outdir, ZIBO_ID).read_text(encoding="utf-8"))
    audit = [json.loads(x) for x in (outdir / "reviewed" / "audit.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [a["op"] for a in audit] == ["accept", "reject", "edit", "add", "mark_reviewed"]
    assert {a["reviewer"] for a in audit} == {"alice"} and {a["version"] for a in audit} == {1}
    assert audit[2]["before"]["unit"] == "%" and audit[2]["after"]["unit"] == "％"
    assert audit[3]["before"] is None and audit[3]["after"]["units"] == ["市科技局"]
    assert audit[4]["after"] == {"status": "reviewed"}
    assert c.get(f"/api/docs/{ZIBO_ID}/audit").json() == audit


def test_the_second_save_on_a_stale_version_gets_409_and_nothing_is_overwritten(outdir):
    c = client(outdir)
    rid = first(c, ZIBO_ID, "targets")["review"]["id"]
    assert save(c, ZIBO_ID, [{"op": "accept", "type": "targets", "id": rid}], base=0, who="alice").status_code == 200
    r = save(c, ZIBO_ID, [{"op": "reject", "type": "targets", "id": rid}], base=0, who="bob")
    assert r.status_code == 409
    assert "saved by alice" in r.json()["detail"] and "reload" in r.json()["detail"]
    assert first(c, ZIBO_ID, "targets")["review"]["status"] == "accepted"
    audit = (outdir / "reviewed" / "audit.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(audit) == 1 and '"bob"' not in audit[0]


@pytest.mark.parametrize(("op", "message"), [
    ({"op": "edit", "type": "targets", "id": "targets-0", "fields": {"comparator": "about"}}, "'about' is not one of"),
    ({"op": "edit", "type": "targets", "id": "targets-0", "fields": {"value": "many"}}, "is not of type 'number'"),
    ({"op": "edit", "type": "targets", "id": "targets-0", "fields": {"rule": "mine"}}, "cannot be edited"),
    ({"op": "edit", "type": "targets", "id": "targets-0", "fields": {"span": [5, 2]}}, "is not [start, end]"),
    ({"op": "add", "type": "funding", "record": {"span": [0, 3], "kind": "cap"}}, "'amount_yuan' is a required property"),
    ({"op": "accept", "type": "targets", "id": "targets-999"}, "no targets record"),
    ({"op": "explode"}, "unknown change"),
], ids=["enum", "number", "provenance", "span", "missing-key-field", "unknown-record", "unknown-op"])
def test_invalid_changes_are_refused_and_nothing_is_written(outdir, op, message):
    r = save(client(outdir), ZIBO_ID, [op])
    assert r.status_code in (404, 422) and message in r.json()["detail"]
    assert not reviewed_json(outdir, ZIBO_ID).exists()


def test_dry_run_validates_without_writing(outdir):
    r = save(client(outdir), ZIBO_ID, [{"op": "reject", "type": "targets", "id": "targets-0"}], dry_run=True)
    assert r.status_code == 200 and r.json()["version"] == 0
    assert r.json()["doc"]["targets"][0]["review"]["status"] == "rejected"
    assert not reviewed_json(outdir, ZIBO_ID).exists()


def test_document_strings_are_html_escaped(outdir):
    """淄博's text holds literal <p> tags; a hostile title must not become markup either."""
    path = machine_json(outdir, ZIBO_ID)
    data = json.loads(path.read_text(encoding="utf-8"))
    data["meta"]["title"] = "<script>alert(1)</script>淄博"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    c = client(outdir)
    for url in ("/", f"/docs/{ZIBO_ID}"):
        page = c.get(url).text
        assert "<script>alert(1)" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;淄博" in page
    report = c.get(f"/docs/{ZIBO_ID}/report").text
    assert "。</p> <p>淄博" not in report and "。&lt;/p&gt; &lt;p&gt;淄博" in report
    assert "</p> <p>淄博" in c.get(f"/api/docs/{ZIBO_ID}").json()["text"]  # JSON keeps the text as it is


SECRET = "秘密-不应被读到"


def plant_secret(outdir, name: str) -> None:
    """A document file outside OUTDIR (or hidden in it), carrying a marker no response may show."""
    data = json.loads((outdir / f"{ZIBO_ID}.json").read_text(encoding="utf-8"))
    data["doc_id"], data["meta"]["title"] = name.rsplit("/", 1)[-1], SECRET
    target = outdir / f"{name}.json"
    target.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    (outdir / f"{name}.source.txt").write_text(SECRET, encoding="utf-8")


# (requested id, where the planted file lies relative to OUTDIR, exact status when the id reaches the
# check; None where the client or the router resolves the id first, e.g. /docs/.. is the list page)
UNSAFE_IDS = {
    "dotdot": ("..", "../secret", None),  # clients resolve a bare .. segment before sending
    "dotfile": (".hidden", ".hidden", 400),
    "backslash": ("..%5Csecret", "../secret", 400),
    "parent-slash": ("..%2Fsecret", "../secret", None),  # a slash may already fail the route match
    "nested": ("a%2F..%2F..%2Fsecret", "../secret", None),
}


@pytest.mark.parametrize("name", list(UNSAFE_IDS))
def test_document_ids_outside_outdir_are_rejected(outdir, name):
    doc_id, planted, status = UNSAFE_IDS[name]
    plant_secret(outdir, planted)
    c = client(outdir)
    for r in (c.get(f"/api/docs/{doc_id}"), c.get(f"/docs/{doc_id}"),
              save(c, doc_id, [{"op": "mark_reviewed"}])):
        assert SECRET not in r.text  # never served, whatever the route made of the id
        if status:
            assert r.status_code == status, r.text
    assert not (outdir / "reviewed").exists() or not any((outdir / "reviewed").glob("*.json"))


def test_symlinks_leading_out_of_outdir_are_rejected(outdir, tmp_path):
    secret = tmp_path / "secret"
    secret.mkdir()
    (secret / "x.json").write_text("{}", encoding="utf-8")
    (secret / "x.source.txt").write_text("secret", encoding="utf-8")
    os.symlink(secret / "x.json", outdir / "evil.json")
    os.symlink(secret / "x.source.txt", outdir / "evil.source.txt")
    with pytest.raises(UnsafeDocId):
        machine_json(outdir, "evil")
    c = client(outdir)
    assert c.get("/api/docs/evil").status_code == 400
    assert "evil" not in [d["doc_id"] for d in c.get("/api/docs").json()]
    os.symlink(secret, outdir / "reviewed")  # a planted reviewed/ folder is refused too
    assert save(c, ZIBO_ID, [{"op": "mark_reviewed"}]).status_code == 400
    assert sorted(p.name for p in secret.iterdir()) == ["x.json", "x.source.txt"]


def test_request_bodies_are_size_limited(outdir):
    c = client(outdir, max_body=2000)
    big = {"base_version": 0, "ops": [{"op": "mark_reviewed", "pad": "x" * 5000}]}
    assert c.post(f"/api/docs/{ZIBO_ID}/changes", json=big).status_code == 413

    def chunks():  # no Content-Length: the limit holds for streamed bodies too
        yield b'{"base_version": 0, "ops": ['
        for _ in range(100):
            yield b'{"op": "mark_reviewed"},'
        yield b'{"op": "mark_reviewed"}]}'

    r = c.post(f"/api/docs/{ZIBO_ID}/changes", content=chunks(), headers={"Content-Type": "application/json"})
    assert r.status_code == 413
    assert not reviewed_json(outdir, ZIBO_ID).exists()


def test_writes_need_json_and_same_origin(outdir):
    c = client(outdir)
    body = json.dumps({"base_version": 0, "ops": [{"op": "mark_reviewed"}]})
    assert c.post(f"/api/docs/{ZIBO_ID}/changes", content=body, headers={"Content-Type": "text/plain"}).status_code == 415
    r = c.post(f"/api/docs/{ZIBO_ID}/changes", content=body,
               headers={"Content-Type": "application/json", "Origin": "http://evil.example"})
    assert r.status_code == 403
    assert TestClient(create_app(outdir), base_url="http://rebound.example").get("/").status_code == 400


def test_token_is_required_when_set(outdir):
    c = TestClient(create_app(outdir, token="s3cret", allowed_hosts=None), base_url="http://10.0.0.5:8765")
    assert c.get("/api/docs").status_code == 401
    assert c.get("/api/docs", headers={"Authorization": "Bearer wrong"}).status_code == 401
    assert c.get("/api/docs", headers={"Authorization": "Bearer s3cret"}).status_code == 200
    r = c.get("/?token=s3cret", follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == "/" and "HttpOnly" in r.headers["set-cookie"]
    assert c.get("/").status_code == 200  # the cookie now carries it


def test_pages_load_nothing_from_other_hosts(outdir):
    c = client(outdir)
    for url in ("/", f"/docs/{ZIBO_ID}", f"/docs/{ZIBO_ID}/report"):
        r = c.get(url)
        assert "default-src 'none'" in r.headers["content-security-policy"]
        assert not any(f'{a}="http' in r.text or f"{a}='http" in r.text for a in ("src", "href"))
        assert "url(http" not in r.text and "@import" not in r.text


def test_document_list_shows_counts_status_and_low_confidence(outdir):
    c = client(outdir)
    rid = first(c, ZIBO_ID, "targets")["review"]["id"]
    save(c, ZIBO_ID, [{"op": "accept", "type": "targets", "id": rid}])
    rows = {d["doc_id"]: d for d in c.get("/api/docs").json()}
    assert ZIBO_ID in rows and "manifest" not in rows
    zibo = rows[ZIBO_ID]
    assert zibo["status"] == "in_progress" and zibo["version"] == 1 and zibo["updated_by"] == "alice"
    machine = json.loads((outdir / f"{ZIBO_ID}.json").read_text(encoding="utf-8"))
    assert zibo["counts"] == {t: len(machine[t]) for t in zibo["counts"]}
    assert zibo["total"] == sum(zibo["counts"].values())
    assert zibo["low_confidence"] == sum(1 for t in zibo["counts"] for r in machine[t] if r["confidence"] < 0.8)
    assert "in progress · v1 by alice" in c.get("/").text


@pytest.mark.parametrize("doc_id", ["..", "../x", "/etc/passwd", "a/b", "a\\b", ".x", "x\x00", ""])
def test_unsafe_ids_never_become_paths(outdir, doc_id):
    with pytest.raises(UnsafeDocId):
        machine_json(outdir, doc_id)


@pytest.mark.parametrize("body", [
    '{"base_version": 0, "ops": [{"op": []}]}',
    '{"base_version": 0, "ops": [{"op": "accept", "type": [], "id": "targets-0"}]}',
    '{"base_version": 0, "ops": [{"op": "add", "type": [], "record": {}}]}',
    '{"base_version": 0, "ops": [{"op": "edit", "type": "targets", "id": "targets-0", "fields": [1, 2]}]}',
    '{"base_version": 0, "ops": [{"op": "edit_meta", "fields": [1, 2]}]}',
    '{"base_version": 0, "ops": [{"op": "add", "type": "targets", "record": "abc"}]}',
    '{"base_version": 1e400, "ops": []}',
    '{"base_version": 0, "ops": [{"op": "edit", "type": "targets", "id": "targets-0", "fields": {"value": NaN}}]}',
    '{"base_version": 0, "ops": [{"op": "edit", "type": "targets", "id": "targets-0", "fields": {"value": Infinity}}]}',
    '{"base_version": 0, "ops": [{"op": "edit_meta", "fields": {"title": -Infinity}}]}',
    "[" * 5000,
], ids=["op-list", "type-list", "add-type-list", "fields-list", "meta-fields-list", "record-string", "version-1e400",
        "nan", "infinity", "meta-infinity", "deep-nesting"])
def test_issue_20_malformed_changes_get_a_4xx_never_a_500(outdir, body):
    c = TestClient(create_app(outdir, reviewer="tester"), base_url=BASE, raise_server_exceptions=False)
    r = c.post(f"/api/docs/{ZIBO_ID}/changes", content=body, headers={"content-type": "application/json"})
    assert 400 <= r.status_code < 500, r.text
    assert r.json()["detail"]
    assert not reviewed_json(outdir, ZIBO_ID).exists()


@pytest.mark.parametrize("name", ["audit.jsonl", ".lock"])
def test_issue_20_a_linked_audit_log_or_lock_is_refused(outdir, tmp_path, name):
    victim = tmp_path / "victim.txt"
    victim.write_text("untouched", encoding="utf-8")
    (outdir / "reviewed").mkdir()
    os.symlink(victim, outdir / "reviewed" / name)
    c = TestClient(create_app(outdir, reviewer="tester"), base_url=BASE, raise_server_exceptions=False)
    assert save(c, ZIBO_ID, [{"op": "mark_reviewed"}]).status_code == 400
    assert victim.read_text(encoding="utf-8") == "untouched"
    assert not reviewed_json(outdir, ZIBO_ID).exists()
    if name == "audit.jsonl":
        assert c.get(f"/api/docs/{ZIBO_ID}/audit").status_code == 400


def test_issue_20_a_document_named_manifest_does_not_break_the_app(tmp_path):
    from pipeline.cli import main
    from tests.conftest import ZIBO

    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "manifest.txt").write_bytes(ZIBO.read_bytes())
    assert main(["extract", str(tmp_path / "in"), "-o", str(tmp_path / "out"), "-q"]) == 0
    c = TestClient(create_app(tmp_path / "out", reviewer="tester"), base_url=BASE, raise_server_exceptions=False)
    assert [d["doc_id"] for d in c.get("/api/docs").json()] == ["manifest.txt"]
    assert c.get("/").status_code == 200
    assert c.get("/api/docs/manifest.txt").status_code == 200
