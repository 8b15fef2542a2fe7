"""Label Studio and doccano round trips keep every record and every code-point span (issue #9 §5)."""

from __future__ import annotations

import json

import pytest

from pipeline.cli_review import export_formats, export_review_format
from pipeline.interchange import (
    InterchangeError,
    cp_to_utf16,
    import_review,
    records_for_compare,
    utf16_to_cp,
)
from pipeline.review.store import ReviewStore
from tests.review.conftest import ASTRAL_TEXT, span_of

FORMATS = ["label-studio", "doccano"]


def snapshot(outdir, doc_id="astral"):
    loaded = ReviewStore(outdir).load(doc_id)
    return loaded.version, records_for_compare(loaded.doc)


def test_offset_conversion_counts_astral_characters_twice_in_utf16():
    text = "a𠀀b😀\r\nc"
    assert [cp_to_utf16(text, i) for i in range(len(text) + 1)] == [0, 1, 3, 4, 6, 7, 8, 9]
    assert all(utf16_to_cp(text, cp_to_utf16(text, i)) == i for i in range(len(text) + 1))
    with pytest.raises(InterchangeError, match="inside the character"):
        utf16_to_cp(text, 2)


def test_both_formats_are_offered_to_policyx_export():
    assert set(export_formats()) == set(FORMATS)


@pytest.mark.parametrize("fmt", FORMATS)
def test_round_trip_gives_identical_records(astral_out, tmp_path, fmt):
    before = snapshot(astral_out)
    out = export_review_format(astral_out, fmt, tmp_path / f"export.{fmt}")
    assert import_review(out, astral_out, "carol") == {"astral": 0}
    assert snapshot(astral_out) == before


@pytest.mark.parametrize("fmt", FORMATS)
def test_round_trip_of_the_corpus(outdir, tmp_path, fmt):
    ids = ReviewStore(outdir).doc_ids()
    before = {d: snapshot(outdir, d) for d in ids}
    out = export_review_format(outdir, fmt, tmp_path)
    assert set(import_review(out, outdir, "carol").values()) == {0}
    assert {d: snapshot(outdir, d) for d in ids} == before


def test_label_studio_tasks_carry_predictions_with_score_and_model_version(astral_out, tmp_path):
    out = export_review_format(astral_out, "label-studio", tmp_path / "ls.json")
    (task,) = json.loads(out.read_text(encoding="utf-8"))
    assert task["data"]["text"] == ASTRAL_TEXT  # \r\n and astral characters verbatim
    pred = task["predictions"][0]
    assert pred["model_version"].startswith("policyx-") and 0 < pred["score"] <= 1
    labels = [r for r in pred["result"] if r["type"] == "labels"]
    assert len(labels) == 4 and all(0 <= r["score"] <= 1 for r in labels)
    # Code points, worked out by hand: the cap follows two astral characters, so UTF-16 would be 2 more.
    cap = next(r["value"] for r in labels if r["value"]["text"] == "最高50万元")
    assert (cap["start"], cap["end"]) == (ASTRAL_TEXT.index("最高50万元"), ASTRAL_TEXT.index("最高50万元") + 6)
    assert cp_to_utf16(ASTRAL_TEXT, cap["start"]) == cap["start"] + 2
    assert (tmp_path / "ls.config.xml").read_text(encoding="utf-8").count("<Label value=") == 4


def test_doccano_labels_are_utf16_offsets(astral_out, tmp_path):
    out = export_review_format(astral_out, "doccano", tmp_path / "d.jsonl")
    line = json.loads(out.read_text(encoding="utf-8").splitlines()[0])
    utf16 = ASTRAL_TEXT.encode("utf-16-le")
    for s, e, _ in line["label"]:
        rec = next(r for r in line["policyx"]["records"] if cp_to_utf16(ASTRAL_TEXT, r["start"]) == s)
        assert utf16[2 * s:2 * e].decode("utf-16-le") == ASTRAL_TEXT[rec["start"]:rec["end"]]


