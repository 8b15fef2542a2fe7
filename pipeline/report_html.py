"""One document's records as a single self-contained HTML file, to attach to an email.

No network: CSS and the small sorting script are inline, a Content-Security-Policy forbids every
fetch, and every string from the document goes through ``html.escape`` (the 淄博 plan's text
contains literal ``<p>`` tags). Works without JavaScript; the script only sorts tables.
"""

from __future__ import annotations

import itertools
import json
from html import escape
from pathlib import Path
from typing import Any

from pipeline.errors import PolicyxError
from pipeline.models import RECORD_TYPES, is_low

# Each record type's colour and label come from its declaration (pipeline.models), which the review
# app reads too, so both read the same way.
CSP = "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:"
HIDDEN = {"span", "quote", "review", "bbox"}

CSS = """
body{font:14px/1.5 system-ui,"Noto Sans CJK SC",sans-serif;margin:0 1.5em 2em;color:#222}
h1{font-size:1.4em} h2{font-size:1.15em;margin-top:1.6em}
.legend span,.chip{display:inline-block;padding:0 .5em;margin-right:.4em;border-radius:3px}
.text{white-space:pre-wrap;border:1px solid #ccc;padding:1em;max-height:none;font-size:15px}
.hl{border-radius:2px} .ov{text-decoration:underline wavy #333;text-underline-offset:3px}
.rej{background:repeating-linear-gradient(45deg,#eee,#eee 3px,#ddd 3px,#ddd 6px)!important;text-decoration:line-through}
table{border-collapse:collapse;margin:.5em 0;font-size:13px}
th,td{border:1px solid #ccc;padding:2px 6px;vertical-align:top}
th{background:#f3f3f3;cursor:pointer;text-align:left} td.num{text-align:right}
.low{color:#b00;font-weight:bold} .warn{background:#fff4d6;border:1px solid #e0b84c;padding:.5em 1em}
.page img{max-width:100%;border:1px solid #ccc} .page{margin:1em 0}
dl{display:grid;grid-template-columns:max-content auto;gap:0 1em} dt{font-weight:bold}
"""

SORT_JS = """
document.querySelectorAll('th').forEach(function(th){th.addEventListener('click',function(){
 var t=th.closest('table'),i=Array.prototype.indexOf.call(th.parentNode.children,th),b=t.tBodies[0];
 var rows=Array.prototype.slice.call(b.rows),asc=th.dataset.asc!=='1';th.dataset.asc=asc?'1':'0';
 rows.sort(function(x,y){var a=x.cells[i].dataset.v||x.cells[i].textContent,
  c=y.cells[i].dataset.v||y.cells[i].textContent;
  var na=parseFloat(a),nc=parseFloat(c);var r=(!isNaN(na)&&!isNaN(nc))?na-nc:a.localeCompare(c);return asc?r:-r;});
 rows.forEach(function(r){b.appendChild(r);});});});
"""


def segments(text: str, spans: list[tuple[int, int, str, bool]]) -> list[tuple[int, int, list[int]]]:
    """Cut the text at every record boundary; each piece lists the records covering all of it.

    ``spans`` are (start, end, type, rejected); overlapping records give pieces covered twice.
    """
    cuts = sorted({0, len(text), *(s for s, _, _, _ in spans), *(e for _, e, _, _ in spans)})
    # A sweep over the cuts: records open at their start and close at their end, so each piece is
    # found once (testing every record against every piece was quadratic: 25k records took 43 s).
    opening: dict[int, list[int]] = {}
    closing: dict[int, list[int]] = {}
    for i, (s, e, _, _) in enumerate(spans):
        if s < e:
            opening.setdefault(s, []).append(i)
            closing.setdefault(e, []).append(i)
    active: set[int] = set()
    out = []
    for a, b in itertools.pairwise(cuts):
        active.difference_update(closing.get(a, ()))
        active.update(opening.get(a, ()))
        if a < b:
            out.append((a, b, sorted(active)))
    return out


def highlighted_text(text: str, spans: list[tuple[int, int, str, bool]]) -> str:
    """Escaped source text with one <mark> per piece covered by records, coloured by type."""
    parts = []
    for a, b, cover in segments(text, spans):
        piece = escape(text[a:b])
        if not cover:
            parts.append(piece)
            continue
        types = [spans[i][2] for i in cover]
        colours = [RECORD_TYPES[t].colour for t in dict.fromkeys(types)]
        bg = colours[0] if len(colours) == 1 else "linear-gradient(" + ",".join(
            f"{c} {100 * k // len(colours)}% {100 * (k + 1) // len(colours)}%" for k, c in enumerate(colours)) + ")"
        cls = "hl" + (" ov" if len(cover) > 1 else "") + (" rej" if all(spans[i][3] for i in cover) else "")
        title = "; ".join(f"{RECORD_TYPES[spans[i][2]].label} {spans[i][0]}–{spans[i][1]}" for i in cover)
        parts.append(f'<mark class="{cls}" style="background:{bg}" title="{escape(title)}">{piece}</mark>')
    return "".join(parts)


def meta_value(value: Any) -> str:
    if value is None:
        return "–"
    return json.dumps(value, ensure_ascii=False) if isinstance(value, list) else str(value)


def cell(value: Any) -> str:
    if value is None:
        return '<td class="null">–</td>'
    if isinstance(value, bool):
        return f"<td>{'yes' if value else 'no'}</td>"
    if isinstance(value, (int, float)):
        return f'<td class="num" data-v="{value}">{escape(str(value))}</td>'
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return f"<td>{escape('、'.join(value))}</td>"
    if isinstance(value, (list, dict)):
        return f"<td>{escape(json.dumps(value, ensure_ascii=False))}</td>"
    return f"<td>{escape(str(value))}</td>"


