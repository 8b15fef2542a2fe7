"""(predicted, gold) → Report: one-to-one pairing by span overlap and P/R/F1 (spec §4).

Per record type: detection P/R/F1 (a pair counts), strict P/R/F1 (a pair whose key fields are all
equal), and field accuracy over pairs. Figures are given per document and micro-averaged over the
corpus; every false positive, false negative and field mismatch is listed with its quote.
"""

from __future__ import annotations

import json
import math
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import regex

from pipeline.errors import GoldError
from pipeline.models import META_FIELDS, RECORD_TYPES
from pipeline.schema import schema_problems, scoring_schema

# Every record type's key fields (which decide strict correctness, spec §3), other fields (field accuracy
# only), structured sub-fields and special comparisons are declared in pipeline.models.RECORD_TYPES and
# read from there at call time (no snapshot here: a type declared later would be missing from it).

WHITESPACE = regex.compile(r"\s+")
REL_TOL = 1e-9
INDICATOR_DICE = 0.6


# --- equality (spec §4) -------------------------------------------------------------------------

def norm_text(value: str) -> str:
    return WHITESPACE.sub("", unicodedata.normalize("NFKC", value))


def equal(a: Any, b: Any) -> bool:
    """Strings after NFKC and whitespace removal; numbers with relative tolerance 1e-9."""
    if a is None or b is None:
        return a is None and b is None
    if isinstance(a, bool) or isinstance(b, bool):
        return a is b
    if isinstance(a, (int, float)) and isinstance(b, (int, float)):
        return math.isclose(a, b, rel_tol=REL_TOL, abs_tol=0.0) or a == b
    if isinstance(a, str) and isinstance(b, str):
        return norm_text(a) == norm_text(b)
    if isinstance(a, (list, tuple)) and isinstance(b, (list, tuple)):
        return len(a) == len(b) and all(equal(x, y) for x, y in zip(a, b, strict=True))
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(equal(a[k], b[k]) for k in a)
    return a == b


def bigrams(text: str) -> list[str]:
    return [text[i : i + 2] for i in range(len(text) - 1)]


def dice(a: str, b: str) -> float:
    ga, gb = bigrams(a), bigrams(b)
    if not ga and not gb:
        return 1.0 if a == b else 0.0
    pool = list(gb)
    common = 0
    for g in ga:
        if g in pool:
            pool.remove(g)
            common += 1
    return 2 * common / (len(ga) + len(gb))


def indicator_equal(a: str | None, b: str | None) -> bool:
    """Lenient: one contains the other after normalisation, or bigram Dice ≥ 0.6."""
    if a is None or b is None:
        return a is None and b is None
    na, nb = norm_text(a), norm_text(b)
    return na in nb or nb in na or dice(na, nb) >= INDICATOR_DICE


def unordered_equal(gold: Any, pred: Any) -> bool:
    """Lists compared as sets of normalised strings (a responsibility's units)."""
    return {norm_text(u) for u in gold or []} == {norm_text(u) for u in pred or []}


# The comparisons a declaration may name for a field (RecordType.comparisons); the rest use ``equal``.
COMPARISONS = {"name_like": indicator_equal, "unordered": unordered_equal}


def field_equal(rtype: str, name: str, gold: Any, pred: Any) -> bool:
    declared = RECORD_TYPES[rtype]
    if name in declared.comparisons:
        return COMPARISONS[declared.comparisons[name]](gold, pred)
    if name in declared.subfields:
        if gold is None or pred is None:
            return gold is None and pred is None
        return all(equal(gold.get(k), pred.get(k)) for k in declared.subfields[name])
    return equal(gold, pred)


# --- pairing (spec §4) ---------------------------------------------------------------------------

def overlap(a: list[int], b: list[int]) -> int:
    return min(a[1], b[1]) - max(a[0], b[0])


def pair_records(gold: list[dict], pred: list[dict]) -> list[tuple[int, int]]:
    """Greedy one-to-one pairing by largest overlap; ties by closeness, then earlier gold/pred."""
    candidates = []
    for gi, g in enumerate(gold):
        for pi, p in enumerate(pred):
            ov = overlap(g["span"], p["span"])
            if ov > 0:
                distance = abs(g["span"][0] - p["span"][0]) + abs(g["span"][1] - p["span"][1])
                candidates.append((-ov, distance, gi, pi))
    candidates.sort()
    used_g: set[int] = set()
    used_p: set[int] = set()
    pairs = []
    for _, _, gi, pi in candidates:
        if gi not in used_g and pi not in used_p:
            used_g.add(gi)
            used_p.add(pi)
            pairs.append((gi, pi))
    return sorted(pairs)