def test_label_studio_annotation_corrections_come_back_as_audited_changes(astral_out, tmp_path):
    """An annotator rejects funding, moves the target, edits the indicator's unit and adds a region."""
    out = export_review_format(astral_out, "label-studio", tmp_path / "ls.json")
    tasks = json.loads(out.read_text(encoding="utf-8"))
    result = [r for r in tasks[0]["predictions"][0]["result"] if not r["id"].startswith("funding")]
    s, e = span_of(ASTRAL_TEXT, "高新技术企业达到1800家")
    ns, ne = span_of(ASTRAL_TEXT, "新增科技型企业300家")
    for r in result:
        if r["id"].startswith("targets"):  # a textarea's value.text is its list of entries
            r["value"].update(start=s, end=e, **({"text": ASTRAL_TEXT[s:e]} if r["type"] == "labels" else {}))
        if r["id"].startswith("indicators") and r["type"] == "textarea":
            fields = json.loads(r["value"]["text"][0])
            r["value"]["text"] = [json.dumps({**fields, "unit": "％"}, ensure_ascii=False)]
    result.append({"id": "new1", "from_name": "type", "to_name": "text", "type": "labels",
                   "value": {"start": ns, "end": ne, "text": ASTRAL_TEXT[ns:ne], "labels": ["targets"]}})
    tasks[0]["annotations"] = [{"result": result, "was_cancelled": False, "updated_at": "2024-05-01T00:00:00Z"}]
    out.write_text(json.dumps(tasks, ensure_ascii=False), encoding="utf-8")

    assert import_review(out, astral_out, "dave") == {"astral": 4}
    loaded = ReviewStore(astral_out).load("astral")
    doc = loaded.doc
    assert doc["funding"][0]["review"]["status"] == "rejected"
    assert doc["indicators"][0]["unit"] == "％"
    moved = next(t for t in doc["targets"] if t["review"]["id"] == "targets-0")
    assert moved["span"] == [s, e] and moved["quote"] == "高新技术企业达到1800家" and moved["value"] == 1800
    new = next(t for t in doc["targets"] if t["review"]["status"] == "incomplete")
    assert new["quote"] == "新增科技型企业300家"
    assert any("added without field values" in w for w in ReviewStore(astral_out).warnings(loaded))
    audit = ReviewStore(astral_out).audit_entries("astral")
    assert {a["reviewer"] for a in audit} == {"dave (import label-studio)"} and len(audit) == 4


def test_doccano_redrawn_label_keeps_its_record_fields(astral_out, tmp_path):
    out = export_review_format(astral_out, "doccano", tmp_path / "d.jsonl")
    line = json.loads(out.read_text(encoding="utf-8"))
    s, e = span_of(ASTRAL_TEXT, "最高50万元")
    line["label"] = [lab for lab in line["label"] if lab[2] != "funding"]
    line["label"].append([cp_to_utf16(ASTRAL_TEXT, s + 2), cp_to_utf16(ASTRAL_TEXT, e), "funding"])
    out.write_text(json.dumps(line, ensure_ascii=False) + "\n", encoding="utf-8")
    assert import_review(out, astral_out, "erin") == {"astral": 1}
    funding = ReviewStore(astral_out).load("astral").doc["funding"][0]
    assert funding["quote"] == "50万元" and funding["amount_yuan"] == 500000 and funding["review"]["status"] == "edited"


def test_import_refuses_a_changed_text(astral_out, tmp_path):
    out = export_review_format(astral_out, "doccano", tmp_path / "d.jsonl")
    line = json.loads(out.read_text(encoding="utf-8"))
    line["text"] = line["text"].replace("\r\n", "\n")
    out.write_text(json.dumps(line, ensure_ascii=False) + "\n", encoding="utf-8")
    with pytest.raises(InterchangeError, match=r"differs from astral\.source\.txt"):
        import_review(out, astral_out, "erin")


def test_import_review_command(astral_out, tmp_path, capsys, monkeypatch):
    from pipeline.cli import main

    monkeypatch.setattr("getpass.getuser", lambda: (_ for _ in ()).throw(KeyError("uid 1234")))
    out = export_review_format(astral_out, "label-studio", tmp_path / "ls.json")
    # The real parser, with a user the password database does not know (containers): no crash.
    assert main(["export", str(astral_out), "--to", "label-studio", "-o", str(out)]) == 0
    assert main(["import-review", str(out), "--outdir", str(astral_out)]) == 0
    assert "astral: no changes" in capsys.readouterr().out


