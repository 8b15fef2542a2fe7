"""Document ids → files inside OUTDIR, refusing anything that resolves elsewhere.

Document ids arrive from URLs and import files, so they are untrusted: ``../x``, ``/etc/passwd``
or a symlink planted in OUTDIR must never let the app read or write outside the folder it serves.
"""

from __future__ import annotations

from pathlib import Path

from pipeline.errors import PolicyxError

REVIEWED_DIR = "reviewed"
AUDIT_FILE = "audit.jsonl"


class UnsafeDocId(PolicyxError):
    """A document id that names no file directly inside OUTDIR."""

    status = 400  # the HTTP status the review app answers with, like ReviewError's


def check_doc_id(doc_id: str) -> str:
    """Reject ids that could address another folder before any path is built from them."""
    if (not doc_id or len(doc_id) > 255 or doc_id in {".", ".."} or doc_id.startswith(".")
            or any(c in doc_id for c in "/\\\x00") or any(ord(c) < 32 for c in doc_id)):
        raise UnsafeDocId(f"invalid document id {doc_id!r}: it must name a file directly inside OUTDIR")
    return doc_id


def inside(folder: Path, name: str) -> Path:
    """``folder/name`` after resolving symlinks, only if it is still directly inside ``folder``."""
    root = folder.resolve()
    path = (root / name).resolve()
    if path.parent != root:
        raise UnsafeDocId(f"{name!r} resolves to {path}, outside {root}")
    return path


def machine_json(outdir: Path, doc_id: str) -> Path:
    return inside(outdir, f"{check_doc_id(doc_id)}.json")


def source_txt(outdir: Path, doc_id: str) -> Path:
    return inside(outdir, f"{check_doc_id(doc_id)}.source.txt")


def reviewed_json(outdir: Path, doc_id: str) -> Path:
    folder = outdir / REVIEWED_DIR
    if folder.is_symlink():
        raise UnsafeDocId(f"{folder} is a symlink; reviewed files must stay inside {outdir}")
    return inside(folder, f"{check_doc_id(doc_id)}.json")
