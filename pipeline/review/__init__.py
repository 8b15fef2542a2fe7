"""Reviewer workflow (issue #9): a local web app over an extraction OUTDIR.

Machine output (``OUTDIR/<doc_id>.json``) is never written here. Corrections live in
``OUTDIR/reviewed/<doc_id>.json`` with an append-only ``OUTDIR/reviewed/audit.jsonl``;
``store`` owns both, ``app`` is the HTTP edge, ``promote`` turns a reviewed document into gold.
"""
