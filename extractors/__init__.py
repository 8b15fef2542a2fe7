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


_extractors: dict[str, Extractor] | None = None


def __getattr__(name: str):
    # EXTRACTORS (record-list name → extractor, in the order of the output file) is built on first use:
    # importing extractors.words or RULESET_VERSION (the audit, the review app, the manifest) must not
    # load every extractor package. The one dict is cached, so callers may wrap or add entries.
    global _extractors
    if name == "EXTRACTORS":
        if _extractors is None:
            _extractors = {type_name: extractor_of(rtype) for type_name, rtype in RECORD_TYPES.items()}
        return _extractors
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")

# Bumped whenever a rule changes what is extracted on purpose; written to every manifest.
RULESET_VERSION = "0.2.1"  # 0.2.1: targets.table_cell.v1 (task-table value cells)
