"""Record extractors, one module per record type of EXTRACTION_SPEC.md §3.

Each extractor is a pure function ``extract(doc: Structure) -> list[Record]``. A record type
with no extractor yet yields an empty list, so the output schema never changes shape.
"""

from __future__ import annotations

from collections.abc import Callable

from pipeline.models import Record
from pipeline.structure import Structure

Extractor = Callable[[Structure], list[Record]]

# Record-list name (spec §2) → extractor. Filled in as the extractors land.
EXTRACTORS: dict[str, Extractor] = {}

# Bumped whenever a rule changes what is extracted; written to every manifest.
RULESET_VERSION = "0.1.0"
