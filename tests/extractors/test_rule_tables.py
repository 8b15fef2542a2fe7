"""Every example of every rule table gives its record (issue 13 part 3).

A rule table (``extractors/<type>/rules.py``) is rows of id, confidence, pattern and examples; each
example is a sentence (quoted from the document its ``source`` names) and the fields of the record
it must give. A rule that stops matching, or a record that no longer names the row that fired,
fails here.
"""

from __future__ import annotations

import importlib
from enum import Enum

import pytest

from pipeline.models import RECORD_TYPES

# Every declared record type's extractor package and its rule table: a new type's rows are run here
# without this file naming it.
TABLES = {t.name: importlib.import_module(t.module) for t in RECORD_TYPES.values()}
CASES = [
    pytest.param(name, rule, k, example, id=f"{rule.id}[{k}]")
    for name, package in TABLES.items()
    for rule in package.RULES.values()
    for k, example in enumerate(rule.examples)
]


def plain(value):
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, list):
        return tuple(value)
    return value


def fields(record, names):
    return {name: plain(getattr(record, name)) for name in names}


@pytest.mark.parametrize(("name", "rule", "k", "example"), CASES)
def test_rule_example_gives_its_record(structure_of, name, rule, k, example):
    assert_example_gives_its_record(structure_of, TABLES[name], rule, k, example)


def assert_example_gives_its_record(structure_of, package, rule, k, example):
    """The example's text, read by the package, gives the example's record under the row's id."""
    records = package.extract(structure_of(example.before + example.text))
    wanted = {key: plain(value) for key, value in example.record.items()}
    got = [fields(r, wanted) for r in records if r.rule == rule.id]
    assert wanted in got, f"{rule.id} example {k} ({example.source}): {got or [r.rule for r in records]}"
    fired = next(r for r in records if r.rule == rule.id and fields(r, wanted) == wanted)
    assert fired.confidence <= rule.confidence  # a row's confidence is the most its records carry


def test_every_declared_type_has_a_rule_table():
    assert all(hasattr(package, "RULES") and package.RULES for package in TABLES.values())


def test_every_row_has_a_pattern_and_a_sourced_example():
    for package in TABLES.values():
        for rule in package.RULES.values():
            assert (rule.pattern if isinstance(rule.pattern, str) else rule.pattern.pattern) and rule.examples
            assert all(example.source for example in rule.examples)
