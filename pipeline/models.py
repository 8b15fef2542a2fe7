"""Record types of EXTRACTION_SPEC.md §2–3, shared by extractors, gold files and the evaluator.

Spans are ``(start, end)`` code-point offsets into the document's *source text*, start inclusive,
end exclusive (spec §1). ``quote`` always equals ``source_text[start:end]``.
Fields after ``quote`` that the spec lists are the contract; ``rule`` and ``confidence`` are
output-only and never appear in gold files, nor do ``page`` and ``bbox`` (PDF sources only: the page
and the box the quote is printed in, see ``pipeline.provenance``; absent from the output otherwise).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

SCHEMA_VERSION = "1.0"

Span = tuple[int, int]


class FundingKind(StrEnum):
    CAP = "cap"
    FIXED = "fixed"
    RATIO = "ratio"
    UNCAPPED = "uncapped"


class Per(StrEnum):
    PROJECT = "project"
    YEAR = "year"
    MONTH = "month"
    ENTITY = "entity"


class Role(StrEnum):
    RESPONSIBLE = "responsible"
    LEAD = "lead"
    COOPERATING = "cooperating"
    UNDERTAKING = "undertaking"


class Comparator(StrEnum):
    GE = "ge"
    GT = "gt"
    APPROX = "approx"
    LE = "le"
    EQ = "eq"


@dataclass(frozen=True, slots=True)
class Meta:
    title: str | None = None
    doc_number: str | None = None
    issuer: str | None = None
    issue_date: str | None = None  # ISO yyyy-mm-dd
    period: tuple[int, int] | None = None


@dataclass(frozen=True, slots=True)
class Funding:
    span: Span
    quote: str
    kind: FundingKind
    amount_yuan: int | None
    ratio: float | None
    per: Per | None = None
    beneficiary: str | None = None
    form: str | None = None
    rule: str | None = None
    confidence: float | None = None
    page: int | None = None  # PDF only: where the quote is printed (pipeline.provenance)
    bbox: list | None = None


@dataclass(frozen=True, slots=True)
class Responsibility:
    span: Span
    quote: str
    role: Role
    units: tuple[str, ...]
    scope: str | None = None
    canonical_units: tuple[str, ...] | None = None
    rule: str | None = None
    confidence: float | None = None
    page: int | None = None  # PDF only: where the quote is printed (pipeline.provenance)
    bbox: list | None = None


@dataclass(frozen=True, slots=True)
class Target:
    span: Span
    quote: str
    indicator: str
    value: float
    unit: str | None
    comparator: Comparator
    year: int | None = None
    annual: bool = False
    aspirational: bool = False
    change: str | None = None
    rule: str | None = None
    confidence: float | None = None
    page: int | None = None  # PDF only: where the quote is printed (pipeline.provenance)
    bbox: list | None = None


@dataclass(frozen=True, slots=True)
class YearValue:
    """A value in one column of an indicator table; ``year`` is None for 基础值-style columns."""

    year: int | None
    value: float | None
    note: str | None = None


@dataclass(frozen=True, slots=True)
class Growth:
    value: float | None
    cumulative: bool


@dataclass(frozen=True, slots=True)
class Indicator:
    span: Span
    quote: str
    table: str | None
    row: int
    name: str
    unit: str | None
    baseline: YearValue | None = None
    target: YearValue | None = None
    actual: YearValue | None = None
    growth: Growth | None = None
    attribute: str | None = None
    rule: str | None = None
    confidence: float | None = None
    page: int | None = None  # PDF only: where the quote is printed (pipeline.provenance)
    bbox: list | None = None


Record = Funding | Responsibility | Target | Indicator

# The four record lists of a document, in the order the spec lists them in §2.
RECORD_TYPES: dict[str, type] = {
    "indicators": Indicator,
    "funding": Funding,
    "responsibilities": Responsibility,
    "targets": Target,
}


@dataclass(frozen=True, slots=True)
class SourceInfo:
    file: str
    format: str
    sha256: str
    chars: int


@dataclass(slots=True)
class DocumentResult:
    """Everything the pipeline knows about one document; serialised by ``pipeline.output``."""

    doc_id: str
    source: SourceInfo
    meta: Meta
    indicators: list[Indicator] = field(default_factory=list)
    funding: list[Funding] = field(default_factory=list)
    responsibilities: list[Responsibility] = field(default_factory=list)
    targets: list[Target] = field(default_factory=list)
    sections: list[dict] = field(default_factory=list)
    tables: list[dict] = field(default_factory=list)
    boxes: list[dict] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
