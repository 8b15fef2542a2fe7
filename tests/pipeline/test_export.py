"""`policyx export`: one table per record type in csv, xlsx, parquet and jsonl."""

from __future__ import annotations

import json
import shutil
import subprocess

import pandas as pd
import pytest

from pipeline.cli import main
from tests.conftest import QINGDAO, SEEDS

TYPES = ["indicators", "funding", "responsibilities", "targets"]


@pytest.fixture(scope="module")
def outdir(tmp_path_factory):
    out = tmp_path_factory.mktemp("out")
    assert main(["extract", *map(str, SEEDS), "-o", str(out), "-q"]) == 0
    return out


def record_count(outdir, rtype):
    return sum(len(json.loads(p.read_text(encoding="utf-8"))[rtype]) for p in outdir.glob("*_*.json"))


def test_csv_folder_with_one_file_per_type(outdir, tmp_path):
    target = tmp_path / "csv"
    assert main(["export", str(outdir), "--to", "csv", "-o", str(target)]) == 0
    for rtype in TYPES:
        frame = pd.read_csv(target / f"{rtype}.csv", encoding="utf-8-sig")
        assert len(frame) == record_count(outdir, rtype)
        assert list(frame.columns[:6]) == ["doc_id", "title", "section_path", "quote", "span_start", "span_end"]
    resp = pd.read_csv(target / "responsibilities.csv", encoding="utf-8-sig")
    row = resp[(resp.doc_id == QINGDAO.stem)].iloc[0]
    assert row.units == "市科技局、市工业和信息化局、市农业农村局"
    assert row.section_path == "加快引领产业创新，培育发展新质生产力新动能 > 引领优势产业提档升级"
    assert row.title == "青岛市深入推进科技创新加快建设科技强市行动计划（2024—2028年）"


def test_xlsx_has_a_sheet_per_type_and_readable_widths(outdir, tmp_path):
    from openpyxl import load_workbook

    target = tmp_path / "all.xlsx"
    assert main(["export", str(outdir), "--to", "xlsx", "-o", str(target)]) == 0
    book = load_workbook(target)
    assert book.sheetnames == ["documents", *TYPES]
    assert all(book[name].auto_filter.ref and book[name].freeze_panes == "A2" for name in book.sheetnames)
    sheet = book["indicators"]
    assert sheet.max_row == record_count(outdir, "indicators") + 1
    header = [c.value for c in sheet[1]]
    assert "baseline_year" in header and "baseline_value" in header
    assert 10 <= sheet.column_dimensions["D"].width <= 62  # the quote column


def test_parquet_and_jsonl(outdir, tmp_path):
    pytest.importorskip("pyarrow")
    assert main(["export", str(outdir), "--to", "parquet", "-o", str(tmp_path / "pq")]) == 0
    frame = pd.read_parquet(tmp_path / "pq" / "targets.parquet")
    assert len(frame) == record_count(outdir, "targets")
    assert main(["export", str(outdir), "--to", "jsonl", "-o", str(tmp_path / "all.jsonl")]) == 0
    lines = [json.loads(x) for x in (tmp_path / "all.jsonl").read_text(encoding="utf-8").splitlines()]
    assert len(lines) == len(SEEDS) + sum(record_count(outdir, t) for t in TYPES)
    assert {x["type"] for x in lines} == {"document"} | {t for t in TYPES if record_count(outdir, t)}


def test_export_of_a_folder_without_results_is_a_clear_error(tmp_path, capsys):
    assert main(["export", str(tmp_path), "--to", "csv"]) == 1
    assert "no extraction results" in capsys.readouterr().err


def strict_json(line: str):
    """A parser as strict as JSON.parse in other languages: NaN and Infinity are not JSON."""
    def refuse(name):
        raise ValueError(f"{name} is not JSON")
    return json.loads(line, parse_constant=refuse)


