"""Plain text: UTF-8, else GB18030; the decoded text *is* the source text (spec §1).

Big5 (traditional Chinese) bytes also decode "successfully" as GB18030, into garbage: symbols, kana
and private-use characters. Such a file is recognised and decoded as Big5 with a warning
(docs/DECISIONS.md, Ingestion).
"""

from __future__ import annotations

import codecs
import unicodedata
from pathlib import Path

from pipeline.errors import IngestError
from pipeline.readers.layout import ReadResult

# A policy text has almost no control characters; more than this share means binary data.
MAX_CONTROL_SHARE = 0.01
# GB18030 text of a Chinese document is almost all GB2312 characters (the seeds: over 99.7 % of their
# non-ASCII characters); Big5 bytes read as GB18030 give about a third. Below this share of the first
# BIG5_SAMPLE non-ASCII characters, a file that is also valid Big5 is read as Big5.
MIN_GB2312_SHARE = 0.9
BIG5_SAMPLE = 20_000
BIG5_CODEC = "cp950"  # Big5 as Windows writes it (a superset of plain Big5)


def gb2312_share(text: str) -> float:
    """Share of the first BIG5_SAMPLE non-ASCII characters that GB2312 holds (1.0 when none)."""
    sample = "".join(ch for ch in text[: 4 * BIG5_SAMPLE] if ord(ch) > 0x7F)[:BIG5_SAMPLE]
    if not sample:
        return 1.0
    return len(sample.encode("gb2312", errors="ignore")) / (2 * len(sample))


def big5_text(data: bytes, gb_text: str) -> str | None:
    """The Big5 reading of bytes that GB18030 decodes into garbage, else None."""
    if gb2312_share(gb_text) >= MIN_GB2312_SHARE:
        return None
    try:
        text = data.decode(BIG5_CODEC)
    except UnicodeDecodeError:
        return None
    # Big5's own reading must look like Chinese: mostly CJK ideographs and punctuation.
    wide = [ch for ch in text if ord(ch) > 0x7F]
    cjk = sum(1 for ch in wide if "\u4e00" <= ch <= "\u9fff" or "\u3000" <= ch <= "\u303f"
              or "\uff00" <= ch <= "\uffef")
    return text if wide and cjk >= MIN_GB2312_SHARE * len(wide) else None


def decode_with_warnings(data: bytes, path: Path) -> tuple[str, tuple[str, ...]]:
    """``decode``, except that Big5 bytes GB18030 would turn into garbage are read as Big5, with a warning."""
    text, codec = decode_as(data, path)
    big5 = big5_text(data, text) if codec == "gb18030" else None
    if big5 is None:
        return text, ()
    return big5, (
        f"{path.name}: decoded as Big5 (traditional Chinese): it is not UTF-8, and read as GB18030 only "
        f"{gb2312_share(text):.0%} of its characters would be common Chinese ones",
    )


def nul_reason(data: bytes) -> str:
    """What NUL bytes suggest: UTF-16 without its BOM when the bytes read cleanly as UTF-16."""
    for codec in ("utf-16-le", "utf-16-be"):
        try:
            text = data[:65536].decode(codec)
        except UnicodeDecodeError:
            continue
        if text.strip() and control_count(text) <= MAX_CONTROL_SHARE * len(text):
            return "UTF-16 text without a byte-order mark? (policyx reads UTF-16 only with its BOM)"
    return "binary data, not a text document"


def decode_as(data: bytes, path: Path) -> tuple[str, str]:
    """(text, codec used): UTF-8 (BOM dropped), else GB18030 as the spec says; UTF-16 only with its BOM."""
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8) :]
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError as exc:
            raise IngestError(path, f"has a UTF-16 byte-order mark but is not valid UTF-16 ({exc.reason})") from None
    if b"\x00" in data:
        raise IngestError(path, f"contains NUL bytes: {nul_reason(data)}")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("gb18030"), "gb18030"
    except UnicodeDecodeError as exc:
        raise IngestError(
            path, f"is neither UTF-8 nor GB18030 text (invalid byte at offset {exc.start})"
        ) from None


def control_count(text: str) -> int:
    return sum(1 for ch in text if unicodedata.category(ch) == "Cc" and ch not in "\t\n\r\f\v")


def check_is_text(text: str, path: Path) -> None:
    if not text.strip():
        raise IngestError(path, "is empty (no text after decoding)")
    controls = control_count(text)
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
    text, warnings = decode_with_warnings(data, path)
    check_is_text(text, path)
    return ReadResult(text=text, paragraphs=paragraphs_of(text), warnings=warnings)
