"""DocumentResult ↔ dict, and atomic file writes (temp file + os.replace).

Output is deterministic: records sorted by span, keys in a fixed order, ``ensure_ascii=False``,
no timestamps, so the same input gives byte-identical files.
"""

from __future__ import annotations

import dataclasses
import json
import os
import tempfile
from enum import Enum
from pathlib import Path
from typing import Any

from pipeline.models import RECORD_TYPES, SCHEMA_VERSION, DocumentResult
from pipeline.structure import Structure


def to_plain(value: Any) -> Any:
    """Dataclasses, enums and tuples → JSON-ready dicts, strings and lists."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: to_plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, (list, tuple)):
        return [to_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: to_plain(v) for k, v in value.items()}
    return value


def structure_to_dicts(doc: Structure) -> tuple[list[dict], list[dict], list[dict]]:
    """Sections, tables and boxes as they appear in the output file (source spans only)."""
    sections = [
        {"level": s.level, "number": s.number, "title": s.title, "span": list(s.span),
         "end": doc.to_source(s.body_end, s.body_end)[0], "parent": s.parent}
        for s in doc.sections
    ]
    tables = [
        {
            "caption": t.caption,
            "caption_span": list(t.caption_span) if t.caption_span else None,
            "kind": t.kind,
            "layout": t.layout,
            "span": list(t.span),
            "rows": [[{"text": c.text, "span": list(c.span)} for c in row] for row in t.rows],
        }
        for t in doc.tables
    ]
    boxes = [{"title": b.title, "span": list(b.span)} for b in doc.boxes]
    return sections, tables, boxes


def without_missing_location(record: dict) -> dict:
    """``page`` and ``bbox`` appear only where the source has pages (PDF)."""
    if record.get("page") is None:
        record.pop("page", None)
        record.pop("bbox", None)
    return record


def result_to_dict(result: DocumentResult) -> dict:
    out: dict[str, Any] = {
        "schema_version": SCHEMA_VERSION,
        "doc_id": result.doc_id,
        "source": to_plain(result.source),
        "meta": to_plain(result.meta),
    }
    for name in RECORD_TYPES:
        records = sorted(getattr(result, name), key=lambda r: (r.span[0], r.span[1]))
        out[name] = [without_missing_location(to_plain(r)) for r in records]
    out["sections"] = result.sections
    out["tables"] = result.tables
    out["boxes"] = result.boxes
    out["warnings"] = list(result.warnings)
    return out


def dumps(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def _umask_by_swapping() -> int:
    umask = os.umask(0)
    os.umask(umask)
    return umask


# Swapping the umask is not thread-safe (the review app writes from threads), so it is done once at
# import; /proc tells the current umask without touching it where Linux offers it.
_IMPORT_UMASK = _umask_by_swapping()


def file_mode() -> int:
    """0666 less the umask in force now: what ``open`` would give a new file."""
    try:
        with open("/proc/self/status", encoding="ascii") as fh:
            umask = next(int(line.split()[1], 8) for line in fh if line.startswith("Umask:"))
    except (OSError, StopIteration, ValueError):
        umask = _IMPORT_UMASK
    return 0o666 & ~umask


def write_atomic(path: str | Path, text: str, durable: bool = False) -> None:
    """Write via a temp file in the same folder and os.replace: readers never see half a file.

    The rename alone survives a killed process; ``durable`` also fsyncs the data, which a power
    cut needs but which costs milliseconds a file, so batch outputs skip it and the manifest
    (whose journal says what is done) pays it.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    # The temp name is the target's beginning: a long target name must not make it pass 255 bytes.
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name[:60]}.", suffix=".tmp", dir=path.parent)
    try:
        os.chmod(tmp, file_mode())  # mkstemp makes 0600; outputs are shared like any file the user writes
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
            fh.write(text)
            if durable:
                fh.flush()
                os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_json(path: str | Path, data: Any, durable: bool = False) -> None:
    write_atomic(path, dumps(data), durable)
