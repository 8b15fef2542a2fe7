"""Record extractors, one module per record type of EXTRACTION_SPEC.md §3.

Each extractor is a pure function ``extract(doc: Structure) -> list[Record]`` that finds candidates
in the clean text or tables, then builds records whose spans are mapped back to source coordinates.
"""

from __future__ import annotations

from collections.abc import Callable

from extractors import funding, indicators, responsibilities, targets
from pipeline.models import Record
from pipeline.structure import Structure

Extractor = Callable[[Structure], list[Record]]

# Record-list name (spec §2) → extractor, in the order of the output file.
EXTRACTORS: dict[str, Extractor] = {
    "indicators": indicators.extract,
    "funding": funding.extract,
    "responsibilities": responsibilities.extract,
    "targets": targets.extract,
}

# Bumped whenever a rule changes what is extracted on purpose; written to every manifest.
RULESET_VERSION = "0.1.0"