# --- counting ------------------------------------------------------------------------------------

@dataclass(slots=True)
class Counts:
    gold: int = 0
    pred: int = 0
    detected: int = 0
    strict: int = 0
    field_hits: dict[str, int] = field(default_factory=dict)

    def add(self, other: Counts) -> None:
        self.gold += other.gold
        self.pred += other.pred
        self.detected += other.detected
        self.strict += other.strict
        for k, v in other.field_hits.items():
            self.field_hits[k] = self.field_hits.get(k, 0) + v

    def figures(self) -> dict[str, Any]:
        out: dict[str, Any] = {"gold": self.gold, "pred": self.pred, "detected": self.detected,
                               "strict_pairs": self.strict}
        for label, tp in (("detection", self.detected), ("strict", self.strict)):
            out[label] = prf(tp, self.gold, self.pred)
        out["field_accuracy"] = {k: (v / self.detected if self.detected else None)
                                 for k, v in sorted(self.field_hits.items())}
        return out


def prf(tp: int, n_gold: int, n_pred: int) -> dict[str, float]:
    """Precision, recall, F1; an empty side with nothing to find counts as perfect."""
    p = tp / n_pred if n_pred else (1.0 if n_gold == 0 else 0.0)
    r = tp / n_gold if n_gold else (1.0 if n_pred == 0 else 0.0)
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": p, "recall": r, "f1": f}


@dataclass(slots=True)
class ErrorItem:
    doc_id: str
    type: str
    kind: str  # false_positive | false_negative | field_mismatch
    quote: str
    span: list[int]
    section: str | None = None
    field: str | None = None
    gold: Any = None
    pred: Any = None

    def to_dict(self) -> dict[str, Any]:
        return {k: getattr(self, k) for k in self.__slots__}


def sort_records(records: list[dict]) -> list[dict]:
    return sorted(records, key=lambda r: (r["span"][0], r["span"][1]))


def enclosing_sections(sections: list[dict], start: int) -> list[str]:
    """Titles of the output-file sections enclosing ``start``, outermost first."""
    return [s["title"] for s in sections if s["span"][0] <= start < s.get("end", float("inf"))]


def section_of(sections: list[dict], start: int) -> str | None:
    """The innermost section enclosing ``start`` (from a prediction file), for error listings."""
    inside = enclosing_sections(sections, start)
    return inside[-1] if inside else None


def score_type(doc_id: str, rtype: str, gold: list[dict], pred: list[dict], sections: list[dict],
               errors: list[ErrorItem]) -> Counts:
    gold, pred = sort_records(gold), sort_records(pred)
    declared = RECORD_TYPES[rtype]
    fields = declared.fields
    counts = Counts(gold=len(gold), pred=len(pred), field_hits=dict.fromkeys(fields, 0))
    pairs = pair_records(gold, pred)
    for gi, pi in pairs:
        g, p = gold[gi], pred[pi]
        counts.detected += 1
        hits = {f: field_equal(rtype, f, g.get(f), p.get(f)) for f in fields}
        for f, ok in hits.items():
            counts.field_hits[f] += ok
            if not ok:
                errors.append(ErrorItem(doc_id, rtype, "field_mismatch", g["quote"], g["span"],
                                        section_of(sections, g["span"][0]), f, g.get(f), p.get(f)))
        if all(hits[f] for f in declared.key_fields):
            counts.strict += 1
    paired_g = {gi for gi, _ in pairs}
    paired_p = {pi for _, pi in pairs}
    for gi, g in enumerate(gold):
        if gi not in paired_g:
            errors.append(ErrorItem(doc_id, rtype, "false_negative", g["quote"], g["span"],
                                    section_of(sections, g["span"][0])))
    for pi, p in enumerate(pred):
        if pi not in paired_p:
            errors.append(ErrorItem(doc_id, rtype, "false_positive", p["quote"], p["span"],
                                    section_of(sections, p["span"][0])))
    return counts


