"""Reviewed documents on disk: working copies, versioned saves, and the append-only audit log.

A reviewer's working copy starts as the machine output with a stable id on every record; saving
writes ``OUTDIR/reviewed/<doc_id>.json`` (atomically) and appends one audit line per change.
Every save names the version it was based on; a stale version is a ``ConflictError`` (HTTP 409),
so two reviewers never silently overwrite each other. A file lock makes check-and-write atomic
across threads and processes.
"""

from __future__ import annotations

import copy
import fcntl
import hashlib
import json
import math
import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from pipeline.errors import PolicyxError
from pipeline.models import LOW_CONFIDENCE, RECORD_TYPES, is_low
from pipeline.outdir import document_ids
from pipeline.output import dumps, write_atomic
from pipeline.review import paths
from pipeline.review.fields import REVIEW_KEY, editable, field_specs, meta_problems, record_problems

MAX_OPS = 500


class ReviewError(PolicyxError):
    """A change that cannot be applied; ``status`` is the HTTP status the app answers with."""

    status = 422


class NotFound(ReviewError):
    status = 404


class ConflictError(ReviewError):
    status = 409


@dataclass(frozen=True, slots=True)
class Loaded:
    """One document as a reviewer sees it: working copy, source text, and where it came from."""

    doc: dict
    text: str
    version: int


def now_iso() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def records(doc: dict) -> Iterator[tuple[str, dict]]:
    for type_name in RECORD_TYPES:
        for rec in doc.get(type_name) or []:
            yield type_name, rec


def with_ids(machine: dict, machine_sha: str) -> dict:
    """The machine output as a version-0 working copy: every record gets a stable id and status."""
    doc = copy.deepcopy(machine)
    for type_name in RECORD_TYPES:
        for i, rec in enumerate(doc.get(type_name) or []):
            rec[REVIEW_KEY] = {"id": f"{type_name}-{i}", "status": "pending"}
    doc[REVIEW_KEY] = {"version": 0, "status": "unreviewed", "machine_sha256": machine_sha,
                       "updated_by": None, "updated_at": None, "added": 0}
    return doc


def plain(rec: dict | None) -> dict | None:
    """A record without review bookkeeping: what the audit log and exports show."""
    return None if rec is None else {k: v for k, v in rec.items() if k != REVIEW_KEY}


def active(doc: dict) -> Iterator[tuple[str, dict]]:
    """Records that count as the document's content: all but rejected and unfinished ones."""
    for type_name, rec in records(doc):
        if rec.get(REVIEW_KEY, {}).get("status") not in {"rejected", "incomplete"}:
            yield type_name, rec


