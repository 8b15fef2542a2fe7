"""An output folder as one self-contained HTML dashboard: documents table and charts for analysts.

`policyx report OUTDIR -o FILE.html`. The numbers come from ``pipeline.export.rows`` typed by the
columns `policyx export` writes (reviewers' corrections applied with ``reviewed``), as plain Python
values: no pandas, which only the table exports need (issue 21); charts are
inline SVG drawn by ``pipeline.svgcharts``, each with its numbers in a table beside it. The page makes
no network request (a Content-Security-Policy forbids any) and opens offline. Each document's own
page (``pipeline.report_html``) is written into a folder beside the dashboard, ``FILE.docs/``, and
the documents table links to it; the dashboard alone still reads whole when mailed without them.
"""

from __future__ import annotations

import json
import math
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass
from html import escape
from pathlib import Path
from typing import Any
from urllib.parse import quote as url_quote

import regex

from pipeline.evaluate import dice
from pipeline.export import document_columns, record_columns, rows
from pipeline.models import RECORD_TYPES
from pipeline.outdir import document_ids, read_document
from pipeline.output import write_atomic
from pipeline.report_html import CSP, CSS, SORT_JS, render
from pipeline.svgcharts import (
    CHART_CSS,
    PALETTE,
    Series,
    data_table,
    dot_rows,
    figure,
    fmt_yuan,
    log_histogram,
    stacked_hbars,
)

# Saturated versions of the review app's type colours (same hues, dark enough for thin bars on white)
# are declared with each type (RecordType.bar_colour); this view serves importers of the old name.
TYPE_BAR_COLOURS = {t: rt.bar_colour for t, rt in RECORD_TYPES.items()}
MAX_DOC_BARS = 40
MAX_CAPS = 15
MAX_UNITS = 20
MAX_INDICATORS = 8
MAX_DOTS = 60
REVIEW_STATES = {"accepted": "#59a14f", "edited": "#4e79a7", "added": "#76b7b2", "rejected": "#e15759",
                 "remaining": "#bab0ac"}

DASH_CSS = """
.filters{margin:.5em 0} .filters input{font-size:14px;padding:2px 6px;width:24em}
nav a{margin-right:1em} td.title{max-width:32em}
.scroll{max-height:36em;overflow:auto;display:inline-block;border-bottom:1px solid #ccc}
.scroll thead th{position:sticky;top:0}
.note{color:#555;font-size:12px}
"""

FILTER_JS = """
(function(){var box=document.getElementById('filter'),rows=document.querySelectorAll('#documents tbody tr'),
 shown=document.getElementById('shown');
 box.addEventListener('input',function(){var q=box.value.trim().toLowerCase(),n=0;
  rows.forEach(function(r){var ok=!q||r.textContent.toLowerCase().indexOf(q)>=0;r.hidden=!ok;if(ok)n++;});
  shown.textContent=n;});})();
"""


CASTS = {"string": str, "Int64": int, "Float64": float, "boolean": bool}


def _typed(records: list[dict[str, Any]], columns: dict[str, str]) -> list[dict[str, Any]]:
    """Rows with exactly ``columns``, each value cast to its column's type as the export's typed
    tables hold it (an int in a Float64 column is a float), missing values (and NaN) as None."""
    casts = [(c, CASTS[dtype]) for c, dtype in columns.items()]
    return [{c: None if (v := r.get(c)) is None or v != v else cast(v) for c, cast in casts} for r in records]


def tables(outdir: Path, reviewed: bool = False) -> dict[str, list[dict[str, Any]]]:
    """``documents`` and one list of rows per record type: ``pipeline.export.tables`` without pandas."""
    by_type, docs = rows(outdir, reviewed)
    return {"documents": _typed(docs, document_columns())} | {
        rtype: _typed(recs, record_columns(rtype)) for rtype, recs in by_type.items()}


def doc_label(doc: dict) -> str:
    return doc.get("title") or doc["doc_id"]


# --- targets by indicator across documents ------------------------------------------------------

BRACKETS = regex.compile(r"[（(][^（）()]*[）)]")
# R&D intensity is written many ways (研发经费投入强度, 研究与试验发展经费支出占地区生产总值比重,
# 全社会R&D经费投入占GDP比重 …): one grammar maps them to one name so plans can be compared.
RD_INTENSITY = regex.compile(
    r"^(?:全社会|全市|全省)?(?:R&D|研发|研究与试验发展|研究与开发)(?:经费)?(?:投入|支出)?"
    r"(?:强度|占(?:地区生产总值|GDP|生产总值)(?:的)?比(?:重|例))$", regex.I)


