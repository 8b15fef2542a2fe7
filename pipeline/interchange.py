"""Label Studio and doccano round trips: export records for annotation, import corrections back.

Offsets. policyx spans are Unicode code points (spec §1).
- Label Studio stores Text-region ``start``/``end`` as code points since its emoji fix
  (HumanSignal/label-studio#1008, label-studio-frontend#308; #4988 confirms exported JSON is right
  where the display is not), so they are written and read unchanged. Each region also carries its
  ``text``; on import a region whose text does not match the code-point slice but matches the
  UTF-16 reading is converted, anything else is an error naming the region.
- doccano's sequence-labelling offsets are JavaScript string indices, i.e. UTF-16 code units
  (doccano/doccano#2290), so doccano labels are converted to UTF-16 on export and back on import.
  The line's ``policyx`` metadata records the unit used (``"offsets": "utf16"``).
Text is exported verbatim (``\\r\\n`` kept), so offsets stay valid in both tools.

Record fields travel as metadata keyed by the policyx record id: in Label Studio as a per-region
``textarea`` result holding the fields as JSON (same region id as the label), in doccano in the
line's ``policyx.records``. Import turns the difference between the file and the current reviewed
copy into ordinary review changes (accept/reject/edit/add), saved through ``ReviewStore`` with
a version check and audit entries, so an import is reviewable like any other correction.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pipeline import __version__
from pipeline.errors import PolicyxError
from pipeline.export_formats import REVIEW_FORMATS as FORMATS
from pipeline.models import RECORD_TYPES
from pipeline.output import dumps, write_atomic
from pipeline.review.store import REVIEW_KEY, ReviewStore, active, plain, records

MODEL_VERSION = f"policyx-{__version__}"
NOT_FIELDS = {"span", "quote", REVIEW_KEY}


class InterchangeError(PolicyxError):
    """An export or import file that cannot be used; the message names the document and region."""


# ---- offsets ---------------------------------------------------------------------------------

def cp_to_utf16(text: str, cp: int) -> int:
    """UTF-16 code units before code point ``cp`` (astral characters count two)."""
    return cp + sum(1 for ch in text[:cp] if ord(ch) > 0xFFFF)


def utf16_to_cp(text: str, u16: int) -> int:
    """Inverse of cp_to_utf16; an offset inside a surrogate pair is an error, not a guess."""
    units = 0
    for i, ch in enumerate(text):
        if units == u16:
            return i
        units += 2 if ord(ch) > 0xFFFF else 1
        if units > u16:
            raise InterchangeError(f"UTF-16 offset {u16} falls inside the character at code point {i}")
    if units == u16:
        return len(text)
    raise InterchangeError(f"UTF-16 offset {u16} is past the end of the text ({units} units)")


# ---- export ----------------------------------------------------------------------------------

def fields_of(rec: dict) -> dict:
    return {k: v for k, v in rec.items() if k not in NOT_FIELDS}


def exported_records(store: ReviewStore, doc_id: str) -> tuple[dict, str, list[tuple[str, dict]]]:
    """The reviewed copy's live records (rejected ones left out), else the machine output's."""
    loaded = store.load(doc_id)
    return loaded.doc, loaded.text, list(active(loaded.doc))


def label_studio_task(store: ReviewStore, doc_id: str) -> dict:
    doc, text, recs = exported_records(store, doc_id)
    result = []
    scores = []
    for type_name, rec in recs:
        s, e = rec["span"]
        rid = rec[REVIEW_KEY]["id"]
        score = rec.get("confidence")
        scores.append(1.0 if score is None else score)
        region = {"start": s, "end": e, "text": text[s:e]}
        result.append({"id": rid, "from_name": "type", "to_name": "text", "type": "labels",
                       "value": {**region, "labels": [type_name]}, "score": score, "origin": "prediction"})
        result.append({"id": rid, "from_name": "fields", "to_name": "text", "type": "textarea",
                       "value": {**region, "text": [json.dumps(fields_of(rec), ensure_ascii=False)]}})
    return {
        "data": {"text": text, "doc_id": doc_id, "title": (doc.get("meta") or {}).get("title")},
        "meta": {"policyx": {"doc_id": doc_id, "offsets": "codepoint", "version": doc[REVIEW_KEY]["version"]}},
        "predictions": [{"model_version": MODEL_VERSION,
                         "score": round(sum(scores) / len(scores), 4) if scores else None,
                         "result": result}],
    }


def label_studio_config() -> str:
    """Labeling config for the exported tasks: one label per record type, a per-region fields box."""
    labels = "\n".join(f'    <Label value="{t}"/>' for t in RECORD_TYPES)
    return f"""<View>
  <Labels name="type" toName="text">
{labels}
  </Labels>
  <Text name="text" value="$text"/>
  <TextArea name="fields" toName="text" perRegion="true" editable="true" maxSubmissions="1"
            placeholder="record fields as JSON"/>
