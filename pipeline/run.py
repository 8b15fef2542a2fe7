"""Orchestration: path → SourceDoc → Structure → records → DocumentResult → files.

Workers (``process_file``) read and extract one document and write its JSON and source text
atomically themselves; the parent only journals each finished document in the manifest (after its
files are in place), so a killed batch leaves no partial file and resumes where it stopped. Handing
the texts back instead cost the parent a fifth of its CPU in pickling and writing, which kept two
workers from running twice as fast as one. On a Dask cluster, whose workers need not share OUTDIR,
results are handed back and the client writes them. A document that fails
(PolicyxError, or its time limit) is recorded and the batch goes on; an InternalError (a policyx
bug such as a quote that differs from its span) stops the run loudly.
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import os
import signal
import sys
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from functools import partial
from pathlib import Path

from extractors import EXTRACTORS
from pipeline.errors import InternalError, PolicyxError
from pipeline.executors import default_workers, map_documents
from pipeline.ingest import MAX_FILE_BYTES, SUFFIX_FORMATS, Skipped, SourceDoc, discover, read_source, require_text
from pipeline.ingest import _reader as reader_for
from pipeline.manifest import Entry, Manifest, code_fingerprint
from pipeline.models import RECORD_TYPES, DocumentResult, SourceInfo
from pipeline.output import dumps, write_atomic
from pipeline.provenance import add_provenance
from pipeline.serialise import result_to_dict, structure_to_dicts
from pipeline.structure import build_structure

DEFAULT_DOC_TIMEOUT = 60.0


class DocumentTimeout(Exception):
    """One document took longer than the per-document limit.

    Not a PolicyxError, so no stage handler mistakes it for that stage's own failure.
    """


@dataclass(frozen=True, slots=True)
class Failure:
    file: str
    stage: str
    message: str

    def __post_init__(self):
        # Undecodable file names must not make errors.jsonl or the manifest unwritable.
        object.__setattr__(self, "file", printable(self.file))
        object.__setattr__(self, "message", printable(self.message))


@dataclass(frozen=True, slots=True)
class Outcome:
    """What a worker hands back for one document.

    ``json_text`` and ``source_text`` are None once the worker has written them (``written``).
    """

    doc_id: str
    file: str
    sha256: str
    seconds: float
    records: dict[str, int] = field(default_factory=dict)
    json_text: str | None = None
    source_text: str | None = None
    failure: Failure | None = None
    written: bool = False


@dataclass(slots=True)
class RunSummary:
    written: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    failures: list[Failure] = field(default_factory=list)
    record_counts: dict[str, int] = field(default_factory=lambda: dict.fromkeys(RECORD_TYPES, 0))
    seconds: float = 0.0

    @property
    def exit_code(self) -> int:
        return 1 if self.failures else 0


class StageError(Exception):
    def __init__(self, stage: str, error: PolicyxError):
        self.stage = stage
        self.error = error
        super().__init__(str(error))


def check_quotes(result: DocumentResult, text: str) -> None:
    for name in RECORD_TYPES:
        for rec in getattr(result, name):
            start, end = rec.span
            if not (0 <= start <= end <= len(text)) or text[start:end] != rec.quote:
                raise InternalError(f"{result.doc_id}: {name} quote {rec.quote!r} differs from span {rec.span}")


def extract_source(source: SourceDoc) -> DocumentResult:
    """All extraction for one document already read from disk."""
    try:
        doc = build_structure(source)
    except PolicyxError as exc:
        raise StageError("structure", exc) from exc
    sections, tables, boxes = structure_to_dicts(doc)
    result = DocumentResult(
        doc_id=source.doc_id,
        source=SourceInfo(printable(source.path.name), source.format, source.sha256, len(source.text)),
        meta=doc.meta,
        sections=sections,
        tables=tables,
        boxes=boxes,
        warnings=list(source.warnings),
    )
    for name, extract in EXTRACTORS.items():
        try:
            setattr(result, name, extract(doc))
        except PolicyxError as exc:
            raise StageError(f"extract:{name}", exc) from exc
    check_quotes(result, source.text)
    add_provenance(result, source.boxes)
    return result


class time_limit:
    """Raise DocumentTimeout after ``seconds`` (SIGALRM; only in a process's main thread)."""

    def __init__(self, seconds: float | None, path: Path):
        usable = threading.current_thread() is threading.main_thread() and hasattr(signal, "setitimer")
        self.seconds = seconds if seconds and usable else None
        self.path = path

    def _expire(self, signum, frame):
        raise DocumentTimeout(f"{self.path}: took longer than the {self.seconds:g} s limit per document")

    def __enter__(self):
        if self.seconds:
            self._previous = signal.signal(signal.SIGALRM, self._expire)
            signal.setitimer(signal.ITIMER_REAL, self.seconds)
        return self

    def __exit__(self, *exc):
        if self.seconds:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, self._previous)
        return False


