"""path → SourceDoc: pick the reader for the file's format and record what it produced."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from pipeline.errors import IngestError
from pipeline.readers import txt
from pipeline.readers.layout import LayoutTable, ReadResult, TextBox

# Generous for policy documents, small enough that one stray file cannot exhaust memory.
MAX_FILE_BYTES = 200 * 1024 * 1024

SUFFIX_FORMATS = {".txt": "txt", ".text": "txt", ".md": "txt", ".docx": "docx", ".pdf": "pdf",
                  ".html": "html", ".htm": "html"}


@dataclass(frozen=True, slots=True)
class SourceDoc:
    doc_id: str
    path: Path
    format: str
    sha256: str
    text: str
    paragraphs: tuple[tuple[int, int], ...] = ()
    tables: tuple[LayoutTable, ...] = ()
    pages: tuple[tuple[int, int], ...] = ()
    warnings: tuple[str, ...] = ()
    boxes: tuple[TextBox, ...] = ()  # PDF: where each stretch of text is printed


def _reader(fmt: str) -> Callable[[Path, bytes], ReadResult]:
    # Imported lazily: pdfplumber and python-docx cost start-up time a txt-only batch never needs.
    if fmt == "txt":
        return txt.read
    if fmt == "docx":
        from pipeline.readers import docx

        return docx.read
    if fmt == "pdf":
        from pipeline.readers import pdf

        return pdf.read
    if fmt == "html":
        from pipeline.readers import html

        return html.read
    raise AssertionError(fmt)


def format_of(path: Path) -> str:
    fmt = SUFFIX_FORMATS.get(path.suffix.lower())
    if fmt is None:
        known = ", ".join(sorted(SUFFIX_FORMATS))
        raise IngestError(path, f"unsupported file type {path.suffix or '(none)'!r}; policyx reads {known}")
    return fmt


def read_source(path: str | Path, doc_id: str | None = None) -> SourceDoc:
    """Read one file; every failure is an IngestError naming the file and the reason.

    ``doc_id`` defaults to the file name without extension (spec §2)."""
    path = Path(path)
    fmt = format_of(path)
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise IngestError(path, f"is {size} bytes, over the {MAX_FILE_BYTES}-byte limit")
        data = path.read_bytes()
    except OSError as exc:
        raise IngestError(path, f"cannot be read: {exc.strerror or exc}") from None
    if not data:
        raise IngestError(path, "is empty (0 bytes)")
    result = _reader(fmt)(path, data)
    return SourceDoc(
        doc_id=doc_id or path.stem,
        path=path,
        format=fmt,
        sha256=hashlib.sha256(data).hexdigest(),
        text=result.text,
        paragraphs=result.paragraphs,
        tables=result.tables,
        pages=result.pages,
        warnings=result.warnings,
        boxes=result.boxes,
    )


def require_text(source: SourceDoc) -> None:
    """A document with nothing to extract (an image-only PDF) is an ingest failure, with the reader's reasons."""
    if not source.text.strip():
        reason = "; ".join(source.warnings) or "no text could be read"
        raise IngestError(source.path, f"has no usable text ({reason})")


@dataclass(frozen=True, slots=True)
class Skipped:
    """A file found under a named folder that is deliberately not read, and why."""

    path: Path
    reason: str


def _inside(path: Path, folder: Path) -> bool:
    try:
        path.resolve().relative_to(folder)
        return True
    except (OSError, ValueError):
        return False


# A folder's own notes (README.md, SOURCES.md beside a corpus) are not documents when the folder is
# searched; named directly, they are read like any file.
FOLDER_NOTES = {"readme", "sources", "license", "changelog"}


def is_folder_note(path: Path) -> bool:
    return path.stem.lower() in FOLDER_NOTES


def discover(paths: list[str | Path], exclude: Path | None = None,
             skipped: list[Skipped] | None = None) -> Iterator[Path]:
    """Files named directly, and every supported file below named folders, in a stable order.

    Inside a folder, symbolic links are never followed (a link may lead anywhere: /etc/passwd, or the
    same file twice); a linked file is reported in ``skipped``. ``exclude`` (the output folder) is
    not searched, so an OUTDIR inside an input folder never reads its own outputs. A file named
    directly on the command line is read even if it is a link: the user chose it."""
    excluded = exclude.resolve() if exclude is not None else None
    for p in map(Path, paths):
        if not p.is_dir():
            yield p
            continue
        found: list[Path] = []
        for root, dirs, files in os.walk(p, followlinks=False):
            here = Path(root)
            if excluded is not None and _inside(here, excluded):
                dirs.clear()
                continue
            dirs[:] = [d for d in dirs if not d.startswith(".")]
            for d in dirs:
                if (here / d).is_symlink() and skipped is not None:
                    skipped.append(Skipped(here / d, "is a symbolic link to a folder; links inside an input "
                                                      "folder are not followed"))
            for name in files:
                child = here / name
                if name.startswith(".") or child.suffix.lower() not in SUFFIX_FORMATS or is_folder_note(child):
                    continue
                if child.is_symlink():
                    if skipped is not None:
                        skipped.append(Skipped(child, "is a symbolic link; links inside an input folder are "
                                                      "not followed (name the target itself to read it)"))
                    continue
                if child.is_file():
                    found.append(child)
        yield from sorted(found)
