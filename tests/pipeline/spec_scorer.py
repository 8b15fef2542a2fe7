"""A second scorer, written from EXTRACTION_SPEC.md §3–4 alone, to cross-check pipeline.evaluate.

It shares no code with the pipeline on purpose: if both agree on many perturbed predictions, the
agreement is evidence for the spec, not for a shared bug. Kept simple rather than fast.

Decisions where the spec is silent (each one pinned by a hand-made case in test_evaluate.py):
- "earlier" gold/prediction means earlier in the document: by span start, then end, then list order;
- a ratio whose numerator and denominator are both 0 (no gold, no predictions) is 1.0; any other
  0/0 ratio is 0.0; field accuracy with no pairs is None;
- the bigram Dice of §4 counts repeated bigrams (multisets); two strings too short to have a bigram
  can only match by containment;
- a missing value (absent key) is None; a missing prediction is a document with no records and no meta;
- indicator values (`baseline`, `target`, `actual`) compare on {year, value}, `growth` on
  {value, cumulative}: the fields §3.4 gives them, so output-only extras are ignored.
"""

from __future__ import annotations

import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

TYPES = ("indicators", "funding", "responsibilities", "targets")
META_FIELDS = ("title", "doc_number", "issuer", "issue_date", "period")

# §3: fields marked **key**, then the rest, per type.
KEY = {
    "funding": ("kind", "amount_yuan", "ratio"),
    "responsibilities": ("role", "units"),
    "targets": ("indicator", "value", "unit", "comparator"),
    "indicators": ("name", "unit", "baseline", "target", "actual"),
}
NON_KEY = {
    "funding": ("per", "beneficiary", "form"),
    "responsibilities": ("scope",),
    "targets": ("year", "annual", "aspirational", "change"),
    "indicators": ("table", "row", "growth", "attribute"),
}
STRUCTURED = {"baseline": ("year", "value"), "target": ("year", "value"), "actual": ("year", "value"),
              "growth": ("value", "cumulative")}
TOLERANCE = 1e-9
DICE_MIN = 0.6


# --- §3 equality ---------------------------------------------------------------------------------

def canonical(text: str) -> str:
    """NFKC, then every whitespace character removed."""
    return "".join(ch for ch in unicodedata.normalize("NFKC", text) if not ch.isspace())


def is_number(x: Any) -> bool:
    return isinstance(x, int | float) and not isinstance(x, bool)


def same(a: Any, b: Any) -> bool:
    if isinstance(a, bool) or isinstance(b, bool):
        return isinstance(a, bool) and isinstance(b, bool) and a == b
    if is_number(a) and is_number(b):
        return a == b or abs(a - b) <= TOLERANCE * max(abs(a), abs(b))
    if isinstance(a, str) and isinstance(b, str):
        return canonical(a) == canonical(b)
    if isinstance(a, list | tuple) and isinstance(b, list | tuple):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b, strict=False))
    if isinstance(a, dict) and isinstance(b, dict):
        return set(a) == set(b) and all(same(a[k], b[k]) for k in a)
    return a is None and b is None


def bigram_dice(a: str, b: str) -> float:
    grams_a = Counter(a[i : i + 2] for i in range(len(a) - 1))
    grams_b = Counter(b[i : i + 2] for i in range(len(b) - 1))
    total = sum(grams_a.values()) + sum(grams_b.values())
    if total == 0:
        return 0.0
    return 2 * sum((grams_a & grams_b).values()) / total


def lenient_indicator(a: Any, b: Any) -> bool:
    if not (isinstance(a, str) and isinstance(b, str)):
        return a is None and b is None
    ca, cb = canonical(a), canonical(b)
    return ca in cb or cb in ca or bigram_dice(ca, cb) >= DICE_MIN


def field_same(rtype: str, name: str, a: Any, b: Any) -> bool:
    if rtype == "targets" and name == "indicator":
        return lenient_indicator(a, b)
    if rtype == "responsibilities" and name == "units":
        if a is None or b is None:
            return a is None and b is None
        return {canonical(u) for u in a} == {canonical(u) for u in b}
    if name in STRUCTURED and rtype == "indicators":
        if a is None or b is None:
            return a is None and b is None
        return all(same(a.get(k), b.get(k)) for k in STRUCTURED[name])
    return same(a, b)


# --- §4 pairing ----------------------------------------------------------------------------------

def document_order(records: list[dict]) -> dict[int, int]:
    """Index → rank in the document: by start, then end, then position in the list."""
    ranked = sorted(range(len(records)), key=lambda i: (records[i]["span"][0], records[i]["span"][1], i))
    return {i: r for r, i in enumerate(ranked)}


