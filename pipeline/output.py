"""Writing files: JSON text (``ensure_ascii=False``, fixed indentation) and atomic writes (temp file +
os.replace). What goes into an output file is built by ``pipeline.serialise``.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Iterable
from json.encoder import INFINITY, encode_basestring
from pathlib import Path
from typing import Any


def dumps(data: Any) -> str:
    """``json.dumps(data, ensure_ascii=False, indent=2)`` and a line end, character for character.

    The standard library encodes indented JSON in pure Python, one generator per container; this
    writer does the same for the plain values documents hold (dicts with str keys, lists, str, int,
    float, bool, None) in ~60% of its time (on mixed real text the JSON was 7% of extraction).
    Anything else (a str enum, a non-str key, a cycle) goes to ``json.dumps`` whole, so output and
    errors stay the standard library's (tests/pipeline/test_output.py compares the two)."""
    parts: list[str] = []
    try:
        _write(data, "\n", parts)
    except (_NotPlain, RecursionError):  # RecursionError: a cycle, which json.dumps names
        return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    parts.append("\n")
    return "".join(parts)


class _NotPlain(Exception):
    """A value the plain writer leaves to ``json.dumps``."""


def _scalar(value: Any) -> str:
    """A value that is no container, as json.dumps writes it (floats by repr, NaN and Infinity as words)."""
    kind = type(value)
    if kind is str:
        return encode_basestring(value)
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if kind is int:
        return int.__repr__(value)
    if kind is float:
        if value != value:
            return "NaN"
        if value in (INFINITY, -INFINITY):
            return "Infinity" if value > 0 else "-Infinity"
        return float.__repr__(value)
    raise _NotPlain


def _write(value: Any, newline: str, parts: list[str]) -> None:
    """Append ``value`` indented as json.dumps(indent=2) would at the depth ``newline`` ("\n" + blanks) gives."""
    kind = type(value)
    if kind is dict:
        if not value:
            parts.append("{}")
            return
        inner = newline + "  "
        sep = "{" + inner
        for key, item in value.items():
            if type(key) is not str:
                raise _NotPlain
            kind = type(item)
            if kind is str:  # the commonest value, written here rather than through _scalar
                parts.append(sep + encode_basestring(key) + ": " + encode_basestring(item))
            elif kind is dict or kind is list or kind is tuple:
                parts.append(sep + encode_basestring(key) + ": ")
                _write(item, inner, parts)
            else:
                parts.append(sep + encode_basestring(key) + ": " + _scalar(item))
            sep = "," + inner
        parts.append(newline + "}")
    elif kind is list or kind is tuple:
        if not value:
            parts.append("[]")
            return
        inner = newline + "  "
        sep = "[" + inner
        for item in value:
            kind = type(item)
            if kind is int:  # spans: the commonest item of a list
                parts.append(sep + int.__repr__(item))
            elif kind is dict or kind is list or kind is tuple:
                parts.append(sep)
                _write(item, inner, parts)
            else:
                parts.append(sep + _scalar(item))
            sep = "," + inner
        parts.append(newline + "]")
    else:
        parts.append(_scalar(value))


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
    write_atomic_chunks(path, (text,), durable)


def write_atomic_chunks(path: Path, chunks: Iterable[str], durable: bool = False) -> None:
    """``write_atomic`` for text that comes in pieces (the manifest): never all of it in memory at once."""
    # The temp name is the target's beginning: a long target name must not make it pass 255 bytes.
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name[:60]}.", suffix=".tmp", dir=path.parent)
    try:
        os.chmod(tmp, file_mode())  # mkstemp makes 0600; outputs are shared like any file the user writes
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
            for chunk in chunks:
                fh.write(chunk)
            if durable:
                fh.flush()
                os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_json(path: str | Path, data: Any, durable: bool = False) -> None:
    write_atomic(path, dumps(data), durable)
