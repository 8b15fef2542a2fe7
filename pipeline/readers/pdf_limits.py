"""An expansion limit for PDF streams, like the zip limits of a .docx.

pdfium inflates every FlateDecode stream it reads with no bound of its own, so a 3 MB PDF whose
content stream is a deflated run of zeros inflates to 3 GB. ``check_streams(path, data)`` runs
before pdfium opens the file: every deflated stream in the file's bytes is inflated in bounded steps
(the output is counted and dropped), and the file is refused with an IngestError once their total
passes ``MAX_EXPANDED_BYTES``, before pdfium allocates anything.

Streams never sit inside object streams, so a scan of the raw bytes finds them all. Data that is not
a zlib stream (other filters, images) is skipped, and so are an encrypted file's streams, which do
not inflate before decryption: a known gap.

(pdfminer, which read the text layer before pdfium did, had a per-thread stand-in for its ``zlib``
here; no reader runs pdfminer any more, so it is gone.)
"""

from __future__ import annotations

import re
import zlib
from pathlib import Path

from pipeline.errors import IngestError

# What all streams of one PDF may inflate to together: the .docx limit.
MAX_EXPANDED_BYTES = 200 * 1024 * 1024
# The keyword that opens a stream's data ("endstream" is not one).
STREAM_START = re.compile(rb"(?<!end)stream\r?\n")
# Inflated in steps of this many bytes, so a bomb never allocates more than one step at a time.
STEP_BYTES = 4 * 1024 * 1024


def check_streams(path: Path, data: bytes, limit: int | None = None) -> None:
    """Refuse ``data`` when its deflated streams together inflate past ``limit`` bytes (default
    ``MAX_EXPANDED_BYTES``)."""
    limit = MAX_EXPANDED_BYTES if limit is None else limit
    left = limit
    view = memoryview(data)
    for match in STREAM_START.finditer(data):
        inflater = zlib.decompressobj()
        chunk: bytes | memoryview = view[match.end():]
        try:
            while chunk and not inflater.eof:
                out = inflater.decompress(chunk, STEP_BYTES)
                left -= len(out)
                if left < 0:
                    raise IngestError(path, f"has streams that would expand past the {limit}-byte limit "
                                            "(a decompression bomb?)")
                chunk = inflater.unconsumed_tail
                if not out and not chunk:
                    break
        except zlib.error:
            continue