def process_planned(item: tuple[Path, str], timeout: float | None = DEFAULT_DOC_TIMEOUT,
                    outdir: Path | None = None) -> Outcome:
    return process_file(item[0], timeout, item[1], outdir)


def process_file(path: Path, timeout: float | None = DEFAULT_DOC_TIMEOUT, doc_id: str | None = None,
                 outdir: Path | None = None) -> Outcome:
    """Read and extract one document; never raises a PolicyxError (it becomes the failure).

    With ``outdir`` a good result is written there (outside the time limit, so a document is never
    cut off half-written) and the Outcome carries only its figures.
    """
    outcome = _extract_file(path, timeout, doc_id)
    if outdir is None or outcome.failure is not None:
        return outcome
    failure = write_outcome(outdir, outcome)  # a full disk fails this document only
    return replace(outcome, json_text=None, source_text=None, written=failure is None, failure=failure)


def _extract_file(path: Path, timeout: float | None, doc_id: str | None) -> Outcome:
    started = time.perf_counter()
    stage = "ingest"
    sha = ""
    try:
        with time_limit(timeout, path):
            source = read_source(path, doc_id)
            require_text(source)
            sha = source.sha256
            stage = "extract"
            result = extract_source(source)
            counts = {name: len(getattr(result, name)) for name in RECORD_TYPES}
            return Outcome(source.doc_id, printable(str(path)), sha, time.perf_counter() - started, counts,
                           dumps(result_to_dict(result)), source.text)
    except StageError as exc:
        failure = Failure(str(path), exc.stage, str(exc.error))
    except DocumentTimeout as exc:
        failure = Failure(str(path), "timeout", str(exc))
    except PolicyxError as exc:
        failure = Failure(str(path), stage, str(exc))
    except InternalError:
        raise
    except (Exception, RecursionError) as exc:
        failure = Failure(str(path), stage, f"{path}: unexpected {type(exc).__name__} while reading or extracting "
                          f"it: {exc or 'no detail'} (a bug: please report it with the file)")
    seconds = time.perf_counter() - started
    return Outcome(doc_id or safe_doc_id(path), printable(str(path)), sha, seconds, failure=failure)


def file_sha256(path: Path) -> str | None:
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            return None
        digest = hashlib.sha256()
        with path.open("rb") as fh:
            for block in iter(lambda: fh.read(1 << 20), b""):
                digest.update(block)
        return digest.hexdigest()
    except OSError:
        return None


