"""The evaluator (spec §4): hand-made cases with figures worked out by hand, then a cross-check of
pipeline.evaluate against tests/pipeline/spec_scorer.py (written from the spec alone) on the real
gold, on empty predictions and on deterministically perturbed copies of the gold.
"""

from __future__ import annotations

import copy
import json
import random
from collections import Counter
from pathlib import Path

import pytest

from pipeline.cli import main
from pipeline.errors import GoldError
from pipeline.evaluate import evaluate, evaluate_docs, gold_files
from tests.pipeline import spec_scorer

ROOT = Path(__file__).resolve().parents[2]
GOLD_DIR = ROOT / "gold"
CORPUS_DIR = ROOT / "corpus"
TYPES = spec_scorer.TYPES
KEY, NON_KEY = spec_scorer.KEY, spec_scorer.NON_KEY

META = {"title": "青岛市深入推进科技创新加快建设科技强市行动计划（2024—2028年）",
        "doc_number": "青政字〔2024〕20号", "issuer": "青岛市人民政府", "issue_date": "2024-07-31",
        "period": [2024, 2028]}
DEFAULTS = {
    "funding": {"kind": "cap", "amount_yuan": 5_000_000, "ratio": None, "per": None,
                "beneficiary": "行业共性技术攻关项目", "form": "支持"},
    "responsibilities": {"role": "responsible", "units": ["市科技局", "市财政局"],
                         "scope": "引领优势产业提档升级"},
    "targets": {"indicator": "科技型企业数量", "value": 22000, "unit": "家", "comparator": "gt",
                "year": 2028, "annual": False, "aspirational": True, "change": "翻一番"},
    "indicators": {"table": "表1 主要指标", "row": 1, "name": "R&D经费支出占GDP比重", "unit": "%",
                   "baseline": {"year": 2020, "value": 2.79}, "target": {"year": 2025, "value": 3},
                   "actual": None, "growth": {"value": 0.21, "cumulative": True}, "attribute": "预期性"},
}


def rec(rtype: str, start: int, end: int, quote: str | None = None, **fields) -> dict:
    """A record of ``rtype`` with the default fields, overridden by ``fields``."""
    body = copy.deepcopy(DEFAULTS[rtype]) | fields
    return {"span": [start, end], "quote": quote if quote is not None else f"{rtype}@{start}-{end}", **body}


def doc(doc_id: str = "d", meta: dict | None = None, **records: list[dict]) -> dict:
    out = {"schema_version": "1.0", "doc_id": doc_id, "meta": dict(META if meta is None else meta)}
    return out | {t: records.get(t, []) for t in TYPES}


def run(gold: dict, pred: dict | None) -> dict:
    """Score one document against one prediction; Report.to_dict()."""
    return evaluate_docs({"d": gold}, {"d": pred}).to_dict()


def prf(precision: float, recall: float, f1: float):
    return pytest.approx({"precision": precision, "recall": recall, "f1": f1})


def record_errors(report: dict) -> list[tuple]:
    """(kind, type, quote, span, field, gold, pred) of every non-meta error, sorted."""
    return sorted(((e["kind"], e["type"], e["quote"], tuple(e["span"]), e["field"], e["gold"], e["pred"])
                   for e in report["errors"] if e["type"] != "meta"), key=repr)


def one_pair(rtype: str, name: str, gold_value, pred_value) -> dict:
    """Gold and prediction with one record on the same span, differing at most in ``name``."""
    return run(doc(**{rtype: [rec(rtype, 0, 10, **{name: gold_value})]}),
               doc(**{rtype: [rec(rtype, 0, 10, **{name: pred_value})]}))


# --- whole-report cases ---------------------------------------------------------------------------

def test_perfect_match_scores_one_everywhere():
    gold = doc(funding=[rec("funding", 10, 17, "最高500万元"),
                        rec("funding", 30, 35, "200万元", kind="fixed", amount_yuan=2_000_000)],
               responsibilities=[rec("responsibilities", 50, 59)],
               targets=[rec("targets", 70, 88)],
               indicators=[rec("indicators", 100, 130)])
    report = run(gold, copy.deepcopy(gold))
    for rtype in TYPES:
        fig = report["types"][rtype]
        n = len(gold[rtype])
        assert (fig["gold"], fig["pred"], fig["detected"]) == (n, n, n)
        assert fig["detection"] == prf(1, 1, 1)
        assert fig["strict"] == prf(1, 1, 1)
        # every spec field of the type is scored, all equal
        assert fig["field_accuracy"] == dict.fromkeys(KEY[rtype] + NON_KEY[rtype], 1.0)
    # micro over the types: 2 + 1 + 1 + 1 = 5 gold, 5 pred, 5 pairs
    micro = report["micro"]
    assert (micro["gold"], micro["pred"], micro["detected"]) == (5, 5, 5)
    assert micro["detection"] == prf(1, 1, 1)
    assert micro["strict"] == prf(1, 1, 1)
    assert report["meta"] == dict.fromkeys(spec_scorer.META_FIELDS, 1.0)
    assert report["documents"]["d"]["funding"]["strict"] == prf(1, 1, 1)
    assert report["errors"] == []
    assert report["missing_predictions"] == []


