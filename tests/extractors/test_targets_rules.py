"""What targets asks of its rule rows beyond the shared shape (tests/extractors/test_rule_tables.py
runs every example): each quoted from a real document, ids versioned and unique.
"""

from __future__ import annotations

from extractors.targets.rules import RULES


def test_every_rule_has_a_real_example():
    for rule in RULES.values():
        assert rule.examples, rule.id
        assert all(ex.source.startswith(("corpus/real/", "../shared/realcorpus/")) for ex in rule.examples)


def test_rule_ids_are_versioned_and_confidences_in_range():
    # Unique ids are enforced by extractors.rules.table when the table is built.
    assert all(r.id.startswith("targets.") and r.id.endswith(".v1") and 0 < r.confidence <= 1 for r in RULES.values())