def indicator_key(name: str) -> str:
    """A name as compared across plans: NFKC, no spaces, no bracketed unit, R&D intensity unified."""
    s = BRACKETS.sub("", unicodedata.normalize("NFKC", name))
    s = regex.sub(r"\s+", "", s)
    return "研发经费投入强度" if RD_INTENSITY.match(s) else s


def same_indicator(a: str, b: str) -> bool:
    """One name begins or ends the other (the shorter at least four characters and half the longer)
    or bigram Dice ≥ 0.6: 高新技术企业数 is 高新技术企业; 具有高新技术企业发展潜力的后备企业 and
    单位地区生产总值能耗 (the name inside a different quantity) are not."""
    short, long_ = sorted((a, b), key=len)
    if short in long_:
        affix = long_.startswith(short) or long_.endswith(short)
        return a == b or (len(short) >= 4 and 2 * len(short) >= len(long_) and affix)
    return dice(a, b) >= 0.6


@dataclass(slots=True)
class Observation:
    doc_id: str
    doc: str
    name: str
    value: float
    unit: str
    year: int | None
    source: str  # "target" or "table"
    comparator: str | None = None


def observations(frames: dict[str, list[dict]], labels: dict[str, str]) -> list[Observation]:
    """Every stated target value: quantified targets, and indicator-table rows with a target column."""
    obs = []
    for r in frames["targets"]:
        if r["indicator"] and r["value"] is not None:
            obs.append(Observation(r["doc_id"], labels[r["doc_id"]], r["indicator"], float(r["value"]),
                                   r["unit"] or "", r["year"], "target", r["comparator"]))
    for r in frames["indicators"]:
        if r["name"] and r["target_value"] is not None:
            obs.append(Observation(r["doc_id"], labels[r["doc_id"]], r["name"], float(r["target_value"]),
                                   r["unit"] or "", r["target_year"], "table"))
    return obs


def group_indicators(obs: list[Observation]) -> list[tuple[str, str, list[Observation]]]:
    """Clusters of the same indicator in the same unit, those in most documents first."""
    by_key: dict[tuple[str, str], list[Observation]] = defaultdict(list)
    for o in obs:
        by_key[(indicator_key(o.name), unicodedata.normalize("NFKC", o.unit))].append(o)
    clusters: list[tuple[str, str, list[Observation]]] = []
    for (key, unit), items in sorted(by_key.items(), key=lambda kv: (-len(kv[1]), kv[0])):
        for c_key, c_unit, c_items in clusters:
            if c_unit == unit and same_indicator(c_key, key):
                c_items.extend(items)
                break
        else:
            clusters.append((key, unit, list(items)))
    out = []
    for key, unit, items in clusters:
        seen, kept = set(), []
        for o in sorted(items, key=lambda o: (o.doc, o.year or 0, o.value)):
            if (o.doc_id, o.year, o.value) not in seen:
                seen.add((o.doc_id, o.year, o.value))
                kept.append(o)
        out.append((key, unit, kept))
    out.sort(key=lambda c: (-len({o.doc_id for o in c[2]}), -len(c[2]), c[0]))
    return out


COMPARATOR_SIGNS = {"ge": "≥", "gt": ">", "le": "≤", "approx": "≈", "eq": "="}


def indicator_section(frames: dict[str, list[dict]], labels: dict[str, str]) -> str:
    clusters = [c for c in group_indicators(observations(frames, labels)) if len(c[2]) >= 2]
    multi = [c for c in clusters if len({o.doc_id for o in c[2]}) >= 2]
    shown = (multi or clusters)[:MAX_INDICATORS]
    if not shown:
        return "<p>No indicator has a stated value twice.</p>"
    parts = []
    if not multi:
        parts.append('<p class="note">No indicator appears in two documents; the indicators stated most often '
                     "within one document are shown.</p>")
    for n, (key, unit, items) in enumerate(shown):
        names = sorted({o.name for o in items})
        labels_ = [o.doc for o in items]
        notes = [f"{o.year}年" if o.year else "" for o in items]
        notes = [(COMPARATOR_SIGNS.get(o.comparator or "", "") + " " if o.comparator else "") + note
                 for o, note in zip(items, notes, strict=True)]
        svg = dot_rows(f"ind{n}", f"{key} ({unit or 'no unit'}) across documents", labels_[:MAX_DOTS],
                       [o.value for o in items][:MAX_DOTS], notes[:MAX_DOTS], colour=PALETTE[n % len(PALETTE)])
        table = data_table(["document", "year", "value", "unit", "as written", "from"],
                           [[o.doc, o.year, o.value, o.unit, o.name, "target" if o.source == "target" else "table row"]
                            for o in items])
        docs = len({o.doc_id for o in items})
        caption = f"{key}（{unit or 'no unit'}）: {len(items)} value(s) in {docs} document(s)"
        note = "written as: " + "、".join(names[:8]) + ("…" if len(names) > 8 else "")
        if len(items) > MAX_DOTS:
            note += f"; the chart shows the first {MAX_DOTS} values, the table all {len(items)}"
        parts.append(figure(f"indicator-{n}", caption, svg, table, note))
    more = len(multi or clusters) - len(shown)
    if more > 0:
        parts.append(f'<p class="note">{more} more indicator(s) with several values are in the exported targets '
                     "and indicators tables.</p>")
    return "".join(parts)