@pytest.mark.issue(19)
def test_issue_19_jsonl_is_strict_json_with_integers_kept(outdir, tmp_path):
    target = tmp_path / "all.jsonl"
    assert main(["export", str(outdir), "--to", "jsonl", "-o", str(target)]) == 0
    lines = [strict_json(x) for x in target.read_text(encoding="utf-8").splitlines()]
    years = [x["year"] for x in lines if x["type"] == "targets" and x["year"] is not None]
    assert years and all(type(y) is int for y in years)
    rows = [x for x in lines if x["type"] == "indicators"]
    assert rows and all(type(x["row"]) is int for x in rows)
    assert all(x["baseline_year"] is None or type(x["baseline_year"]) is int for x in rows)
    docs = [x for x in lines if x["type"] == "document"]
    qingdao = next(d for d in docs if d["doc_id"] == QINGDAO.stem)
    assert qingdao["doc_number"] == "青政字〔2024〕20号" and (qingdao["period_start"], qingdao["period_end"]) == (2024, 2028)
    node = shutil.which("node")
    if node:  # the client the issue names: Node's JSON.parse over every line
        script = "require('fs').readFileSync(process.argv[1],'utf8').trim().split('\\n').forEach(l=>JSON.parse(l))"
        subprocess.run([node, "-e", script, str(target)], check=True)


@pytest.mark.issue(19)
def test_issue_19_parquet_of_two_folders_reads_as_one_dataset(tmp_path):
    ds = pytest.importorskip("pyarrow.dataset")
    # one folder whose plan has indicator rows and funding, one whose plan has neither
    a, b = tmp_path / "a", tmp_path / "b"
    assert main(["extract", str(QINGDAO), "-o", str(a), "-q"]) == 0
    (tmp_path / "note.txt").write_text("关于做好2024年科技工作的通知\n到2025年，全市高新技术企业达到1800家以上。\n",
                                       encoding="utf-8")
    assert main(["extract", str(tmp_path / "note.txt"), "-o", str(b), "-q"]) == 0
    for folder in (a, b):
        assert main(["export", str(folder), "--to", "parquet"]) == 0
    for name in ("documents", *TYPES):
        dataset = ds.dataset([str(f / "export" / f"{name}.parquet") for f in (a, b)], format="parquet")
        table = dataset.to_table()
        assert table.num_rows == sum(len(pd.read_parquet(f / "export" / f"{name}.parquet")) for f in (a, b))
    schema = ds.dataset(str(a / "export" / "targets.parquet")).schema
    assert str(schema.field("year").type) == "int64" and str(schema.field("value").type) == "double"


def test_an_output_folders_own_files_are_never_read_as_documents(outdir, tmp_path):
    folder = tmp_path / "out"
    shutil.copytree(outdir, folder)
    assert main(["export", str(folder), "--to", "label-studio"]) == 0
    assert (folder / "export.label-studio.json").exists()
    for fmt in ("csv", "jsonl", "xlsx"):
        assert main(["export", str(folder), "--to", fmt]) == 0
    docs = pd.read_csv(folder / "export" / "documents.csv", encoding="utf-8-sig")
    assert sorted(docs.doc_id) == sorted(p.stem for p in SEEDS)


def test_reviewed_export_applies_the_reviewers_corrections(outdir, tmp_path):
    from fastapi.testclient import TestClient

    from pipeline.review.app import create_app

    folder = tmp_path / "out"
    shutil.copytree(outdir, folder)
    c = TestClient(create_app(folder, reviewer="tester"), base_url="http://127.0.0.1")
    doc = c.get(f"/api/docs/{QINGDAO.stem}").json()["doc"]
    rejected, edited = doc["targets"][0], doc["targets"][1]
    ops = [{"op": "reject", "type": "targets", "id": rejected["review"]["id"]},
           {"op": "edit", "type": "targets", "id": edited["review"]["id"], "fields": {"indicator": "人工修改的指标"}}]
    r = c.post(f"/api/docs/{QINGDAO.stem}/changes", json={"base_version": 0, "ops": ops})
    assert r.status_code == 200, r.text
    assert main(["export", str(folder), "--to", "csv", "--reviewed", "-o", str(tmp_path / "rev")]) == 0
    assert main(["export", str(folder), "--to", "csv", "-o", str(tmp_path / "raw")]) == 0
    rev = pd.read_csv(tmp_path / "rev" / "targets.csv", encoding="utf-8-sig")
    raw = pd.read_csv(tmp_path / "raw" / "targets.csv", encoding="utf-8-sig")
    assert len(rev) == len(raw) - 1
    assert "人工修改的指标" in set(rev.indicator) and "人工修改的指标" not in set(raw.indicator)
    docs = pd.read_csv(tmp_path / "rev" / "documents.csv", encoding="utf-8-sig")
    assert docs.set_index("doc_id").loc[QINGDAO.stem, "reviewed"]
