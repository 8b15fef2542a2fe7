"""Record types of EXTRACTION_SPEC.md §2–3, shared by extractors, gold files and the evaluator.

Spans are ``(start, end)`` code-point offsets into the document's *source text*, start inclusive,
end exclusive (spec §1). ``quote`` always equals ``source_text[start:end]``.
Fields after ``quote`` that the spec lists are the contract; ``rule`` and ``confidence`` are
output-only and never appear in gold files, nor do ``page`` and ``bbox`` (PDF sources only: the page
and the box the quote is printed in, see ``pipeline.provenance``; absent from the output otherwise).
"""

from __future__ import annotations

import dataclasses
import types
import typing
from dataclasses import dataclass, field
from enum import Enum, StrEnum
from typing import Any

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


# --- record ↔ dict ------------------------------------------------------------------------------

# Values written as they are; exact types, so a str enum (FundingKind) still becomes its value.
_LEAF_TYPES = frozenset((str, int, float, bool, type(None)))
_FIELD_NAMES: dict[type, tuple[str, ...]] = {}  # dataclass → its field names, looked up once


def to_plain(value: Any) -> Any:
    """Dataclasses, enums and tuples → JSON-ready dicts, strings and lists."""
    kind = type(value)
    if kind in _LEAF_TYPES:
        return value  # most values of a record: checked first, as the serialiser meets ~1,000 a document
    names = _FIELD_NAMES.get(kind)
    if names is None and dataclasses.is_dataclass(kind):
        names = _FIELD_NAMES[kind] = tuple(f.name for f in dataclasses.fields(kind))
    if names is not None:
        plain = {}
        for name in names:
            item = getattr(value, name)
            plain[name] = item if type(item) in _LEAF_TYPES else to_plain(item)
        return plain
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, (list, tuple)):
        return [to_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: to_plain(v) for k, v in value.items()}
    return value


def from_plain(hint: Any, value: Any) -> Any:
    """The inverse of ``to_plain`` for one value of type ``hint`` (a field's annotation)."""
    if value is None:
        return None
    args = typing.get_args(hint)
    if isinstance(hint, types.UnionType) or typing.get_origin(hint) is typing.Union:
        inner = [a for a in args if a is not type(None)]
        return from_plain(inner[0], value) if len(inner) == 1 else value
    if isinstance(hint, type) and issubclass(hint, Enum):
        return hint(value)
    if isinstance(hint, type) and dataclasses.is_dataclass(hint):
        return dict_to_dataclass(hint, value)
    if typing.get_origin(hint) is tuple and isinstance(value, list):
        return tuple(value)
    return value


def dict_to_dataclass(cls: type, data: dict) -> Any:
    """A record (or a value inside one) from its dict; keys that are not fields (``review``) are left out."""
    hints = typing.get_type_hints(cls)
    return cls(**{f.name: from_plain(hints[f.name], data[f.name]) for f in dataclasses.fields(cls) if f.name in data})


# --- the record types: one declaration each -------------------------------------------------------

# Keys of a document (and DocumentResult attributes) that no record list may be named.
RESERVED_NAMES = ("schema_version", "doc_id", "source", "meta", "sections", "tables", "boxes", "warnings", "records")


@dataclass(frozen=True, slots=True, eq=False)
class RecordType:
    """Everything policyx knows about one record list of the document (spec §2–3), declared once.

    Every consumer (run, output, evaluate, gold check, export, interchange, reports, promote, baseline,
    dashboard, the review app) loops over ``RECORD_TYPES``; ``tests/test_record_types.py`` checks the
    declarations against ``pipeline/schema/document.schema.json``.
    """

    name: str                    # the record list's name in a document ("funding")
    cls: type                    # its frozen dataclass
    key_fields: tuple[str, ...]  # decide strict correctness (spec §3, §4)
    other_fields: tuple[str, ...]  # count for field accuracy only
    label: str                   # one record, in words; also the schema's $defs entry
    colour: str                  # highlight in the HTML report and the review app
    bar_colour: str              # the same hue, saturated for thin bars (dashboard, evaluation page)
    outline: tuple[int, int, int]  # box drawn around a record on a PDF page image (RGB)
    # Structured fields and the sub-fields the spec compares (output-only extras like a note are not).
    subfields: dict[str, tuple[str, ...]] = field(default_factory=dict)
    # Fields compared other than by equality (pipeline.evaluate.COMPARISONS): "name_like" | "unordered".
    comparisons: dict[str, str] = field(default_factory=dict)
    # Output-only fields derived from others (never typed in a review, never in gold).
    derived: tuple[str, ...] = ()
    extractor: str = ""          # module whose ``extract(Structure) -> list[Record]`` finds them

    def __post_init__(self) -> None:
        if self.name in RESERVED_NAMES:
            raise ValueError(f"record type name {self.name!r} is a document key already ({', '.join(RESERVED_NAMES)})")
        unknown = set(self.fields) - {f.name for f in dataclasses.fields(self.cls)}
        if unknown:
            raise ValueError(f"record type {self.name!r}: {sorted(unknown)} are not fields of {self.cls.__name__}")

    @property
    def module(self) -> str:
        return self.extractor or f"extractors.{self.name}"

    @property
    def schema_def(self) -> str:
        return self.label

    @property
    def fields(self) -> tuple[str, ...]:
        """The spec's fields after span and quote: key fields first."""
        return self.key_fields + self.other_fields

    @property
    def gold_fields(self) -> set[str]:
        """What a gold file's record holds (spec §2): span, quote and the spec's fields, nothing output-only."""
        return {"span", "quote", *self.fields}

    def to_dict(self, record: Any) -> dict:
        """The record as written to the output file: ``page`` and ``bbox`` only where the source has pages."""
        return without_missing_location(to_plain(record))

    def from_dict(self, data: dict) -> Any:
        return dict_to_dataclass(self.cls, data)


