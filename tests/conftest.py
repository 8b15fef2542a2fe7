"""Shared fixtures: the seed corpus and a Structure built from any text."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import settings

from pipeline.ingest import read_source
from pipeline.structure import Structure, build_structure

# The suite must give the same verdict on every run: property tests draw their examples from a
# fixed seed instead of fresh randomness (a rare example found once then fails nobody's next run).
settings.register_profile("deterministic", derandomize=True)
settings.load_profile("deterministic")

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
GOLD = ROOT / "gold"
SEEDS = sorted(CORPUS.glob("*.txt"))
QINGZHOU, ZIBO, QINGDAO, ZHIFU, LIAOCHENG = SEEDS


def seed_text(path: Path) -> str:
    return path.read_text(encoding="utf-8")


@pytest.fixture
def structure_of(tmp_path):
    """Build a Structure from a text, as a .txt document would be read."""

    def build(text: str, name: str = "doc") -> Structure:
        path = tmp_path / f"{name}.txt"
        path.write_text(text, encoding="utf-8")
        return build_structure(read_source(path))

    return build


@pytest.fixture(scope="session")
def seed_structures() -> dict[str, Structure]:
    return {p.stem: build_structure(read_source(p)) for p in SEEDS}