def test_shifted_boundary_counts_for_detection_strict_depends_on_key_fields():
    gold = doc(funding=[rec("funding", 10, 17, "最高500万元"),
                        rec("funding", 30, 35, "200万元", kind="fixed", amount_yuan=2_000_000)])
    pred = doc(funding=[
        # boundary shifted, key fields right → strict pair
        rec("funding", 12, 17, "500万元"),
        # boundary shifted, key field kind wrong (cap for fixed), non-key form wrong
        rec("funding", 28, 35, "给予200万元", kind="cap", amount_yuan=2_000_000, form="奖励"),
    ])
    fig = run(gold, pred)["types"]["funding"]
    # 2 pairs of 2 gold / 2 pred → detection 1, 1, 1
    assert fig["detected"] == 2
    assert fig["detection"] == prf(1, 1, 1)
    # 1 strict pair: P = 1/2, R = 1/2, F1 = 2·½·½ / (½+½) = 0.5
    assert fig["strict"] == prf(0.5, 0.5, 0.5)
    # kind 1/2, form 1/2, the rest 2/2
    assert fig["field_accuracy"] == {"kind": 0.5, "amount_yuan": 1.0, "ratio": 1.0, "per": 1.0,
                                     "beneficiary": 1.0, "form": 0.5}


def test_non_key_mismatch_lowers_field_accuracy_only():
    gold = doc(targets=[rec("targets", 40, 58, "科技型企业数量翻一番、超过2.2万家")])
    pred = doc(targets=[rec("targets", 40, 58, "科技型企业数量翻一番、超过2.2万家", year=2025,
                            aspirational=False)])
    fig = run(gold, pred)["types"]["targets"]
    assert fig["strict"] == prf(1, 1, 1)
    assert fig["field_accuracy"] == {"indicator": 1.0, "value": 1.0, "unit": 1.0, "comparator": 1.0,
                                     "year": 0.0, "annual": 1.0, "aspirational": 0.0, "change": 1.0}


def test_one_gold_record_split_into_two_predictions_gives_one_pair_and_one_false_positive():
    quote = "市科技局、市发展改革委、市财政局"  # 16 characters at [100, 116)
    gold = doc(responsibilities=[rec("responsibilities", 100, 116, quote,
                                     units=["市科技局", "市发展改革委", "市财政局"])])
    pred = doc(responsibilities=[
        rec("responsibilities", 100, 111, "市科技局、市发展改革委", units=["市科技局", "市发展改革委"]),
        rec("responsibilities", 112, 116, "市财政局", units=["市财政局"]),
    ])
    report = run(gold, pred)
    fig = report["types"]["responsibilities"]
    # overlaps 11 and 4: the first part pairs; the second is a false positive
    # detection: P = 1/2, R = 1/1, F1 = 2·½·1 / (½+1) = 2/3
    assert (fig["gold"], fig["pred"], fig["detected"]) == (1, 2, 1)
    assert fig["detection"] == prf(0.5, 1.0, 2 / 3)
    # {市科技局, 市发展改革委} ≠ the three gold units: no strict pair
    assert fig["strict"] == prf(0, 0, 0)
    assert fig["field_accuracy"] == {"role": 1.0, "units": 0.0, "scope": 1.0}
    assert record_errors(report) == sorted([
        ("false_positive", "responsibilities", "市财政局", (112, 116), None, None, None),
        ("field_mismatch", "responsibilities", quote, (100, 116), "units",
         ["市科技局", "市发展改革委", "市财政局"], ["市科技局", "市发展改革委"]),
    ], key=repr)


def test_duplicate_predictions_pair_once_the_copy_is_a_false_positive():
    gold = doc(targets=[rec("targets", 40, 58, "科技型企业数量翻一番、超过2.2万家")])
    pred = doc(targets=[copy.deepcopy(gold["targets"][0]), copy.deepcopy(gold["targets"][0])])
    report = run(gold, pred)
    fig = report["types"]["targets"]
    # 1 pair, 1 gold, 2 pred: P = 1/2, R = 1, F1 = 2/3, for detection and strict alike
    assert (fig["gold"], fig["pred"], fig["detected"]) == (1, 2, 1)
    assert fig["detection"] == prf(0.5, 1, 2 / 3)
    assert fig["strict"] == prf(0.5, 1, 2 / 3)
    assert [(e["kind"], e["quote"]) for e in report["errors"]] == [
        ("false_positive", "科技型企业数量翻一番、超过2.2万家")]


@pytest.mark.parametrize(("values", "strict_f1"), [((1000, 22000), 0.0), ((22000, 1000), 2 / 3)],
                         ids=["wrong-copy-first", "right-copy-first"])
def test_duplicates_on_the_same_span_pair_the_earlier_prediction(values, strict_f1):
    gold = doc(targets=[rec("targets", 40, 58, value=22000)])
    pred = doc(targets=[rec("targets", 40, 58, value=v) for v in values])
    fig = run(gold, pred)["types"]["targets"]
    # equal overlap and distance: the earlier (first-listed) prediction is paired
    assert fig["detected"] == 1
    assert fig["strict"]["f1"] == pytest.approx(strict_f1)


def test_empty_gold_and_empty_prediction_count_as_perfect():
    fig = run(doc(), doc())["types"]["funding"]
    assert (fig["gold"], fig["pred"], fig["detected"]) == (0, 0, 0)
    # nothing to find and nothing claimed: 1, 1, 1 by convention; no pairs → no field accuracy
    assert fig["detection"] == prf(1, 1, 1)
    assert fig["strict"] == prf(1, 1, 1)
    assert set(fig["field_accuracy"].values()) == {None}


def test_empty_gold_with_predictions_scores_zero():
    pred = doc(funding=[rec("funding", 10, 17, "最高500万元"), rec("funding", 30, 35, "200万元")])
    report = run(doc(), pred)
    fig = report["types"]["funding"]
    # P = 0/2 = 0; R = 0/0 with something predicted → 0; F1 0
    assert fig["detection"] == prf(0, 0, 0)
    assert fig["strict"] == prf(0, 0, 0)
    assert [(e["kind"], e["quote"]) for e in report["errors"]] == [
        ("false_positive", "最高500万元"), ("false_positive", "200万元")]


