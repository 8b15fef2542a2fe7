"""Issue #22: `policyx report OUTDIR` (a dashboard) and `policyx evaluate --html` (an evaluation page).

Markup-level checks here; tests/review/test_dashboard_browser.py renders both pages in Chromium.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from pipeline.cli import main
from pipeline.dashboard import indicator_key, render_dashboard, same_indicator
from pipeline.evaluate import evaluate
from pipeline.export import tables
from pipeline.models import RECORD_TYPES
from pipeline.svgcharts import fmt_yuan, nice_max, text_width, ticks
from tests.conftest import GOLD
from tests.review.test_report import EXTERNAL


def figure_html(html: str, fig_id: str) -> str:
    m = re.search(rf'<figure class="chart" id="{fig_id}">.*?</figure>', html, re.S)
    assert m, fig_id
    return m.group(0)


def table_rows(fragment: str) -> list[list[str]]:
    body = re.search(r"<tbody>(.*?)</tbody>", fragment, re.S).group(1)
    return [[re.sub(r"<[^>]+>", "", c) for c in re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)]
            for row in re.findall(r"<tr[^>]*>(.*?)</tr>", body, re.S)]


@pytest.fixture(scope="module")
def seed_dashboard(machine_out, tmp_path_factory) -> tuple[Path, str]:
    out = tmp_path_factory.mktemp("dash") / "dashboard.html"
    assert main(["report", str(machine_out), "-o", str(out)]) == 0
    return out, out.read_text(encoding="utf-8")


def test_dashboard_is_self_contained_and_links_each_document_page(seed_dashboard, machine_out):
    out, html = seed_dashboard
    assert not EXTERNAL.search(html) and "default-src 'none'" in html
    docs = tables(machine_out)["documents"]
    links = re.findall(r'<td class="title"[^>]*><a href="([^"]+)">', html)
    assert len(links) == len(docs) == 5
    for link in links:
        page = out.parent / link
        assert page.is_file() and "<mark" in page.read_text(encoding="utf-8")


def test_documents_table_holds_the_export_tables_counts(seed_dashboard, machine_out):
    _, html = seed_dashboard
    table = re.search(r'<table id="documents">.*?</table>', html, re.S).group(0)
    rows = table_rows(table)
    docs = tables(machine_out)["documents"].set_index("doc_id")
    zibo = next(r for r in rows if "淄博市“十四五”科技创新规划" in r[0])
    doc_id = zibo[0].split("规划")[-1]
    assert zibo[1:4] == ["淄博市人民政府", "淄政字〔2022〕38号", "2022-04-19"] and zibo[4] == "2021–2025"
    assert [int(v) for v in zibo[5:9]] == [int(docs.loc[doc_id, f"n_{t}"]) for t in RECORD_TYPES]


def test_every_chart_is_titled_has_hover_values_and_a_table(seed_dashboard):
    _, html = seed_dashboard
    figures = re.findall(r'<figure class="chart".*?</figure>', html, re.S)
    assert len(figures) >= 6
    for fig in figures:
        assert re.search(r'<svg [^>]*role="img"[^>]*aria-labelledby=', fig)
        assert re.search(r'<title id="[^"]+-t">[^<]+</title>', fig)
        marks = re.findall(r'class="mark"[^>]*><title>([^<]+)</title>', fig)
        assert marks and all(re.search(r"\d", m) for m in marks)  # every mark says its value on hover
        assert "<table>" in fig


def test_r_and_d_intensity_is_compared_across_plans(seed_dashboard):
    """The values labelled in gold/000, 003 and 004 (table row 2.85 for 2025; targets 3.2 for 2035
    and 2.2 for 2022) appear together under one indicator, whatever each plan calls it."""
    _, html = seed_dashboard
    fig = next(f for f in re.findall(r'<figure class="chart" id="indicator-\d+">.*?</figure>', html, re.S)
               if "<figcaption>研发经费投入强度（%）" in f)
    rows = {(r[1], r[2]) for r in table_rows(fig)}
    assert {("2025", "2.85"), ("2035", "3.2"), ("2022", "2.2")} <= rows
    assert len({r[0] for r in table_rows(fig)}) >= 3


@pytest.mark.parametrize("name", [
    "全社会R&D支出占GDP比重",                            # gold/000 indicator table
    "R&D 经费支出占 GDP 的比重",                          # gold/001 indicator table
    "全社会研发投入占 GDP 比重",                          # gold/001 target
    "全社会研发（R&D）经费支出占地区生产总值(GDP)的比重",   # gold/004 target
    "研究与试验发展经费投入强度",
])
def test_names_of_r_and_d_intensity(name):
    assert indicator_key(name) == "研发经费投入强度"


@pytest.mark.parametrize(("a", "b", "same"), [
    ("高新技术企业", "高新技术企业数", True),
    ("高新技术企业", "动态储备具有高新技术企业发展潜力的后备企业", False),  # only contains the name
    ("全社会研发经费投入年均增长率", "研发经费投入强度", False),             # a growth rate, not an intensity
    ("每万人高价值发明专利拥有量", "万人高价值发明专利拥有量", True),
    ("地区生产总值", "单位地区生产总值能耗", False),  # realcorpus work reports: energy per unit of GDP
])
def test_same_indicator(a, b, same):
    assert same_indicator(indicator_key(a), indicator_key(b)) is same


def test_chart_helpers():
    assert [nice_max(v) for v in (0, 7, 12, 76, 2.2)] == [1.0, 10, 20, 100, 2.5]
    assert ticks(20) == [0, 5, 10, 15, 20] and ticks(100) == [0, 20, 40, 60, 80, 100]
    assert fmt_yuan(5e5) == "50万元" and fmt_yuan(2e9) == "20亿元" and fmt_yuan(800) == "800元"
    assert text_width("市科技局") == 4 * text_width("a") / 0.6


def test_text_from_documents_is_escaped(astral_out):
    doc = json.loads((astral_out / "astral.json").read_text(encoding="utf-8"))
    doc["meta"]["title"] = "<script>alert(1)</script>"
    doc["funding"][0]["beneficiary"] = "<img src=x onerror=alert(2)>"
    (astral_out / "astral.json").write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    html = render_dashboard(astral_out)
    assert "<script>alert" not in html and "<img src=x" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_reviewed_dashboard_applies_corrections_and_charts_progress(astral_out, tmp_path):
    from pipeline.review.store import ReviewStore

    ReviewStore(astral_out).save("astral", 0, [{"op": "reject", "type": "funding", "id": "funding-0"},
                                               {"op": "accept", "type": "targets", "id": "targets-0"}], "x")
    out = tmp_path / "d.html"
    assert main(["report", str(astral_out), "-o", str(out), "--reviewed", "--no-doc-pages"]) == 0
    html = out.read_text(encoding="utf-8")
    assert not (tmp_path / "d.docs").exists()
    progress = dict((r[0], r[1]) for r in table_rows(figure_html(html, "chart-review")))
    assert progress == {"accepted": "1", "edited": "0", "added": "0", "rejected": "1", "remaining": "2"}
    row = table_rows(re.search(r'<table id="documents">.*?</table>', html, re.S).group(0))[0]
    assert row[5:10] == ["1", "0", "1", "1", "3"]  # the rejected cap is left out
    assert "No funding records." in html


@pytest.fixture(scope="module")
def flawed_pred(machine_out, tmp_path_factory) -> Path:
    """The seed output with one funding record dropped and one target value changed."""
    pred = tmp_path_factory.mktemp("pred")
    for p in machine_out.glob("*.json"):
        shutil.copy(p, pred)
    doc = json.loads((pred / "002_041f5e2fb803e25f.json").read_text(encoding="utf-8"))
    doc["funding"].pop(0)
    doc["targets"][0]["value"] = 123456
    (pred / "002_041f5e2fb803e25f.json").write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    return pred


def test_evaluation_page_shows_scores_and_every_error(flawed_pred, tmp_path):
    out = tmp_path / "eval.html"
    assert main(["evaluate", "--gold", str(GOLD), "--pred", str(flawed_pred), "--html", str(out)]) == 0
    html = out.read_text(encoding="utf-8")
    assert not EXTERNAL.search(html) and "default-src 'none'" in html
    report = evaluate(GOLD, flawed_pred)
    figures = report.to_dict()
    assert f"strict F1 {figures['micro']['strict']['f1']:.3f}" in html
    scores = {r[0]: r for r in table_rows(figure_html(html, "chart-scores"))}
    assert float(scores["funding"][8]) == round(figures["types"]["funding"]["strict"]["f1"], 3) < 1
    errors = re.findall(r'<tr data-type="([^"]+)" data-kind="([^"]+)" data-doc="([^"]+)">', html)
    assert len(errors) == len(report.errors)
    assert ("funding", "false_negative", "002_041f5e2fb803e25f") in errors
    assert ("targets", "field_mismatch", "002_041f5e2fb803e25f") in errors
    assert "123456" in html  # the wrong predicted value is shown beside the gold one
    docs = [r[0] for r in table_rows(figure_html(html, "chart-doc-scores"))]
    assert docs == sorted(p.stem for p in GOLD.glob("0*.json"))
