"""What a reviewer may change in a record, checked against the spec's JSON Schema.

The schema (``pipeline/schema/document.schema.json``) is the single source of the spec's types
and enums (EXTRACTION_SPEC.md §3), so the edit form, the API and ``policyx gold check`` can never
disagree about what a valid record is.
"""

from __future__ import annotations

import dataclasses
from functools import cache
from typing import TYPE_CHECKING, Any

from pipeline.models import RECORD_TYPES
from pipeline.schema import document_schema

if TYPE_CHECKING:
    import jsonschema

# Computed (quote) or provenance (rule, confidence, page, bbox): never typed in; nor are the fields a
# record type declares as derived (a responsibility's canonical_units).
READ_ONLY = {"span", "quote", "rule", "confidence", "review", "page", "bbox"}
REVIEW_KEY = "review"


@cache
def _validator(type_name: str) -> jsonschema.Draft202012Validator:
    import jsonschema  # imported when a record is first checked: `policyx --help` lists review formats

    schema = document_schema()
    sub = {"$defs": schema["$defs"], "$ref": f"#/$defs/{RECORD_TYPES[type_name].schema_def}"}
    return jsonschema.Draft202012Validator(sub)


@cache
def _meta_validator() -> jsonschema.Draft202012Validator:
    import jsonschema

    return jsonschema.Draft202012Validator(document_schema()["properties"]["meta"])


def record_problems(type_name: str, record: dict) -> list[str]:
    """Schema problems of one record (its ``review`` bookkeeping excluded)."""
    plain = {k: v for k, v in record.items() if k != REVIEW_KEY}
    return [f"{'/'.join(map(str, e.absolute_path)) or 'record'}: {e.message}"
            for e in _validator(type_name).iter_errors(plain)]


def meta_problems(meta: dict) -> list[str]:
    return [f"meta/{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in _meta_validator().iter_errors(meta)]


def _kind(prop: dict) -> dict[str, Any]:
    """Reduce a schema property to what a form needs: widget kind, enum values, nullability."""
    if "$ref" in prop or "oneOf" in prop:
        return {"kind": "json", "nullable": True}
    if "enum" in prop:
        values = [v for v in prop["enum"] if v is not None]
        return {"kind": "enum", "values": values, "nullable": None in prop["enum"]}
    types = prop.get("type")
    types = [types] if isinstance(types, str) else list(types or [])
    nullable = "null" in types
    main = next((t for t in types if t != "null"), "string")
    if main == "array":
        return {"kind": "list", "nullable": nullable}
    return {"kind": main, "nullable": nullable}


@cache
def field_specs() -> dict[str, list[dict[str, Any]]]:
    """Editable fields per record type, in the spec's order (the dataclass order of pipeline.models)."""
    defs = document_schema()["$defs"]
    specs: dict[str, list[dict[str, Any]]] = {}
    for type_name, declared in RECORD_TYPES.items():
        sdef = defs[declared.schema_def]
        required = set(sdef.get("required", []))
        specs[type_name] = [
            {"name": f.name, "required": f.name in required, "gold": f.name in declared.gold_fields,
             **_kind(sdef["properties"][f.name])}
            for f in dataclasses.fields(declared.cls)
            if f.name not in READ_ONLY and f.name not in declared.derived and f.name in sdef["properties"]
        ]
    return specs


def editable(type_name: str, name: str) -> bool:
    return any(f["name"] == name for f in field_specs()[type_name])