def without_missing_location(record: dict) -> dict:
    """``page`` and ``bbox`` appear only where the source has pages (PDF)."""
    if record.get("page") is None:
        record.pop("page", None)
        record.pop("bbox", None)
    return record


VALUE_SUBFIELDS = ("year", "value")

# The record lists of a document, in the order the spec lists them in §2 (and the output file holds them).
RECORD_TYPES: dict[str, RecordType] = {
    rt.name: rt
    for rt in (
        RecordType("indicators", Indicator,
                   key_fields=("name", "unit", "baseline", "target", "actual"),
                   other_fields=("table", "row", "growth", "attribute"),
                   label="indicator", colour="#b3d4ff", bar_colour="#4e79a7", outline=(30, 100, 220),
                   subfields={"baseline": VALUE_SUBFIELDS, "target": VALUE_SUBFIELDS, "actual": VALUE_SUBFIELDS,
                              "growth": ("value", "cumulative")}),
        RecordType("funding", Funding,
                   key_fields=("kind", "amount_yuan", "ratio"),
                   other_fields=("per", "beneficiary", "form"),
                   label="funding", colour="#ffd59e", bar_colour="#f28e2b", outline=(230, 130, 0)),
        RecordType("responsibilities", Responsibility,
                   key_fields=("role", "units"),
                   other_fields=("scope",),
                   label="responsibility", colour="#c6f0c2", bar_colour="#59a14f", outline=(40, 160, 40),
                   comparisons={"units": "unordered"}, derived=("canonical_units",)),
        RecordType("targets", Target,
                   key_fields=("indicator", "value", "unit", "comparator"),
                   other_fields=("year", "annual", "aspirational", "change"),
                   label="target", colour="#f5c2e7", bar_colour="#d37295", outline=(200, 40, 160),
                   comparisons={"indicator": "name_like"}),
    )
}
META_FIELDS = tuple(f.name for f in dataclasses.fields(Meta))

# Below this a record is flagged for a reviewer's attention (the extractors emit 0.5–0.95).
LOW_CONFIDENCE = 0.8


def is_low(rec: dict) -> bool:
    """A record that needs a reviewer's look first; no confidence at all is not low."""
    confidence = rec.get("confidence")
    return confidence is not None and confidence < LOW_CONFIDENCE


@dataclass(frozen=True, slots=True)
class SourceInfo:
    file: str
    format: str
    sha256: str
    chars: int


@dataclass(slots=True)
class DocumentResult:
    """Everything the pipeline knows about one document; turned into a dict by ``pipeline.serialise``."""

    doc_id: str
    source: SourceInfo
    meta: Meta
    sections: list[dict] = field(default_factory=list)
    tables: list[dict] = field(default_factory=list)
    boxes: list[dict] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    records: dict[str, list] = field(default_factory=dict)  # record list name → its records

    # ``result.funding`` reads and sets the records of a declared type, whatever types are declared.
    def __getattr__(self, name: str) -> list:
        if name in RECORD_TYPES:
            return self.records.setdefault(name, [])
        raise AttributeError(f"{type(self).__name__!r} object has no attribute {name!r}")

    def __setattr__(self, name: str, value: Any) -> None:
        if name in RECORD_TYPES:
            self.records[name] = value
        else:
            object.__setattr__(self, name, value)