def test_empty_prediction_has_recall_zero_and_lists_every_gold_record():
    gold = doc(targets=[rec("targets", 10, 20, "高新技术企业达到1800家"), rec("targets", 30, 40, "A"),
                        rec("targets", 50, 60, "B")])
    report = run(gold, doc())
    fig = report["types"]["targets"]
    # R = 0/3; P = 0/0 with gold to find → 0
    assert (fig["gold"], fig["pred"], fig["detected"]) == (3, 0, 0)
    assert fig["detection"] == prf(0, 0, 0)
    assert fig["strict"] == prf(0, 0, 0)
    assert set(fig["field_accuracy"].values()) == {None}
    assert sorted(e["quote"] for e in report["errors"] if e["kind"] == "false_negative") == [
        "A", "B", "高新技术企业达到1800家"]


# --- pairing ------------------------------------------------------------------------------------------

def test_tie_on_overlap_goes_to_the_closest_starts_and_ends():
    gold = doc(funding=[rec("funding", 10, 20, "G")])
    # both overlap G by 5; distances |10-5|+|20-15| = 10 and |10-15|+|20-22| = 7
    far, near = rec("funding", 5, 15, "far"), rec("funding", 15, 22, "near")
    report = run(gold, doc(funding=[far, near]))
    assert report["types"]["funding"]["detected"] == 1
    assert [(e["kind"], e["quote"]) for e in report["errors"]] == [("false_positive", "far")]


@pytest.mark.parametrize("listed", [("before", "after"), ("after", "before")],
                         ids=["document-order", "reversed-list"])
def test_tie_on_overlap_and_distance_goes_to_the_earlier_prediction(listed):
    gold = doc(funding=[rec("funding", 10, 20, "G")])
    # both overlap G by 5; distances 5+5 = 10 and 5+5 = 10: the earlier one in the document wins
    spans = {"before": (5, 15), "after": (15, 25)}
    pred = doc(funding=[rec("funding", *spans[q], q) for q in listed])
    report = run(gold, pred)
    assert [(e["kind"], e["quote"]) for e in report["errors"]] == [("false_positive", "after")]


def test_tie_on_overlap_and_distance_goes_to_the_earlier_gold():
    gold = doc(funding=[rec("funding", 0, 10, "G1"), rec("funding", 10, 20, "G2")])
    # P overlaps each by 5, distance 5+5 = 10 to each: G1 (earlier) is paired, G2 is missed
    report = run(gold, doc(funding=[rec("funding", 5, 15, "P")]))
    assert [(e["kind"], e["quote"]) for e in report["errors"]] == [("false_negative", "G2")]


def test_pairing_takes_the_largest_overlap_first():
    gold = doc(funding=[rec("funding", 0, 10, "G1"), rec("funding", 6, 30, "G2")])
    pred = doc(funding=[rec("funding", 5, 30, "P1"), rec("funding", 0, 4, "P2")])
    # overlaps: G1-P1 5, G2-P1 24, G1-P2 4, G2-P2 none. Greedy: G2-P1 (24), then G1-P2 (4) → 2 pairs.
    # (Pairing G1 first with its best, P1, would have left G2 and P2 single.)
    fig = run(gold, pred)["types"]["funding"]
    assert fig["detected"] == 2
    assert fig["detection"] == prf(1, 1, 1)


def test_touching_spans_do_not_pair():
    report = run(doc(funding=[rec("funding", 0, 10, "G")]), doc(funding=[rec("funding", 10, 20, "P")]))
    assert report["types"]["funding"]["detected"] == 0
    assert sorted(e["kind"] for e in report["errors"]) == ["false_negative", "false_positive"]


def test_pairing_is_per_type():
    """A funding prediction never pairs with a target on the same span."""
    gold = doc(targets=[rec("targets", 0, 10)])
    report = run(gold, doc(funding=[rec("funding", 0, 10)]))
    assert report["types"]["targets"]["detected"] == 0
    assert report["types"]["funding"]["detected"] == 0


# --- equality (spec §3, §4) ---------------------------------------------------------------------------

@pytest.mark.parametrize(("rtype", "name", "gold_value", "pred_value", "equal"), [
    ("funding", "beneficiary", "ＡＩ企业", "AI企业", True),
    ("funding", "beneficiary", "首次认定的 高新技术企业", "首次认定的高新技术企业", True),
    ("funding", "beneficiary", "首次认定的\u3000高新技术企业\n", "首次认定的高新技术企业", True),
    ("funding", "form", "贴息贴保", "贴息\t贴保", True),
    ("funding", "beneficiary", "高新技术企业", "高新技术企", False),
    ("targets", "change", "增长１０％", "增长10%", True),
    ("targets", "unit", "％", "%", True),
    ("targets", "unit", "件／万人", "件/万人", True),
    ("targets", "unit", "家", "个", False),
    ("responsibilities", "scope", "（一）引领优势产业", "(一)引领 优势产业", True),
    ("indicators", "name", "Ｒ＆Ｄ经费支出占ＧＤＰ比重", "R&D 经费支出占 GDP 比重", True),
], ids=["fullwidth-latin", "space", "ideographic-space-newline", "tab", "prefix-is-not-equal",
        "fullwidth-digits-percent", "fullwidth-percent-key", "fullwidth-slash-key", "other-unit",
        "fullwidth-brackets", "indicator-name-fullwidth"])