# --- sections -----------------------------------------------------------------------------------

def documents_table(docs: list[dict], links: dict[str, str], reviewed: bool) -> str:
    head = ["title", "issuer", "文号", "date", "period", *RECORD_TYPES, "total", "warnings"]
    if reviewed:
        head.append("reviewed")
    rows = []
    for d in docs:
        label = doc_label(d)
        link = links.get(d["doc_id"])
        title = (f'<a href="{escape(link)}">{escape(label)}</a>' if link else escape(label))
        period = (f"{d['period_start']}–{d['period_end']}" if d["period_start"] is not None else "")
        cells = [f'<td class="title" data-v="{escape(label)}">{title}<br><code>{escape(d["doc_id"])}</code></td>',
                 f"<td>{escape(d['issuer'] or '')}</td>", f"<td>{escape(d['doc_number'] or '')}</td>",
                 f"<td>{escape(d['issue_date'] or '')}</td>", f"<td>{escape(period)}</td>"]
        counts = [int(d[f"n_{t}"] or 0) for t in RECORD_TYPES]
        cells += [f'<td class="num" data-v="{c}">{c}</td>' for c in (*counts, sum(counts), int(d["warnings"] or 0))]
        if reviewed:
            cells.append(f"<td>{'yes' if d['reviewed'] else 'no'}</td>")
        rows.append("<tr>" + "".join(cells) + "</tr>")
    return ('<div class="filters"><label>Filter documents: <input id="filter" type="search" '
            'placeholder="title, issuer, 文号, year…"></label> '
            f'<span id="shown">{len(docs)}</span> of {len(docs)} shown · click a heading to sort</div>'
            '<div class="scroll"><table id="documents"><thead><tr>' + "".join(f"<th>{escape(h)}</th>" for h in head)
            + "</tr></thead><tbody>" + "".join(rows) + "</tbody></table></div>")


def records_section(docs: list[dict]) -> str:
    series = [Series(t, RECORD_TYPES[t].bar_colour) for t in RECORD_TYPES]
    totals = [sum(int(d[f"n_{t}"] or 0) for d in docs) for t in RECORD_TYPES]
    svg = stacked_hbars("records-type", "Records per type", list(RECORD_TYPES), [Series("records", PALETTE[0])],
                        [[v] for v in totals], width=520, label_width=130)
    parts = [figure("chart-types", "Records per type", svg,
                    data_table(["type", "records"], list(zip(RECORD_TYPES, totals, strict=True))))]
    ranked = sorted(docs, key=lambda d: (-sum(int(d[f"n_{t}"] or 0) for t in RECORD_TYPES), doc_label(d)))
    top = ranked[:MAX_DOC_BARS]
    values = [[int(d[f"n_{t}"] or 0) for t in RECORD_TYPES] for d in top]
    svg = stacked_hbars("records-doc", "Records per document, by type", [doc_label(d) for d in top], series, values,
                        width=760, label_width=260, hover=[d["doc_id"] for d in top])
    note = (f"The {len(top)} documents with most records of {len(docs)}; every document's counts are in the "
            "documents table." if len(docs) > len(top) else "")
    parts.append(figure("chart-docs", "Records per document", svg,
                        data_table(["document", *RECORD_TYPES],
                                   [[doc_label(d), *v] for d, v in zip(top, values, strict=True)]),
                        note))
    return "".join(parts)


