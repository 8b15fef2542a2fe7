"""DocumentResult and Structure → the dicts of the output file (spec §2).

Output is deterministic: records sorted by span, keys in a fixed order, no timestamps, so the same
input gives byte-identical files once ``pipeline.output`` writes them. Each record converts through
its declaration (``RecordType.to_dict`` / ``from_dict`` in ``pipeline.models``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from pipeline.models import RECORD_TYPES, SCHEMA_VERSION, DocumentResult, to_plain

if TYPE_CHECKING:
    from pipeline.structure import Structure


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


def result_to_dict(result: DocumentResult) -> dict:
    out: dict[str, Any] = {
        "schema_version": SCHEMA_VERSION,
        "doc_id": result.doc_id,
        "source": to_plain(result.source),
        "meta": to_plain(result.meta),
    }
    for name, rtype in RECORD_TYPES.items():
        records = sorted(getattr(result, name), key=lambda r: (r.span[0], r.span[1]))
        out[name] = [rtype.to_dict(r) for r in records]
    out["sections"] = result.sections
    out["tables"] = result.tables
    out["boxes"] = result.boxes
    out["warnings"] = list(result.warnings)
    return out
