"""Report → text tables for the terminal (pandas does the layout)."""

from __future__ import annotations

import pandas as pd

from pipeline.evaluate import RECORD_TYPES, Report


def _fmt(x: float | None) -> str:
    return "-" if x is None else f"{x:.3f}"


def type_table(report: Report) -> pd.DataFrame:
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
    return pd.DataFrame(rows).set_index("type")


def document_table(report: Report) -> pd.DataFrame:
    rows = []
    for doc_id, per in report.documents.items():
        row: dict[str, object] = {"doc_id": doc_id}
        for t in RECORD_TYPES:
            f = per[t].figures()
            row[f"{t} g/p"] = f"{f['gold']}/{f['pred']}"
            row[f"{t} strict F1"] = f["strict"]["f1"]
        rows.append(row)
    return pd.DataFrame(rows).set_index("doc_id")


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
    with pd.option_context("display.float_format", "{:.3f}".format, "display.width", 160,
                           "display.max_columns", 20):
        parts = ["Scores per record type (micro over documents)", type_table(report).to_string(), "",
                 "Field accuracy over detected pairs", *field_lines(report), "",
                 "Per document", document_table(report).to_string()]
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
