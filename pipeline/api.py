"""The Python API: one document in, its record dict out; an output folder in, pandas tables out.

    from pipeline.api import extract_file, extract_text, load_outputs
    doc = extract_file("plans/qingdao.docx")          # the JSON `policyx extract` writes, as a dict
    doc = extract_text("到2025年，全市高新技术企业达到1800家以上。")
    tables = load_outputs("out/")                       # {"documents": DataFrame, "targets": ..., ...}

Errors are ``PolicyxError`` (an ``IngestError`` names the file and the reason).
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from pipeline.errors import PolicyxError
from pipeline.ingest import SourceDoc, read_source, require_text


def _extract(source: SourceDoc) -> dict:
    from pipeline.output import dumps
    from pipeline.run import StageError, extract_source
    from pipeline.serialise import result_to_dict

    require_text(source)
    try:
        result = extract_source(source)
    except StageError as exc:
        raise exc.error from None
    # Through the output's own serialiser, so the dict is exactly what `policyx extract` writes.
    return json.loads(dumps(result_to_dict(result)))


def extract_file(path: str | Path, doc_id: str | None = None) -> dict:
    """Read and extract one .txt/.docx/.pdf/.html file."""
    return _extract(read_source(path, doc_id))


def extract_text(text: str, doc_id: str = "text") -> dict:
    """Extract a text given as a string; spans are offsets into ``text`` itself."""
    from pipeline.readers import txt

    if not isinstance(text, str):
        raise PolicyxError(f"extract_text needs a str, not {type(text).__name__}")
    data = text.encode("utf-8")
    path = Path(f"{doc_id}.txt")
    read = txt.read(path, data)
    source = SourceDoc(doc_id=doc_id, path=path, format="txt", sha256=hashlib.sha256(data).hexdigest(),
                       text=read.text, paragraphs=read.paragraphs, tables=read.tables, warnings=read.warnings)
    return _extract(source)


def load_outputs(outdir: str | Path, reviewed: bool = False) -> dict:
    """An output folder as pandas DataFrames: ``documents`` and one typed table per record type."""
    from pipeline.export import tables

    return tables(outdir, reviewed=reviewed)
