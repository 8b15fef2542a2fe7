"""Plain text: UTF-8, else GB18030; the decoded text *is* the source text (spec §1)."""

from __future__ import annotations

import codecs
import unicodedata
from pathlib import Path

from pipeline.errors import IngestError
from pipeline.readers.layout import ReadResult

# A policy text has almost no control characters; more than this share means binary data.
MAX_CONTROL_SHARE = 0.01


def decode(data: bytes, path: Path) -> str:
    """Decode as the spec says: UTF-8 (BOM dropped), else GB18030; UTF-16 only with its BOM."""
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8) :]
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise IngestError(path, f"has a UTF-16 byte-order mark but is not valid UTF-16 ({exc.reason})") from None
    if b"\x00" in data:
        raise IngestError(path, "contains NUL bytes: binary data, not a text document")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("gb18030")
    except UnicodeDecodeError as exc:
        raise IngestError(
            path, f"is neither UTF-8 nor GB18030 text (invalid byte at offset {exc.start})"
        ) from None


def check_is_text(text: str, path: Path) -> None:
    if not text.strip():
        raise IngestError(path, "is empty (no text after decoding)")
    controls = sum(1 for ch in text if unicodedata.category(ch) == "Cc" and ch not in "\t\n\r\f\v")
    if controls > MAX_CONTROL_SHARE * len(text):
        raise IngestError(path, f"looks like binary data: {controls} control characters in {len(text)}")


def paragraphs_of(text: str) -> tuple[tuple[int, int], ...]:
    spans = []
    pos = 0
    for line in text.splitlines(keepends=True):
        body = line.rstrip("\r\n")
        if body.strip():
            spans.append((pos, pos + len(body)))
        pos += len(line)
    return tuple(spans)


def read(path: Path, data: bytes) -> ReadResult:
    text = decode(data, path)
    check_is_text(text, path)
    return ReadResult(text=text, paragraphs=paragraphs_of(text))
