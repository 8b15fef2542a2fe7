"""`policyx export`: one table per record type in csv, xlsx, parquet and jsonl."""

from __future__ import annotations

import json

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
    assert book.sheetnames == TYPES
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
    assert len(lines) == sum(record_count(outdir, t) for t in TYPES)
    assert {x["type"] for x in lines} == {t for t in TYPES if record_count(outdir, t)}


def test_export_of_a_folder_without_results_is_a_clear_error(tmp_path, capsys):
    assert main(["export", str(tmp_path), "--to", "csv"]) == 1
    assert "no extraction results" in capsys.readouterr().err