def pair(gold: list[dict], pred: list[dict]) -> list[tuple[int, int]]:
    """Repeatedly take the best remaining (gold, pred) pair until none overlaps; indices into the lists."""
    g_rank, p_rank = document_order(gold), document_order(pred)
    open_gold, open_pred = set(range(len(gold))), set(range(len(pred)))
    pairs = []
    while True:
        best: tuple | None = None
        for gi in open_gold:
            gs, ge = gold[gi]["span"]
            for pi in open_pred:
                ps, pe = pred[pi]["span"]
                shared = min(ge, pe) - max(gs, ps)
                if shared <= 0:
                    continue
                rank = (-shared, abs(gs - ps) + abs(ge - pe), g_rank[gi], p_rank[pi])
                if best is None or rank < best[0]:
                    best = (rank, gi, pi)
        if best is None:
            return pairs
        _, gi, pi = best
        pairs.append((gi, pi))
        open_gold.discard(gi)
        open_pred.discard(pi)


# --- tallies and figures -------------------------------------------------------------------------

@dataclass
class Tally:
    gold: int = 0
    pred: int = 0
    detected: int = 0
    strict: int = 0
    hits: Counter = field(default_factory=Counter)
    # (doc_id, type, kind, span, field) for every FP, FN and field mismatch
    errors: Counter = field(default_factory=Counter)

    def __iadd__(self, other: Tally) -> Tally:
        self.gold += other.gold
        self.pred += other.pred
        self.detected += other.detected
        self.strict += other.strict
        self.hits.update(other.hits)
        self.errors.update(other.errors)
        return self


def ratio(num: int, den: int, other_side: int) -> float:
    if den:
        return num / den
    return 1.0 if other_side == 0 else 0.0


def prf(tp: int, n_gold: int, n_pred: int) -> dict[str, float]:
    precision = ratio(tp, n_pred, n_gold)
    recall = ratio(tp, n_gold, n_pred)
    f1 = 0.0 if precision + recall == 0 else 2 * precision * recall / (precision + recall)
    return {"precision": precision, "recall": recall, "f1": f1}


def figures(t: Tally, rtype: str | None) -> dict[str, Any]:
    out: dict[str, Any] = {
        "gold": t.gold, "pred": t.pred, "detected": t.detected, "strict": t.strict,
        "detection": prf(t.detected, t.gold, t.pred), "strict_prf": prf(t.strict, t.gold, t.pred),
    }
    if rtype is not None:
        out["field_accuracy"] = {f: (t.hits[f] / t.detected if t.detected else None)
                                 for f in KEY[rtype] + NON_KEY[rtype]}
    return out


def score_records(doc_id: str, rtype: str, gold: list[dict], pred: list[dict]) -> Tally:
    t = Tally(gold=len(gold), pred=len(pred))
    pairs = pair(gold, pred)
    for gi, pi in pairs:
        g, p = gold[gi], pred[pi]
        t.detected += 1
        strict = True
        for name in KEY[rtype] + NON_KEY[rtype]:
            if field_same(rtype, name, g.get(name), p.get(name)):
                t.hits[name] += 1
            else:
                t.errors[(doc_id, rtype, "field_mismatch", tuple(g["span"]), name)] += 1
                strict = strict and name not in KEY[rtype]
        t.strict += strict
    paired_gold = {gi for gi, _ in pairs}
    paired_pred = {pi for _, pi in pairs}
    for gi, g in enumerate(gold):
        if gi not in paired_gold:
            t.errors[(doc_id, rtype, "false_negative", tuple(g["span"]), None)] += 1
    for pi, p in enumerate(pred):
        if pi not in paired_pred:
            t.errors[(doc_id, rtype, "false_positive", tuple(p["span"]), None)] += 1
    return t


@dataclass
class SpecReport:
    types: dict[str, Tally]
    documents: dict[str, dict[str, Tally]]
    meta: dict[str, float | None]

    def figures(self) -> dict[str, Any]:
        everything = Tally()
        for t in self.types.values():
            everything += t
        return {
            "types": {r: figures(t, r) for r, t in self.types.items()},
            "documents": {d: {r: figures(t, r) for r, t in per.items()} for d, per in self.documents.items()},
            "micro": figures(everything, None),
            "meta": self.meta,
        }

    def errors(self) -> Counter:
        out: Counter = Counter()
        for t in self.types.values():
            out.update(t.errors)
        return out


def score(gold_docs: dict[str, dict], pred_docs: dict[str, dict | None]) -> SpecReport:
    types = {r: Tally() for r in TYPES}
    documents: dict[str, dict[str, Tally]] = {}
    meta_hits: Counter = Counter()
    for doc_id, gold in gold_docs.items():
        pred = pred_docs.get(doc_id) or {}
        documents[doc_id] = {}
        for rtype in TYPES:
            t = score_records(doc_id, rtype, gold.get(rtype) or [], pred.get(rtype) or [])
            documents[doc_id][rtype] = t
            types[rtype] += t
        gold_meta, pred_meta = gold.get("meta") or {}, pred.get("meta") or {}
        for name in META_FIELDS:
            meta_hits[name] += same(gold_meta.get(name), pred_meta.get(name))
    n = len(gold_docs)
    meta = {name: (meta_hits[name] / n if n else None) for name in META_FIELDS}
    return SpecReport(types, documents, meta)
