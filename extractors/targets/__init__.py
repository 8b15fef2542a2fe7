"""Quantified goals stated in prose (EXTRACTION_SPEC.md §3.3): find → keep → build.

- ``prose``: prose lines outside tables, sentences, the clause around a number;
- ``task_cells``: the cells of task tables (a goal in a cell, a bare value against its row's task);
- ``grammar``: the words and patterns of a goal clause (values, measure words, comparators, verbs);
- ``find``: each plausible number read into a candidate by one construction of ``rules.RULES``;
- ``keep``: the goal / non-goal decision from the number's clause and time frame (``zones``: a work
  report's review and plan halves);
- ``build``: a kept candidate as a ``Target`` with its source span, quote, rule and confidence.
"""

from __future__ import annotations

from extractors.targets.build import to_record
from extractors.targets.find import find_in_paragraph
from extractors.targets.keep import may_hold_goals, only_results
from extractors.targets.prose import paragraphs
from extractors.targets.rules import RULES
from extractors.targets.task_cells import in_task_table, task_cell_hits
from pipeline.models import Target
from pipeline.structure import Structure

__all__ = ["RULES", "explain", "extract"]


def extract(doc: Structure) -> list[Target]:
    """Numeric goals in prose (spec §3.3), sorted by span."""
    if not may_hold_goals(doc):
        return []
    # A review paragraph's numbers are all results (keep.only_results): skip reading them one by one.
    hits = [h for para in prose_paragraphs(doc) if not only_results(doc, para)
            for h in find_in_paragraph(doc, para)]
    hits += task_cell_hits(doc)
    return sorted((to_record(doc, h) for h in hits), key=lambda t: t.span)


def prose_paragraphs(doc: Structure) -> list[tuple[int, int]]:
    """Prose lines, less the cells of task tables (read cell by cell in ``task_cells``)."""
    return [p for p in paragraphs(doc) if not in_task_table(doc, p[0])]


def explain(doc: Structure) -> list[tuple[tuple[int, int], str, str, tuple[str, ...]]]:
    """Every number targets read in ``doc`` and what it decided, for a debug listing: (source span,
    the quoted stretch, outcome, evidence in the order it was read). Outcomes: ``goal RULE`` (a record),
    ``not-goal RULE`` (read, then ruled out by its time frame), ``not-goal`` (ruled out by its own clause:
    funding, condition, capacity…), ``not-value`` (a threshold or a bare number)."""
    from extractors.targets import find

    find.TRACE = []
    try:
        for para in prose_paragraphs(doc):
            find.find_in_paragraph(doc, para)
        task_cell_hits(doc)
        trace = find.TRACE
    finally:
        find.TRACE = None
    rows = []
    for start, end, outcome, evidence in sorted(trace, key=lambda t: (t[0], t[1])):
        span = doc.to_source(start, end)
        rows.append((span, doc.quote(span), outcome, evidence))
    return rows
