"""policyx audit: every trigger covered by a record, dismissed with a named reason, or a possible miss.

The sentences are quoted from real documents: the 2024 work reports in ../shared/realcorpus/workreports
(黔西南, 达州, 鄂州 …), the seed plans, and a real 实施方案 bracket form.
"""

from __future__ import annotations

import json

import pytest
from fastapi.testclient import TestClient

from pipeline.audit import audit
from pipeline.cli import main


def write_doc(outdir, doc_id, text, records=None, sections=(), tables=()):
    """An output document as policyx extract writes it: <doc_id>.json beside <doc_id>.source.txt."""
    outdir.mkdir(parents=True, exist_ok=True)
    doc = {"schema_version": "1.0", "doc_id": doc_id,
           "source": {"file": f"{doc_id}.txt", "format": "txt", "sha256": "0" * 64, "chars": len(text)},
           "meta": {"title": None, "doc_number": None, "issuer": None, "issue_date": None, "period": None},
           "indicators": [], "funding": [], "responsibilities": [], "targets": [],
           "sections": list(sections), "tables": list(tables), "boxes": [], "warnings": []}
    for rtype, quote, fields in records or []:
        s = text.index(quote)
        doc[rtype].append({"span": [s, s + len(quote)], "quote": quote, **fields})
    (outdir / f"{doc_id}.json").write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    (outdir / f"{doc_id}.source.txt").write_text(text, encoding="utf-8")
    return doc


def items(outdir, doc_id="d"):
    return audit(outdir).to_dict()["documents"][doc_id]["items"]


def status_of(outdir, quote, doc_id="d"):
    report = audit(outdir)
    found = [t for t in report.documents[doc_id] if t.quote == quote]
    assert found, f"no trigger {quote!r}"
    return found[0].status, found[0].reason


GOAL = "经济增长预期目标为5%左右。"  # 黔西南 2024 work report


def test_an_uncovered_goal_is_a_possible_miss_and_a_record_covers_it(tmp_path):
    write_doc(tmp_path / "a", "d", GOAL)
    assert status_of(tmp_path / "a", "5%") == ("uncovered", None)
    write_doc(tmp_path / "b", "d", GOAL, [("targets", "经济增长预期目标为5%左右", {"value": 5})])
    assert status_of(tmp_path / "b", "5%") == ("covered", None)


@pytest.mark.parametrize(("text", "quote", "reason"), [
    # 鄂州: results of the past year are not targets (spec §3.3 future only)
    ("全年地区生产总值比上年增长6.3%，高于全省平均水平。", "6.3%", "achievement (past marker in the clause)"),
    # 聊城 seed: an eligibility threshold is not funding (spec §3.1)
    ("列入国家、省引智项目且获得10万元（含）以上资助的，给予奖励。", "10万元", "eligibility threshold"),
    # 聊城 seed: cost sharing between governments is not funding
    ("给予最高100万元的一次性奖励；市县两级财政各负担50%。", "50%", "cost sharing between governments (spec §3.1)"),
    # 淄博 seed: the size of a fund with no beneficiary is not funding
    ("设立10亿元规模的创新创业股权投资基金，首期规模2亿元，建立市场化运作机制。", "2亿元", "size of a fund or budget pool (spec §3.1)"),
    # a cited document's number
    ("根据《关于印发…的通知》（鲁政字〔2019〕142号）要求，安排资金5000万元。", "鲁政字〔2019〕142号", None),
], ids=["achievement", "threshold", "cost-sharing", "fund-size", "no-trigger-in-a-doc-number"])
def test_rightly_unextracted_numbers_are_dismissed_with_a_named_reason(tmp_path, text, quote, reason):
    write_doc(tmp_path, "d", text)
    if reason is None:
        assert all(quote not in t["quote"] for t in items(tmp_path))
    else:
        assert status_of(tmp_path, quote) == ("dismissed", reason)


def test_a_review_section_dismisses_its_numbers_and_a_plan_section_does_not(tmp_path):
    # a work report's two halves (鄂州, 达州 …): the past year's results, then the coming year's goals
    text = "一、2023年工作回顾\n高新技术企业达到120家。\n二、2024年工作安排\n高新技术企业达到150家。\n"
    second = text.index("二、")
    sections = [{"level": 3, "number": "一、", "title": "2023年工作回顾", "span": [0, 11], "end": second, "parent": None},
                {"level": 3, "number": "二、", "title": "2024年工作安排", "span": [second, second + 11], "end": len(text),
                 "parent": None}]
    write_doc(tmp_path, "d", text, sections=sections)
    found = {t.quote: (t.status, t.reason, t.section) for t in audit(tmp_path).documents["d"]}
    assert found == {"达到120": ("dismissed", "achievement (review section)", "2023年工作回顾"),
                     "达到150": ("uncovered", None, "2024年工作安排")}


