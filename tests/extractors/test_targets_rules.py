"""Every construction of extractors/targets/rules.py gives the record its examples say (issue #13 item 3).

The examples are quoted from real documents (the row names the file); each is set under a work
report's `二、2024年工作安排`, where it stands in its source, and must give its record with the row's id
as ``rule``. A construction that stops matching fails here.
"""

from __future__ import annotations

import pytest

from extractors.targets import extract
from extractors.targets.rules import CONFIDENCE, RULES

REPORT = "各位代表：\n一、2023年工作回顾\n一年来，我们攻坚克难。\n二、2024年工作安排\n"

EXAMPLES = [(rule, ex) for rule in RULES for ex in rule.examples]


@pytest.mark.parametrize(("rule", "example"), EXAMPLES,
                         ids=[f"{r.id.split('.')[1]}-{e.sentence[:10]}" for r, e in EXAMPLES])
def test_rule_example(structure_of, rule, example):
    records = extract(structure_of(REPORT + example.sentence))
    got = {(r.indicator, r.value, r.unit, r.comparator.value): r.rule for r in records}
    assert got.get(example.record) == rule.id, f"{example.source}: {sorted(got.items())}"


def test_every_rule_has_a_real_example():
    for rule in RULES:
        assert rule.examples, rule.id
        assert all(ex.source.startswith(("corpus/real/", "../shared/realcorpus/")) for ex in rule.examples)


def test_rule_ids_are_unique_and_versioned():
    assert len(CONFIDENCE) == len(RULES)
    assert all(r.id.startswith("targets.") and r.id.endswith(".v1") and 0 < r.confidence <= 1 for r in RULES)
