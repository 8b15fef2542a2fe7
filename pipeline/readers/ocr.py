"""OCR for PDF pages without a usable text layer (scans, garbled fonts): the optional ``policyx[ocr]``.

Engine: RapidOCR on onnxruntime (``rapidocr-onnxruntime``), whose wheel ships PP-OCRv4 Chinese
detection and recognition models, so nothing is downloaded at run time. Pages are rendered with
pypdfium2. The choice and its measurements (character accuracy, pages per second, against
Tesseract's chi_sim) are in docs/DECISIONS.md.

The engine gives text lines as quadrilaterals in image pixels. This module turns them into the
``Line``s that ``pipeline.readers.pdf`` builds from a text layer, in PDF points, so a scanned page
goes through the same running-header removal, paragraph re-joining and source-text contract:

1. the page's skew is the median slope of the wide text boxes; every box is rotated back by it;
2. boxes on one visual line (vertical overlap) are merged left to right: a gap wider than
   ``CELL_GAP_EM`` separates table cells and becomes a tab, a smaller one is a word space for
   Latin text and nothing between Chinese characters;
3. each character gets an x extent by sharing the box's width (full-width 1, ASCII ½), which is
   what a record's bbox narrows to.
"""

from __future__ import annotations

import logging
import math
import statistics
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cache
from typing import Any

log = logging.getLogger("policyx.ocr")

INSTALL_HINT = "OCR needed (pip install 'policyx[ocr]')"
# Pages are rendered at this resolution: PP-OCR reads 12 pt body text at 150 dpi with 99.7 %
# character accuracy (docs/DECISIONS.md); detection cost grows with the pixel count.
RENDER_DPI = 150
# Recognised text below this confidence is dropped (stamps, seals, specks).
MIN_SCORE = 0.5
# Only boxes this many times wider than tall measure the page's skew.
SKEW_MIN_ASPECT = 4.0
# Two boxes share a visual line when their vertical extents overlap by this share of the smaller one.
SAME_LINE_OVERLAP = 0.5
# A horizontal gap this many ems wide between two boxes of one line separates table cells (a tab).
CELL_GAP_EM = 1.5
# A gap this many ems wide between Latin words is a space.
WORD_SPACE_EM = 0.2


class OcrUnavailable(Exception):
    """The OCR extra is not installed."""


class RenderError(Exception):
    """pdfium could not open or render a page."""


@dataclass(frozen=True, slots=True)
class OcrLine:
    """One visual line read by OCR, in PDF points (origin top-left)."""

    text: str
    x0: float
    top: float
    x1: float
    bottom: float
    size: float  # estimated font size (the width of a full-width character)
    edges: tuple[tuple[float, float], ...]


def available() -> bool:
    try:
        _modules()
    except OcrUnavailable:
        return False
    return True


def _modules() -> tuple[Any, Any]:
    try:
        import pypdfium2
        from rapidocr_onnxruntime import RapidOCR
    except ImportError as exc:
        raise OcrUnavailable(f"{exc.name or 'rapidocr_onnxruntime'} is not installed") from None
    return pypdfium2, RapidOCR


@cache
def engine() -> Any:
    """The OCR engine, loaded once per process (about half a second: three ONNX models)."""
    _, rapid_ocr = _modules()
    # No direction classifier: it only turns lines printed upside down, which plans do not have,
    # and it costs a pass over every line.
    return rapid_ocr(use_cls=False)


def char_weight(ch: str) -> float:
    return 0.5 if ord(ch) < 0x2E80 else 1.0


def _rotate(x: float, y: float, cx: float, cy: float, cos: float, sin: float) -> tuple[float, float]:
    dx, dy = x - cx, y - cy
    return cx + dx * cos - dy * sin, cy + dx * sin + dy * cos


def skew(quads: list[list[list[float]]]) -> float:
    """The page's rotation (radians, positive clockwise in image coordinates) from its wide boxes."""
    angles = []
    for quad in quads:
        (x0, y0), (x1, y1) = quad[0], quad[1]
        width = math.hypot(x1 - x0, y1 - y0)
        height = math.hypot(quad[3][0] - x0, quad[3][1] - y0)
        if height > 0 and width >= SKEW_MIN_ASPECT * height:
            angles.append(math.atan2(y1 - y0, x1 - x0))
    return statistics.median(angles) if angles else 0.0


@dataclass(slots=True)
class _Box:
    text: str
    x0: float
    top: float
    x1: float
    bottom: float

    @property
    def em(self) -> float:
        weight = sum(char_weight(c) for c in self.text) or 1.0
        return (self.x1 - self.x0) / weight