def test_strings_compare_after_nfkc_and_whitespace_removal(rtype, name, gold_value, pred_value, equal):
    fig = one_pair(rtype, name, gold_value, pred_value)["types"][rtype]
    assert fig["field_accuracy"][name] == (1.0 if equal else 0.0)
    assert fig["strict"]["f1"] == (1.0 if equal or name not in KEY[rtype] else 0.0)


@pytest.mark.parametrize(("rtype", "name", "gold_value", "pred_value", "equal"), [
    ("funding", "amount_yuan", 5_000_000, 5_000_000.0, True),
    # |Δ|/max = 0.075 / 150000000 = 5e-10 ≤ 1e-9
    ("funding", "amount_yuan", 150_000_000, 150_000_000.075, True),
    # |Δ|/max = 1 / 150000001 ≈ 6.7e-9 > 1e-9
    ("funding", "amount_yuan", 150_000_000, 150_000_001, False),
    # 0.1 + 0.2 = 0.30000000000000004: relative error 1.9e-16
    ("funding", "ratio", 0.3, 0.1 + 0.2, True),
    ("funding", "ratio", 0.015, 0.015 * (1 + 2e-9), False),
    ("funding", "ratio", None, 0.0, False),
    ("funding", "ratio", 0.0, 0, True),
    # 0.00001 / 22000 ≈ 4.5e-10
    ("targets", "value", 22000, 22000.00001, True),
    # 1e-7 / 3 ≈ 3.3e-8
    ("targets", "value", 3, 3.0000001, False),
    ("targets", "value", 80_000_000_000, 8e10, True),
], ids=["int-float", "within-1e-9", "one-yuan-off", "float-sum", "2e-9-off", "null-vs-zero",
        "zero-int-float", "target-within", "target-off", "exponent"])
def test_numbers_compare_with_relative_tolerance_1e9(rtype, name, gold_value, pred_value, equal):
    fig = one_pair(rtype, name, gold_value, pred_value)["types"][rtype]
    assert fig["field_accuracy"][name] == (1.0 if equal else 0.0)
    assert fig["strict"]["f1"] == (1.0 if equal else 0.0)


@pytest.mark.parametrize(("pred_units", "equal"), [
    (["市财政局", "市科技局"], True),
    (["市科技局 ", "市 财政局"], True),
    (["市科技局", "市财政局", "市科技局"], True),
    (["市科技局"], False),
    (["市科技局", "市财政局", "市发展改革委"], False),
    (["市科技局、市财政局"], False),
], ids=["reordered", "whitespace", "repeated", "missing-one", "one-extra", "unsplit"])
def test_responsibility_units_compare_as_sets(pred_units, equal):
    fig = one_pair("responsibilities", "units", ["市科技局", "市财政局"], pred_units)["types"]["responsibilities"]
    assert fig["field_accuracy"]["units"] == (1.0 if equal else 0.0)
    assert fig["strict"]["f1"] == (1.0 if equal else 0.0)


@pytest.mark.parametrize(("gold_value", "pred_value", "equal"), [
    ("科技型企业数量", "科技型企业数量", True),
    # containment either way
    ("科技型企业数量", "科技型企业", True),
    ("高新技术企业", "国家高新技术企业数量", True),
    ("R&D经费投入", "Ｒ＆Ｄ 经费投入强度", True),
    # bigrams 高新 新技 技术 术企 企业 业数 数量 / 高新 新技 技术 术企 企业 业总 总数:
    # 5 shared of 7 + 7 → Dice = 2·5/14 = 0.714 ≥ 0.6
    ("高新技术企业数量", "高新技术企业总数", True),
    # 技术 术合 合同 同成 成交 / 技术 术合 合同 同金 金额: Dice = 2·3/(5+5) = 0.6, the threshold itself
    ("技术合同成交", "技术合同金额", True),
    # 技术 术合 合同 同成 成交 交额 / 技术 术合 合同 同金 金额: Dice = 2·3/(6+5) = 0.545 < 0.6
    ("技术合同成交额", "技术合同金额", False),
    # 研发 发投 投入 入强 强度 / 研发 发经 经费 费投 投入: Dice = 2·2/(5+5) = 0.4 < 0.6
    ("研发投入强度", "研发经费投入", False),
], ids=["same", "pred-contained", "gold-contained", "contained-after-nfkc", "dice-0.714",
        "dice-0.6", "dice-0.545", "dice-0.4"])
def test_target_indicator_matches_leniently(gold_value, pred_value, equal):
    fig = one_pair("targets", "indicator", gold_value, pred_value)["types"]["targets"]
    assert fig["strict"]["f1"] == (1.0 if equal else 0.0)
    assert fig["field_accuracy"]["indicator"] == (1.0 if equal else 0.0)


@pytest.mark.parametrize(("rtype", "name"), [("indicators", "name"), ("funding", "beneficiary"),
                                             ("responsibilities", "scope")])
def test_containment_leniency_is_for_target_indicators_only(rtype, name):
    fig = one_pair(rtype, name, "R&D经费支出占GDP比重", "R&D经费支出")["types"][rtype]
    assert fig["field_accuracy"][name] == 0.0


