"""What an output folder holds: which of its files are documents.

A document is a ``<doc_id>.json`` written beside its ``<doc_id>.source.txt``; every other JSON file
in the folder (manifest.json, export.label-studio.json, reviewed/…) is the folder's own and is never
read as a document.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from pipeline.errors import PolicyxError

SOURCE_SUFFIX = ".source.txt"
# Stems of the folder's own JSON files: never a document, even beside a .source.txt (an input named
# manifest.txt gets the doc_id manifest.txt, see pipeline/run.py).
FOLDER_FILES = frozenset({"manifest"})


@dataclass(frozen=True, slots=True)
class OutputDocument:
    doc_id: str
    doc: dict
    text: str


def document_ids(outdir: str | Path) -> list[str]:
    """Doc ids of the documents in ``outdir``, sorted."""
    outdir = Path(outdir)
    if not outdir.is_dir():
        raise PolicyxError(f"{outdir}: output folder not found")
    return sorted(p.name[: -len(SOURCE_SUFFIX)] for p in outdir.glob(f"*{SOURCE_SUFFIX}")
                  if (outdir / (p.name[: -len(SOURCE_SUFFIX)] + ".json")).is_file()
                  and p.name[: -len(SOURCE_SUFFIX)] not in FOLDER_FILES)


def read_document(outdir: str | Path, doc_id: str) -> OutputDocument:
    outdir = Path(outdir)
    path = outdir / f"{doc_id}.json"
    try:
        doc = json.loads(path.read_text(encoding="utf-8"))
        text = (outdir / f"{doc_id}{SOURCE_SUFFIX}").read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise PolicyxError(f"{path}: cannot be read as a policyx output document ({exc})") from None
    if not isinstance(doc, dict):
        raise PolicyxError(f"{path}: top level is not an object")
    return OutputDocument(doc_id, doc, text)


def documents(outdir: str | Path) -> Iterator[OutputDocument]:
    for doc_id in document_ids(outdir):
        yield read_document(outdir, doc_id)
