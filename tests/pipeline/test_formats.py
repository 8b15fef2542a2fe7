"""The same plan as .txt, .docx, .pdf and .html gives the same meta, tables and table records."""

from __future__ import annotations

import pytest

from extractors import indicators, responsibilities
from pipeline.ingest import read_source
from pipeline.structure import build_structure
from tests.builders import build_docx, build_html, build_pdf, seed_blocks
from tests.conftest import QINGZHOU, ZHIFU, ZIBO

BUILDERS = {"docx": build_docx, "pdf": build_pdf, "html": build_html}
SEEDS = [ZIBO, QINGZHOU, ZHIFU]


@pytest.fixture(scope="module")
def structures(tmp_path_factory):
    folder = tmp_path_factory.mktemp("formats")
    out = {}
    for seed in SEEDS:
        out[(seed.stem, "txt")] = build_structure(read_source(seed))
        blocks = seed_blocks(seed.read_text(encoding="utf-8"))
        for fmt, build in BUILDERS.items():
            path = build(blocks, folder / f"{seed.stem}.{fmt}")
            out[(seed.stem, fmt)] = build_structure(read_source(path))
    return out


def table_cells(structure):
    return [(t.caption, [[c.text for c in row] for row in t.rows]) for t in structure.tables if t.kind == "table"]


def indicator_fields(structure):
    return [(r.table, r.row, r.name, r.unit, r.baseline, r.target, r.actual, r.growth, r.attribute)
            for r in indicators.extract(structure)]


@pytest.mark.parametrize("fmt", list(BUILDERS))
@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.stem[:3])
def test_meta_is_the_same_in_every_format(structures, seed, fmt):
    assert structures[(seed.stem, fmt)].meta == structures[(seed.stem, "txt")].meta


@pytest.mark.parametrize("fmt", list(BUILDERS))
@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.stem[:3])
def test_tables_are_the_same_in_every_format(structures, seed, fmt):
    assert table_cells(structures[(seed.stem, fmt)]) == table_cells(structures[(seed.stem, "txt")])


@pytest.mark.parametrize("fmt", list(BUILDERS))
@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.stem[:3])
def test_indicator_records_are_the_same_in_every_format(structures, seed, fmt):
    expected = indicator_fields(structures[(seed.stem, "txt")])
    assert expected and indicator_fields(structures[(seed.stem, fmt)]) == expected


@pytest.mark.parametrize("fmt", list(BUILDERS))
def test_undertaking_records_are_the_same_in_every_format(structures, fmt):
    def units(structure):
        return [(r.role, r.units, r.scope) for r in responsibilities.extract(structure)]

    assert units(structures[(QINGZHOU.stem, fmt)]) == units(structures[(QINGZHOU.stem, "txt")])