def upright_boxes(raw: list[tuple[list[list[float]], str, float]], width: float, height: float,
                  scale: float) -> list[_Box]:
    """Engine output (pixel quads) → axis-aligned boxes in PDF points with the skew taken out."""
    kept = [(quad, text.strip()) for quad, text, score in raw if float(score) >= MIN_SCORE and text.strip()]
    angle = skew([quad for quad, _ in kept])
    cos, sin = math.cos(-angle), math.sin(-angle)
    cx, cy = width * scale / 2, height * scale / 2
    boxes = []
    for quad, text in kept:
        points = [_rotate(float(x), float(y), cx, cy, cos, sin) for x, y in quad]
        xs, ys = [p[0] for p in points], [p[1] for p in points]
        boxes.append(_Box(text, min(xs) / scale, min(ys) / scale, max(xs) / scale, max(ys) / scale))
    return boxes


def _same_line(line: list[_Box], box: _Box) -> bool:
    top = statistics.median(b.top for b in line)
    bottom = statistics.median(b.bottom for b in line)
    overlap = min(bottom, box.bottom) - max(top, box.top)
    return overlap >= SAME_LINE_OVERLAP * min(bottom - top, box.bottom - box.top)


def group_lines(boxes: list[_Box]) -> list[list[_Box]]:
    """Boxes → visual lines (top to bottom), each left to right."""
    lines: list[list[_Box]] = []
    for box in sorted(boxes, key=lambda b: (b.top + b.bottom) / 2):
        # A line is open while boxes still overlap it; recent lines only (boxes come sorted by centre).
        for line in reversed(lines[-3:]):
            if _same_line(line, box):
                line.append(box)
                break
        else:
            lines.append([box])
    return [sorted(line, key=lambda b: b.x0) for line in lines]


def _edges(box: _Box) -> list[tuple[float, float]]:
    em = box.em
    x = box.x0
    out = []
    for ch in box.text:
        w = char_weight(ch) * em
        out.append((x, x + w))
        x += w
    return out


def to_line(boxes: list[_Box]) -> OcrLine:
    """One visual line's boxes joined into text with each character's extent."""
    size = statistics.median(b.em for b in boxes)
    text = ""
    edges: list[tuple[float, float]] = []
    for box in boxes:
        if text:
            gap = box.x0 - edges[-1][1]
            if gap >= CELL_GAP_EM * size:
                sep = "\t"
            elif text[-1].isascii() and text[-1].isalnum() and box.text[0].isascii() and box.text[0].isalnum():
                sep = " " if gap >= WORD_SPACE_EM * size else ""
            else:
                sep = ""
            if sep:
                text += sep
                edges.append((edges[-1][1], box.x0))
        text += box.text
        edges.extend(_edges(box))
    return OcrLine(
        text=text,
        x0=boxes[0].x0,
        top=min(b.top for b in boxes),
        x1=boxes[-1].x1,
        bottom=max(b.bottom for b in boxes),
        size=round(size * 2) / 2,
        edges=tuple(edges),
    )


def read_image(image: Any, width: float, height: float, scale: float) -> list[OcrLine]:
    """OCR one rendered page (a PIL image or numpy array) → its lines in PDF points."""
    import numpy

    raw, _ = engine()(numpy.asarray(image))
    boxes = upright_boxes(raw or [], width, height, scale)
    return [to_line(line) for line in group_lines(boxes)]


def show_progress() -> None:
    """Print each OCR'd page on stderr (``policyx extract`` on a terminal): a long scan takes minutes."""
    if not any(getattr(h, "policyx_progress", False) for h in log.handlers):
        handler = logging.StreamHandler()
        handler.setFormatter(logging.Formatter("policyx: %(message)s"))
        handler.policyx_progress = True  # type: ignore[attr-defined]
        log.addHandler(handler)
        log.setLevel(logging.INFO)


def ocr_pages(data: bytes, numbers: list[int], progress: Callable[[int, int, int, float], None] | None = None,
              label: str = "") -> Iterator[tuple[int, float, list[OcrLine]]]:
    """OCR the given 1-based pages of a PDF: yields (page number, page height in pt, lines).

    ``progress(done, total, page, seconds)`` is called after each page. Raises OcrUnavailable when
    the extra is not installed.
    """
    pdfium, _ = _modules()
    scale = RENDER_DPI / 72
    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        raise RenderError(str(exc)) from None
    try:
        for done, number in enumerate(numbers, start=1):
            started = time.perf_counter()
            try:
                page = pdf[number - 1]
                try:
                    width, height = page.get_size()
                    image = page.render(scale=scale, grayscale=True).to_pil()
                finally:
                    page.close()
            except pdfium.PdfiumError as exc:
                raise RenderError(f"page {number}: {exc}") from None
            lines = read_image(image, width, height, scale)
            seconds = time.perf_counter() - started
            log.info("%sOCR page %d (%d/%d): %d lines in %.1f s", f"{label}: " if label else "", number, done,
                     len(numbers), len(lines), seconds)
            if progress:
                progress(done, len(numbers), number, seconds)
            yield number, float(height), lines
    finally:
        pdf.close()
