"""OUTDIR/manifest.json: what each output came from, so reruns skip unchanged documents.

While a batch runs, each finished document is appended (and fsynced) to OUTDIR/.journal.jsonl;
the journal is folded into manifest.json at the end. A batch killed part-way leaves a journal
that the next run folds in first, so it resumes where the killed one stopped.
"""

from __future__ import annotations

import hashlib
import importlib
import json
import os
from dataclasses import asdict, dataclass, field
from functools import cache
from pathlib import Path

from extractors import RULESET_VERSION
from pipeline import __version__
from pipeline.models import SCHEMA_VERSION
from pipeline.output import write_json

MANIFEST = "manifest.json"
JOURNAL = ".journal.jsonl"


# What decides a document's output: the extraction path of pipeline/ and all of extractors/. The
# review app, exports, scoring and the CLI are left out, so editing them re-extracts nothing.
EXTRACTION_PATH = ("pipeline/__init__.py", "pipeline/ingest.py", "pipeline/readers/", "pipeline/clean.py",
                   "pipeline/tables.py", "pipeline/structure.py", "pipeline/meta.py", "pipeline/models.py",
                   "pipeline/output.py", "pipeline/provenance.py", "pipeline/run.py", "extractors/")


@cache
def code_fingerprint() -> str:
    """A hash of the code and data that decide the output.

    Reruns skip a document only when this is unchanged too, so an edited rule is never masked by
    a version number someone forgot to bump.
    """
    digest = hashlib.sha256()
    for package in ("pipeline", "extractors"):
        root = Path(importlib.import_module(package).__file__).parent
        for path in sorted(root.rglob("*")):
            name = path.relative_to(root.parent).as_posix()
            if (path.suffix in (".py", ".tsv") and "__pycache__" not in path.parts
                    and name.startswith(EXTRACTION_PATH)):
                digest.update(name.encode())
                digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


@dataclass(frozen=True, slots=True)
class Entry:
    file: str
    sha256: str
    status: str  # "ok" | "failed"
    records: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0
    stage: str | None = None
    message: str | None = None
    pipeline_version: str = __version__
    ruleset_version: str = RULESET_VERSION
    code: str = ""


class Manifest:
    def __init__(self, outdir: Path):
        self.outdir = outdir
        self.entries: dict[str, Entry] = {}
        self._journal = None

    @classmethod
    def load(cls, outdir: str | Path) -> Manifest:
        manifest = cls(Path(outdir))
        path = manifest.outdir / MANIFEST
        if path.exists():
            try:
                data = json.loads(path.read_text(encoding="utf-8"))
                for doc_id, entry in data.get("documents", {}).items():
                    manifest.entries[doc_id] = Entry(**entry)
            except (ValueError, TypeError):
                manifest.entries = {}  # unreadable manifest: everything is redone, nothing is lost
        journal = manifest.outdir / JOURNAL
        if journal.exists():
            for line in journal.read_text(encoding="utf-8").splitlines():
                try:
                    item = json.loads(line)
                    doc_id = item.pop("doc_id")
                    manifest.entries[doc_id] = Entry(**item)
                except (ValueError, TypeError, KeyError):
                    continue  # the half-written last line of a killed run
        return manifest

    def is_current(self, doc_id: str, sha256: str) -> bool:
        """Unchanged input, same pipeline and rules, a good result, and its output still on disk."""
        entry = self.entries.get(doc_id)
        return (
            entry is not None
            and entry.status == "ok"
            and entry.sha256 == sha256
            and entry.code == code_fingerprint()  # covers the version constants too
            and (self.outdir / f"{doc_id}.json").exists()
            and (self.outdir / f"{doc_id}.source.txt").exists()
        )

    def record(self, doc_id: str, entry: Entry) -> None:
        self.entries[doc_id] = entry
        try:
            if self._journal is None:
                # Never through a link: the journal is the output folder's own file.
                flags = os.O_WRONLY | os.O_APPEND | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0)
                fd = os.open(self.outdir / JOURNAL, flags, 0o666)
                self._journal = os.fdopen(fd, "a", encoding="utf-8")
            # A flushed line survives a killed process; the final manifest write is fsynced.
            self._journal.write(json.dumps({"doc_id": doc_id, **asdict(entry)}, ensure_ascii=False) + "\n")
            self._journal.flush()
        except OSError:
            # A full disk: the entry stays in memory for save(), which reports the failure if it
            # cannot write either; a kill before then redoes this document, nothing worse.
            pass

    def save(self) -> None:
        data = {
            "pipeline_version": __version__,
            "ruleset_version": RULESET_VERSION,
            "code": code_fingerprint(),
            "schema_version": SCHEMA_VERSION,
            "documents": {d: asdict(e) for d, e in sorted(self.entries.items())},
        }
        write_json(self.outdir / MANIFEST, data, durable=True)
        if self._journal is not None:
            try:
                self._journal.close()
            except OSError:
                pass  # its lines are all in the manifest just written
            self._journal = None
        (self.outdir / JOURNAL).unlink(missing_ok=True)