@pytest.mark.parametrize(("name", "gold_value", "pred_value", "equal"), [
    ("baseline", {"year": 2020, "value": 2.79}, {"year": 2020, "value": 2.79, "note": "2020年数据"}, True),
    ("baseline", {"year": 2020, "value": 2.79}, {"year": 2021, "value": 2.79}, False),
    ("baseline", {"year": 2020, "value": 2.79}, {"year": 2020, "value": 2.7900000000001}, True),
    ("baseline", {"year": 2020, "value": 2.79}, {"year": 2020, "value": 2.8}, False),
    ("baseline", {"year": None, "value": 2.14}, {"year": None, "value": 2.14}, True),
    ("baseline", {"year": None, "value": 2.14}, {"year": 2020, "value": 2.14}, False),
    ("baseline", {"year": 2020, "value": None}, {"year": 2020, "value": 0}, False),
    ("target", {"year": 2025, "value": 3}, {"year": 2025, "value": 3.0}, True),
    ("actual", None, None, True),
    ("actual", None, {"year": 2020, "value": None}, False),
    ("actual", {"year": 2020, "value": 2.79}, None, False),
], ids=["extra-note-ignored", "year-differs", "value-within-tolerance", "value-differs", "null-year",
        "null-vs-year", "dash-vs-zero", "int-float", "both-null", "null-vs-object", "object-vs-null"])
def test_indicator_values_compare_on_year_and_value(name, gold_value, pred_value, equal):
    fig = one_pair("indicators", name, gold_value, pred_value)["types"]["indicators"]
    assert fig["field_accuracy"][name] == (1.0 if equal else 0.0)
    assert fig["strict"]["f1"] == (1.0 if equal else 0.0)


# --- meta, errors, per document ----------------------------------------------------------------------

def test_meta_accuracy_per_field():
    zibo = {"title": "淄博市“十四五”科技创新规划", "doc_number": None, "issuer": "淄博市人民政府",
            "issue_date": "2022-04-19", "period": [2021, 2025]}
    liaocheng = {"title": None, "doc_number": None, "issuer": None, "issue_date": None, "period": None}
    gold = {"d1": doc("d1"), "d2": doc("d2", zibo), "d3": doc("d3", liaocheng)}
    pred = {
        "d1": doc("d1", META | {"issuer": "青岛市科学技术局"}),                       # issuer wrong
        "d2": doc("d2", zibo | {"title": "淄博市 “十四五” 科技创新规划", "period": [2021, 2026]}),  # period wrong
        "d3": doc("d3", liaocheng | {"title": "关于印发聊城市科技创新若干措施的通知"}),       # title wrong
    }
    report = evaluate_docs(gold, pred).to_dict()
    # title: d1 ✓ d2 ✓ (spaces removed) d3 ✗ → 2/3; doc_number 3/3 (d2, d3 null = null);
    # issuer: d1 ✗ → 2/3; issue_date 3/3; period: d2 ✗ → 2/3
    assert report["meta"] == pytest.approx({"title": 2 / 3, "doc_number": 1.0, "issuer": 2 / 3,
                                            "issue_date": 1.0, "period": 2 / 3})
    assert sorted((e["doc_id"], e["field"]) for e in report["errors"] if e["type"] == "meta") == [
        ("d1", "issuer"), ("d2", "period"), ("d3", "title")]


def test_errors_list_every_false_positive_false_negative_and_field_mismatch_with_its_quote():
    gold = doc(funding=[rec("funding", 10, 17, "最高500万元"),
                        rec("funding", 30, 35, "200万元", kind="fixed", amount_yuan=2_000_000)],
               targets=[rec("targets", 80, 98, "科技型企业数量翻一番、超过2.2万家")],
               responsibilities=[rec("responsibilities", 120, 124, "市科技局")])
    pred = doc(funding=[rec("funding", 10, 17, "最高500万元", amount_yuan=4_000_000, form="奖励"),
                        rec("funding", 60, 63, "10%", kind="ratio", amount_yuan=None, ratio=0.1)],
               targets=[rec("targets", 80, 98, "科技型企业数量翻一番、超过2.2万家", year=2025)],
               responsibilities=[copy.deepcopy(gold["responsibilities"][0])])
    report = run(gold, pred)
    assert record_errors(report) == sorted([
        ("field_mismatch", "funding", "最高500万元", (10, 17), "amount_yuan", 5_000_000, 4_000_000),
        ("field_mismatch", "funding", "最高500万元", (10, 17), "form", "支持", "奖励"),
        ("false_negative", "funding", "200万元", (30, 35), None, None, None),
        ("false_positive", "funding", "10%", (60, 63), None, None, None),
        ("field_mismatch", "targets", "科技型企业数量翻一番、超过2.2万家", (80, 98), "year", 2028, 2025),
    ], key=repr)
    assert {e["doc_id"] for e in report["errors"]} == {"d"}
    # the counts agree with the figures: funding FP = pred − detected = 2 − 1, FN = gold − detected = 2 − 1
    fig = report["types"]["funding"]
    assert (fig["gold"], fig["pred"], fig["detected"]) == (2, 2, 1)
    assert fig["strict"] == prf(0, 0, 0)


