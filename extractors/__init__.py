"""Record extractors, one per record type of EXTRACTION_SPEC.md §3.

Each extractor is a pure function ``extract(doc: Structure) -> list[Record]`` that finds candidates
in the clean text or tables, then builds records whose spans are mapped back to source coordinates.
Which extractors exist is not listed here: each record type's declaration (``pipeline.models.RECORD_TYPES``)
names its module, ``extractors.<type>`` unless it says otherwise.
"""

from __future__ import annotations

from collections.abc import Callable
from importlib import import_module

from pipeline.models import RECORD_TYPES, Record, RecordType
from pipeline.structure import Structure

Extractor = Callable[[Structure], list[Record]]


def extractor_of(rtype: RecordType) -> Extractor:
    return import_module(rtype.module).extract


# Record-list name (spec §2) → extractor, in the order of the output file.
EXTRACTORS: dict[str, Extractor] = {name: extractor_of(rtype) for name, rtype in RECORD_TYPES.items()}

# Bumped whenever a rule changes what is extracted on purpose; written to every manifest.
RULESET_VERSION = "0.1.0"
