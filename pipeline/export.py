"""OUTDIR of JSON results → one table per record type plus a documents table, for analysts and data tools.

Each record row holds doc_id, title, the section path, quote, span and every field of the record;
structured fields are flattened (``baseline_year``, ``baseline_value``) and unit lists joined with 、
so that every cell is a plain value. The columns and their types come from the record dataclasses
(``pipeline.models``), never from the data: two output folders give tables of the same schema, so a
parquet dataset over both reads as one, and integers stay integers (nullable ``Int64``).
"""

from __future__ import annotations

import json
import types
import typing
from collections.abc import Iterator
from dataclasses import fields, is_dataclass
from enum import Enum
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pipeline.errors import PolicyxError
from pipeline.evaluate import enclosing_sections
from pipeline.export_formats import TABLE_FORMATS
from pipeline.models import META_FIELDS, RECORD_TYPES
from pipeline.outdir import document_ids, read_document
from pipeline.output import write_atomic

if TYPE_CHECKING:
    import pandas as pd

LEADING_COLUMNS = {"doc_id": "string", "title": "string", "section_path": "string", "quote": "string",
                   "span_start": "Int64", "span_end": "Int64"}


def document_columns() -> dict[str, str]:
    """Column name → dtype of the documents table: one count per declared record type."""
    return {"doc_id": "string", "file": "string", "format": "string", "title": "string",
            "doc_number": "string", "issuer": "string", "issue_date": "string",
            "period_start": "Int64", "period_end": "Int64",
            **{f"n_{t}": "Int64" for t in RECORD_TYPES}, "warnings": "Int64", "reviewed": "boolean"}


MAX_COLUMN_WIDTH = 60


def _dtype(hint: Any) -> str:
    """The nullable pandas dtype of one scalar field type."""
    args = [a for a in typing.get_args(hint) if a is not type(None)] if isinstance(hint, types.UnionType) else [hint]
    base = args[0] if args else str
    if base is bool:
        return "boolean"
    if base is int:
        return "Int64"
    if base is float:
        return "Float64"
    return "string"  # str, str enums, tuples of units joined with 、


def _columns_of(cls: type, prefix: str = "") -> dict[str, str]:
    out: dict[str, str] = {}
    hints = typing.get_type_hints(cls)
    for f in fields(cls):
        if not prefix and f.name in ("span", "quote"):
            continue
        hint = hints[f.name]
        inner = [a for a in typing.get_args(hint) if is_dataclass(a)]
        if inner:
            out |= _columns_of(inner[0], f"{prefix}{f.name}_")
        else:
            out[f"{prefix}{f.name}"] = _dtype(hint)
    return out


@cache
def record_columns(rtype: str) -> dict[str, str]:
    """Column name → dtype for one record type: the leading columns, then the dataclass's fields."""
    return LEADING_COLUMNS | _columns_of(RECORD_TYPES[rtype].cls)


def flatten(record: dict[str, Any]) -> dict[str, Any]:
    row: dict[str, Any] = {}
    for key, value in record.items():
        if key in ("span", "quote", "review"):
            continue
        if isinstance(value, dict):
            for sub, v in value.items():
                row[f"{key}_{sub}"] = v
        elif isinstance(value, list):
            row[key] = "、".join(str(v) for v in value)
        elif isinstance(value, Enum):
            row[key] = value.value
        else:
            row[key] = value
    return row


def load_documents(outdir: Path, reviewed: bool = False) -> Iterator[tuple[dict, bool]]:
    """Each document of ``outdir``; with ``reviewed``, the reviewer's copy where one exists, minus rejected records."""
    ids = document_ids(outdir)
    if not ids:
        raise PolicyxError(f"{outdir}: no extraction results (<doc_id>.json beside <doc_id>.source.txt) to export")
    for doc_id in ids:
        doc = read_document(outdir, doc_id).doc
        copy = outdir / "reviewed" / f"{doc_id}.json"
        if reviewed and copy.is_file() and not copy.is_symlink():
            try:
                doc = json.loads(copy.read_text(encoding="utf-8"))
            except (OSError, ValueError) as exc:
                raise PolicyxError(f"{copy}: not a readable reviewed file ({exc})") from None
            for rtype in RECORD_TYPES:
                doc[rtype] = [r for r in doc.get(rtype) or [] if (r.get("review") or {}).get("status") != "rejected"]
            yield doc, True
        else:
            yield doc, False