def funding_section(frames: dict[str, list[dict]], labels: dict[str, str]) -> str:
    recs = frames["funding"]
    if not recs:
        return "<p>No funding records.</p>"
    kinds = Counter(r["kind"] for r in recs)
    known = ("cap", "fixed", "ratio", "uncapped")
    order = [k for k in known if kinds[k]] + sorted(set(kinds) - set(known))
    svg = stacked_hbars("funding-kinds", "Funding records by kind", order, [Series("records", PALETTE[1])],
                        [[kinds[k]] for k in order], width=520, label_width=110)
    parts = [figure("chart-funding-kinds", "Funding records by kind", svg,
                    data_table(["kind", "records"], [[k, kinds[k]] for k in order]))]
    amount_kinds = [k for k in ("cap", "fixed") if any(r["kind"] == k and r["amount_yuan"] for r in recs)]
    if amount_kinds:
        series = [Series(k, PALETTE[1] if k == "cap" else PALETTE[0]) for k in amount_kinds]
        amounts = [[float(r["amount_yuan"]) for r in recs if r["kind"] == k and r["amount_yuan"]] for k in amount_kinds]
        svg, bins = log_histogram("funding-hist", "Distribution of funding amounts by kind (log scale)", series,
                                  amounts)
        stats = []
        for k, a in zip(amount_kinds, amounts, strict=True):
            a = sorted(a)
            stats.append(f"{k}: {len(a)} amounts, median {fmt_yuan(a[len(a) // 2])}, "
                         f"geometric mean {fmt_yuan(math.exp(sum(math.log(x) for x in a) / len(a)))}")
        parts.append(figure("chart-funding-hist", "Funding amounts by kind (caps and fixed sums, log scale)", svg,
                            data_table(["amount", *amount_kinds], [[label, *c] for label, c in bins]),
                            "; ".join(stats)))
    caps = sorted((r for r in recs if r["kind"] == "cap" and r["amount_yuan"]),
                  key=lambda r: (-r["amount_yuan"], r["doc_id"], r["span_start"]))[:MAX_CAPS]
    if caps:
        names = [r["beneficiary"] or r["quote"] for r in caps]
        hover = [f"{labels[r['doc_id']]} · {r['quote']}" for r in caps]
        svg = stacked_hbars("funding-caps", "Largest caps with their beneficiary", names,
                            [Series("cap", PALETTE[1])], [[float(r["amount_yuan"])] for r in caps], width=760,
                            label_width=280, value_fmt=fmt_yuan, hover=hover)
        table = data_table(["beneficiary", "cap", "per", "document", "quote"],
                           [[r["beneficiary"] or "–", fmt_yuan(r["amount_yuan"]), r["per"], labels[r["doc_id"]],
                             r["quote"]] for r in caps])
        parts.append(figure("chart-caps", f"The {len(caps)} largest caps", svg, table))
    return "".join(parts)


ROLE_GROUPS = {"lead": "leads", "responsible": "responsible", "cooperating": "cooperates", "undertaking": "undertakes"}


def responsibility_section(frames: dict[str, list[dict]]) -> str:
    recs = frames["responsibilities"]
    if not recs:
        return "<p>No responsibility records.</p>"
    counts: dict[str, Counter] = defaultdict(Counter)
    docs: dict[str, set] = defaultdict(set)
    for r in recs:
        names = r["canonical_units"] or r["units"] or ""
        for unit in dict.fromkeys(u for u in names.split("、") if u):
            counts[unit][r["role"]] += 1
            docs[unit].add(r["doc_id"])
    roles = [r for r in ROLE_GROUPS if any(c[r] for c in counts.values())]
    ranked = sorted(counts, key=lambda u: (-(counts[u]["lead"] + counts[u]["responsible"]),
                                           -sum(counts[u].values()), u))
    top = ranked[:MAX_UNITS]
    series = [Series(ROLE_GROUPS[r], PALETTE[i]) for i, r in enumerate(roles)]
    values = [[counts[u][r] for r in roles] for u in top]
    svg = stacked_hbars("resp-units", "Units that lead or carry most tasks", top, series, values, width=760,
                        label_width=240, hover=[f"in {len(docs[u])} document(s)" for u in top])
    table = data_table(["unit", *[ROLE_GROUPS[r] for r in roles], "documents"],
                       [[u, *v, len(docs[u])] for u, v in zip(top, values, strict=True)])
    note = (f"{len(counts)} units in all, ranked by tasks they lead or are responsible for; canonical names where "
            "the pipeline resolved them.")
    return figure("chart-units", "Units that lead or carry most tasks", svg, table, note)