@pytest.mark.parametrize(("text", "units", "status"), [
    # the drifted label of the architecture issue: a role head the extractor's label list lacked
    ("加强审计监督。（负责单位：市财政局）", "市财政局", "uncovered"),
    # a tag after a deadline phrase, the shape of real 实施方案 brackets
    ("推进数据共享。（2024年6月底前完成，牵头落实单位：市大数据局、市发展改革委）", "市大数据局、市发展改革委", "uncovered"),
])
def test_role_labels_in_forms_no_list_knows_are_triggers(tmp_path, text, units, status):
    write_doc(tmp_path / "a", "d", text)
    labels = [t for t in audit(tmp_path / "a").documents["d"] if t.kind == "label"]
    assert [t.status for t in labels] == [status]
    write_doc(tmp_path / "b", "d", text, [("responsibilities", units, {"role": "lead", "units": units.split("、")})])
    assert [t.status for t in audit(tmp_path / "b").documents["d"] if t.kind == "label"] == ["covered"]


def test_inline_roles_in_brackets_are_triggers_and_running_prose_is_dismissed(tmp_path):
    text = "建设创新平台（市科技局牵头，市财政局配合）。由市科技局负责解释。"
    write_doc(tmp_path, "d", text, [("responsibilities", "市科技局", {"role": "lead", "units": ["市科技局"]})])
    roles = [(t.quote, t.status, t.reason) for t in audit(tmp_path).documents["d"] if t.kind == "role_word"]
    assert roles == [("牵头", "covered", None), ("配合", "uncovered", None),
                     ("负责", "dismissed", "running prose, not a label (spec §3.2)")]


def test_a_rate_bounded_by_a_cap_is_covered_by_the_cap_record(tmp_path):
    # 青岛 seed: a rate and the cap that bounds it are one record spanned on the cap (spec §3.1)
    text = "按实际支付最高50%、年最高20万元标准予以兑付。"
    write_doc(tmp_path, "d", text, [("funding", "年最高20万元", {"kind": "cap", "amount_yuan": 200000, "ratio": 0.5})])
    assert {t.quote: t.status for t in audit(tmp_path).documents["d"]} == {"50%": "covered", "20万元": "covered"}


def test_a_table_with_indicator_attributes_and_no_indicator_record_is_a_possible_miss(tmp_path):
    text = "表1 主要指标\n指标\t2020年\t2025年\t属性\n研发投入强度（%）\t2.1\t2.5\t预期性\n"
    s = text.index("指标\t")
    rows = [[{"text": c, "span": [0, 0]} for c in line.split("\t")] for line in text[s:].strip().split("\n")]
    table = {"caption": "表1 主要指标", "kind": "table", "layout": "tab_rows", "span": [s, len(text) - 1], "rows": rows}
    write_doc(tmp_path / "a", "d", text, tables=[table])
    assert [(t.kind, t.status) for t in audit(tmp_path / "a").documents["d"] if t.rtype == "indicators"] == [("table", "uncovered")]
    row = "研发投入强度（%）\t2.1\t2.5\t预期性"
    write_doc(tmp_path / "b", "d", text, [("indicators", row, {"name": "研发投入强度"})], tables=[table])
    assert [t.status for t in audit(tmp_path / "b").documents["d"] if t.rtype == "indicators"] == ["covered"]


def test_a_quantifier_is_not_a_count(tmp_path):
    write_doc(tmp_path, "d", "着力突破一批农业关键核心技术。")  # 青州 seed
    assert [t.kind for t in audit(tmp_path).documents["d"]] == []


def test_cli_prints_figures_writes_json_and_reads_only_documents(tmp_path, capsys):
    out = tmp_path / "out"
    write_doc(out, "d", GOAL)
    (out / "manifest.json").write_text("{}", encoding="utf-8")
    (out / "export.label-studio.json").write_text("[1, 2]", encoding="utf-8")
    assert main(["audit", str(out), "--json", str(tmp_path / "audit.json"), "--misses", "5"]) == 0
    printed = capsys.readouterr().out
    assert "uncovered_rate 1.000" in printed and "经济增长预期目标为【5%】左右" in printed
    data = json.loads((tmp_path / "audit.json").read_text(encoding="utf-8"))
    assert list(data["documents"]) == ["d"]
    assert data["corpus"]["uncovered_rate"] == 1.0 and data["corpus"]["by_type"]["targets"]["uncovered"] == 1


