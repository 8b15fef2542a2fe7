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

import hashlib
import json
import signal
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from functools import partial
from pathlib import Path

from extractors import EXTRACTORS
from pipeline.errors import InternalError, PolicyxError
from pipeline.executors import map_documents
from pipeline.ingest import MAX_FILE_BYTES, SourceDoc, discover, read_source, require_text
from pipeline.manifest import Entry, Manifest, code_fingerprint
from pipeline.models import RECORD_TYPES, DocumentResult, SourceInfo
from pipeline.output import dumps, result_to_dict, structure_to_dicts, write_atomic
from pipeline.provenance import add_provenance
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
        source=SourceInfo(source.path.name, source.format, source.sha256, len(source.text)),
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
    write_outcome(outdir, outcome)
    return replace(outcome, json_text=None, source_text=None, written=True)


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
            return Outcome(source.doc_id, str(path), sha, time.perf_counter() - started, counts,
                           dumps(result_to_dict(result)), source.text)
    except StageError as exc:
        failure = Failure(str(path), exc.stage, str(exc.error))
    except DocumentTimeout as exc:
        failure = Failure(str(path), "timeout", str(exc))
    except PolicyxError as exc:
        failure = Failure(str(path), stage, str(exc))
    return Outcome(doc_id or path.stem, str(path), sha, time.perf_counter() - started, failure=failure)


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


def write_outcome(outdir: Path, outcome: Outcome) -> None:
    # The source text goes first: a JSON file on disk always has its offsets' reference beside it.
    write_atomic(outdir / f"{outcome.doc_id}.source.txt", outcome.source_text or "")
    write_atomic(outdir / f"{outcome.doc_id}.json", outcome.json_text or "")


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


def doc_ids_of(paths: list[Path]) -> dict[Path, str | None]:
    """doc_id per file: its stem (spec §2). When one stem comes in several formats (qd.docx, qd.pdf),
    each keeps its suffix as part of its doc_id (qd.docx, qd.pdf), so neither is lost; a second file of
    the same name and format (a/plan.txt, b/plan.txt) gets None: it would overwrite the first's output."""
    by_stem: dict[str, list[Path]] = {}
    for path in paths:
        by_stem.setdefault(path.stem, []).append(path)
    ids: dict[Path, str | None] = {}
    for stem, group in by_stem.items():
        formats = {p.suffix.lower() for p in group}
        seen: set[str] = set()
        for path in group:
            suffix = path.suffix.lower()
            ids[path] = None if suffix in seen else (stem if len(formats) == 1 else path.name)
            seen.add(suffix)
    return ids


def plan(paths: Iterable[str | Path], manifest: Manifest, force: bool,
         summary: RunSummary) -> list[tuple[Path, str]]:
    """The documents to (re)process with their doc_ids; duplicates are failures, unchanged ones are skipped."""
    found = list(discover(list(paths)))
    ids = doc_ids_of(found)
    todo = []
    for path in found:
        doc_id = ids[path]
        if doc_id is None:
            taken = next(p for p in found if p.name == path.name and ids[p] is not None)
            failure = Failure(str(path), "ingest", f"{path}: doc_id {path.stem!r} already taken by {taken}")
            summary.failures.append(failure)
            continue
        if not force and manifest.is_current(doc_id, file_sha256(path) or ""):
            summary.skipped.append(doc_id)
        else:
            todo.append((path, doc_id))
    return todo


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
    outdir.mkdir(parents=True, exist_ok=True)
    remove_stale_temp_files(outdir)
    summary = RunSummary()
    manifest = Manifest.load(outdir)
    todo = plan(paths, manifest, force, summary)
    if executor == "dask":
        # Workers of a cluster may run in another working directory: hand them absolute paths.
        todo = [(path.absolute(), doc_id) for path, doc_id in todo]
    # Local workers write their own outputs; Dask workers may not see OUTDIR, so the client writes theirs.
    work = partial(process_planned, timeout=doc_timeout, outdir=outdir if executor == "local" else None)
    try:
        for outcome in map_documents(work, todo, executor, workers, scheduler):
            if outcome.failure is None:
                if not outcome.written:
                    write_outcome(outdir, outcome)
                summary.written.append(outcome.doc_id)
                for name, n in outcome.records.items():
                    summary.record_counts[name] += n
                entry = Entry(outcome.file, outcome.sha256, "ok", outcome.records, round(outcome.seconds, 4),
                              code=code_fingerprint())
            else:
                summary.failures.append(outcome.failure)
                entry = Entry(outcome.file, outcome.sha256, "failed", {}, round(outcome.seconds, 4),
                              outcome.failure.stage, outcome.failure.message, code=code_fingerprint())
            manifest.record(outcome.doc_id, entry)
            if on_document:
                on_document(outcome, len(todo))
    finally:
        manifest.save()
        write_errors(outdir, summary.failures)
    summary.seconds = time.perf_counter() - started
    return summary
