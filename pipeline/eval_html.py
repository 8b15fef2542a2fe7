"""An evaluation Report as one self-contained HTML page: where extraction errors concentrate.

`policyx evaluate --gold DIR --pred DIR --html FILE`. Per-type and per-document P/R/F1 as bars,
field and meta accuracy, error counts by type, kind and document, and every error (quote, section,
gold and predicted values) in a table filterable by type, kind and document. Charts are inline SVG
(``pipeline.svgcharts``) with their numbers beside them; no network request, works offline.
"""

from __future__ import annotations

import json
from collections import Counter
from html import escape
from pathlib import Path
from typing import Any

from pipeline.evaluate import RECORD_TYPES, Report
from pipeline.output import write_atomic
from pipeline.report_html import CSP, CSS, SORT_JS
from pipeline.svgcharts import (
    CHART_CSS,
    PALETTE,
    Series,
    data_table,
    figure,
    grouped_hbars,
    grouped_vbars,
    stacked_hbars,
)

ERROR_KINDS = {"false_negative": "#e15759", "false_positive": "#f28e2b", "field_mismatch": "#4e79a7"}
SCORE_SERIES = [Series("detection F1", "#bab0ac"), Series("strict P", PALETTE[0]), Series("strict R", PALETTE[4]),
                Series("strict F1", PALETTE[2])]

EVAL_CSS = """
.filters{margin:.5em 0;display:flex;gap:1em;flex-wrap:wrap;align-items:center}
.filters select,.filters input{font-size:14px}
#errors td.quote{max-width:36em} #errors td.val{max-width:16em;font-family:monospace;font-size:12px}
.note{color:#555;font-size:12px} .big{font-size:1.3em;font-weight:bold}
"""

FILTER_JS = """
(function(){var ids=['f-type','f-kind','f-doc','f-text'],rows=document.querySelectorAll('#errors tbody tr'),
 shown=document.getElementById('shown');
 function apply(){var t=document.getElementById('f-type').value,k=document.getElementById('f-kind').value,
  d=document.getElementById('f-doc').value,q=document.getElementById('f-text').value.trim().toLowerCase(),n=0;
  rows.forEach(function(r){var ok=(!t||r.dataset.type===t)&&(!k||r.dataset.kind===k)&&(!d||r.dataset.doc===d)
   &&(!q||r.textContent.toLowerCase().indexOf(q)>=0);r.hidden=!ok;if(ok)n++;});shown.textContent=n;}
 ids.forEach(function(i){var e=document.getElementById(i);e.addEventListener('input',apply);
  e.addEventListener('change',apply);});})();
"""


def fmt_score(v: float) -> str:
    return f"{v:.3f}"


def _value(v: Any) -> str:
    return "–" if v is None else json.dumps(v, ensure_ascii=False) if not isinstance(v, str) else v


def scores_section(fig: dict) -> str:
    groups = [*RECORD_TYPES, "micro (all)"]
    rows = [fig["types"][t] for t in RECORD_TYPES] + [fig["micro"]]
    values = [[r["detection"]["f1"], r["strict"]["precision"], r["strict"]["recall"], r["strict"]["f1"]] for r in rows]
    svg = grouped_vbars("scores", "Precision, recall and F1 per record type", groups, SCORE_SERIES, values, top=1.0,
                        value_fmt=fmt_score)
    table = data_table(["type", "gold", "pred", "det P", "det R", "det F1", "strict P", "strict R", "strict F1"],
                       [[g, r["gold"], r["pred"], *(round(r[m][k], 3) for m in ("detection", "strict")
                                                    for k in ("precision", "recall", "f1"))]
                        for g, r in zip(groups, rows, strict=True)])
    return figure("chart-scores", "Scores per record type (micro over documents)", svg, table,
                  "detection: a predicted record overlaps a gold one; strict: and its key fields are equal (spec §4).")


