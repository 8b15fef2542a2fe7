"""Writing files: JSON text (``ensure_ascii=False``, fixed indentation) and atomic writes (temp file +
os.replace). What goes into an output file is built by ``pipeline.serialise``.
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path
from typing import Any


def dumps(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


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
    # The temp name is the target's beginning: a long target name must not make it pass 255 bytes.
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name[:60]}.", suffix=".tmp", dir=path.parent)
    try:
        os.chmod(tmp, file_mode())  # mkstemp makes 0600; outputs are shared like any file the user writes
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
            fh.write(text)
            if durable:
                fh.flush()
                os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_json(path: str | Path, data: Any, durable: bool = False) -> None:
    write_atomic(path, dumps(data), durable)
