"""An expansion limit for PDF streams, like the zip limits of a .docx.

pdfminer inflates every FlateDecode stream it reads with ``zlib.decompress`` and no bound, so a
3 MB PDF whose content stream is a deflated run of zeros inflates to 3 GB. Inside ``budget(path)``,
pdfminer's ``zlib`` is a stand-in that inflates at most ``MAX_EXPANDED_BYTES`` in total for the
document and raises an IngestError past it, before the memory is allocated. Outside a budget (or in
another thread) it is plain zlib.
"""

from __future__ import annotations

import threading
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pdfminer.pdftypes

from pipeline.errors import IngestError

# What all streams of one PDF may inflate to together: the .docx limit.
MAX_EXPANDED_BYTES = 200 * 1024 * 1024

_state = threading.local()


class _Budget:
    def __init__(self, path: Path, limit: int):
        self.path = path
        self.left = limit
        self.limit = limit

    def take(self, n: int) -> None:
        self.left -= n
        if self.left < 0:
            raise IngestError(self.path, f"has streams that would expand past the {self.limit}-byte limit "
                                         "(a decompression bomb?)")


def _budget() -> _Budget | None:
    return getattr(_state, "budget", None)


class _BoundedDecompressor:
    def __init__(self, inner: Any, budget: _Budget):
        self.inner = inner
        self.budget = budget

    def decompress(self, data: bytes, max_length: int = 0) -> bytes:
        cap = self.budget.left + 1 if max_length <= 0 else min(max_length, self.budget.left + 1)
        out = self.inner.decompress(data, max(cap, 1))
        self.budget.take(len(out))
        return out

    def flush(self, *args: Any) -> bytes:
        out = self.inner.flush(*args)
        self.budget.take(len(out))
        return out

    def __getattr__(self, name: str) -> Any:
        return getattr(self.inner, name)


class _BoundedZlib:
    """The part of the zlib module pdfminer uses, bounded by the current thread's budget."""

    error = zlib.error

    @staticmethod
    def decompressobj(*args: Any, **kwargs: Any) -> Any:
        inner = zlib.decompressobj(*args, **kwargs)
        budget = _budget()
        return inner if budget is None else _BoundedDecompressor(inner, budget)

    @staticmethod
    def decompress(data: bytes, *args: Any, **kwargs: Any) -> bytes:
        budget = _budget()
        if budget is None:
            return zlib.decompress(data, *args, **kwargs)
        d = _BoundedDecompressor(zlib.decompressobj(*args, **kwargs), budget)
        out = d.decompress(data)
        if d.inner.unconsumed_tail:  # stopped at the budget: the next call raises
            d.budget.take(1)
        if not d.inner.eof:
            raise zlib.error("incomplete or truncated stream")  # as zlib.decompress would
        return out

    def __getattr__(self, name: str) -> Any:
        return getattr(zlib, name)


pdfminer.pdftypes.zlib = _BoundedZlib()  # type: ignore[assignment]


@contextmanager
def budget(path: Path, limit: int | None = None) -> Iterator[None]:
    """Streams read by pdfminer in this thread inflate to at most ``limit`` bytes in total
    (default ``MAX_EXPANDED_BYTES``)."""
    previous = _budget()
    _state.budget = _Budget(path, MAX_EXPANDED_BYTES if limit is None else limit)
    try:
        yield
    finally:
        _state.budget = previous
