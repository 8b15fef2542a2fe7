"""Issue #9 done-when: a reviewer in a real browser rejects, edits, adds by selecting text, saves.

Playwright from PyPI drives Debian's chromium (never `playwright install`). Skipped only when
/usr/bin/chromium is absent; CI installs it with apt-get. Screenshots go to $POLICYX_SCREENSHOTS
or the test's tmp folder.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import threading
import time
from pathlib import Path

import pytest

from pipeline.interchange import cp_to_utf16
from pipeline.review.store import ReviewStore
from tests.review.conftest import ASTRAL_TEXT, ZIBO_ID, span_of

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run"]
pytestmark = pytest.mark.skipif(not CHROMIUM.exists(),
                                reason="/usr/bin/chromium is absent (CI installs it: apt-get install chromium)")

# Select UTF-16 offsets [a, b) of #text's string, as a reader dragging the mouse would.
SELECT_JS = """([a, b]) => {
  const root = document.querySelector('#text'), walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  let pos = 0, range = document.createRange(), node;
  while ((node = walker.nextNode())) {
    const len = node.data.length;
    if (a >= pos && a <= pos + len) range.setStart(node, a - pos);
    if (b >= pos && b <= pos + len) { range.setEnd(node, b - pos); break; }
    pos += len;
  }
  const sel = window.getSelection(); sel.removeAllRanges(); sel.addRange(range);
  return sel.toString();
}"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def server(outdir, astral_out):
    import uvicorn

    from pipeline.review.app import create_app

    shutil.copy(astral_out / "astral.json", outdir)
    shutil.copy(astral_out / "astral.source.txt", outdir)
    port = free_port()
    srv = uvicorn.Server(uvicorn.Config(create_app(outdir, reviewer="nobody"), host="127.0.0.1", port=port,
                                        log_level="warning"))
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not srv.started:
        assert time.monotonic() < deadline, "uvicorn did not start"
        time.sleep(0.02)
    yield f"http://127.0.0.1:{port}", outdir
    srv.should_exit = True
    thread.join(5)


@pytest.fixture
def shots(tmp_path) -> Path:
    folder = Path(os.environ.get("POLICYX_SCREENSHOTS") or tmp_path / "screenshots")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def test_issue_9_reject_edit_add_save_reload(server, shots):
    from playwright.sync_api import expect, sync_playwright

    base, outdir = server
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=ARGS)
        page = browser.new_page(viewport={"width": 1400, "height": 900})
        page.set_default_timeout(10_000)
        external = []
        page.on("request", lambda r: None if r.url.startswith(base) or r.url.startswith("data:") else external.append(r.url))

        page.goto(f"{base}/")
        expect(page.locator("table.sortable tbody tr")).to_have_count(len(ReviewStore(outdir).doc_ids()))
        page.screenshot(path=str(shots / "1-list.png"), full_page=True)

        # 淄博: literal <p> tags in the plan are shown as text, never parsed as markup.
        page.goto(f"{base}/docs/{ZIBO_ID}")
        expect(page.locator("#records tbody tr").first).to_be_visible()
        assert "</p> <p>淄博" in page.locator("#text").text_content()
        assert page.locator("#text p").count() == 0
        page.screenshot(path=str(shots / "2-zibo.png"))

        page.goto(f"{base}/docs/astral")
        rows = page.locator("#records tbody tr")
        expect(rows).to_have_count(4)
        page.fill("#reviewer", "alice")
        page.dispatch_event("#reviewer", "change")

        rows.filter(has_text="funding").click()                      # reject with the keyboard
        page.locator("body").press("r")
        expect(page.locator("#pending")).to_have_text("1 unsaved change(s)")

        rows.filter(has_text="targets").click()                      # edit a value
        page.fill("#form input[name=value]", "2000")
        page.click("text=Apply edits")
        expect(page.locator("#pending")).to_have_text("2 unsaved change(s)")

        s, e = span_of(ASTRAL_TEXT, "新增科技型企业300家")              # add by selecting text
        selected = page.evaluate(SELECT_JS, [cp_to_utf16(ASTRAL_TEXT, s), cp_to_utf16(ASTRAL_TEXT, e)])
        assert selected == "新增科技型企业300家"
        page.locator("body").press("n")
        page.fill("#form input[name=indicator]", "科技型企业")
        page.fill("#form input[name=value]", "300")
        page.fill("#form input[name=unit]", "家")
        page.select_option("#form select[name=comparator]", "eq")
        page.check("#form input[name=aspirational]")
        page.click("text=Add record")
        expect(page.locator("#pending")).to_have_text("3 unsaved change(s)")
        page.screenshot(path=str(shots / "3-astral-before-save.png"))

        page.click("#save")
        expect(page.locator("#message")).to_contain_text("Saved: version 1")
        page.reload()
        expect(rows).to_have_count(5)
        expect(page.locator("#status")).to_contain_text("v1")
        expect(rows.filter(has_text="funding")).to_contain_text("rejected")
        page.screenshot(path=str(shots / "4-astral-after-reload.png"))
        browser.close()
    assert external == []

    saved = json.loads((outdir / "reviewed" / "astral.json").read_text(encoding="utf-8"))
    assert saved["review"]["version"] == 1 and saved["review"]["updated_by"] == "alice"
    assert saved["funding"][0]["review"]["status"] == "rejected"
    by_span = {tuple(t["span"]): t for t in saved["targets"]}
    assert by_span[tuple(span_of(ASTRAL_TEXT, "高新技术企业达到1800家以上"))]["value"] == 2000
    added = by_span[(s, e)]
    assert added["quote"] == ASTRAL_TEXT[s:e] == "新增科技型企业300家"
    assert (added["indicator"], added["value"], added["unit"], added["comparator"], added["aspirational"]) == (
        "科技型企业", 300, "家", "eq", True)
    assert added["review"]["status"] == "added"
    machine = json.loads((outdir / "astral.json").read_text(encoding="utf-8"))
    assert "review" not in machine  # machine output untouched

    audit = [json.loads(line) for line in (outdir / "reviewed" / "audit.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [(a["op"], a["type"], a["reviewer"], a["version"]) for a in audit] == [
        ("reject", "funding", "alice", 1), ("edit", "targets", "alice", 1), ("add", "targets", "alice", 1)]
    assert audit[1]["before"]["value"] == 1800 and audit[1]["after"]["value"] == 2000
    assert audit[2]["before"] is None and audit[2]["after"]["span"] == [s, e]
    assert all(a["doc_id"] == "astral" and a["ts"].endswith("Z") for a in audit)
