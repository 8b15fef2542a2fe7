"""Fixtures: a corpus extraction (made once), per-test copies of it, and hand-made documents."""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

import pytest

from pipeline.cli import main
from pipeline.models import SCHEMA_VERSION
from tests.conftest import SEEDS, ZIBO

ZIBO_ID = ZIBO.stem
# Astral characters (𠀀 is one code point, two UTF-16 units) and \r\n line ends: the cases where
# code-point and JavaScript offsets disagree.
ASTRAL_TEXT = ("𠀀𠮷市关于科技创新的通知\r\n"
               "一、对首次认定的高新技术企业给予最高50万元奖励。（责任单位：市科技局、市财政局）\r\n"
               "😀到2025年，高新技术企业达到1800家以上。\r\n"
               "😀力争新增科技型企业300家。\r\n"
               "表1 指标\r\n序号\t指标\t2020年\t2025年\r\n1\t研发投入(%)\t2.1\t3\r\n")


@pytest.fixture(scope="session")
def machine_out(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("machine")
    assert main(["extract", *map(str, SEEDS), "-o", str(out), "-q"]) == 0
    return out


@pytest.fixture
def outdir(machine_out, tmp_path) -> Path:
    """A private copy of the corpus output: tests write reviewed/ files into it."""
    dest = tmp_path / "out"
    shutil.copytree(machine_out, dest)
    return dest


def span_of(text: str, quote: str, nth: int = 0) -> list[int]:
    start = -1
    for _ in range(nth + 1):
        start = text.index(quote, start + 1)
    return [start, start + len(quote)]


def astral_doc(text: str = ASTRAL_TEXT, doc_id: str = "astral") -> dict:
    """A valid output document over ASTRAL_TEXT with one record of every type."""
    def rec(quote: str, **fields):
        s, e = span_of(text, quote)
        return {"span": [s, e], "quote": text[s:e], **fields}

    return {
        "schema_version": SCHEMA_VERSION, "doc_id": doc_id,
        "source": {"file": f"{doc_id}.txt", "format": "txt",
                   "sha256": hashlib.sha256(text.encode("utf-8")).hexdigest(), "chars": len(text)},
        "meta": {"title": "𠀀𠮷市关于科技创新的通知", "doc_number": None, "issuer": None, "issue_date": None,
                 "period": None},
        "indicators": [rec("1\t研发投入(%)\t2.1\t3", table="表1 指标", row=1, name="研发投入", unit="%",
                           baseline={"year": 2020, "value": 2.1, "note": None},
                           target={"year": 2025, "value": 3, "note": None}, actual=None, growth=None,
                           attribute=None, rule="indicators.table_row.v1", confidence=0.95)],
        "funding": [rec("最高50万元", kind="cap", amount_yuan=500000, ratio=None, per=None,
                        beneficiary="首次认定的高新技术企业", form="奖励", rule="funding.cap.v1", confidence=0.9)],
        "responsibilities": [rec("市科技局、市财政局", role="responsible", units=["市科技局", "市财政局"],
                                 scope="对首次认定的高新技术企业给予奖励", canonical_units=["市科学技术局", "市财政局"],
                                 rule="responsibilities.label.v1", confidence=0.75)],
        "targets": [rec("高新技术企业达到1800家以上", indicator="高新技术企业", value=1800, unit="家",
                        comparator="ge", year=2025, annual=False, aspirational=False, change=None,
                        rule="targets.v1", confidence=0.85)],
        "sections": [], "tables": [], "boxes": [], "warnings": ["a <b>pipeline</b> warning"],
    }


@pytest.fixture
def astral_out(tmp_path) -> Path:
    """An OUTDIR holding only the astral/\\r\\n document, written as policyx extract would."""
    out = tmp_path / "astral_out"
    out.mkdir()
    (out / "astral.json").write_text(json.dumps(astral_doc(), ensure_ascii=False, indent=2), encoding="utf-8")
    with (out / "astral.source.txt").open("w", encoding="utf-8", newline="") as fh:
        fh.write(ASTRAL_TEXT)
    return out


def pytest_configure(config):
    # Starlette ≥1.x prefers the httpx2 fork for TestClient; httpx works and is what PyPI users have.
    config.addinivalue_line("filterwarnings", "ignore:Using `httpx` with `starlette.testclient`")
