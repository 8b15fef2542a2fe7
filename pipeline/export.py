"""OUTDIR of JSON results → one table per record type, for analysts who live in spreadsheets.

Each row holds doc_id, title, the section path, quote, span and every field of the record;
structured fields are flattened (``baseline_year``, ``baseline_value``) and unit lists joined
with 、 so that every cell is a plain value.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pandas as pd

from pipeline.errors import PolicyxError
from pipeline.evaluate import enclosing_sections
from pipeline.models import RECORD_TYPES
from pipeline.output import write_atomic

TABLE_FORMATS = ("csv", "xlsx", "parquet", "jsonl")
LEADING_COLUMNS = ["doc_id", "title", "section_path", "quote", "span_start", "span_end"]
MAX_COLUMN_WIDTH = 60


def result_files(outdir: Path) -> list[Path]:
    files = sorted(p for p in outdir.glob("*.json") if p.name != "manifest.json" and not p.name.startswith("."))
    if not files:
        raise PolicyxError(f"{outdir}: no extraction results (<doc_id>.json) to export")
    return files


def flatten(record: dict[str, Any]) -> dict[str, Any]:
    row: dict[str, Any] = {}
    for key, value in record.items():
        if key in ("span", "quote"):
            continue
        if isinstance(value, dict):
            for sub, v in value.items():
                row[f"{key}_{sub}"] = v
        elif isinstance(value, list):
            row[key] = "、".join(str(v) for v in value)
        else:
            row[key] = value
    return row


def rows_by_type(outdir: Path) -> Iterator[tuple[str, dict[str, Any]]]:
    for path in result_files(outdir):
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise PolicyxError(f"{path}: not a readable result file ({exc})") from None
        title = (data.get("meta") or {}).get("title")
        sections = data.get("sections") or []
        for rtype in RECORD_TYPES:
            for rec in data.get(rtype) or []:
                start, end = rec["span"]
                path = " > ".join(enclosing_sections(sections, start))
                base = {"doc_id": data["doc_id"], "title": title, "section_path": path,
                        "quote": rec["quote"], "span_start": start, "span_end": end}
                yield rtype, base | flatten(rec)


def tables(outdir: Path) -> dict[str, pd.DataFrame]:
    grouped: dict[str, list[dict[str, Any]]] = {t: [] for t in RECORD_TYPES}
    for rtype, row in rows_by_type(outdir):
        grouped[rtype].append(row)
    frames = {}
    for rtype, rows in grouped.items():
        frame = pd.DataFrame(rows)
        if frame.empty:
            frame = pd.DataFrame(columns=LEADING_COLUMNS)
        frames[rtype] = frame
    return frames


def default_target(outdir: Path, fmt: str) -> Path:
    return outdir / ("export" if fmt in ("csv", "parquet") else f"export.{fmt}")


def export(outdir: str | Path, fmt: str, target: str | Path | None = None) -> Path:
    """Write the tables in ``fmt``; csv and parquet give a folder with one file per type."""
    outdir = Path(outdir)
    if fmt not in TABLE_FORMATS:
        raise PolicyxError(f"unknown export format {fmt!r}; choose one of {', '.join(TABLE_FORMATS)}")
    target = Path(target) if target else default_target(outdir, fmt)
    frames = tables(outdir)
    if fmt in ("csv", "parquet"):
        target.mkdir(parents=True, exist_ok=True)
        for rtype, frame in frames.items():
            path = target / f"{rtype}.{fmt}"
            tmp = path.with_name(f".{path.name}.tmp")
            # utf-8-sig: Excel opens a BOM-marked CSV as UTF-8 instead of the local code page.
            if fmt == "csv":
                frame.to_csv(tmp, index=False, encoding="utf-8-sig")
            else:
                frame.to_parquet(tmp, index=False)
            tmp.replace(path)
        return target
    if fmt == "jsonl":
        lines = [json.dumps({"type": rtype, **row}, ensure_ascii=False, default=str)
                 for rtype, frame in frames.items() for row in frame.to_dict(orient="records")]
        write_atomic(target, "\n".join(lines) + ("\n" if lines else ""))
        return target
    write_xlsx(frames, target)
    return target


def write_xlsx(frames: dict[str, pd.DataFrame], target: Path) -> None:
    """One sheet per record type, header frozen, columns as wide as their content (capped)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(f".{target.name}.tmp.xlsx")
    with pd.ExcelWriter(tmp, engine="openpyxl") as writer:
        for rtype, frame in frames.items():
            frame.to_excel(writer, sheet_name=rtype, index=False)
            sheet = writer.sheets[rtype]
            sheet.freeze_panes = "A2"
            for k, column in enumerate(frame.columns, start=1):
                values = [str(column)] + [str(v) for v in frame[column].head(500) if v is not None]
                # A CJK character is about two Latin characters wide in a spreadsheet.
                width = max(sum(2 if ord(ch) > 0x2E80 else 1 for ch in v) for v in values)
                sheet.column_dimensions[sheet.cell(row=1, column=k).column_letter].width = min(width + 2,
                                                                                               MAX_COLUMN_WIDTH)
    tmp.replace(target)
