"""The spec's JSON Schema (``document.schema.json``, EXTRACTION_SPEC.md §2–3, §5) and validation against it.

The schema is the published contract; the record types declared in ``pipeline.models`` must agree
with it (``tests/test_record_types.py``). Below ``evaluate`` and ``gold``, which both validate with it.
"""

from __future__ import annotations

import copy
import json
from functools import cache
from importlib import resources

from pipeline.models import RECORD_TYPES


@cache
def document_schema() -> dict:
    text = resources.files("pipeline").joinpath("schema/document.schema.json").read_text(encoding="utf-8")
    return json.loads(text)


@cache
def scoring_schema() -> dict:
    """What the scorer reads, typed as in the document schema: the record lists and meta's fields.
    Provenance (source, schema_version) and meta's fields are typed but not required: evaluate scores
    hand-made files too."""
    schema = copy.deepcopy(document_schema())
    schema["required"] = list(RECORD_TYPES)
    schema["properties"]["meta"].pop("required", None)
    return schema


def schema_problems(data: dict, schema: dict | None = None) -> list[str]:
    import jsonschema  # here, not at the top: only validation needs it, and it is slow to import

    validator = jsonschema.Draft202012Validator(schema or document_schema())
    try:
        return [f"{'/'.join(map(str, e.absolute_path)) or '(top)'}: {e.message}" for e in validator.iter_errors(data)]
    except RecursionError:
        return ["(top): nested too deeply to validate"]