def test_cli_on_a_folder_without_documents_says_so(tmp_path, capsys):
    assert main(["audit", str(tmp_path)]) == 1
    assert "no documents" in capsys.readouterr().err
    assert main(["audit", str(tmp_path / "nosuch")]) == 1
    assert "not found" in capsys.readouterr().err


def test_the_review_app_lists_possible_misses_and_an_added_record_removes_one(tmp_path):
    from pipeline.review.app import create_app

    write_doc(tmp_path, "d", GOAL)
    c = TestClient(create_app(tmp_path, reviewer="tester"), base_url="http://127.0.0.1")
    misses = c.get("/api/docs/d").json()["possible_misses"]
    assert [(m["quote"], m["rtype"]) for m in misses] == [("5%", "targets")]
    span = [0, GOAL.index("左右") + 2]
    record = {"span": span, "indicator": "经济增长", "value": 5, "unit": "%", "comparator": "approx", "year": 2024,
              "annual": False, "aspirational": False, "change": None}
    r = c.post("/api/docs/d/changes", json={"base_version": 0, "ops": [{"op": "add", "type": "targets", "record": record}]})
    assert r.status_code == 200, r.text
    assert r.json()["possible_misses"] == []


@pytest.mark.parametrize("text", [
    "到2025年，力争实现高新技术企业数量达到1800家。",  # 实现 in a goal (seed plans, work reports)
    "今年，完成固定资产投资增长8%以上。",
])
def test_words_goals_share_with_results_do_not_dismiss_a_miss(tmp_path, text):
    write_doc(tmp_path, "d", text)
    assert [t.status for t in audit(tmp_path).documents["d"] if t.kind in ("goal_level", "rate")] == ["uncovered"]


def test_an_indicator_catalogue_without_values_is_dismissed_and_a_values_line_is_not(tmp_path):
    # ../shared/realcorpus/planning/13 (城市体检 catalogue) and a plan's table read as plain lines
    text = ("17  人均城镇建设用地面积（平方米）  约束性  市域、中心城区\n"
            "3  研发经费投入强度（%）  2.1  2.5  预期性\n")
    write_doc(tmp_path, "d", text)
    found = [(t.status, t.reason) for t in audit(tmp_path).documents["d"] if t.kind == "table"]
    assert found == [("dismissed", "catalogue of indicators without values (spec §3.4)"), ("uncovered", None)]


def test_attribute_words_in_running_prose_are_no_table(tmp_path):
    write_doc(tmp_path, "d", "居民消费价格涨幅3%左右。约束性指标完成省下达的目标任务。")  # 巴中 2024 work report
    found = [(t.status, t.reason) for t in audit(tmp_path).documents["d"] if t.kind == "table"]
    assert found == [("dismissed", "a mention in running prose, not a table")]


def test_a_unit_column_cell_without_a_record_is_a_possible_miss(tmp_path):
    # challenge/docs/B_baoji_qiye.txt's header (序号/重点任务/牵头单位/配合单位/完成时限) and a row in its style;
    # the unit columns are read by the grammar of extractors/words.py (UNIT_COLUMN), 完成时限 is none.
    text = "序号\t重点任务\t牵头单位\t配合单位\t完成时限\n1\t建设创新平台\t市科技局\t市财政局\t2024年底\n"
    rows, pos = [], 0
    for line in text.strip().split("\n"):
        row = []
        for c in line.split("\t"):
            row.append({"text": c, "span": [pos, pos + len(c)]})
            pos += len(c) + 1
        rows.append(row)
    table = {"caption": None, "kind": "table", "layout": "tab_rows", "span": [0, len(text) - 1], "rows": rows}
    write_doc(tmp_path, "d", text, [("responsibilities", "市科技局", {"role": "lead", "units": ["市科技局"]})],
              tables=[table])
    cells = [(t.quote, t.status) for t in audit(tmp_path).documents["d"] if t.kind == "unit_cell"]
    assert cells == [("市科技局", "covered"), ("市财政局", "uncovered")]
