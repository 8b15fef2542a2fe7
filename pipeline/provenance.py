"""Page provenance: where on which page a record's quote is printed (PDF sources only).

A reader that knows page geometry (``pipeline.readers.pdf``, text layer or OCR) hands back
``TextBox``es: stretches of source text with the box they are printed in. A record's span is mapped
to the boxes it overlaps; each box is narrowed to the quote's own characters where the reader knows
character edges, and boxes on one visual line merge. The result goes on the record as

- ``page``: the 1-based page the quote starts on;
- ``bbox``: ``[x0, top, x1, bottom]`` in PDF points on that page (origin top-left, y downwards, as
  pdfplumber measures), or a list of such boxes when the quote crosses lines or pages. A box on a
  page other than ``page`` carries that page as a fifth element: ``[x0, top, x1, bottom, page]``.
"""

from __future__ import annotations

import bisect
import dataclasses
from collections.abc import Sequence

from pipeline.models import RECORD_TYPES, DocumentResult, Span
from pipeline.readers.layout import TextBox

Box = list[float]
# Two boxes whose vertical extents overlap by this share of the smaller one lie on one visual line.
SAME_LINE_OVERLAP = 0.5
DECIMALS = 1


def _narrowed(box: TextBox, start: int, end: int) -> tuple[float, float]:
    """The horizontal extent of ``[start, end)`` inside ``box``."""
    if not box.edges:
        return box.x0, box.x1
    first = max(start, box.start) - box.start
    last = min(end, box.end) - box.start - 1
    return box.edges[first][0], max(box.edges[first][1], box.edges[last][1])


def _same_line(a: tuple[int, float, float, float, float], b: tuple[int, float, float, float, float]) -> bool:
    if a[0] != b[0]:
        return False
    overlap = min(a[4], b[4]) - max(a[2], b[2])
    return overlap >= SAME_LINE_OVERLAP * min(a[4] - a[2], b[4] - b[2])


class Locator:
    """Span → (page, bbox) over one document's boxes (sorted by start, as readers build them)."""

    def __init__(self, boxes: Sequence[TextBox]):
        self.boxes = sorted(boxes, key=lambda b: (b.start, b.end))
        self.starts = [b.start for b in self.boxes]
        # The largest end among boxes[:i + 1]: boxes may nest (a table cell inside nothing else, but
        # be safe), so the scan back from a span's end stops once no earlier box can reach it.
        self.max_end: list[int] = []
        reach = -1
        for b in self.boxes:
            reach = max(reach, b.end)
            self.max_end.append(reach)

    def locate(self, span: Span) -> tuple[int, Box | list[Box]] | None:
        start, end = span
        if end <= start:
            end = start + 1
        hits: list[tuple[int, float, float, float, float]] = []
        i = bisect.bisect_left(self.starts, end) - 1
        found: list[TextBox] = []
        while i >= 0 and self.max_end[i] > start:
            box = self.boxes[i]
            if box.end > start and box.start < end:
                found.append(box)
            i -= 1
        for box in reversed(found):
            x0, x1 = _narrowed(box, start, end)
            hit = (box.page, x0, box.top, x1, box.bottom)
            if hits and _same_line(hits[-1], hit):
                p, a0, t, a1, b = hits[-1]
                hits[-1] = (p, min(a0, x0), min(t, box.top), max(a1, x1), max(b, box.bottom))
            else:
                hits.append(hit)
        if not hits:
            return None
        page = hits[0][0]
        boxes = [
            [round(v, DECIMALS) for v in h[1:]] + ([h[0]] if h[0] != page else [])
            for h in hits
        ]
        return page, boxes[0] if len(boxes) == 1 else boxes


def add_provenance(result: DocumentResult, boxes: Sequence[TextBox]) -> None:
    """Set ``page`` and ``bbox`` on every record whose span lies on a page the reader measured."""
    if not boxes:
        return
    locator = Locator(boxes)
    for name in RECORD_TYPES:
        located = []
        for rec in getattr(result, name):
            where = locator.locate(rec.span)
            located.append(dataclasses.replace(rec, page=where[0], bbox=where[1]) if where else rec)
        setattr(result, name, located)