def test_figures_per_document_and_micro_over_documents():
    gold = {"a": doc("a", funding=[rec("funding", 0, 5), rec("funding", 10, 15)]),
            "b": doc("b", funding=[rec("funding", 0, 5)], targets=[rec("targets", 20, 30)])}
    pred = {"a": copy.deepcopy(gold["a"]),
            "b": doc("b", funding=[rec("funding", 0, 5, kind="fixed"), rec("funding", 40, 45)])}
    report = evaluate_docs(gold, pred).to_dict()
    # a: 2/2 strict. b funding: 1 pair, kind wrong → detection P ½ R 1, strict 0.
    assert report["documents"]["a"]["funding"]["strict"] == prf(1, 1, 1)
    assert report["documents"]["b"]["funding"]["detection"] == prf(0.5, 1, 2 / 3)
    assert report["documents"]["b"]["funding"]["strict"] == prf(0, 0, 0)
    # funding over the corpus: gold 3, pred 4, detected 3, strict 2
    # detection P 3/4 R 3/3 F1 2·¾·1/(¾+1) = 6/7; strict P 2/4 R 2/3 F1 2·½·⅔/(½+⅔) = 4/7
    funding = report["types"]["funding"]
    assert (funding["gold"], funding["pred"], funding["detected"]) == (3, 4, 3)
    assert funding["detection"] == prf(3 / 4, 1, 6 / 7)
    assert funding["strict"] == prf(1 / 2, 2 / 3, 4 / 7)
    assert funding["field_accuracy"]["kind"] == pytest.approx(2 / 3)
    # micro over all types: gold 3 + 1 = 4, pred 4, detected 3, strict 2
    # detection P ¾ R ¾ F1 ¾; strict P ½ R ½ F1 ½
    micro = report["micro"]
    assert (micro["gold"], micro["pred"], micro["detected"]) == (4, 4, 3)
    assert micro["detection"] == prf(0.75, 0.75, 0.75)
    assert micro["strict"] == prf(0.5, 0.5, 0.5)


# --- files and the command line --------------------------------------------------------------------