</View>
"""


def doccano_line(store: ReviewStore, doc_id: str) -> dict:
    _, text, recs = exported_records(store, doc_id)
    labels, meta = [], []
    for type_name, rec in recs:
        s, e = rec["span"]
        labels.append([cp_to_utf16(text, s), cp_to_utf16(text, e), type_name])
        meta.append({"id": rec[REVIEW_KEY]["id"], "type": type_name, "start": s, "end": e,
                     "fields": fields_of(rec)})
    return {"text": text, "label": labels,
            "policyx": {"doc_id": doc_id, "offsets": "utf16", "model_version": MODEL_VERSION, "records": meta}}


def export(outdir: Path, fmt: str, output: Path, doc_ids: list[str] | None = None) -> Path:
    """Write every document of OUTDIR (or ``doc_ids``) in one file; returns the file written."""
    if fmt not in FORMATS:
        raise InterchangeError(f"unknown format {fmt!r}; one of {', '.join(FORMATS)}")
    store = ReviewStore(outdir)
    ids = doc_ids or store.doc_ids()
    if not ids:
        raise InterchangeError(f"no documents in {outdir}")
    if output.is_dir():
        output = output / ("label-studio.json" if fmt == "label-studio" else "doccano.jsonl")
    if fmt == "label-studio":
        write_atomic(output, dumps([label_studio_task(store, d) for d in ids]))
        write_atomic(output.with_name(output.stem + ".config.xml"), label_studio_config())
    else:
        write_atomic(output, "".join(json.dumps(doccano_line(store, d), ensure_ascii=False) + "\n" for d in ids))
    return output


# ---- import ----------------------------------------------------------------------------------

@dataclass(slots=True)
class Region:
    """One record as it came back: type, code-point span, its id if it kept one, fields if any."""

    type: str
    start: int
    end: int
    rid: str | None = None
    fields: dict | None = None


def _ls_span(text: str, value: dict, where: str) -> tuple[int, int]:
    s, e = int(value["start"]), int(value["end"])
    want = value.get("text")
    if want is None or text[s:e] == want:
        return s, e
    try:
        s2, e2 = utf16_to_cp(text, s), utf16_to_cp(text, e)
    except InterchangeError:
        s2 = e2 = -1
    if text[s2:e2] == want:
        return s2, e2
    raise InterchangeError(f"{where}: region text {want!r} is not at {s}–{e} (found {text[s:e]!r})")


def label_studio_regions(task: dict, text: str) -> list[Region] | None:
    """Regions of the task's latest non-cancelled annotation, else of its first prediction; None when
    the task holds neither (Label Studio's full export lists an unannotated task's predictions by id)."""
    annotations = [a for a in task.get("annotations") or [] if isinstance(a, dict) and not a.get("was_cancelled")]
    annotations.sort(key=lambda a: str(a.get("updated_at") or a.get("created_at") or ""))
    predictions = [p for p in task.get("predictions") or [] if isinstance(p, dict)]
    source = annotations[-1] if annotations else (predictions[0] if predictions else None)
    if source is None:
        return None
    doc_id = task.get("data", {}).get("doc_id")
    by_id: dict[str, Region] = {}
    fields: dict[str, dict] = {}
    for i, res in enumerate(source.get("result") or []):
        value = res.get("value") or {}
        rid = str(res.get("id") or f"region{i}")
        where = f"{doc_id} region {rid}"
        if res.get("type") == "labels":
            labels = value.get("labels") or []
            if len(labels) != 1 or labels[0] not in RECORD_TYPES:
                raise InterchangeError(f"{where}: labels {labels} must be one of {', '.join(RECORD_TYPES)}")
            s, e = _ls_span(text, value, where)
            by_id[rid] = Region(labels[0], s, e, rid)
        elif res.get("type") == "textarea" and value.get("text"):
            try:
                fields[rid] = json.loads(value["text"][-1])
            except json.JSONDecodeError as exc:
                raise InterchangeError(f"{where}: fields are not JSON ({exc})") from None
    for rid, f in fields.items():
        if rid in by_id:
            by_id[rid].fields = f
    return list(by_id.values())


def doccano_regions(line: dict, text: str) -> list[Region]:
    meta = line.get("policyx") or (line.get("meta") or {}).get("policyx") or {}
    utf16 = meta.get("offsets", "utf16") == "utf16"
    known = {(m["type"], m["start"], m["end"]): m for m in meta.get("records") or []}
    out = []
    for item in line.get("label") or line.get("labels") or line.get("entities") or []:
        s, e, type_name = item[0], item[1], item[2]
        if type_name not in RECORD_TYPES:
            raise InterchangeError(f"{meta.get('doc_id')}: label {type_name!r} is not a record type")
        if utf16:
            s, e = utf16_to_cp(text, s), utf16_to_cp(text, e)
        m = known.get((type_name, s, e))
        out.append(Region(type_name, s, e, m["id"] if m else None, m["fields"] if m else None))
    return out


def diff_ops(doc: dict, regions: list[Region]) -> list[dict]:
    """Review changes that turn the current copy into what came back.

    A region keeps its record by id, else by type and span; an unmatched region that overlaps
    exactly one unmatched record of its type is that record moved (doccano cannot move a label,
    only delete and redraw it); other regions are additions; records nobody kept are rejected.
    """
    live = {rec[REVIEW_KEY]["id"]: (t, rec) for t, rec in active(doc)}
    every = {rec[REVIEW_KEY]["id"]: (t, rec) for t, rec in records(doc)}
    by_span = {(t, *rec["span"]): rid for rid, (t, rec) in live.items()}
    ops: list[dict] = []
    matched: set[str] = set()
    leftovers: list[Region] = []
    for reg in regions:
        kept = reg.rid in every and every[reg.rid][0] == reg.type
        rid = reg.rid if kept else by_span.get((reg.type, reg.start, reg.end))
        if rid is None or rid in matched:
            leftovers.append(reg)
            continue
        matched.add(rid)
        ops += _edit_ops(reg, rid, every[rid][1])
    for reg in leftovers:
        near = [rid for rid, (t, rec) in live.items() if rid not in matched and t == reg.type
                and rec["span"][0] < reg.end and reg.start < rec["span"][1]]
        if len(near) == 1:
            matched.add(near[0])
            ops += _edit_ops(reg, near[0], live[near[0]][1])
        elif reg.fields is None:
            ops.append({"op": "add", "type": reg.type, "record": {"span": [reg.start, reg.end]}, "incomplete": True})
        else:
            ops.append({"op": "add", "type": reg.type, "record": {**reg.fields, "span": [reg.start, reg.end]}})
    ops += [{"op": "reject", "type": t, "id": rid} for rid, (t, _) in live.items() if rid not in matched]
    return ops


def _edit_ops(reg: Region, rid: str, rec: dict) -> list[dict]:
    changed: dict[str, Any] = {}
    if [reg.start, reg.end] != rec["span"]:
        changed["span"] = [reg.start, reg.end]
    if reg.fields is not None:
        from pipeline.review.fields import editable

        changed.update({k: v for k, v in reg.fields.items() if editable(reg.type, k) and rec.get(k) != v})
    ops = [{"op": "edit", "type": reg.type, "id": rid, "fields": changed}] if changed else []
    if rec[REVIEW_KEY]["status"] == "rejected":
        ops.append({"op": "accept", "type": reg.type, "id": rid})
    return ops


def read_items(path: Path) -> tuple[str, list[dict]]:
    """(format, items) of an import file: a JSON list of Label Studio tasks or doccano JSONL."""
    raw = path.read_text(encoding="utf-8")
    stripped = raw.lstrip()
    if stripped.startswith("["):
        items = json.loads(raw)
        return ("label-studio" if any("data" in t for t in items) else "doccano"), items
    items = [json.loads(line) for line in raw.splitlines() if line.strip()]
    return ("label-studio" if items and "data" in items[0] else "doccano"), items


def import_review(path: Path, outdir: Path, reviewer: str, fmt: str = "auto") -> dict[str, int]:
    """Apply a file of corrections whole or not at all; returns the number of changes saved per document.

    Every item is read, matched and checked (a dry run of its save) before anything is written, so a
    bad item anywhere in the file leaves every document as it was.
    """
    try:
        detected, items = read_items(path)
    except (OSError, UnicodeDecodeError, ValueError, TypeError, RecursionError) as exc:
        raise InterchangeError(f"{path}: not a Label Studio or doccano export policyx can read "
                               f"({type(exc).__name__}: {exc})") from None
    fmt = detected if fmt == "auto" else fmt
    store = ReviewStore(outdir)
    planned: list[tuple[str, int, list[dict]]] = []
    for number, item in enumerate(items, start=1):
        if not isinstance(item, dict):
            raise InterchangeError(f"{path}: an item is not a JSON object")
        try:
            planned.append(_plan_item(path, store, fmt, item, reviewer))
        except PolicyxError:
            raise
        except (TypeError, AttributeError, KeyError, IndexError, ValueError, RecursionError) as exc:
            # Nothing is written while planning: a malformed item refuses the whole file, as a bad one does.
            raise InterchangeError(f"{path}: item {number} is malformed ({type(exc).__name__}: {exc}); "
                                   "nothing was imported") from None
    saved: dict[str, int] = {}
    for doc_id, version, ops in planned:
        if ops:
            store.save(doc_id, version, ops, f"{reviewer} (import {fmt})")
        saved[doc_id] = len(ops)
    return saved


def _plan_item(path: Path, store: ReviewStore, fmt: str, item: dict, reviewer: str) -> tuple[str, int, list[dict]]:
    """One item's document, the version it was matched against, and its changes (checked by a dry run)."""
    if fmt == "label-studio":
        data = item.get("data") or {}
        doc_id = data.get("doc_id") or (item.get("meta") or {}).get("policyx", {}).get("doc_id")
        text = data.get("text")
    else:
        meta = item.get("policyx") or (item.get("meta") or {}).get("policyx") or {}
        doc_id, text = meta.get("doc_id"), item.get("text")
    if not doc_id or not isinstance(doc_id, str):
        raise InterchangeError(f"{path}: an item has no policyx doc_id; was it exported by policyx?")
    loaded = store.load(doc_id)
    if text != loaded.text:
        raise InterchangeError(f"{doc_id}: the text in {path.name} differs from {doc_id}.source.txt; "
                               "offsets cannot be trusted (was the text changed or its newlines converted?)")
    regions = label_studio_regions(item, text) if fmt == "label-studio" else doccano_regions(item, text)
    ops = diff_ops(loaded.doc, regions) if regions is not None else []
    if ops:
        store.save(doc_id, loaded.version, ops, f"{reviewer} (import {fmt})", dry_run=True)
    return doc_id, loaded.version, ops


def records_for_compare(doc: dict) -> dict[str, list[dict]]:
    """Live records without bookkeeping, per type: what a round trip must give back unchanged."""
    out: dict[str, list[dict]] = {t: [] for t in RECORD_TYPES}
    for t, rec in active(doc):
        out[t].append(plain(rec))
    return out
