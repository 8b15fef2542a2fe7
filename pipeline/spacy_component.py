"""policyx as a spaCy pipeline component (``pip install 'policyx[spacy]'``).

    nlp = spacy.blank("zh")
    nlp.add_pipe("policyx")
    doc = nlp(text)
    for span in doc.spans["policyx"]:          # label_ = record type
        print(span.label_, span.text, span._.policyx)   # the record's fields

The factory is registered through the ``spacy_factories`` entry point, so ``add_pipe("policyx")``
works without importing policyx first. Records are found on the text itself (the same rules as
``policyx extract``); their spans are aligned to tokens with ``alignment_mode="expand"``.
Fields live in ``doc._.policyx_records`` (serialisable, so a DocBin keeps them) and each span finds
its own through the ``span._.policyx`` getter: spaCy keys span extensions by offsets alone, and a
funding record and a target may share one quote.
"""

from __future__ import annotations

from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Span

from pipeline.models import RECORD_TYPES

SPANS_KEY = "policyx"


def _fields_of(span: Span) -> dict | None:
    for start, end, label, fields in span.doc._.policyx_records or []:
        if label == span.label_ and span.start_char <= start and end <= span.end_char:
            return fields
    return None


if not Doc.has_extension("policyx_records"):
    Doc.set_extension("policyx_records", default=None)
if not Doc.has_extension("policyx_meta"):
    Doc.set_extension("policyx_meta", default=None)
if not Span.has_extension("policyx"):
    Span.set_extension("policyx", getter=_fields_of)


def add_records(doc: Doc, result: dict, spans_key: str = SPANS_KEY) -> Doc:
    """Put the records of one policyx document dict on ``doc`` (whose text is that document's source text)."""
    spans, records = [], []
    for rtype in RECORD_TYPES:
        for rec in result.get(rtype) or []:
            start, end = rec["span"]
            span = doc.char_span(start, end, label=rtype, alignment_mode="expand")
            if span is None:
                continue
            spans.append(span)
            records.append([start, end, rtype, {k: v for k, v in rec.items() if k != "span"}])
    doc.spans[spans_key] = spans
    doc._.policyx_records = records
    doc._.policyx_meta = result.get("meta")
    return doc


class PolicyxComponent:
    def __init__(self, spans_key: str = SPANS_KEY):
        self.spans_key = spans_key

    def __call__(self, doc: Doc) -> Doc:
        from pipeline.api import extract_text
        from pipeline.errors import PolicyxError

        try:
            result = extract_text(doc.text)
        except PolicyxError:  # an empty or whitespace-only text: nothing to find
            result: dict[str, Any] = {}
        return add_records(doc, result, self.spans_key)


@Language.factory("policyx", default_config={"spans_key": SPANS_KEY})
def create_policyx_component(nlp: Language, name: str, spans_key: str) -> PolicyxComponent:
    return PolicyxComponent(spans_key)


def docbin_of(outdir, target) -> int:
    """``policyx export --to spacy``: a DocBin of every document of an output folder with its record spans."""
    import spacy
    from spacy.tokens import DocBin

    from pipeline.outdir import documents

    nlp = spacy.blank("zh")
    bin_ = DocBin(store_user_data=True)
    n = 0
    for out in documents(outdir):
        bin_.add(add_records(nlp.make_doc(out.text), out.doc))
        n += 1
    bin_.to_disk(target)
    return n