def review_counts(outdir: Path) -> list[tuple[str, str, Counter]]:
    """(doc_id, label, counts by state) from the reviewed copies; unreviewed documents are all remaining."""
    out = []
    for doc_id in document_ids(outdir):
        copy = outdir / "reviewed" / f"{doc_id}.json"
        c: Counter = Counter()
        if copy.is_file() and not copy.is_symlink():
            doc = json.loads(copy.read_text(encoding="utf-8"))
        else:
            doc = read_document(outdir, doc_id).doc
        for t in RECORD_TYPES:
            for rec in doc.get(t) or []:
                status = (rec.get("review") or {}).get("status", "pending")
                c[status if status in REVIEW_STATES else "remaining"] += 1
        out.append((doc_id, (doc.get("meta") or {}).get("title") or doc_id, c))
    return out


def review_section(outdir: Path) -> str:
    per_doc = review_counts(outdir)
    states = list(REVIEW_STATES)
    series = [Series(s, REVIEW_STATES[s]) for s in states]
    total = Counter()
    for _, _, c in per_doc:
        total.update(c)
    svg = stacked_hbars("review-total", "Review progress over all records", ["all documents"], series,
                        [[total[s] for s in states]], width=760, label_width=130)
    done = sum(total[s] for s in states if s != "remaining")
    all_ = sum(total.values())
    parts = [figure("chart-review", f"Review progress: {done} of {all_} records decided", svg,
                    data_table(["state", "records"], [[s, total[s]] for s in states]))]
    per_doc.sort(key=lambda d: (d[2]["remaining"], d[1]))
    top = per_doc[:MAX_DOC_BARS]
    svg = stacked_hbars("review-docs", "Review progress per document", [d[1] for d in top], series,
                        [[d[2][s] for s in states] for d in top], width=760, label_width=260,
                        hover=[d[0] for d in top])
    parts.append(figure("chart-review-docs", "Review progress per document", svg,
                        data_table(["document", *states], [[d[1], *(d[2][s] for s in states)] for d in top])))
    return "".join(parts)


# --- page ---------------------------------------------------------------------------------------

def render_dashboard(outdir: str | Path, reviewed: bool = False, links: dict[str, str] | None = None) -> str:
    outdir = Path(outdir)
    frames = tables(outdir, reviewed=reviewed)
    docs = frames["documents"]
    labels = {d["doc_id"]: doc_label(d) for d in docs}
    totals = {t: len(frames[t]) for t in RECORD_TYPES}
    summary = " · ".join(f"{n} {t}" for t, n in totals.items())
    sections = [("documents", "Documents", documents_table(docs, links or {}, reviewed)),
                ("records", "Records per type and per document", records_section(docs)),
                ("funding", "Funding amounts", funding_section(frames, labels)),
                ("targets", "Targets by indicator across documents", indicator_section(frames, labels)),
                ("responsibilities", "Responsibilities", responsibility_section(frames))]
    if reviewed:
        sections.append(("review", "Review progress", review_section(outdir)))
    nav = "".join(f'<a href="#{sid}">{escape(title)}</a>' for sid, title, _ in sections)
    body = "".join(f'<section id="{sid}"><h2>{escape(title)}</h2>{html}</section>' for sid, title, html in sections)
    state = "reviewers' corrections applied (rejected records left out)" if reviewed else "machine output"
    heading = f"policyx dashboard: {outdir.name or outdir}"
    return f"""<!DOCTYPE html>
<html lang="zh"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="{CSP}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{escape(heading)}</title><style>{CSS}{CHART_CSS}{DASH_CSS}</style></head><body>
<h1>{escape(heading)}</h1>
<p>{len(docs)} document(s) · {escape(summary)} · {escape(state)}</p>
<nav>{nav}</nav>
{body}
<script>{SORT_JS}{FILTER_JS}</script></body></html>
"""


def doc_pages_dir(output: Path) -> Path:
    return output.with_name(output.stem + ".docs")


def write_dashboard(outdir: str | Path, output: str | Path, reviewed: bool = False, doc_pages: bool = True) -> Path:
    """Write the dashboard, and each document's page into ``FILE.docs/`` unless ``doc_pages`` is False."""
    outdir, output = Path(outdir), Path(output)
    links: dict[str, str] = {}
    if doc_pages:
        folder = doc_pages_dir(output)
        for doc_id in document_ids(outdir):
            item = read_document(outdir, doc_id)
            doc = item.doc
            copy = outdir / "reviewed" / f"{doc_id}.json"
            if reviewed and copy.is_file() and not copy.is_symlink():
                doc = json.loads(copy.read_text(encoding="utf-8"))
            write_atomic(folder / f"{doc_id}.html", render(doc, item.text))
            links[doc_id] = f"{url_quote(folder.name)}/{url_quote(doc_id)}.html"
    write_atomic(output, render_dashboard(outdir, reviewed, links))
    return output