@dataclass(slots=True)
class Report:
    types: dict[str, Counts]
    documents: dict[str, dict[str, Counts]]
    meta_hits: dict[str, int]
    meta_docs: int
    errors: list[ErrorItem]
    missing_predictions: list[str]

    def to_dict(self) -> dict[str, Any]:
        total = Counts()
        for c in self.types.values():
            total.add(Counts(c.gold, c.pred, c.detected, c.strict))
        return {
            "types": {t: c.figures() for t, c in self.types.items()},
            "micro": {k: v for k, v in total.figures().items() if k != "field_accuracy"},
            "documents": {d: {t: c.figures() for t, c in per.items()} for d, per in self.documents.items()},
            "meta": {f: (self.meta_hits[f] / self.meta_docs if self.meta_docs else None) for f in META_FIELDS},
            "missing_predictions": self.missing_predictions,
            "errors": [e.to_dict() for e in self.errors],
        }


def load_json(path: Path, role: str) -> dict:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise GoldError(f"{path}: malformed {role} file ({exc})") from None
    except RecursionError:
        raise GoldError(f"{path}: malformed {role} file (nested too deeply)") from None
    if not isinstance(data, dict) or any(not isinstance(data.get(t), list) for t in RECORD_TYPES):
        raise GoldError(f"{path}: malformed {role} file (needs the lists {', '.join(RECORD_TYPES)})")
    for t in RECORD_TYPES:
        for rec in data[t]:
            span = rec.get("span") if isinstance(rec, dict) else None
            if not (isinstance(span, list) and len(span) == 2 and all(isinstance(x, int) for x in span)):
                raise GoldError(f"{path}: malformed {role} file ({t} record without a [start, end] span)")
            if not isinstance(rec.get("quote"), str):
                raise GoldError(f"{path}: malformed {role} file ({t} record without a quote)")
    # Every field the scorer compares has its type (spec §5): a file that breaks the schema is refused
    # rather than scored, so a score is never computed from records it misreads.
    problems = schema_problems(data, scoring_schema())
    if problems:
        more = f" (and {len(problems) - 3} more)" if len(problems) > 3 else ""
        raise GoldError(f"{path}: {role} file does not follow the schema: {'; '.join(problems[:3])}{more}")
    return data


def evaluate_docs(gold_docs: dict[str, dict], pred_docs: dict[str, dict | None]) -> Report:
    """Score predictions against gold; a missing prediction counts its gold as false negatives."""
    types = {t: Counts() for t in RECORD_TYPES}
    documents: dict[str, dict[str, Counts]] = {}
    meta_hits = dict.fromkeys(META_FIELDS, 0)
    errors: list[ErrorItem] = []
    missing = []
    for doc_id in sorted(gold_docs):
        gold = gold_docs[doc_id]
        pred = pred_docs.get(doc_id)
        if pred is None:
            missing.append(doc_id)
            pred = {t: [] for t in RECORD_TYPES} | {"meta": {}}
        sections = pred.get("sections") or []
        documents[doc_id] = {}
        for t in RECORD_TYPES:
            c = score_type(doc_id, t, gold[t], pred[t], sections, errors)
            documents[doc_id][t] = c
            types[t].add(c)
        gmeta, pmeta = gold.get("meta") or {}, pred.get("meta") or {}
        for f in META_FIELDS:
            if equal(gmeta.get(f), pmeta.get(f)):
                meta_hits[f] += 1
            else:
                errors.append(ErrorItem(doc_id, "meta", "field_mismatch", "", [0, 0], None, f,
                                        gmeta.get(f), pmeta.get(f)))
    return Report(types, documents, meta_hits, len(gold_docs), errors, missing)


def gold_files(gold_dir: str | Path) -> list[Path]:
    """The gold documents of a folder: every ``<doc_id>.json`` except the regression baseline."""
    return sorted(p for p in Path(gold_dir).glob("*.json") if p.name != "baseline.json" and not p.name.startswith("."))


def evaluate(gold_dir: str | Path, pred_dir: str | Path) -> Report:
    gold_dir, pred_dir = Path(gold_dir), Path(pred_dir)
    if not pred_dir.is_dir():
        raise GoldError(f"{pred_dir}: prediction folder not found")
    files = gold_files(gold_dir)
    if not files:
        raise GoldError(f"{gold_dir}: no gold files (*.json) found")
    gold_docs = {p.stem: load_json(p, "gold") for p in files}
    pred_docs: dict[str, dict | None] = {}
    for doc_id in gold_docs:
        path = pred_dir / f"{doc_id}.json"
        pred_docs[doc_id] = load_json(path, "prediction") if path.exists() else None
    return evaluate_docs(gold_docs, pred_docs)