def documents_section(fig: dict) -> str:
    docs = list(fig["documents"])
    series = [Series(t, RECORD_TYPES[t].bar_colour) for t in RECORD_TYPES]
    values, rows = [], []
    for d in docs:
        per = fig["documents"][d]
        values.append([None if per[t]["gold"] == 0 and per[t]["pred"] == 0 else per[t]["strict"]["f1"]
                       for t in RECORD_TYPES])
        gold = sum(per[t]["gold"] for t in RECORD_TYPES)
        pred = sum(per[t]["pred"] for t in RECORD_TYPES)
        strict = sum(per[t]["strict_pairs"] for t in RECORD_TYPES)
        f1 = 2 * strict / (gold + pred) if gold + pred else 1.0
        rows.append([d, *(f"{per[t]['gold']}/{per[t]['pred']} · {per[t]['strict']['f1']:.3f}" for t in RECORD_TYPES),
                     round(f1, 3)])
    svg = grouped_hbars("doc-scores", "Strict F1 per document and record type", docs, series, values, top=1.0,
                        value_fmt=fmt_score)
    table = data_table(["document", *(f"{t} gold/pred · F1" for t in RECORD_TYPES), "strict F1 (all)"], rows)
    return figure("chart-doc-scores", "Strict F1 per document", svg, table,
                  "A grey tick: the type has neither gold nor predicted records in that document.")


def fields_section(fig: dict) -> str:
    labels, values, rows = [], [], []
    for t in RECORD_TYPES:
        pairs = fig["types"][t]["detected"]
        for f, acc in fig["types"][t]["field_accuracy"].items():
            labels.append(f"{t} · {f}")
            values.append([acc])
            rows.append([t, f, None if acc is None else round(acc, 3), pairs])
    for f, acc in fig["meta"].items():
        labels.append(f"meta · {f}")
        values.append([acc])
        rows.append(["meta", f, None if acc is None else round(acc, 3), len(fig["documents"])])
    svg = grouped_hbars("fields", "Field accuracy over detected pairs, and meta accuracy over documents", labels,
                        [Series("accuracy", PALETTE[0])], values, top=1.0, value_fmt=fmt_score, label_width=220)
    return figure("chart-fields", "Field accuracy", svg, data_table(["type", "field", "accuracy", "over"], rows),
                  "Key fields decide strict correctness; the others count here only.")


def error_charts(errors: list[dict]) -> str:
    kinds = list(ERROR_KINDS)
    series = [Series(k.replace("_", " "), ERROR_KINDS[k]) for k in kinds]
    types = [*RECORD_TYPES, "meta"]
    by_type = Counter((e["type"], e["kind"]) for e in errors)
    types = [t for t in types if any(by_type[(t, k)] for k in kinds)] or list(RECORD_TYPES)
    values = [[by_type[(t, k)] for k in kinds] for t in types]
    parts = [figure("chart-errors-type", "Errors by record type and kind",
                    stacked_hbars("errors-type", "Errors by record type and kind", types, series, values, width=640,
                                  label_width=130),
                    data_table(["type", *kinds], [[t, *v] for t, v in zip(types, values, strict=True)]))]
    by_doc = Counter((e["doc_id"], e["kind"]) for e in errors)
    docs = sorted({e["doc_id"] for e in errors}, key=lambda d: (-sum(by_doc[(d, k)] for k in kinds), d))
    if docs:
        values = [[by_doc[(d, k)] for k in kinds] for d in docs]
        parts.append(figure("chart-errors-doc", "Errors per document",
                            stacked_hbars("errors-doc", "Errors per document, by kind", docs, series, values,
                                          width=760, label_width=260),
                            data_table(["document", *kinds], [[d, *v] for d, v in zip(docs, values, strict=True)])))
    return "".join(parts)


