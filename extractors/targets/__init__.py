"""Quantified goals stated in prose (EXTRACTION_SPEC.md §3.3): find → keep → build.

- ``clauses``: prose lines outside tables, sentences, the clause around a number;
- ``grammar``: the words and patterns of a goal clause (values, measure words, comparators, verbs);
- ``find``: each plausible number read into a candidate by one construction of ``rules.RULES``;
- ``keep``: the goal / non-goal decision from the number's clause and time frame (``zones``: a work
  report's review and plan halves);
- ``build``: a kept candidate as a ``Target`` with its source span, quote, rule and confidence.
"""

from __future__ import annotations

from extractors.targets.build import to_record
from extractors.targets.clauses import paragraphs
from extractors.targets.find import find_in_paragraph
from pipeline.models import Target
from pipeline.structure import Structure


def extract(doc: Structure) -> list[Target]:
    """Numeric goals in prose (spec §3.3), sorted by span."""
    hits = [h for para in paragraphs(doc) for h in find_in_paragraph(doc, para)]
    return sorted((to_record(doc, h) for h in hits), key=lambda t: t.span)
