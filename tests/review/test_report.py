"""`policyx report`: one self-contained HTML file, escaped text, highlights, overlaps."""

from __future__ import annotations

import json
import re

from pipeline.cli import main
from pipeline.models import RECORD_TYPES
from pipeline.report_html import render, segments, write_report
from tests.review.conftest import ASTRAL_TEXT, ZIBO_ID, astral_doc

EXTERNAL = re.compile(r"""(src|href|action)\s*=\s*["']?\s*(https?:)?//|url\(\s*["']?(https?:)?//|@import""", re.I)


def test_report_of_zibo_is_self_contained_and_escaped(outdir, tmp_path):
    out = tmp_path / "zibo.html"
    assert main(["report", str(outdir / f"{ZIBO_ID}.json"), "-o", str(out)]) == 0
    html = out.read_text(encoding="utf-8")
    assert not EXTERNAL.search(html)
    assert "default-src 'none'" in html  # the CSP forbids every fetch even if something slipped in
    assert "。</p> <p>淄博" not in html and "。&lt;/p&gt; &lt;p&gt;淄博" in html
    data = json.loads((outdir / f"{ZIBO_ID}.json").read_text(encoding="utf-8"))
    assert html.count('<mark class="hl') >= sum(len(data[t]) for t in RECORD_TYPES) > 0
    assert "淄博市“十四五”科技创新规划" in html


def test_report_of_a_reviewed_copy_finds_the_source_one_folder_up(astral_out, tmp_path):
    from pipeline.review.store import ReviewStore

    ReviewStore(astral_out).save("astral", 0, [{"op": "reject", "type": "funding", "id": "funding-0"}], "x")
    out = write_report(astral_out / "reviewed" / "astral.json", tmp_path / "r.html")
    html = out.read_text(encoding="utf-8")
    # The rejected cap's own piece of text is struck through, not just the legend's sample.
    assert re.search(r'<mark class="hl rej"[^>]*>最高50万元</mark>', html)
    assert "a &lt;b&gt;pipeline&lt;/b&gt; warning" in html


def test_overlapping_records_are_cut_into_pieces_covered_twice():
    spans = [(0, 4, "targets", False), (2, 6, "funding", False)]
    assert segments("abcdefgh", spans) == [(0, 2, [0]), (2, 4, [0, 1]), (4, 6, [1]), (6, 8, [])]
    html = render({**astral_doc(), "targets": [{"span": [0, 4], "quote": "x"}], "funding": [{"span": [2, 6], "quote": "y"}],
                   "indicators": [], "responsibilities": []}, ASTRAL_TEXT)
    assert 'class="hl ov"' in html and "linear-gradient" in html
