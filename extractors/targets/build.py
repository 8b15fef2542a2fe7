"""Build: write a kept goal as a Target record, its span mapped to source coordinates (spec §1)."""

from __future__ import annotations

from extractors.targets.find import Hit
from extractors.targets.rules import CONFIDENCE, EVIDENCE_WEIGHT
from pipeline.errors import InternalError
from pipeline.models import Comparator, Target
from pipeline.structure import Structure


def to_record(doc: Structure, hit: Hit) -> Target:
    span = doc.to_source(hit.start, hit.end)
    quote = doc.quote(span)
    if not quote.strip():
        raise InternalError(f"empty target quote at {span}")
    confidence = CONFIDENCE[hit.rule] * EVIDENCE_WEIGHT.get(hit.frame.evidence, 1.0)
    return Target(span=span, quote=quote, indicator=hit.indicator, value=hit.value, unit=hit.unit,
                  comparator=Comparator(hit.comparator), year=hit.frame.year, annual=hit.frame.annual,
                  aspirational=hit.frame.aspirational, change=hit.change, rule=hit.rule,
                  confidence=round(confidence, 2))
