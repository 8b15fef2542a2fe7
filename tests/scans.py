"""Scanned PDFs for tests: a text PDF rendered to page images (optionally rotated and blurred) and
saved as an image-only PDF, as a scanner would; and the key-field F1 between two record sets."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from pipeline.evaluate import norm_text
from pipeline.models import RECORD_TYPES


def build_scan(text_pdf: Path, path: Path, *, dpi: int = 150, angle: float = 0.0, blur: float = 0.0,
               pages: int | None = None) -> Path:
    """``text_pdf``'s pages as greyscale images (no text layer), each rotated by ``angle`` degrees
    and blurred with a Gaussian of ``blur`` pixels, saved as one PDF at ``dpi``."""
    import pypdfium2
    from PIL import ImageFilter

    pdf = pypdfium2.PdfDocument(str(text_pdf))
    images = []
    for i in range(len(pdf) if pages is None else min(pages, len(pdf))):
        image = pdf[i].render(scale=dpi / 72, grayscale=True).to_pil().convert("L")
        if angle:
            image = image.rotate(angle, fillcolor=255, resample=3)  # bicubic
        if blur:
            image = image.filter(ImageFilter.GaussianBlur(blur))
        images.append(image)
    pdf.close()
    images[0].save(path, "PDF", resolution=dpi, save_all=True, append_images=images[1:])
    return path


def _plain(value):
    if isinstance(value, str):
        return norm_text(value)
    if isinstance(value, (list, tuple)):
        return tuple(sorted(_plain(v) for v in value))
    if isinstance(value, dict):
        return tuple((k, _plain(v)) for k, v in sorted(value.items()))
    if hasattr(value, "value") and not isinstance(value, (int, float)):
        return value.value  # enums
    return value


def key_of(rtype: str, record: dict) -> tuple:
    out = []
    subfields = {k: v for rt in RECORD_TYPES.values() for k, v in rt.subfields.items()}
    for name in RECORD_TYPES[rtype].key_fields:
        value = record.get(name)
        if name in subfields and isinstance(value, dict):
            value = {k: value.get(k) for k in subfields[name]}
        out.append(_plain(value))
    return tuple(out)


def key_field_f1(expected: dict, got: dict) -> dict[str, float]:
    """F1 per record type (and "all") of records matched by their key fields (spec §3), as a multiset."""
    scores: dict[str, float] = {}
    total = Counter()
    for rtype in RECORD_TYPES:
        want = Counter(key_of(rtype, r) for r in expected.get(rtype, []))
        have = Counter(key_of(rtype, r) for r in got.get(rtype, []))
        tp = sum((want & have).values())
        total.update(tp=tp, want=sum(want.values()), have=sum(have.values()))
        scores[rtype] = _f1(tp, sum(want.values()), sum(have.values()))
    scores["all"] = _f1(total["tp"], total["want"], total["have"])
    return scores


def _f1(tp: int, n_want: int, n_have: int) -> float:
    if n_want == 0 and n_have == 0:
        return 1.0
    return 2 * tp / (n_want + n_have)


def has_cjk_font() -> bool:
    """pdfium renders the test PDFs' unembedded STSong-Light with a system CJK font (.ci/run installs
    fonts-noto-cjk); without one the page images are blank and there is nothing to OCR."""
    return any(Path(folder).is_dir() and any(Path(folder).rglob("*CJK*")) for folder in ("/usr/share/fonts",))


needs_cjk_font = pytest.mark.skipif(not has_cjk_font(), reason="no CJK system font to render pages")
