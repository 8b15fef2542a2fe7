"""Bar, stacked-bar, histogram and dot charts as inline SVG strings, drawn here in Python.

No script and no fetch: a chart is markup, so a page that holds it opens offline and prints.
Every chart is a ``<figure>`` holding an ``<svg role="img">`` with a ``<title>`` and ``<desc>``,
one ``<title>`` per mark (the value a reader sees on hover) and, beside it, a ``<table>`` of the
same numbers for screen readers and for copying. Labels are escaped; CJK labels are measured as
one em per character so that they are cut before they overflow.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

FONT = 'system-ui,"Noto Sans CJK SC","Noto Sans SC","Source Han Sans SC","Microsoft YaHei",sans-serif'
FONT_SIZE = 12
ROW = 18  # height of one bar row
PALETTE = ("#4e79a7", "#f28e2b", "#59a14f", "#e15759", "#76b7b2", "#edc948", "#b07aa1", "#9c755f")

CHART_CSS = """
figure.chart{display:flex;flex-wrap:wrap;gap:1em;align-items:flex-start;margin:1em 0}
figure.chart svg{flex:0 0 auto;max-width:100%;height:auto;background:#fff}
figure.chart svg .mark:hover{opacity:.7;stroke:#222;stroke-width:1}
figure.chart figcaption{flex-basis:100%;font-weight:bold}
figure.chart .data{flex:1 1 18em;max-height:24em;overflow:auto}
figure.chart .data table{font-size:12px}
.swatch{display:inline-block;width:.8em;height:.8em;margin-right:.3em;vertical-align:middle}
"""


def text_width(s: str, size: float = FONT_SIZE) -> float:
    """Approximate drawn width: wide (CJK, full-width) characters one em, others about 0.6 em."""
    return sum(size if ord(ch) >= 0x2E80 else size * 0.6 for ch in s)


def fit(s: str, width: float, size: float = FONT_SIZE) -> str:
    """``s`` cut with an ellipsis so that it is drawn no wider than ``width``."""
    if text_width(s, size) <= width:
        return s
    out = ""
    for ch in s:
        if text_width(out + ch + "…", size) > width:
            break
        out += ch
    return out + "…"


def fmt_num(v: float) -> str:
    """A value as a reader writes it: integers without decimals, others to three significant digits."""
    if v == int(v) and abs(v) < 1e15:
        return f"{int(v):,}" if abs(v) >= 10000 else str(int(v))
    return f"{v:.3g}" if abs(v) < 1000 else f"{v:,.0f}"


def fmt_yuan(v: float) -> str:
    """An amount in 元 in the unit a plan would use: 亿元, 万元 or 元."""
    if v >= 1e12:
        return f"{fmt_num(v / 1e12)}万亿元"
    if v >= 1e8:
        return f"{fmt_num(v / 1e8)}亿元"
    if v >= 1e4:
        return f"{fmt_num(v / 1e4)}万元"
    return f"{fmt_num(v)}元"


def nice_max(v: float) -> float:
    """The smallest of 1, 2, 2.5, 5 × 10^k at or above ``v`` (axis end)."""
    if v <= 0:
        return 1.0
    exp = 10 ** math.floor(math.log10(v))
    for m in (1, 2, 2.5, 5, 10):
        if m * exp >= v - 1e-12:
            return m * exp
    return 10 * exp


def ticks(top: float) -> list[float]:
    """Axis ticks from 0 to a ``nice_max`` value in round steps (0.2, 0.5 or 1 × 10^k)."""
    mantissa = top / 10 ** math.floor(math.log10(top))
    n = 4 if math.isclose(mantissa, 2) else 5
    return [top * k / n for k in range(n + 1)]


@dataclass(frozen=True, slots=True)
class Series:
    name: str
    colour: str


def _svg(width: float, height: float, title: str, desc: str, body: str, chart_id: str) -> str:
    return (f'<svg xmlns="http://www.w3.org/2000/svg" role="img" width="{width:.0f}" height="{height:.0f}" '
            f'viewBox="0 0 {width:.0f} {height:.0f}" aria-labelledby="{chart_id}-t {chart_id}-d" '
            f'font-family=\'{FONT}\' font-size="{FONT_SIZE}">'
            f'<title id="{chart_id}-t">{escape(title)}</title><desc id="{chart_id}-d">{escape(desc)}</desc>'
            f"{body}</svg>")


def data_table(head: Sequence[str], rows: Sequence[Sequence[object]]) -> str:
    """A sortable table of a chart's numbers (numbers right-aligned and sorted as numbers)."""
    def td(v: object) -> str:
        if isinstance(v, (int, float)) and not isinstance(v, bool):
            return f'<td class="num" data-v="{v}">{escape(fmt_num(v))}</td>'
        return f"<td>{escape('' if v is None else str(v))}</td>"

    return ("<table><thead><tr>" + "".join(f"<th>{escape(h)}</th>" for h in head) + "</tr></thead><tbody>"
            + "".join("<tr>" + "".join(td(v) for v in r) + "</tr>" for r in rows) + "</tbody></table>")


def figure(chart_id: str, caption: str, svg: str, table: str, note: str = "") -> str:
    note_html = f'<p class="note">{escape(note)}</p>' if note else ""
    return (f'<figure class="chart" id="{chart_id}"><figcaption>{escape(caption)}</figcaption>{svg}'
            f'<div class="data">{table}{note_html}</div></figure>')


def bar_mark(x: str, y: str, width: str, height: str, fill: str, tip: str) -> str:
    """One hoverable bar (a ``mark``) with its tooltip; coordinates come formatted by the chart."""
    return (f'<rect class="mark" x="{x}" y="{y}" width="{width}" height="{height}" fill="{fill}">'
            f"<title>{escape(tip)}</title></rect>")


def legend(series: Sequence[Series], x: float, y: float) -> str:
    out, cx = [], x
    for s in series:
        out.append(f'<rect x="{cx:.1f}" y="{y - 9:.1f}" width="10" height="10" fill="{s.colour}"/>'
                   f'<text x="{cx + 14:.1f}" y="{y:.1f}">{escape(s.name)}</text>')
        cx += 14 + text_width(s.name) + 16
    return "".join(out)


def stacked_hbars(chart_id: str, title: str, labels: Sequence[str], series: Sequence[Series],
                  values: Sequence[Sequence[float]], *, width: int = 640, label_width: int = 220,
                  value_fmt=fmt_num, hover: Sequence[str] | None = None) -> str:
    """One horizontal bar per label, split into ``series``; ``values[i][j]`` is label i, series j.

    ``hover`` gives an extra line per label for the marks' tooltips (e.g. the full title).
    """
    totals = [sum(v) for v in values]
    top = nice_max(max(totals, default=0))
    plot_w = width - label_width - 60
    legend_h = 22 if len(series) > 1 else 0
    height = legend_h + len(labels) * ROW + 28
    body = [legend(series, label_width, 14)] if len(series) > 1 else []
    y0 = legend_h + 4
    for t in ticks(top):
        x = label_width + plot_w * t / top
        body.append(f'<line x1="{x:.1f}" x2="{x:.1f}" y1="{y0}" y2="{y0 + len(labels) * ROW}" stroke="#ddd"/>'
                    f'<text x="{x:.1f}" y="{y0 + len(labels) * ROW + 14}" text-anchor="middle" '
                    f'fill="#555">{escape(value_fmt(t))}</text>')
    for i, label in enumerate(labels):
        y = y0 + i * ROW
        body.append(f'<text x="{label_width - 6}" y="{y + ROW - 5}" text-anchor="end">'
                    f"<title>{escape(label)}</title>{escape(fit(label, label_width - 10))}</text>")
        x = float(label_width)
        extra = f" · {hover[i]}" if hover else ""
        for s, v in zip(series, values[i], strict=True):
            if v <= 0:
                continue
            w = plot_w * v / top
            body.append(bar_mark(f"{x:.1f}", f"{y + 2}", f"{max(w, 1):.1f}", f"{ROW - 4}", s.colour,
                                 f"{label}{extra} — {s.name}: {value_fmt(v)}"))
            x += w
        body.append(f'<text x="{x + 4:.1f}" y="{y + ROW - 5}" fill="#333">{escape(value_fmt(totals[i]))}</text>')
    desc = f"{len(labels)} bars; largest {value_fmt(max(totals, default=0))}"
    return _svg(width, height, title, desc, "".join(body), chart_id)


def grouped_vbars(chart_id: str, title: str, groups: Sequence[str], series: Sequence[Series],
                  values: Sequence[Sequence[float | None]], *, top: float | None = None, height: int = 240,
                  value_fmt=fmt_num) -> str:
    """Vertical bars: one cluster per group, one bar per series; None draws a hatched 'n/a' stub."""
    flat = [v for row in values for v in row if v is not None]
    top = top or nice_max(max(flat, default=0))
    bar_w = 14 if len(series) > 2 else 22
    gap = 18
    group_w = max(bar_w * len(series) + gap, max((text_width(g) for g in groups), default=0) + 10)
    left, plot_h = 44, height - 70
    width = max(left + group_w * len(groups) + 10, left + 20 + sum(text_width(s.name) + 30 for s in series))
    y_base = 26 + plot_h
    body = [legend(series, left, 14)]
    for t in ticks(top):
        y = y_base - plot_h * t / top
        body.append(f'<line x1="{left}" x2="{width - 6}" y1="{y:.1f}" y2="{y:.1f}" stroke="#ddd"/>'
                    f'<text x="{left - 4}" y="{y + 4:.1f}" text-anchor="end" fill="#555">{escape(value_fmt(t))}</text>')
    for g, group in enumerate(groups):
        gx = left + gap / 2 + g * group_w
        for s_i, (s, v) in enumerate(zip(series, values[g], strict=True)):
            x = gx + s_i * bar_w
            if v is None:
                body.append(bar_mark(f"{x:.1f}", f"{y_base - 3}", f"{bar_w - 2}", "3", "#bbb",
                                     f"{group} — {s.name}: n/a"))
                continue
            h = plot_h * v / top
            body.append(bar_mark(f"{x:.1f}", f"{y_base - h:.1f}", f"{bar_w - 2}", f"{max(h, 0.5):.1f}", s.colour,
                                 f"{group} — {s.name}: {value_fmt(v)}"))
        cx = gx + bar_w * len(series) / 2
        body.append(f'<text x="{cx:.1f}" y="{y_base + 16}" text-anchor="middle">'
                    f"<title>{escape(group)}</title>{escape(fit(group, group_w - 2))}</text>")
    desc = f"{len(groups)} groups of {len(series)} bars"
    return _svg(width, height, title, desc, "".join(body), chart_id)


def log_histogram(chart_id: str, title: str, series: Sequence[Series], amounts: Sequence[Sequence[float]],
                  *, width: int = 640, height: int = 220) -> tuple[str, list[tuple[str, list[int]]]]:
    """Counts of positive amounts per half-decade bin on a log₁₀ axis, one bar colour per series.

    Returns the SVG and the bins as (label, count per series) for the data table.
    """
    flat = [a for s in amounts for a in s if a > 0]
    if not flat:
        return _svg(width, 40, title, "no amounts", '<text x="10" y="24">no amounts</text>', chart_id), []
    lo = math.floor(math.log10(min(flat)) * 2) / 2
    hi = math.floor(math.log10(max(flat)) * 2) / 2 + 0.5
    n_bins = max(1, round((hi - lo) * 2))
    counts = [[0] * n_bins for _ in series]
    for s_i, s_amounts in enumerate(amounts):
        for a in s_amounts:
            if a > 0:
                k = min(n_bins - 1, max(0, int((math.log10(a) - lo) * 2 + 1e-9)))
                counts[s_i][k] += 1
    top = nice_max(max(max(c) for c in counts))
    left, plot_h = 40, height - 72
    plot_w = width - left - 20
    bin_w = plot_w / n_bins
    bar_w = (bin_w - 4) / len(series)
    y_base = 26 + plot_h
    body = [legend(series, left, 14)]
    for t in ticks(top):
        y = y_base - plot_h * t / top
        body.append(f'<line x1="{left}" x2="{left + plot_w}" y1="{y:.1f}" y2="{y:.1f}" stroke="#ddd"/>'
                    f'<text x="{left - 4}" y="{y + 4:.1f}" text-anchor="end" fill="#555">{fmt_num(t)}</text>')
    bins = []
    for k in range(n_bins):
        a, b = 10 ** (lo + k / 2), 10 ** (lo + (k + 1) / 2)
        label = f"{fmt_yuan(a)}–{fmt_yuan(b)}"
        bins.append((label, [counts[s][k] for s in range(len(series))]))
        for s_i, s in enumerate(series):
            c = counts[s_i][k]
            if c:
                h = plot_h * c / top
                x = left + k * bin_w + 2 + s_i * bar_w
                body.append(bar_mark(f"{x:.1f}", f"{y_base - h:.1f}", f"{max(bar_w - 1, 1):.1f}", f"{h:.1f}",
                                     s.colour, f"{s.name} {label}: {c}"))
    every = 1 if 2 * bin_w >= 64 else 2  # label whole decades, every other one when they crowd
    for k in range(n_bins + 1):
        if (lo + k / 2) == int(lo + k / 2) and int(lo + k / 2) % every == 0:
            x = left + k * bin_w
            body.append(f'<line x1="{x:.1f}" x2="{x:.1f}" y1="{y_base}" y2="{y_base + 4}" stroke="#555"/>'
                        f'<text x="{x:.1f}" y="{y_base + 16}" text-anchor="middle">'
                        f"{escape(fmt_yuan(10 ** (lo + k / 2)))}</text>")
    body.append(f'<text x="{left + plot_w / 2:.1f}" y="{height - 6}" text-anchor="middle" fill="#555">'
                "amount (log scale, half-decade bins)</text>")
    desc = f"{len(flat)} amounts from {fmt_yuan(min(flat))} to {fmt_yuan(max(flat))}"
    return _svg(width, height, title, desc, "".join(body), chart_id), bins


def dot_rows(chart_id: str, title: str, labels: Sequence[str], values: Sequence[float],
             notes: Sequence[str], *, width: int = 560, label_width: int = 220, colour: str = PALETTE[0]) -> str:
    """One row per label, a dot at its value on a shared axis from 0, the note (e.g. year) beside it."""
    top = nice_max(max(values, default=0))
    lo = min(0.0, min(values, default=0))
    plot_w = width - label_width - 90
    height = len(labels) * ROW + 28
    span = (top - lo) or 1.0
    body = []
    for t in ticks(top):
        x = label_width + plot_w * (t - lo) / span
        body.append(f'<line x1="{x:.1f}" x2="{x:.1f}" y1="2" y2="{len(labels) * ROW + 2}" stroke="#ddd"/>'
                    f'<text x="{x:.1f}" y="{len(labels) * ROW + 16}" text-anchor="middle" fill="#555">'
                    f"{escape(fmt_num(t))}</text>")
    for i, (label, v, note) in enumerate(zip(labels, values, notes, strict=True)):
        y = 2 + i * ROW + ROW / 2
        x = label_width + plot_w * (v - lo) / span
        body.append(f'<text x="{label_width - 6}" y="{y + 4:.1f}" text-anchor="end"><title>{escape(label)}</title>'
                    f"{escape(fit(label, label_width - 10))}</text>"
                    f'<line x1="{label_width}" x2="{x:.1f}" y1="{y:.1f}" y2="{y:.1f}" stroke="#ccc"/>'
                    f'<circle class="mark" cx="{x:.1f}" cy="{y:.1f}" r="5" fill="{colour}">'
                    f"<title>{escape(label)}: {escape(fmt_num(v))} {escape(note)}</title></circle>"
                    f'<text x="{x + 8:.1f}" y="{y + 4:.1f}" fill="#333">{escape(fmt_num(v))} {escape(note)}</text>')
    desc = f"{len(labels)} values"
    return _svg(width, height, title, desc, "".join(body), chart_id)


def grouped_hbars(chart_id: str, title: str, labels: Sequence[str], series: Sequence[Series],
                  values: Sequence[Sequence[float | None]], *, top: float | None = None, width: int = 760,
                  label_width: int = 240, value_fmt=fmt_num) -> str:
    """One block per label with one thin horizontal bar per series; None is drawn as a grey 'n/a' tick."""
    flat = [v for row in values for v in row if v is not None]
    top = top or nice_max(max(flat, default=0))
    bar_h = 7 if len(series) > 2 else 9
    block = bar_h * len(series) + 8
    plot_w = width - label_width - 50
    y0 = 24
    height = y0 + block * len(labels) + 22
    body = [legend(series, label_width, 14)]
    for t in ticks(top):
        x = label_width + plot_w * t / top
        body.append(f'<line x1="{x:.1f}" x2="{x:.1f}" y1="{y0}" y2="{y0 + block * len(labels)}" stroke="#ddd"/>'
                    f'<text x="{x:.1f}" y="{y0 + block * len(labels) + 14}" text-anchor="middle" fill="#555">'
                    f"{escape(value_fmt(t))}</text>")
    for i, label in enumerate(labels):
        y = y0 + i * block + 4
        body.append(f'<text x="{label_width - 6}" y="{y + block / 2 + 1:.1f}" text-anchor="end">'
                    f"<title>{escape(label)}</title>{escape(fit(label, label_width - 10))}</text>")
        for s_i, (s, v) in enumerate(zip(series, values[i], strict=True)):
            by = y + s_i * bar_h
            if v is None:
                body.append(bar_mark(f"{label_width}", f"{by}", "3", f"{bar_h - 1}", "#bbb",
                                     f"{label} — {s.name}: n/a"))
                continue
            w = plot_w * v / top
            body.append(bar_mark(f"{label_width}", f"{by}", f"{max(w, 0.5):.1f}", f"{bar_h - 1}", s.colour,
                                 f"{label} — {s.name}: {value_fmt(v)}"))
    desc = f"{len(labels)} groups of {len(series)} bars"
    return _svg(width, height, title, desc, "".join(body), chart_id)
