"""Rules as rows of data (issue 13 part 3): what every extractor's rule table is made of.

A row names one way a record is found: its id (written into every record it gives, so a record
leads back to the row that fired), its confidence, the pattern that fires it, and at least one
example sentence with the fields of the record it must give, quoted from a real document where one
exists (``source`` names the file). ``tests/extractors/test_rule_tables.py`` runs every example of
every table, so a rule that stops matching its own example fails the suite.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

import regex


@dataclass(frozen=True, slots=True)
class Example:
    """A sentence and the record it must give (only the fields named in ``record`` are compared)."""

    text: str
    record: Mapping[str, Any]
    source: str  # where the sentence is quoted from: corpus/real/…, realcorpus/…, corpus/… (a seed)
    # Text set before the sentence when the test runs it, standing in for where it stands in its source
    # (a work report's `二、2024年工作安排` heading gives a goal its year).
    before: str = ""


@dataclass(frozen=True, slots=True)
class Rule:
    id: str
    confidence: float
    # A compiled pattern, or for a construction read by a grammar (targets) the construction written
    # out in words: the examples, not the string, are what the tests hold it to.
    pattern: regex.Pattern | str
    examples: tuple[Example, ...]
    note: str = ""  # what the row means, when the pattern alone does not say
    fields: Mapping[str, Any] = field(default_factory=dict)  # fixed fields of its records (kind …)


def table(rows: Iterable[Rule]) -> Mapping[str, Rule]:
    """A read-only id → row table; ids are unique and every row has an example."""
    out: dict[str, Rule] = {}
    for row in rows:
        if row.id in out:
            raise ValueError(f"duplicate rule id {row.id}")
        if not row.examples:
            raise ValueError(f"rule {row.id} has no example")
        out[row.id] = row
    return MappingProxyType(out)
