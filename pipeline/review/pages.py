"""Server-rendered HTML of the review app: the document list and the document page's shell.

Every document string is escaped here; the document page's text and records are drawn by
``static/review.js`` with ``textContent`` only, so markup inside a plan (淄博's ``<p>``) stays text.
CSS and JS are inlined: the pages make no request to any host but this app.
"""

from __future__ import annotations

from functools import cache
from html import escape
from importlib import resources
from urllib.parse import quote

from pipeline.models import LOW_CONFIDENCE, RECORD_TYPES

CSP = ("default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; connect-src 'self'; "
       "img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'")


@cache
def static(name: str) -> str:
    return resources.files("pipeline.review").joinpath("static", name).read_text(encoding="utf-8")


def colour_vars() -> str:
    """Each declared record type's colour as a CSS variable and a ``.t-<type>`` chip class (review.js uses both)."""
    return (":root{" + "".join(f"--c-{t}:{rt.colour};" for t, rt in RECORD_TYPES.items()) + "}"
            + "".join(f".t-{t}{{background:var(--c-{t})}}" for t in RECORD_TYPES))


def page(title: str, body: str, script: str = "") -> str:
    return f"""<!DOCTYPE html>
<html lang="zh"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="icon" href="data:,"><title>{escape(title)}</title>
<style>{colour_vars()}{static("review.css")}</style></head>
<body>{body}{f"<script>{script}</script>" if script else ""}</body></html>
"""


def doc_list(rows: list[dict], outdir: str) -> str:
    head = "".join(f"<th>{escape(h)}</th>" for h in
                   ["document", "title", *RECORD_TYPES, "records", f"confidence < {LOW_CONFIDENCE}",
                    "warnings", "review status"])
    lines = []
    for r in rows:
        status = escape(r["status"].replace("_", " "))
        if r["updated_by"]:
            status += f" · v{r['version']} by {escape(str(r['updated_by']))} {escape(str(r['updated_at']))}"
        counts = "".join(f'<td class="num">{r["counts"][t]}</td>' for t in RECORD_TYPES)
        low = f'<td class="num{" low" if r["low_confidence"] else ""}">{r["low_confidence"]}</td>'
        lines.append(
            f'<tr class="st-{escape(r["status"])}">'
            f'<td><a href="/docs/{quote(r["doc_id"], safe="")}">{escape(r["doc_id"])}</a></td>'
            f"<td>{escape(r['title'] or '(no title)')}</td>{counts}<td class='num'>{r['total']}</td>{low}"
            f"<td class='num'>{r['warnings']}</td><td>{status}</td></tr>")
    body = (f"<header><h1>policyx review</h1><span class='muted'>{escape(outdir)}</span></header>"
            f"<main class='list'><table class='sortable'><thead><tr>{head}</tr></thead>"
            f"<tbody>{''.join(lines)}</tbody></table>"
            + ("" if rows else "<p>No documents: run <code>policyx extract … -o OUTDIR</code> first.</p>")
            + "<p class='muted'>Corrections are saved to OUTDIR/reviewed/; machine output is never changed.</p></main>")
    return page("policyx review", body, static("sort.js"))


def doc_page(doc_id: str, title: str | None) -> str:
    """The shell; review.js fills it from /api/docs/<doc_id>."""
    legend = "".join(f'<span class="chip t-{t}">{escape(t)}</span>' for t in RECORD_TYPES)
    body = f"""<header><a href="/">← documents</a><h1 id="title">{escape(title or doc_id)}</h1>
<span class="muted">{escape(doc_id)}</span><span id="status" class="badge"></span>
<label class="who">reviewer <input id="reviewer" size="10" autocomplete="off"></label></header>
<div id="bar"><span id="pending">no unsaved changes</span>
<button id="save" title="s">Save</button><button id="discard">Discard unsaved</button>
<button id="mark" title="mark the document reviewed">Mark reviewed</button>
<a id="report" href="/docs/{quote(doc_id, safe="")}/report">HTML report</a>
<span class="legend">{legend}<span class="chip ov">overlap</span><span class="chip rej">rejected</span></span></div>
<div id="message" role="alert" hidden></div>
<main class="doc" data-doc-id="{escape(doc_id)}">
<section id="textpane"><div id="text" lang="zh"></div></section>
<section id="side">
<div id="warnings"><h2>Warnings</h2><ul id="warnlist"></ul></div>
<div id="misses"><h2>Possible misses <span id="misscount" class="muted"></span></h2>
<p class="muted">Triggers no record covers (policyx audit): click one to add it as a record.</p>
<ul id="misslist"></ul></div>
<div id="editor"><h2>Record</h2><div id="form"></div></div>
<div><h2>Records <select id="filter"><option value="all">all</option>
<option value="low">confidence &lt; {LOW_CONFIDENCE}</option><option value="pending">not yet decided</option>
{"".join(f'<option value="{t}">{t}</option>' for t in RECORD_TYPES)}</select></h2>
<table id="records"><thead><tr><th data-sort="pos">position</th><th data-sort="type">type</th>
<th data-sort="status">status</th>
<th>quote</th><th data-sort="confidence">confidence</th></tr></thead><tbody></tbody></table></div>
<p class="muted keys">keys: <b>j</b>/<b>k</b> next/previous · <b>a</b> accept · <b>r</b> reject ·
<b>n</b> add from selection · <b>m</b> move span to selection · <b>s</b> save</p>
</section></main>"""
    return page(f"{title or doc_id} – policyx review", body, static("review.js"))