def errors_table(errors: list[dict]) -> str:
    def options(values: list[str]) -> str:
        return '<option value="">all</option>' + "".join(
            f'<option value="{escape(v)}">{escape(v)}</option>' for v in values)

    types = [t for t in [*RECORD_TYPES, "meta"] if any(e["type"] == t for e in errors)]
    kinds = [k for k in ERROR_KINDS if any(e["kind"] == k for e in errors)]
    docs = sorted({e["doc_id"] for e in errors})
    rows = []
    for e in errors:
        span = e["span"]
        rows.append(f'<tr data-type="{escape(e["type"])}" data-kind="{escape(e["kind"])}" '
                    f'data-doc="{escape(e["doc_id"])}">'
                    f"<td>{escape(e['doc_id'])}</td><td>{escape(e['type'])}</td><td>{escape(e['kind'])}</td>"
                    f"<td>{escape(e['field'] or '')}</td>"
                    f'<td class="val">{escape(_value(e["gold"])) if e["kind"] == "field_mismatch" else ""}</td>'
                    f'<td class="val">{escape(_value(e["pred"])) if e["kind"] == "field_mismatch" else ""}</td>'
                    f'<td class="quote">{escape(e["quote"])}</td><td>{escape(e["section"] or "")}</td>'
                    f'<td class="num" data-v="{span[0]}">{span[0]}–{span[1]}</td></tr>')
    head = ["document", "type", "kind", "field", "gold", "predicted", "quote", "section", "span"]
    return ('<div class="filters">'
            f'<label>type <select id="f-type">{options(types)}</select></label>'
            f'<label>error kind <select id="f-kind">{options(kinds)}</select></label>'
            f'<label>document <select id="f-doc">{options(docs)}</select></label>'
            '<label>text <input id="f-text" type="search" placeholder="quote, section, value…"></label>'
            f'<span><span id="shown">{len(errors)}</span> of {len(errors)} errors shown</span></div>'
            '<table id="errors"><thead><tr>' + "".join(f"<th>{h}</th>" for h in head) + "</tr></thead><tbody>"
            + "".join(rows) + "</tbody></table>")


def render_evaluation(report: Report, gold: str = "", pred: str = "") -> str:
    fig = report.to_dict()
    errors = fig["errors"]
    micro = fig["micro"]["strict"]
    title = f"policyx evaluation: {gold or 'gold'} vs {pred or 'predictions'}"
    missing = (f"<p class='warn'>No prediction file for: {escape(', '.join(fig['missing_predictions']))}</p>"
               if fig["missing_predictions"] else "")
    sections = [("scores", "Scores per record type", scores_section(fig)),
                ("documents", "Scores per document", documents_section(fig)),
                ("fields", "Field and meta accuracy", fields_section(fig)),
                ("where", "Where errors concentrate", error_charts(errors)),
                ("errors", f"Every error ({len(errors)})", errors_table(errors))]
    nav = "".join(f'<a href="#{sid}">{escape(t)}</a> ' for sid, t, _ in sections)
    body = "".join(f'<section id="{sid}"><h2>{escape(t)}</h2>{html}</section>' for sid, t, html in sections)
    return f"""<!DOCTYPE html>
<html lang="zh"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="{CSP}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{escape(title)}</title><style>{CSS}{CHART_CSS}{EVAL_CSS}</style></head><body>
<h1>{escape(title)}</h1>
<p><span class="big">strict F1 {micro['f1']:.3f}</span> (P {micro['precision']:.3f}, R {micro['recall']:.3f}) over
{len(fig['documents'])} document(s), {fig['micro']['gold']} gold and {fig['micro']['pred']} predicted records;
{len(errors)} error(s).</p>{missing}
<nav>{nav}</nav>
{body}
<script>{SORT_JS}{FILTER_JS}</script></body></html>
"""


def write_evaluation(report: Report, output: str | Path, gold: str = "", pred: str = "") -> Path:
    output = Path(output)
    write_atomic(output, render_evaluation(report, gold, pred))
    return output
