"""Issue #22 in a real browser: the dashboard and the evaluation page render in headless Chromium
with no console error and no network request, their filters work, and their charts are drawn.

Same launch as tests/review/test_browser.py (Debian's chromium, never `playwright install`).
"""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from pipeline.cli import main
from tests.conftest import GOLD
from tests.review.test_browser import ARGS, CHROMIUM, shots  # noqa: F401  (shots is a fixture)
from tests.review.test_dashboard import flawed_pred  # noqa: F401  (a fixture)

pytestmark = pytest.mark.skipif(not CHROMIUM.exists(),
                                reason="/usr/bin/chromium is absent (CI installs it: apt-get install chromium)")


def hex_rgb(colour: str) -> tuple[int, int, int]:
    return tuple(int(colour[i : i + 2], 16) for i in (1, 3, 5))


def colours_drawn(png: bytes, colours: list[str]) -> dict[str, int]:
    """How many pixels of the screenshot have each colour exactly (bars are flat fills)."""
    from PIL import Image

    found = {rgb: n for n, rgb in Image.open(io.BytesIO(png)).convert("RGB").getcolors(maxcolors=1 << 24)}
    return {c: found.get(hex_rgb(c), 0) for c in colours}


class Browser:
    """One page that records console errors and every request that is not a local file."""

    def __init__(self, pw):
        self.browser = pw.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=ARGS)
        self.page = self.browser.new_page(viewport={"width": 1400, "height": 900})
        self.page.set_default_timeout(10_000)
        self.errors: list[str] = []
        self.external: list[str] = []
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type in ("error", "warning") else None)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("request", lambda r: None if r.url.startswith("file://") else self.external.append(r.url))


def test_dashboard_renders_filters_sorts_links_and_draws_charts(machine_out, tmp_path, shots):  # noqa: F811
    from playwright.sync_api import expect, sync_playwright

    from pipeline.dashboard import TYPE_BAR_COLOURS

    out = tmp_path / "dashboard.html"
    assert main(["report", str(machine_out), "-o", str(out)]) == 0
    with sync_playwright() as pw:
        b = Browser(pw)
        page = b.page
        page.goto(out.as_uri())
        rows = page.locator("#documents tbody tr")
        expect(rows).to_have_count(5)
        page.fill("#filter", "淄博")
        expect(page.locator("#documents tbody tr:visible")).to_have_count(1)
        expect(page.locator("#shown")).to_have_text("1")
        page.fill("#filter", "")
        page.click("#documents th:text-is('total')")
        page.click("#documents th:text-is('total')")  # second click: descending
        totals = [int(t) for t in page.locator("#documents tbody td:nth-child(10)").all_text_contents()]
        assert totals == sorted(totals, reverse=True) and totals[0] > 0
        for chart in ("#chart-types", "#chart-docs", "#chart-funding-hist", "#chart-caps", "#chart-units"):
            box = page.locator(f"{chart} svg").bounding_box()
            assert box and box["width"] > 200 and box["height"] > 50, chart
        page.locator("#chart-docs").scroll_into_view_if_needed()
        png = page.locator("#chart-docs svg").screenshot(path=str(shots / "dashboard-records-per-doc.png"))
        drawn = colours_drawn(png, list(TYPE_BAR_COLOURS.values()))
        assert all(n > 100 for n in drawn.values()), drawn  # every type's bars are on screen
        page.screenshot(path=str(shots / "dashboard.png"), full_page=True)
        title = page.locator("#documents tbody tr a").first.text_content()
        page.locator("#documents tbody tr a").first.click()
        expect(page.locator("h1")).to_have_text(title)
        expect(page.locator("mark").first).to_be_visible()
        b.browser.close()
    assert b.errors == [] and b.external == []


def test_evaluation_page_renders_and_filters_errors(flawed_pred, tmp_path, shots):  # noqa: F811
    from playwright.sync_api import expect, sync_playwright

    from pipeline.eval_html import SCORE_SERIES

    out = tmp_path / "eval.html"
    assert main(["evaluate", "--gold", str(GOLD), "--pred", str(flawed_pred), "--html", str(out)]) == 0
    with sync_playwright() as pw:
        b = Browser(pw)
        page = b.page
        page.goto(Path(out).as_uri())
        rows = page.locator("#errors tbody tr")
        total = rows.count()
        assert total > 2
        page.select_option("#f-type", "funding")
        page.select_option("#f-kind", "false_negative")
        visible = page.locator("#errors tbody tr:visible")
        expect(visible).to_have_count(1)
        assert "002_041f5e2fb803e25f" in visible.first.text_content()
        page.select_option("#f-type", "")
        page.select_option("#f-kind", "")
        expect(page.locator("#errors tbody tr:visible")).to_have_count(total)
        png = page.locator("#chart-scores svg").screenshot(path=str(shots / "evaluation-scores.png"))
        drawn = colours_drawn(png, [s.colour for s in SCORE_SERIES])
        assert all(n > 100 for n in drawn.values()), drawn
        page.screenshot(path=str(shots / "evaluation.png"), full_page=True)
        b.browser.close()
    assert b.errors == [] and b.external == []
