"""A PDF page as a PNG with the records printed on it boxed: for the HTML report and the review app.

Records from PDFs carry ``page`` and ``bbox`` (``pipeline.provenance``). The page is rendered with
pypdfium2 (installed with ``policyx[ocr]``); without it, or without the PDF, there is no image and
the report simply leaves the pages out.
"""

from __future__ import annotations

import base64
import io
import json
from collections.abc import Iterator
from pathlib import Path

from pipeline.models import RECORD_TYPES

DPI = 96
# Outline colours per record type (darker than the report's highlight colours, to show on paper) are
# declared with the type (RecordType.outline); this view serves importers of the old name.
OUTLINES = {t: rt.outline for t, rt in RECORD_TYPES.items()}


def record_boxes(doc: dict, page: int) -> Iterator[tuple[str, list[float]]]:
    """(record type, [x0, top, x1, bottom]) of every box printed on ``page``."""
    for rtype in RECORD_TYPES:
        for rec in doc.get(rtype) or []:
            bbox = rec.get("bbox")
            if not bbox or rec.get("page") is None:
                continue
            for box in bbox if isinstance(bbox[0], list) else [bbox]:
                on = box[4] if len(box) > 4 else rec["page"]
                if on == page:
                    yield rtype, box[:4]


def pages_with_records(doc: dict) -> list[int]:
    pages = {rec["page"] for t in RECORD_TYPES for rec in doc.get(t) or [] if rec.get("page")}
    return sorted(pages)


def page_png(pdf: Path, page: int, doc: dict, dpi: int = DPI) -> bytes | None:
    """Page ``page`` (1-based) of ``pdf`` with ``doc``'s records on it outlined; None when the page
    cannot be rendered (pypdfium2 missing, file gone, no such page)."""
    try:
        import pypdfium2
        from PIL import ImageDraw
    except ImportError:
        return None
    try:
        document = pypdfium2.PdfDocument(str(pdf))
    except (pypdfium2.PdfiumError, OSError):
        return None
    try:
        if not 1 <= page <= len(document):
            return None
        scale = dpi / 72
        image = document[page - 1].render(scale=scale).to_pil().convert("RGB")
    finally:
        document.close()
    draw = ImageDraw.Draw(image)
    for rtype, (x0, top, x1, bottom) in record_boxes(doc, page):
        draw.rectangle([x0 * scale - 2, top * scale - 2, x1 * scale + 2, bottom * scale + 2],
                       outline=RECORD_TYPES[rtype].outline, width=2)
    out = io.BytesIO()
    image.save(out, "PNG", optimize=True)
    return out.getvalue()


def source_pdf(outdir: Path, doc: dict) -> Path | None:
    """The PDF a document in ``outdir`` was read from, as its manifest names it (if still there)."""
    if (doc.get("source") or {}).get("format") != "pdf":
        return None
    try:
        manifest = json.loads((outdir / "manifest.json").read_text(encoding="utf-8"))
        path = Path(manifest["documents"][doc["doc_id"]]["file"])
    except (OSError, ValueError, KeyError, TypeError):
        return None
    return path if path.is_file() else None


def page_data_uris(pdf: Path | None, doc: dict) -> dict[int, str]:
    """page → data: URI of its PNG, for every page that has records."""
    if pdf is None:
        return {}
    out = {}
    for page in pages_with_records(doc):
        png = page_png(pdf, page, doc)
        if png:
            out[page] = "data:image/png;base64," + base64.b64encode(png).decode("ascii")
    return out