def rows(outdir: Path, reviewed: bool = False) -> tuple[dict[str, list[dict]], list[dict]]:
    """Record rows per type and one row per document, as plain Python values (strict-JSON ready)."""
    by_type: dict[str, list[dict]] = {t: [] for t in RECORD_TYPES}
    docs = []
    for data, was_reviewed in load_documents(outdir, reviewed):
        meta, source = data.get("meta") or {}, data.get("source") or {}
        period = meta.get("period") or [None, None]
        docs.append({"doc_id": data["doc_id"], "file": source.get("file"), "format": source.get("format"),
                     **{f: meta.get(f) for f in META_FIELDS if f != "period"},
                     "period_start": period[0], "period_end": period[1],
                     **{f"n_{t}": len(data.get(t) or []) for t in RECORD_TYPES},
                     "warnings": len(data.get("warnings") or []), "reviewed": was_reviewed})
        sections = data.get("sections") or []
        for rtype in RECORD_TYPES:
            columns = record_columns(rtype)
            for rec in data.get(rtype) or []:
                start, end = rec["span"]
                base = {"doc_id": data["doc_id"], "title": meta.get("title"),
                        "section_path": " > ".join(enclosing_sections(sections, start)),
                        "quote": rec["quote"], "span_start": start, "span_end": end}
                row = base | flatten(rec)
                by_type[rtype].append({c: row.get(c) for c in columns})
    return by_type, docs


def frame(records: list[dict], columns: dict[str, str]) -> pd.DataFrame:
    """A table with exactly ``columns``, typed, whatever the data holds (an empty one included)."""
    import pandas as pd  # only the table formats need pandas: not jsonl, not `policyx --help`

    data = {c: pd.array([r.get(c) for r in records], dtype=dtype) for c, dtype in columns.items()}
    return pd.DataFrame(data, columns=list(columns))


def tables(outdir: str | Path, reviewed: bool = False) -> dict[str, pd.DataFrame]:
    """``documents`` plus one typed DataFrame per record type (the Python API's view of an output folder)."""
    by_type, docs = rows(Path(outdir), reviewed)
    out = {"documents": frame(docs, document_columns())}
    out |= {rtype: frame(recs, record_columns(rtype)) for rtype, recs in by_type.items()}
    return out


def default_target(outdir: Path, fmt: str) -> Path:
    return outdir / ("export" if fmt in ("csv", "parquet") else f"export.{fmt}")


def export(outdir: str | Path, fmt: str, target: str | Path | None = None, reviewed: bool = False) -> Path:
    """Write the tables in ``fmt``; csv and parquet give a folder with one file per table."""
    outdir = Path(outdir)
    if fmt not in TABLE_FORMATS:
        raise PolicyxError(f"unknown export format {fmt!r}; choose one of {', '.join(TABLE_FORMATS)}")
    target = Path(target) if target else default_target(outdir, fmt)
    if fmt == "jsonl":
        by_type, docs = rows(outdir, reviewed)
        lines = [json.dumps({"type": "document", **d}, ensure_ascii=False, allow_nan=False) for d in docs]
        lines += [json.dumps({"type": rtype, **r}, ensure_ascii=False, allow_nan=False)
                  for rtype, recs in by_type.items() for r in recs]
        write_atomic(target, "\n".join(lines) + "\n")
        return target
    frames = tables(outdir, reviewed)
    if fmt in ("csv", "parquet"):
        target.mkdir(parents=True, exist_ok=True)
        for name, table in frames.items():
            path = target / f"{name}.{fmt}"
            tmp = path.with_name(f".{path.name}.tmp")
            # utf-8-sig: Excel opens a BOM-marked CSV as UTF-8 instead of the local code page.
            if fmt == "csv":
                table.to_csv(tmp, index=False, encoding="utf-8-sig")
            else:
                table.to_parquet(tmp, index=False)
            tmp.replace(path)
        return target
    write_xlsx(frames, target)
    return target


def write_xlsx(frames: dict[str, pd.DataFrame], target: Path) -> None:
    """One sheet per table, header frozen and filterable, columns as wide as their content (capped)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(f".{target.name}.tmp.xlsx")
    import pandas as pd

    with pd.ExcelWriter(tmp, engine="openpyxl") as writer:
        for name, table in frames.items():
            table.to_excel(writer, sheet_name=name, index=False)
            sheet = writer.sheets[name]
            sheet.freeze_panes = "A2"
            sheet.auto_filter.ref = sheet.dimensions
            for k, column in enumerate(table.columns, start=1):
                values = [str(column)] + [str(v) for v in table[column].head(500) if not pd.isna(v)]
                # A CJK character is about two Latin characters wide in a spreadsheet.
                width = max(sum(2 if ord(ch) > 0x2E80 else 1 for ch in v) for v in values)
                letter = sheet.cell(row=1, column=k).column_letter
                sheet.column_dimensions[letter].width = min(width + 2, MAX_COLUMN_WIDTH)
    tmp.replace(target)