def page_cell(page: Any, linked: bool) -> str:
    if page is None or not linked:
        return cell(page)
    return f'<td class="num" data-v="{int(page)}"><a href="#page-{int(page)}">{int(page)}</a></td>'


def pages_section(images: dict[int, str]) -> str:
    """The PDF pages that have records, each record outlined (``pipeline.page_image``)."""
    if not images:
        return ""
    figures = "".join(
        f'<figure class="page" id="page-{n}"><img src="{escape(uri)}" alt="page {n}"><figcaption>page {n}'
        "</figcaption></figure>"
        for n, uri in sorted(images.items())
    )
    return f"<h2>Pages</h2>{figures}"


def record_table(type_name: str, recs: list[dict], images: dict[int, str] | None = None) -> str:
    fields: list[str] = []
    for rec in recs:
        fields += [k for k in rec if k not in HIDDEN and k not in fields]
    head = "".join(f"<th>{escape(h)}</th>" for h in ["start", "quote", "status", *fields])
    rows = []
    for rec in recs:
        status = (rec.get("review") or {}).get("status", "")
        low = ' class="low"' if is_low(rec) else ""
        rows.append(f"<tr{low}>" + cell(rec["span"][0]) + cell(rec.get("quote")) + cell(status)
                    + "".join(page_cell(rec.get(f), rec.get(f) in (images or {})) if f == "page" else cell(rec.get(f))
                              for f in fields) + "</tr>")
    return (f'<h2><span class="chip" style="background:{RECORD_TYPES[type_name].colour}">{escape(type_name)}</span>'
            f" {len(recs)} record(s)</h2><table><thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>")


def render(doc: dict, text: str, page_images: dict[int, str] | None = None) -> str:
    """The whole report page for one document dict (machine output or reviewed copy); with
    ``page_images`` (page → data: URI), the PDF pages with their records boxed follow the tables."""
    spans = [(r["span"][0], r["span"][1], t, (r.get("review") or {}).get("status") == "rejected")
             for t in RECORD_TYPES for r in doc.get(t) or []]
    meta = doc.get("meta") or {}
    title = meta.get("title") or doc.get("doc_id", "")
    meta_rows = "".join(f"<dt>{escape(k)}</dt><dd>{escape(meta_value(v))}</dd>" for k, v in meta.items())
    warnings = doc.get("warnings") or []
    warn = ("<div class='warn'><b>Warnings</b><ul>" + "".join(f"<li>{escape(str(w))}</li>" for w in warnings)
            + "</ul></div>") if warnings else ""
    legend = "".join(f'<span style="background:{rt.colour}">{escape(t)}</span>' for t, rt in RECORD_TYPES.items())
    review = doc.get("review") or {}
    status = (f"review: {escape(str(review.get('status')))} v{escape(str(review.get('version')))}"
              if review else "machine output")
    tables = "".join(record_table(t, doc.get(t) or [], page_images) for t in RECORD_TYPES if doc.get(t))
    source_file = str((doc.get("source") or {}).get("file", ""))
    return f"""<!DOCTYPE html>
<html lang="zh"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="{CSP}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{escape(str(title))}</title><style>{CSS}</style></head><body>
<h1>{escape(str(title))}</h1>
<p>document <code>{escape(str(doc.get("doc_id", "")))}</code> · source {escape(source_file)} · {status}</p>
<dl>{meta_rows}</dl>{warn}
<p class="legend">{legend} <span class="ov">overlapping records</span> <span class="rej">rejected</span></p>
{tables}{pages_section(page_images or {})}
<h2>Source text</h2><div class="text">{highlighted_text(text, spans)}</div>
<script>{SORT_JS}</script></body></html>
"""


def source_for(json_path: Path) -> Path:
    """The .source.txt of an output or reviewed file: beside it, or one folder up for reviewed/."""
    name = f"{json_path.stem}.source.txt"
    for folder in (json_path.parent, json_path.parent.parent):
        if (folder / name).is_file():
            return folder / name
    raise PolicyxError(f"no {name} beside {json_path} or in its parent folder; pass --source FILE")


def write_report(json_path: Path, output: Path, source: Path | None = None) -> Path:
    from pipeline.output import write_atomic
    from pipeline.schema import schema_problems

    try:
        doc = json.loads(json_path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise PolicyxError(f"{json_path} cannot be read as a policyx JSON file: {exc}") from None
    except RecursionError:
        raise PolicyxError(f"{json_path} cannot be read as a policyx JSON file: nested too deeply") from None
    problems = schema_problems(doc) if isinstance(doc, dict) else ["(top): not an object"]
    if problems:
        more = f" (and {len(problems) - 3} more)" if len(problems) > 3 else ""
        raise PolicyxError(f"{json_path} is not a policyx output file: {'; '.join(problems[:3])}{more}")
    src = source or source_for(json_path)
    with src.open(encoding="utf-8", newline="") as fh:
        text = fh.read()
    images = {}
    if (doc.get("source") or {}).get("format") == "pdf":
        from pipeline.page_image import page_data_uris, source_pdf

        outdir = json_path.parent.parent if json_path.parent.name == "reviewed" else json_path.parent
        images = page_data_uris(source_pdf(outdir, doc), doc)
    write_atomic(output, render(doc, text, images))
    return output