def test_export_default_file_sits_beside_the_table_exports(astral_out):
    assert export_review_format(astral_out, "doccano", None) == astral_out / "export.doccano.jsonl"
    assert ReviewStore(astral_out).doc_ids() == ["astral"]  # the export is not mistaken for a document


@pytest.mark.issue(19)
def test_issue_19_a_full_label_studio_export_with_unannotated_tasks_imports(astral_out, tmp_path):
    """Label Studio 1.23's full export lists an unannotated task's predictions by id: `"predictions": [1]`."""
    out = export_review_format(astral_out, "label-studio", tmp_path / "ls.json")
    tasks = json.loads(out.read_text(encoding="utf-8"))
    before = snapshot(astral_out)
    tasks[0]["predictions"] = [1]
    tasks[0]["annotations"] = []
    out.write_text(json.dumps(tasks, ensure_ascii=False), encoding="utf-8")
    assert import_review(out, astral_out, "frank") == {"astral": 0}
    assert snapshot(astral_out) == before


@pytest.mark.issue(20)
def test_issue_20_import_applies_a_file_whole_or_not_at_all(astral_out, outdir, tmp_path):
    """Two tasks: the first is a good correction, the second names a label that is no record type."""
    import shutil

    for name in ("astral.json", "astral.source.txt"):
        shutil.copy(astral_out / name, outdir / name)
    out = export_review_format(outdir, "label-studio", tmp_path / "ls.json")
    tasks = json.loads(out.read_text(encoding="utf-8"))
    by_id = {t["data"]["doc_id"]: t for t in tasks}
    good, bad = by_id["astral"], next(t for d, t in by_id.items() if d != "astral")
    good["annotations"] = [{"result": [r for r in good["predictions"][0]["result"] if not r["id"].startswith("funding")]}]
    broken = [dict(r) for r in bad["predictions"][0]["result"]]
    labels = next(r for r in broken if r["type"] == "labels")
    labels["value"] = {**labels["value"], "labels": ["budget"]}
    bad["annotations"] = [{"result": broken}]
    out.write_text(json.dumps([good, bad], ensure_ascii=False), encoding="utf-8")
    before = {d: snapshot(outdir, d) for d in by_id if d in ("astral", bad["data"]["doc_id"])}
    with pytest.raises(InterchangeError, match="budget"):
        import_review(out, outdir, "gina")
    assert {d: snapshot(outdir, d) for d in before} == before


def _malicious_files(tasks: list[dict]) -> dict[str, str]:
    """Import files a hostile or careless sender could hand over, built from a real export."""
    def with_result(result) -> str:
        bad = json.loads(json.dumps(tasks))
        bad[0]["annotations"] = [{"result": result, "was_cancelled": False}]
        return json.dumps(bad, ensure_ascii=False)

    return {
        "not-json": "[{not json",
        "deep-nesting": "[" * 100_000 + "]" * 100_000,
        "list-of-numbers": "[1, 2, 3]",
        "data-a-list": json.dumps([{"data": [1, 2]}]),
        "doc-id-a-list": json.dumps([{"data": {"doc_id": ["astral"], "text": "x"}}]),
        "result-a-string": with_result("abc"),
        "region-value-a-list": with_result([{"id": "r1", "type": "labels", "from_name": "type", "to_name": "text",
                                             "value": [1, 2]}]),
        "region-offsets-strings": with_result([{"id": "r1", "type": "labels", "from_name": "type", "to_name": "text",
                                                "value": {"start": "a", "end": "b", "labels": ["targets"]}}]),
        "binary": "\udcff",
    }


def test_issue_20_malicious_import_files_are_refused_with_a_reason(astral_out, tmp_path, capsys):
    from pipeline.cli import main

    out = export_review_format(astral_out, "label-studio", tmp_path / "ls.json")
    tasks = json.loads(out.read_text(encoding="utf-8"))
    before = snapshot(astral_out)
    for name, content in _malicious_files(tasks).items():
        path = tmp_path / f"{name}.json"
        path.write_bytes(content.encode("utf-8", "surrogateescape"))
        status = main(["import-review", str(path), "--outdir", str(astral_out), "--reviewer", "mallory"])
        err = capsys.readouterr().err
        assert status in (1, 2) and "policyx: error:" in err, name
        assert snapshot(astral_out) == before, name