def write_outcome(outdir: Path, outcome: Outcome) -> Failure | None:
    """Write one document's files; a failed write (a full disk) is that document's failure."""
    try:
        # The source text goes first: a JSON file on disk always has its offsets' reference beside it.
        write_atomic(outdir / f"{outcome.doc_id}.source.txt", outcome.source_text or "")
        write_atomic(outdir / f"{outcome.doc_id}.json", outcome.json_text or "")
    except (OSError, UnicodeError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        return Failure(outcome.file, "write", f"{outcome.file}: its output could not be written to {outdir}: {reason}")
    return None


def remove_stale_temp_files(outdir: Path) -> None:
    """Temp files a killed run left behind (``.<name>.<random>.tmp``); they were never renamed into place."""
    for tmp in outdir.glob(".*.tmp"):
        tmp.unlink(missing_ok=True)


def write_errors(outdir: Path, failures: list[Failure]) -> None:
    """OUTDIR/errors.jsonl: the failures of the latest run (the manifest keeps every status)."""
    errors_file = outdir / "errors.jsonl"
    if failures:
        lines = [json.dumps({"file": f.file, "stage": f.stage, "message": f.message}, ensure_ascii=False)
                 for f in failures]
        write_atomic(errors_file, "\n".join(lines) + "\n")
    else:
        errors_file.unlink(missing_ok=True)


def printable(name: str) -> str:
    """A file name as valid Unicode: each byte the file-system decoding could not map (a GBK name on a
    UTF-8 system arrives as a lone surrogate) is shown as %XX, so it can be written to JSON and printed."""
    if not any("\ud800" <= ch <= "\udfff" for ch in name):
        return name
    name = "".join(f"%{ord(ch) - 0xDC00:02X}" if "\udc80" <= ch <= "\udcff" else ch for ch in name)
    return name.encode("utf-8", "replace").decode("utf-8")  # lone surrogates of any other origin


# Longest doc_id in UTF-8 bytes: "<doc_id>.source.txt" and its temp file ".<name>.<8>.tmp" must stay
# under the 255-byte limit of a file name on every common filesystem.
MAX_DOC_ID_BYTES = 200
# doc_ids whose output files would be the output folder's own (manifest.json, export.*).
RESERVED_DOC_IDS = ("manifest",)
RESERVED_DOC_ID_PREFIXES = ("export.",)


def safe_doc_id(path: Path) -> str:
    """The file's stem (spec §2), made safe to name output files with.

    A name that is not valid UTF-8 (a GBK name on a UTF-8 system) keeps its readable characters and
    shows each undecodable byte as %XX; a name whose outputs would pass the 255-byte file-name limit
    is cut to MAX_DOC_ID_BYTES and ends in ``~`` and 12 hex digits of the full name's hash, so two
    long names that share a beginning stay apart.
    """
    stem = printable(path.stem)
    if len(stem.encode("utf-8")) > MAX_DOC_ID_BYTES:
        digest = hashlib.sha256(os.fsencode(path.name)).hexdigest()[:12]
        cut = stem.encode("utf-8")[: MAX_DOC_ID_BYTES - 13].decode("utf-8", "ignore")
        stem = f"{cut}~{digest}"
    return stem


def _reserved(doc_id: str) -> bool:
    return doc_id.lower() in RESERVED_DOC_IDS or doc_id.lower().startswith(RESERVED_DOC_ID_PREFIXES)


def doc_ids_of(paths: list[Path]) -> dict[Path, str | None]:
    """doc_id per file: its stem (spec §2), made safe by ``safe_doc_id``. When one stem comes in several
    formats (qd.docx, qd.pdf), each keeps its suffix as part of its doc_id (qd.docx, qd.pdf), so neither
    is lost; so does a stem whose outputs would be the output folder's own (manifest.txt → doc_id
    manifest.txt, not manifest, whose .json is the manifest). A second file of the same name and format
    (a/plan.txt, b/plan.txt) gets None: it would overwrite the first's output."""
    by_stem: dict[str, list[Path]] = {}
    for path in paths:
        by_stem.setdefault(safe_doc_id(path), []).append(path)
    ids: dict[Path, str | None] = {}
    for stem, group in by_stem.items():
        formats = {p.suffix.lower() for p in group}
        seen: set[str] = set()
        for path in group:
            suffix = path.suffix.lower()
            keep_suffix = len(formats) > 1 or _reserved(stem)
            ids[path] = None if suffix in seen else (stem + path.suffix if keep_suffix else stem)
            seen.add(suffix)
    return ids


def plan(paths: Iterable[str | Path], manifest: Manifest, force: bool,
         summary: RunSummary, exclude: Path | None = None) -> list[tuple[Path, str]]:
    """The documents to (re)process with their doc_ids; duplicates are failures, unchanged ones are skipped.

    Files below ``exclude`` (the output folder) are not read; links inside input folders are failures
    saying they were not followed."""
    skipped: list[Skipped] = []
    found = list(discover(list(paths), exclude=exclude, skipped=skipped))
    summary.failures.extend(Failure(str(s.path), "ingest", f"{s.path}: {s.reason}") for s in skipped)
    ids = doc_ids_of(found)
    todo = []
    for path in found:
        doc_id = ids[path]
        if doc_id is None:
            taken = next(p for p in found if ids[p] is not None and safe_doc_id(p) == safe_doc_id(path)
                         and p.suffix.lower() == path.suffix.lower())
            failure = Failure(str(path), "ingest", f"{path}: doc_id {safe_doc_id(path)!r} already taken by {taken}")
            summary.failures.append(failure)
            continue
        # Only a document an earlier run recorded can be unchanged: hash no other file.
        if not force and manifest.knows(doc_id) and manifest.is_current(doc_id, file_sha256(path) or ""):
            summary.skipped.append(doc_id)
        else:
            todo.append((path, doc_id))
    return todo


def file_size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0  # it fails when read, like any unreadable file


def largest_first(todo: list[tuple[Path, str]]) -> list[tuple[Path, str]]:
    """With several workers the largest files go first, so the batch ends on small ones instead of
    one worker finishing a large file alone while the others wait (ties keep the found order)."""
    return sorted(todo, key=lambda item: -file_size(item[0]))


def load_readers(todo: list[tuple[Path, str]]) -> None:
    """Import the readers the batch needs once, in the parent, before the workers fork: otherwise each
    worker pays for them (python-docx 0.1 s, the PDF reader 0.17 s)."""
    for fmt in {SUFFIX_FORMATS.get(path.suffix.lower()) for path, _ in todo} - {None}:
        try:
            reader_for(fmt)
        except ImportError:
            pass  # the document that needs it fails with the reader's own message


def extract_paths(
    paths: Iterable[str | Path],
    outdir: str | Path,
    on_document: Callable[[Outcome, int], None] | None = None,
    *,
    workers: int | None = 1,
    executor: str = "local",
    scheduler: str | None = None,
    force: bool = False,
    doc_timeout: float | None = DEFAULT_DOC_TIMEOUT,
) -> RunSummary:
    """Extract every document under ``paths`` into ``outdir``; failures never stop the batch.

    ``on_document(outcome, total)`` is called in the parent after each document is written and journalled.
    """
    started = time.perf_counter()
    outdir = Path(outdir)
    try:
        outdir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise PolicyxError(f"{outdir}: the output folder cannot be created: {exc.strerror or exc}") from None
    with outdir_lock(outdir):
        return _extract_locked(paths, outdir, on_document, workers=workers, executor=executor,
                               scheduler=scheduler, force=force, doc_timeout=doc_timeout, started=started)


LOCK_FILE = ".policyx.lock"


@contextmanager
def outdir_lock(outdir: Path) -> Iterator[None]:
    """One run at a time per output folder: a second run is refused with a clear error.

    Two runs into one folder would delete each other's temp files and lose each other's manifest
    entries. The lock is an flock on OUTDIR/.policyx.lock, released by the kernel when the process
    ends (a SIGKILLed run leaves no stale lock); the file is opened without following a link."""
    flags = os.O_RDWR | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)
    path = outdir / LOCK_FILE
    try:
        fd = os.open(path, flags, 0o666)
    except OSError as exc:
        raise PolicyxError(f"{path}: cannot lock the output folder: {exc.strerror or exc}"
                           + (" (a symbolic link? it is never followed)" if path.is_symlink() else "")) from None
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise PolicyxError(f"{outdir}: another policyx run is writing to this output folder "
                               f"(it holds {LOCK_FILE}); wait for it to finish or choose another -o") from None
        yield
    finally:
        os.close(fd)