class ReviewStore:
    """All reads and writes of one OUTDIR's reviewed files go through here."""

    def __init__(self, outdir: str | Path):
        self.outdir = Path(outdir)
        self.reviewed_dir = self.outdir / paths.REVIEWED_DIR

    # ---- reading -------------------------------------------------------------------------
    def doc_ids(self) -> list[str]:
        """Ids of machine outputs that have their source text beside them (skips foreign JSON)."""
        ids = []
        for doc_id in document_ids(self.outdir):
            try:
                paths.machine_json(self.outdir, doc_id)
                paths.source_txt(self.outdir, doc_id)
                ids.append(doc_id)
            except paths.UnsafeDocId:
                continue
        return ids

    def source_text(self, doc_id: str) -> str:
        path = paths.source_txt(self.outdir, doc_id)
        try:
            with path.open(encoding="utf-8", newline="") as fh:  # keep \r\n: spans count it
                return fh.read()
        except FileNotFoundError:
            raise NotFound(f"no source text {path.name} in {self.outdir}") from None

    def machine(self, doc_id: str) -> tuple[dict, str]:
        path = paths.machine_json(self.outdir, doc_id)
        if not path.is_file():
            raise NotFound(f"no document {doc_id!r} in {self.outdir}")
        data = path.read_bytes()
        return _json_object(data, path), hashlib.sha256(data).hexdigest()

    def load(self, doc_id: str) -> Loaded:
        """The reviewed copy if there is one, else the machine output as version 0."""
        text = self.source_text(doc_id)
        reviewed = paths.reviewed_json(self.outdir, doc_id)
        if reviewed.is_file():
            doc = _json_object(reviewed.read_bytes(), reviewed)
            review = doc.get(REVIEW_KEY)
            if not isinstance(review, dict) or type(review.get("version")) is not int:
                raise ReviewError(f"{reviewed}: not a reviewed policyx document (no review.version)")
        else:
            machine, sha = self.machine(doc_id)
            doc = with_ids(machine, sha)
        return Loaded(doc, text, int(doc[REVIEW_KEY]["version"]))

    def warnings(self, loaded: Loaded) -> list[str]:
        """Problems a reviewer should see first: pipeline warnings plus checks made here."""
        doc, text = loaded.doc, loaded.text
        out = [str(w) for w in doc.get("warnings") or []]
        for type_name, rec in records(doc):
            rid = rec.get(REVIEW_KEY, {}).get("id")
            s, e = rec.get("span", [0, 0])
            if text[s:e] != rec.get("quote"):
                out.append(f"{rid}: quote {rec.get('quote')!r} differs from the source text at {s}–{e}")
            if rec.get(REVIEW_KEY, {}).get("status") == "incomplete":
                out.append(f"{rid}: added without field values; fill them in ({type_name})")
        low = [r for _, r in records(doc) if is_low(r) and r.get(REVIEW_KEY, {}).get("status") == "pending"]
        if low:
            out.append(f"{len(low)} record(s) below confidence {LOW_CONFIDENCE} still to review")
        try:
            _, sha = self.machine(doc["doc_id"])
            if doc[REVIEW_KEY].get("machine_sha256") not in (None, sha):
                out.append("the machine output changed since this review began (re-extracted?): "
                           "compare before promoting")
        except NotFound:
            out.append("the machine output file is gone; only the reviewed copy remains")
        return out

    def summary(self, doc_id: str) -> dict[str, Any]:
        """One row of the document list."""
        loaded = self.load(doc_id)
        doc = loaded.doc
        counts = {t: len(doc.get(t) or []) for t in RECORD_TYPES}
        review = doc[REVIEW_KEY]
        return {
            "doc_id": doc_id,
            "title": (doc.get("meta") or {}).get("title"),
            "counts": counts,
            "total": sum(counts.values()),
            "low_confidence": sum(1 for _, r in records(doc) if is_low(r)),
            "status": review["status"],
            "version": loaded.version,
            "updated_by": review.get("updated_by"),
            "updated_at": review.get("updated_at"),
            "warnings": len(self.warnings(loaded)),
        }

    def audit_entries(self, doc_id: str | None = None) -> list[dict]:
        path = self.reviewed_dir / paths.AUDIT_FILE
        if self.reviewed_dir.is_symlink() or path.is_symlink():
            raise paths.UnsafeDocId(f"{path} is a symlink; reviewed files must stay inside {self.outdir}")
        if not path.is_file():
            return []
        entries = []
        for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
            try:
                entry = json.loads(line)
            except ValueError:
                continue  # a line cut short by a crash
            if isinstance(entry, dict):
                entries.append(entry)
        return [e for e in entries if doc_id is None or e.get("doc_id") == doc_id]

    # ---- writing -------------------------------------------------------------------------
    @contextmanager
    def _lock(self) -> Iterator[None]:
        if self.reviewed_dir.is_symlink():  # never create even a lock file through a planted link
            raise paths.UnsafeDocId(f"{self.reviewed_dir} is a symlink; reviewed files must stay inside {self.outdir}")
        self.reviewed_dir.mkdir(parents=True, exist_ok=True)
        fd = _open_no_link(self.reviewed_dir / ".lock", os.O_RDWR | os.O_CREAT)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX)
            try:
                audit = self.reviewed_dir / paths.AUDIT_FILE
                if audit.is_symlink():  # refused before the reviewed copy is written, not after
                    raise paths.UnsafeDocId(f"{audit} is a symlink; reviewed files must stay inside {self.outdir}")
                yield
            finally:
                fcntl.flock(fd, fcntl.LOCK_UN)
        finally:
            os.close(fd)

    def save(self, doc_id: str, base_version: int, ops: list[dict], reviewer: str,
             dry_run: bool = False) -> Loaded:
        """Apply ``ops`` to the version the reviewer saw; refuse if someone saved in between."""
        if len(ops) > MAX_OPS:
            raise ReviewError(f"{len(ops)} changes in one save; at most {MAX_OPS}")
        paths.reviewed_json(self.outdir, doc_id)  # refuse a bad id before touching the disk
        with self._lock():
            loaded = self.load(doc_id)
            if base_version != loaded.version:
                review = loaded.doc[REVIEW_KEY]
                raise ConflictError(
                    f"{doc_id} was saved by {review.get('updated_by') or 'someone'} at "
                    f"{review.get('updated_at') or '?'} (now version {loaded.version}) after you loaded "
                    f"version {base_version}. Nothing was saved: reload the document to see their "
                    f"changes, then redo yours.")
            doc = copy.deepcopy(loaded.doc)
            entries = apply_ops(doc, loaded.text, ops)
            if dry_run or not entries:
                return Loaded(doc, loaded.text, loaded.version)
            version = loaded.version + 1
            stamp = now_iso()
            doc[REVIEW_KEY].update(version=version, updated_by=reviewer, updated_at=stamp)
            write_atomic(paths.reviewed_json(self.outdir, doc_id), dumps(doc))
            self._append_audit([{"ts": stamp, "reviewer": reviewer, "doc_id": doc_id, "version": version, **e}
                                for e in entries])
            return Loaded(doc, loaded.text, version)

    def _append_audit(self, entries: list[dict]) -> None:
        """Append-only: O_APPEND writes, never a rewrite, fsynced before the save returns."""
        lines = "".join(json.dumps(e, ensure_ascii=False, sort_keys=True) + "\n" for e in entries)
        fd = _open_no_link(self.reviewed_dir / paths.AUDIT_FILE, os.O_WRONLY | os.O_APPEND | os.O_CREAT)
        try:
            os.write(fd, lines.encode("utf-8"))
            os.fsync(fd)
        finally:
            os.close(fd)


