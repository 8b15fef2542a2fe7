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
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from functools import cache
from pathlib import Path

from extractors import RULESET_VERSION
from pipeline import __version__
from pipeline.models import SCHEMA_VERSION
from pipeline.output import dumps, write_atomic_chunks

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
    """Earlier runs' entries (``entries``) and this run's, which stay on disk in the journal.

    A batch keeps no entry of its own in memory: ``record`` appends a line to the journal and remembers
    only where it starts, and ``save`` streams the manifest from the earlier entries and those lines,
    so the parent's memory does not grow with the number of documents (issue 21)."""

    def __init__(self, outdir: Path):
        self.outdir = outdir
        self.entries: dict[str, Entry] = {}  # from manifest.json and a killed run's journal
        self._offsets: dict[str, int] = {}  # this run's documents: where each one's journal line starts
        self._unjournalled: dict[str, Entry] = {}  # this run's entries the journal could not take
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

    def knows(self, doc_id: str) -> bool:
        """An earlier run recorded ``doc_id``: only then is its file worth hashing to see if it changed."""
        return doc_id in self.entries

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
        line = (json.dumps({"doc_id": doc_id, **asdict(entry)}, ensure_ascii=False) + "\n").encode("utf-8")
        try:
            if self._journal is None:
                # Never through a link: the journal is the output folder's own file.
                flags = os.O_RDWR | os.O_APPEND | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0)
                fd = os.open(self.outdir / JOURNAL, flags, 0o666)
                self._journal = os.fdopen(fd, "a+b", buffering=0)
                size = os.fstat(fd).st_size
                if size and os.pread(fd, 1, size - 1) != b"\n":
                    self._journal.write(b"\n")  # a killed run's half line must not swallow our first
            offset = os.fstat(self._journal.fileno()).st_size
            # A written line survives a killed process; the final manifest write is fsynced.
            if self._journal.write(line) != len(line):
                raise OSError("short write")
            self._offsets[doc_id] = offset
            self._unjournalled.pop(doc_id, None)
        except OSError:
            # A full disk: the entry stays in memory for save(), which reports the failure if it
            # cannot write either; a kill before then redoes this document, nothing worse.
            self._offsets.pop(doc_id, None)
            self._unjournalled[doc_id] = entry

    def _this_run(self, doc_id: str) -> dict | None:
        if doc_id in self._unjournalled:
            return asdict(self._unjournalled[doc_id])
        offset = self._offsets.get(doc_id)
        if offset is None:
            return None
        try:
            end = os.pread(self._journal.fileno(), 1 << 16, offset)
            while not end.endswith(b"\n") and b"\n" not in end:  # a very long file name
                more = os.pread(self._journal.fileno(), 1 << 16, offset + len(end))
                if not more:
                    break
                end += more
            item = json.loads(end.split(b"\n", 1)[0])
        except (OSError, ValueError):
            return None  # the document is redone next time, nothing worse
        item.pop("doc_id", None)
        return item

    def _documents(self) -> Iterator[tuple[str, dict]]:
        for doc_id in sorted(self.entries.keys() | self._offsets.keys() | self._unjournalled.keys()):
            entry = self._this_run(doc_id)
            if entry is None and doc_id in self.entries:
                entry = asdict(self.entries[doc_id])
            if entry is not None:
                yield doc_id, entry

    def save(self) -> None:
        """Write manifest.json (the same text ``write_json`` would give), one document at a time."""
        head = {
            "pipeline_version": __version__,
            "ruleset_version": RULESET_VERSION,
            "code": code_fingerprint(),
            "schema_version": SCHEMA_VERSION,
        }

        def chunks() -> Iterator[str]:
            yield dumps({**head, "documents": {}})[: -len('"documents": {}\n}\n')] + '"documents": {'
            first = True
            for doc_id, entry in self._documents():
                body = json.dumps(entry, ensure_ascii=False, indent=2).replace("\n", "\n    ")
                yield ("\n" if first else ",\n") + f"    {json.dumps(doc_id, ensure_ascii=False)}: {body}"
                first = False
            yield ("" if first else "\n  ") + "}\n}\n"

        write_atomic_chunks(self.outdir / MANIFEST, chunks(), durable=True)
        if self._journal is not None:
            try:
                self._journal.close()
            except OSError:
                pass  # its lines are all in the manifest just written
            self._journal = None
        self._offsets.clear()
        self._unjournalled.clear()
        (self.outdir / JOURNAL).unlink(missing_ok=True)