def _extract_locked(paths, outdir: Path, on_document, *, workers, executor, scheduler, force, doc_timeout,
                    started: float) -> RunSummary:
    remove_stale_temp_files(outdir)
    summary = RunSummary()
    manifest = Manifest.load(outdir)
    todo = plan(paths, manifest, force, summary, exclude=outdir)
    if executor == "dask" or (workers or default_workers()) > 1:
        todo = largest_first(todo)
    if executor == "local" and (workers or default_workers()) > 1:
        load_readers(todo)
    if executor == "dask":
        # Workers of a cluster may run in another working directory: hand them absolute paths.
        todo = [(path.absolute(), doc_id) for path, doc_id in todo]
    # Local workers write their own outputs; Dask workers may not see OUTDIR, so the client writes theirs.
    work = partial(process_planned, timeout=doc_timeout, outdir=outdir if executor == "local" else None)
    try:
        for outcome in map_documents(work, todo, executor, workers, scheduler):
            # Local workers wrote their files themselves; otherwise the parent writes them here.
            failure = outcome.failure or (None if outcome.written else write_outcome(outdir, outcome))
            if failure is None:
                summary.written.append(outcome.doc_id)
                for name, n in outcome.records.items():
                    summary.record_counts[name] += n
                entry = Entry(outcome.file, outcome.sha256, "ok", outcome.records, round(outcome.seconds, 4),
                              code=code_fingerprint())
            else:
                summary.failures.append(failure)
                entry = Entry(outcome.file, outcome.sha256, "failed", {}, round(outcome.seconds, 4),
                              failure.stage, failure.message, code=code_fingerprint())
            manifest.record(outcome.doc_id, entry)
            if on_document:
                on_document(replace(outcome, failure=failure), len(todo))
    finally:
        problems = []
        writes = (("manifest.json", manifest.save), ("errors.jsonl", lambda: write_errors(outdir, summary.failures)))
        for what, write in writes:
            try:
                write()
            except OSError as exc:
                problems.append(f"{outdir / what} could not be written: {exc.strerror or exc}")
        if problems and sys.exc_info()[0] is None:
            raise PolicyxError("; ".join(problems) + " (the documents listed above were processed; "
                               "free some space and run again to record them)")
    summary.seconds = time.perf_counter() - started
    return summary