def write_docs(folder: Path, docs: dict[str, dict]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for doc_id, data in docs.items():
        (folder / f"{doc_id}.json").write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return folder


def test_missing_prediction_file_counts_its_gold_as_false_negatives(tmp_path):
    gold = {"d1": doc("d1", funding=[rec("funding", 0, 5, "F1"), rec("funding", 10, 15, "F2")]),
            "d2": doc("d2", funding=[rec("funding", 0, 5, "F3")], targets=[rec("targets", 20, 30, "T1")])}
    gold_dir = write_docs(tmp_path / "gold", gold)
    pred_dir = write_docs(tmp_path / "pred", {"d1": gold["d1"]})
    # what `policyx extract` writes next to the JSON is not a prediction
    (pred_dir / "d1.source.txt").write_text("……", encoding="utf-8")
    (pred_dir / "errors.jsonl").write_text("", encoding="utf-8")
    report = evaluate(gold_dir, pred_dir).to_dict()
    assert report["missing_predictions"] == ["d2"]
    # funding: gold 3, pred 2, detected 2 → P 1, R ⅔, F1 2·1·⅔/(1+⅔) = 0.8; targets: R 0
    assert report["types"]["funding"]["detection"] == prf(1, 2 / 3, 0.8)
    assert report["types"]["targets"]["detection"] == prf(0, 0, 0)
    assert sorted((e["doc_id"], e["quote"]) for e in report["errors"]
                  if e["kind"] == "false_negative") == [("d2", "F3"), ("d2", "T1")]


def test_no_prediction_files_at_all_gives_recall_zero_on_the_real_gold(tmp_path):
    (tmp_path / "pred").mkdir()
    report = evaluate(GOLD_DIR, tmp_path / "pred").to_dict()
    assert report["missing_predictions"] == sorted(p.stem for p in gold_files(GOLD_DIR))
    for rtype in TYPES:
        assert report["types"][rtype]["detection"]["recall"] == 0.0
        assert report["types"][rtype]["detected"] == 0


MALFORMED = {
    "not-json": "{\"funding\": [",
    "top-level-list": "[]",
    "no-targets-list": json.dumps({"meta": {}, "indicators": [], "funding": [], "responsibilities": []}),
    "funding-not-a-list": json.dumps(doc() | {"funding": {"span": [0, 5]}}),
    "record-without-span": json.dumps(doc(funding=[{"quote": "最高500万元", "kind": "cap"}])),
    "span-of-three": json.dumps(doc(funding=[rec("funding", 0, 5) | {"span": [0, 5, 7]}])),
    "span-of-strings": json.dumps(doc(funding=[rec("funding", 0, 5) | {"span": ["0", "5"]}])),
    # spec §1: every record carries span and quote (this one pairs with nothing, so it is listed)
    "record-without-quote": json.dumps(doc(funding=[{"span": [50, 55], "kind": "cap", "amount_yuan": 1,
                                                     "ratio": None}])),
}


@pytest.fixture
def gold_and_pred(tmp_path) -> tuple[Path, Path]:
    gold = write_docs(tmp_path / "gold", {"d": doc("d", funding=[rec("funding", 0, 5, "最高5万元")])})
    return gold, tmp_path / "pred"


@pytest.mark.parametrize("text", MALFORMED.values(), ids=MALFORMED.keys())
def test_malformed_prediction_file_raises_gold_error_naming_it(gold_and_pred, text):
    gold_dir, pred_dir = gold_and_pred
    pred_dir.mkdir()
    (pred_dir / "d.json").write_text(text, encoding="utf-8")
    with pytest.raises(GoldError, match=r"d\.json"):
        evaluate(gold_dir, pred_dir)


@pytest.mark.parametrize("text", MALFORMED.values(), ids=MALFORMED.keys())
def test_cli_exits_1_with_one_error_line_on_a_malformed_prediction(gold_and_pred, text, capsys):
    gold_dir, pred_dir = gold_and_pred
    pred_dir.mkdir()
    (pred_dir / "d.json").write_text(text, encoding="utf-8")
    assert main(["evaluate", "--gold", str(gold_dir), "--pred", str(pred_dir)]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1
    assert err[0].startswith("policyx: error: ")
    assert str(pred_dir / "d.json") in err[0]


def test_malformed_gold_file_raises_gold_error(tmp_path):
    gold_dir = tmp_path / "gold"
    gold_dir.mkdir()
    (gold_dir / "d.json").write_text("[]", encoding="utf-8")
    with pytest.raises(GoldError, match=r"d\.json"):
        evaluate(gold_dir, tmp_path)


def test_cli_evaluate_prints_errors_and_writes_the_report_as_json(tmp_path, capsys):
    gold = {"d": doc("d", funding=[rec("funding", 10, 17, "最高500万元"), rec("funding", 30, 35, "200万元")])}
    pred = {"d": doc("d", funding=[rec("funding", 10, 17, "最高500万元"), rec("funding", 60, 63, "10%")])}
    gold_dir, pred_dir = write_docs(tmp_path / "gold", gold), write_docs(tmp_path / "pred", pred)
    out_json = tmp_path / "report.json"
    code = main(["evaluate", "--gold", str(gold_dir), "--pred", str(pred_dir), "--json", str(out_json),
                 "--errors"])
    assert code == 0
    printed = capsys.readouterr().out
    assert "200万元" in printed  # the false negative
    assert "10%" in printed  # the false positive
    written = json.loads(out_json.read_text(encoding="utf-8"))
    assert written == json.loads(json.dumps(evaluate(gold_dir, pred_dir).to_dict(), ensure_ascii=False))
    assert written["types"]["funding"]["detection"] == prf(0.5, 0.5, 0.5)


# --- cross-check against the spec scorer ---------------------------------------------------------

def load_gold() -> dict[str, dict]:
    return {p.stem: json.loads(p.read_text(encoding="utf-8")) for p in sorted(gold_files(GOLD_DIR))}


def source_text(gold: dict) -> str:
    return (CORPUS_DIR / gold["source"]["file"]).read_text(encoding="utf-8-sig")


def fullwidth(text: str) -> str:
    """ASCII → full-width forms; NFKC maps them back."""
    return "".join(chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else c for c in text)


def equivalent(value, rng: random.Random):
    """A value the spec calls equal to ``value``: width, whitespace, int/float, order of units."""
    if isinstance(value, bool) or value is None:
        return value
    if isinstance(value, str):
        cut = rng.randint(0, len(value))
        return fullwidth(value[:cut]) + rng.choice([" ", "\u3000", "\n", "\t", ""]) + value[cut:]
    if isinstance(value, int):
        return float(value)
    if isinstance(value, float):
        return value * (1 + rng.choice([1e-12, -1e-12, 0.0]))
    if isinstance(value, list):
        return [equivalent(v, rng) for v in reversed(value)]
    if isinstance(value, dict):
        return {k: equivalent(v, rng) for k, v in value.items()} | {"note": "附注"}
    raise AssertionError(value)


def different(rtype: str, name: str, value, rng: random.Random):
    """A value usually unequal to ``value`` (lenient fields may still match: both scorers decide)."""
    enums = {"kind": ["cap", "fixed", "ratio", "uncapped"], "per": [None, "project", "year", "month", "entity"],
             "role": ["responsible", "lead", "cooperating", "undertaking"],
             "comparator": ["ge", "gt", "approx", "le", "eq"]}
    if name in enums:
        return rng.choice([v for v in enums[name] if v != value])
    if isinstance(value, bool):
        return not value
    if name == "units":
        return value[:-1] if len(value) > 1 else [*value, "市财政局"]
    if name == "indicator":
        mid = len(value) // 2
        # a middle character replaced costs two bigrams: Dice near the 0.6 threshold
        return rng.choice(["完全无关的统计口径", value[: max(1, mid)], value[:-1] + "额", value + "率",
                           value[:mid] + "某" + value[mid + 1 :], value[: mid - 1] + "某某" + value[mid + 1 :]])
    if isinstance(value, dict) or (value is None and name in ("baseline", "target", "actual", "growth")):
        if value is None:
            return {"year": 2025, "value": 1.0} if name != "growth" else {"value": 1.0, "cumulative": False}
        field = rng.choice(sorted(value))
        old = value[field]
        new = (not old) if isinstance(old, bool) else (2020 if old is None else old + 1)
        return rng.choice([None, value | {field: new}])
    if isinstance(value, int | float):
        return rng.choice([None, value * 2 + 1, value + 1])
    if isinstance(value, str):
        return rng.choice([None, value + "等", "另一" + value[1:]])
    if value is None:
        return rng.choice(["其他", 1, 0.5]) if name not in ("year", "row") else 2025
    raise AssertionError((rtype, name, value))


def with_span(record: dict, start: int, end: int, text: str) -> dict:
    return record | {"span": [start, end], "quote": text[start:end]}


def perturb_record(rtype: str, record: dict, op: str, text: str, rng: random.Random) -> list[dict]:
    r = copy.deepcopy(record)
    s, e = r["span"]
    if op == "drop":
        return []
    if op == "shift":
        ns, ne = max(0, s + rng.randint(-4, 4)), e + rng.randint(-4, 4)
        return [with_span(r, ns, ne, text)] if ns < ne else [r]
    if op == "widen":
        return [with_span(r, max(0, s - rng.randint(1, 40)), e + rng.randint(1, 40), text)]
    if op == "duplicate":
        twin = copy.deepcopy(r)
        if rng.random() < 0.5:
            name = rng.choice(KEY[rtype])
            twin[name] = different(rtype, name, twin[name], rng)
        if rng.random() < 0.3:
            twin = with_span(twin, s + 1, e + 1, text)
        return rng.sample([r, twin], 2)
    if op in ("key", "non_key"):
        name = rng.choice(KEY[rtype] if op == "key" else NON_KEY[rtype])
        r[name] = different(rtype, name, r.get(name), rng)
        return [r]
    if op == "equivalent":
        for name in rng.sample(KEY[rtype] + NON_KEY[rtype], 2):
            r[name] = equivalent(r.get(name), rng)
        return [r]
    if op == "split" and e - s >= 2:
        m = rng.randint(s + 1, e - 1)
        left, right = with_span(r, s, m, text), with_span(copy.deepcopy(r), m, e, text)
        name = rng.choice(KEY[rtype])
        right[name] = different(rtype, name, right.get(name), rng)
        return [left, right]
    return [r]


OPS = ("keep", "drop", "shift", "widen", "duplicate", "key", "non_key", "equivalent", "split")


def perturb(gold: dict, seed: int) -> dict:
    """A deterministic, imperfect prediction for one gold document."""
    rng = random.Random(f"{gold['doc_id']}/{seed}")
    text = source_text(gold)
    meta = {}
    for name, value in gold["meta"].items():
        choice = rng.choice(["keep", "equivalent", "different", "absent"])
        if choice == "keep":
            meta[name] = value
        elif choice == "equivalent":
            meta[name] = equivalent(value, rng) if name != "period" else value
        elif choice == "different":
            meta[name] = ([2021, 2026] if name == "period" else "某市人民政府") if value is None else (
                [value[0], value[1] + 1] if name == "period" else value + "（征求意见稿）")
    pred = {"doc_id": gold["doc_id"], "meta": meta}
    for rtype in TYPES:
        records = []
        for r in gold[rtype]:
            records += perturb_record(rtype, r, rng.choice(OPS), text, rng)
        # strays: one far from any gold record, one straddling two neighbours when there are two
        base = rec(rtype, 0, 1) if not gold[rtype] else copy.deepcopy(rng.choice(gold[rtype]))
        records.append(with_span(base, len(text) - 3, len(text), text))
        if len(gold[rtype]) >= 2:
            i = rng.randrange(len(gold[rtype]) - 1)
            a, b = gold[rtype][i]["span"], gold[rtype][i + 1]["span"]
            records.append(with_span(copy.deepcopy(base), max(0, a[1] - 3), b[0] + 3, text))
        rng.shuffle(records)
        pred[rtype] = records
    return pred


def impl_error_keys(report: dict) -> Counter:
    return Counter((e["doc_id"], e["type"], e["kind"], tuple(e["span"]), e["field"])
                   for e in report["errors"] if e["type"] != "meta")


def assert_figures_agree(actual: dict, expected: dict, where: str) -> None:
    got = {k: actual[k] for k in ("gold", "pred", "detected")}
    assert got == {k: expected[k] for k in ("gold", "pred", "detected")}, where
    assert actual["detection"] == pytest.approx(expected["detection"]), f"{where} detection"
    assert actual["strict"] == pytest.approx(expected["strict_prf"]), f"{where} strict"
    if "field_accuracy" in expected:
        assert actual["field_accuracy"] == pytest.approx(expected["field_accuracy"]), f"{where} fields"


def assert_scorers_agree(gold_docs: dict[str, dict], pred_docs: dict[str, dict | None]) -> dict:
    report = evaluate_docs(gold_docs, pred_docs).to_dict()
    spec = spec_scorer.score(gold_docs, pred_docs)
    expected = spec.figures()
    for rtype in TYPES:
        assert_figures_agree(report["types"][rtype], expected["types"][rtype], rtype)
        for doc_id in gold_docs:
            assert_figures_agree(report["documents"][doc_id][rtype], expected["documents"][doc_id][rtype],
                                 f"{doc_id} {rtype}")
    assert_figures_agree(report["micro"], expected["micro"], "micro")
    assert report["meta"] == pytest.approx(expected["meta"])
    assert impl_error_keys(report) == spec.errors()
    return report


def test_scorers_agree_on_gold_against_itself():
    gold = load_gold()
    report = assert_scorers_agree(gold, copy.deepcopy(gold))
    for rtype in TYPES:
        assert report["types"][rtype]["strict"] == prf(1, 1, 1)
        assert set(report["types"][rtype]["field_accuracy"].values()) == {1.0}
    assert set(report["meta"].values()) == {1.0}
    assert report["errors"] == []
    # and through the files
    assert evaluate(GOLD_DIR, GOLD_DIR).to_dict() == report


@pytest.mark.parametrize("missing", [False, True], ids=["empty-files", "no-files"])
def test_scorers_agree_on_gold_against_empty_predictions(missing):
    gold = load_gold()
    empty = {d: None if missing else {"meta": dict.fromkeys(spec_scorer.META_FIELDS)} | {t: [] for t in TYPES}
             for d in gold}
    report = assert_scorers_agree(gold, empty)
    for rtype in TYPES:
        assert report["types"][rtype]["detection"]["recall"] == 0.0
        assert report["types"][rtype]["gold"] == sum(len(g[rtype]) for g in gold.values())


@pytest.mark.parametrize("seed", range(8))
def test_scorers_agree_on_perturbed_gold(seed):
    gold = load_gold()
    pred = {doc_id: perturb(g, seed) for doc_id, g in gold.items()}
    report = assert_scorers_agree(gold, pred)
    # the perturbations must actually exercise the scorer: pairs, misses and strict failures
    for rtype in TYPES:
        fig = report["types"][rtype]
        assert 0 < fig["detected"] < fig["pred"], rtype
        assert fig["strict"]["f1"] < fig["detection"]["f1"] < 1, rtype


def test_perturbation_is_deterministic():
    gold = load_gold()["002_041f5e2fb803e25f"]
    assert perturb(gold, 3) == perturb(gold, 3)