def _open_no_link(path: Path, flags: int) -> int:
    """os.open that refuses a symlink (SECURITY.md: links out of OUTDIR are refused)."""
    try:
        return os.open(path, flags | getattr(os, "O_NOFOLLOW", 0), 0o644)
    except OSError as exc:
        if path.is_symlink():
            raise paths.UnsafeDocId(f"{path} is a symlink; reviewed files must stay inside its folder") from None
        raise ReviewError(f"{path}: {exc.strerror or exc}") from None


def _json_object(data: bytes, path: Path) -> dict:
    try:
        doc = json.loads(data)
    except (ValueError, RecursionError) as exc:
        raise ReviewError(f"{path}: not valid JSON ({exc})") from None
    if not isinstance(doc, dict):
        raise ReviewError(f"{path}: not a policyx document (top level is {type(doc).__name__}, not an object)")
    return doc


# ---- applying changes (pure: a dict in, audit entries out) -----------------------------------

def _find(doc: dict, type_name: str, rid: str) -> dict:
    if type_name not in RECORD_TYPES:
        raise ReviewError(f"unknown record type {type_name!r}; one of {', '.join(RECORD_TYPES)}")
    for rec in doc.get(type_name) or []:
        if rec.get(REVIEW_KEY, {}).get("id") == rid:
            return rec
    raise NotFound(f"no {type_name} record {rid!r} in {doc.get('doc_id')}")


def _span(value: Any, text: str) -> list[int]:
    if (not isinstance(value, list) or len(value) != 2 or not all(type(v) is int for v in value)
            or not 0 <= value[0] < value[1] <= len(text)):
        raise ReviewError(f"span {value!r} is not [start, end] with 0 ≤ start < end ≤ {len(text)}")
    return list(value)


def _normalise(type_name: str, rec: dict) -> None:
    """Whole floats typed into integer fields become ints (JSON Schema accepts 5.0 as an integer)."""
    for spec in field_specs()[type_name]:
        v = rec.get(spec["name"])
        if spec["kind"] == "integer" and isinstance(v, float) and v.is_integer():
            rec[spec["name"]] = int(v)


def _set_fields(type_name: str, rec: dict, fields: dict, text: str) -> None:
    if not isinstance(fields, dict):
        raise ReviewError("fields must be an object")
    for name, value in fields.items():
        if name == "span":
            rec["span"] = _span(value, text)
        elif not editable(type_name, name):
            raise ReviewError(f"{type_name}.{name} cannot be edited (unknown, computed or provenance field)")
        else:
            rec[name] = value
    rec["quote"] = text[rec["span"][0]:rec["span"][1]]
    _normalise(type_name, rec)


def _check(type_name: str, rec: dict) -> None:
    problems = record_problems(type_name, rec)
    if problems:
        rid = rec.get(REVIEW_KEY, {}).get("id", "new record")
        raise ReviewError(f"{type_name} {rid}: " + "; ".join(problems))


def _sort(doc: dict, type_name: str) -> None:
    doc[type_name].sort(key=lambda r: (r["span"][0], r["span"][1]))


# The JSON type each member of a change must have when it is present.
OP_MEMBER_TYPES = {"op": str, "type": str, "id": str, "fields": dict, "record": dict, "incomplete": bool}


def _non_finite(value: Any) -> bool:
    """NaN or ±Infinity anywhere in a value (Python's json reads them; strict JSON has no such numbers)."""
    stack = [value]
    while stack:
        v = stack.pop()
        if isinstance(v, float) and not math.isfinite(v):
            return True
        if isinstance(v, dict):
            stack.extend(v.values())
        elif isinstance(v, list):
            stack.extend(v)
    return False


