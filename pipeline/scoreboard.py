"""Report → text tables for the terminal.

The tables are laid out as pandas' ``DataFrame.to_string`` lays them out (the layout they always
had), in a few lines of plain Python: importing pandas cost ``policyx evaluate`` and ``policyx run``
more start-up time and memory than scoring itself (issue #21).
"""

from __future__ import annotations

from pipeline.evaluate import RECORD_TYPES, Report


def _column(name: str, values: list) -> list[str]:
    """Header and cells of one column as pandas formats them: numbers (integers, and floats as
    ``{:.3f}``) with a space before the header, text and integers with a space before each value."""
    numeric = all(isinstance(v, (int, float)) for v in values)
    cells = [f"{v:.3f}" if isinstance(v, float) else f"{v: d}" if isinstance(v, int) else f" {v}" for v in values]
    header = " " + name if numeric else name
    width = max(len(header), *map(len, cells))
    return [header.rjust(width), " " * width, *(c.rjust(width) for c in cells)]


def to_text(rows: list[dict], index: str) -> str:
    """``pd.DataFrame(rows).set_index(index).to_string()`` with ``{:.3f}`` floats, without pandas:
    the index left-aligned under its name, the columns right-aligned, one space between them."""
    keys = ["", index, *(str(r[index]) for r in rows)]
    key_width = max(map(len, keys))
    columns = [[k.ljust(key_width) for k in keys]]
    columns += [_column(c, [r[c] for r in rows]) for c in rows[0] if c != index]
    return "\n".join(" ".join(line) for line in zip(*columns, strict=True))


def _fmt(x: float | None) -> str:
    return "-" if x is None else f"{x:.3f}"


def type_rows(report: Report) -> list[dict]:
    rows = []
    figures = report.to_dict()
    for t in RECORD_TYPES:
        f = figures["types"][t]
        rows.append({
            "type": t, "gold": f["gold"], "pred": f["pred"],
            "det P": f["detection"]["precision"], "det R": f["detection"]["recall"],
            "det F1": f["detection"]["f1"],
            "strict P": f["strict"]["precision"], "strict R": f["strict"]["recall"],
            "strict F1": f["strict"]["f1"],
        })
    m = figures["micro"]
    rows.append({"type": "micro (all)", "gold": m["gold"], "pred": m["pred"],
                 "det P": m["detection"]["precision"], "det R": m["detection"]["recall"],
                 "det F1": m["detection"]["f1"], "strict P": m["strict"]["precision"],
                 "strict R": m["strict"]["recall"], "strict F1": m["strict"]["f1"]})
    return rows


def type_table(report: Report) -> str:
    return to_text(type_rows(report), "type")


def document_rows(report: Report) -> list[dict]:
    rows = []
    for doc_id, per in report.documents.items():
        row: dict[str, object] = {"doc_id": doc_id}
        for t in RECORD_TYPES:
            f = per[t].figures()
            row[f"{t} g/p"] = f"{f['gold']}/{f['pred']}"
            row[f"{t} strict F1"] = f["strict"]["f1"]
        rows.append(row)
    return rows


def document_table(report: Report) -> str:
    rows = document_rows(report)
    return to_text(rows, "doc_id") if rows else "(no documents)"


def field_lines(report: Report) -> list[str]:
    figures = report.to_dict()
    lines = []
    for t in RECORD_TYPES:
        acc = figures["types"][t]["field_accuracy"]
        lines.append(f"  {t:<17} " + "  ".join(f"{k}={_fmt(v)}" for k, v in acc.items()))
    meta = figures["meta"]
    lines.append("  meta              " + "  ".join(f"{k}={_fmt(v)}" for k, v in meta.items()))
    return lines


def format_report(report: Report, errors: bool = False) -> str:
    parts = ["Scores per record type (micro over documents)", type_table(report), "",
             "Field accuracy over detected pairs", *field_lines(report), "",
             "Per document", document_table(report)]
    if report.missing_predictions:
        parts += ["", "No prediction file for: " + ", ".join(report.missing_predictions)]
    if errors:
        parts += ["", f"Errors ({len(report.errors)})"]
        for e in report.errors:
            where = f" [{e.section}]" if e.section else ""
            if e.kind == "field_mismatch":
                parts.append(f"  {e.doc_id} {e.type} {e.field}: gold={e.gold!r} pred={e.pred!r}"
                             f" «{e.quote}» {e.span}{where}")
            else:
                parts.append(f"  {e.doc_id} {e.type} {e.kind}: «{e.quote}» {e.span}{where}")
    return "\n".join(parts)
