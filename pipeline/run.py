"""Orchestration: path → SourceDoc → Structure → records → DocumentResult → files.

A document that fails (PolicyxError) is recorded in errors.jsonl and the batch goes on; an
InternalError (a policyx bug such as a quote that differs from its span) stops the run loudly.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from extractors import EXTRACTORS
from pipeline.errors import IngestError, InternalError, PolicyxError
from pipeline.ingest import SourceDoc, discover, read_source
from pipeline.models import RECORD_TYPES, DocumentResult, SourceInfo
from pipeline.output import result_to_dict, structure_to_dicts, write_atomic, write_json
from pipeline.structure import build_structure


@dataclass(frozen=True, slots=True)
class Failure:
    file: str
    stage: str
    message: str


@dataclass(slots=True)
class RunSummary:
    written: list[str] = field(default_factory=list)
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
    if not source.text.strip():
        reason = "; ".join(source.warnings) or "no text could be read"
        raise IngestError(source.path, f"has no usable text ({reason})")
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
    return result


def process_path(path: Path) -> tuple[SourceDoc, DocumentResult]:
    try:
        source = read_source(path)
    except PolicyxError as exc:
        raise StageError("ingest", exc) from exc
    try:
        return source, extract_source(source)
    except StageError:
        raise
    except PolicyxError as exc:
        raise StageError("ingest", exc) from exc


def write_result(outdir: Path, source: SourceDoc, result: DocumentResult) -> Path:
    # The source text goes first: a JSON file on disk always has its offsets' reference beside it.
    write_atomic(outdir / f"{result.doc_id}.source.txt", source.text)
    target = outdir / f"{result.doc_id}.json"
    write_json(target, result_to_dict(result))
    return target


def extract_paths(
    paths: Iterable[str | Path],
    outdir: str | Path,
    on_document: Callable[[Path, Failure | None], None] | None = None,
) -> RunSummary:
    """Extract every document under ``paths`` into ``outdir``; failures never stop the batch."""
    started = time.perf_counter()
    outdir = Path(outdir)
    outdir.mkdir(parents=True, exist_ok=True)
    summary = RunSummary()
    seen: dict[str, Path] = {}
    for path in discover(list(paths)):
        failure = None
        try:
            if path.stem in seen:
                taken = IngestError(path, f"doc_id {path.stem!r} already taken by {seen[path.stem]}")
                raise StageError("ingest", taken)
            seen[path.stem] = path
            source, result = process_path(path)
            write_result(outdir, source, result)
            summary.written.append(result.doc_id)
            for name in RECORD_TYPES:
                summary.record_counts[name] += len(getattr(result, name))
        except StageError as exc:
            failure = Failure(str(path), exc.stage, str(exc.error))
        except OSError as exc:
            failure = Failure(str(path), "write", f"{path}: cannot write output ({exc})")
        if failure:
            summary.failures.append(failure)
        if on_document:
            on_document(path, failure)
    errors_file = outdir / "errors.jsonl"
    if summary.failures:
        lines = [json.dumps({"file": f.file, "stage": f.stage, "message": f.message}, ensure_ascii=False)
                 for f in summary.failures]
        write_atomic(errors_file, "\n".join(lines) + "\n")
    elif errors_file.exists():
        errors_file.unlink()
    summary.seconds = time.perf_counter() - started
    return summary