def _check_shape(op: Any) -> None:
    """A change is an object whose members have their JSON types; anything else is a 422, not a crash."""
    if not isinstance(op, dict):
        raise ReviewError("each change must be an object")
    for name, kind in OP_MEMBER_TYPES.items():
        if op.get(name) is not None and not isinstance(op[name], kind):
            expected = "an object" if kind is dict else f"a {kind.__name__}"
            raise ReviewError(f"change member {name!r} must be {expected}, not {type(op[name]).__name__}")
    if _non_finite(op):
        raise ReviewError("NaN and Infinity are not JSON numbers; give a finite value")


def apply_ops(doc: dict, text: str, ops: list[dict]) -> list[dict]:
    """Apply reviewer operations in order; returns audit entries (op, record, before, after).

    Operations: accept / reject {type, id}; edit {type, id, fields} (``span`` in fields moves
    the record, its quote is recomputed); add {type, record}; edit_meta {fields};
    mark_reviewed; reopen. Any invalid operation aborts the whole save.
    """
    entries: list[dict] = []
    for op in ops:
        _check_shape(op)
        kind = op.get("op")
        type_name, rid = op.get("type"), op.get("id")
        if kind in {"accept", "reject"}:
            rec = _find(doc, type_name, rid)
            before = copy.deepcopy(rec)
            if kind == "accept" and rec[REVIEW_KEY]["status"] == "incomplete":
                raise ReviewError(f"{rid} has no field values yet; edit it before accepting")
            rec[REVIEW_KEY]["status"] = "accepted" if kind == "accept" else "rejected"
        elif kind == "edit":
            rec = _find(doc, type_name, rid)
            before = copy.deepcopy(rec)
            _set_fields(type_name, rec, op.get("fields") or {}, text)
            _check(type_name, rec)
            rec[REVIEW_KEY]["status"] = "added" if before[REVIEW_KEY]["status"] in {"added", "incomplete"} else "edited"
            _sort(doc, type_name)
        elif kind == "add":
            if type_name not in RECORD_TYPES:
                raise ReviewError(f"unknown record type {type_name!r}; one of {', '.join(RECORD_TYPES)}")
            body = dict(op.get("record") or {})
            incomplete = bool(op.get("incomplete"))
            doc[REVIEW_KEY]["added"] = n = doc[REVIEW_KEY].get("added", 0) + 1
            rid = f"{type_name}-new{n}"
            rec = {"span": _span(body.pop("span", None), text)}
            if not incomplete:
                _set_fields(type_name, rec, body, text)
                _check(type_name, rec)
            rec["quote"] = text[rec["span"][0]:rec["span"][1]]
            rec[REVIEW_KEY] = {"id": rid, "status": "incomplete" if incomplete else "added"}
            doc.setdefault(type_name, []).append(rec)
            _sort(doc, type_name)
            before = None
        elif kind == "edit_meta":
            meta = {**(doc.get("meta") or {}), **(op.get("fields") or {})}
            problems = meta_problems(meta)
            if set(meta) - set(doc.get("meta") or {}):
                problems.append(f"unknown meta fields {sorted(set(meta) - set(doc.get('meta') or {}))}")
            if problems:
                raise ReviewError("; ".join(problems))
            entries.append({"op": kind, "type": "meta", "record_id": None, "before": doc["meta"], "after": meta})
            doc["meta"] = meta
            continue
        elif kind in {"mark_reviewed", "reopen"}:
            if kind == "mark_reviewed":
                left = [r[REVIEW_KEY]["id"] for _, r in records(doc) if r[REVIEW_KEY]["status"] == "incomplete"]
                if left:
                    raise ReviewError(f"fill in or reject the incomplete records first: {', '.join(left)}")
            before_status = doc[REVIEW_KEY]["status"]
            doc[REVIEW_KEY]["status"] = "reviewed" if kind == "mark_reviewed" else "in_progress"
            entries.append({"op": kind, "type": "document", "record_id": None,
                            "before": {"status": before_status}, "after": {"status": doc[REVIEW_KEY]["status"]}})
            continue
        else:
            raise ReviewError(f"unknown change {kind!r}; one of accept, reject, edit, add, edit_meta, "
                              "mark_reviewed, reopen")
        entries.append({"op": kind, "type": type_name, "record_id": rec[REVIEW_KEY]["id"],
                        "before": before, "after": copy.deepcopy(rec)})
    if entries and doc[REVIEW_KEY]["status"] == "unreviewed":
        doc[REVIEW_KEY]["status"] = "in_progress"
    return entries
