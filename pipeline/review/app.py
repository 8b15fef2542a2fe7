"""The review app's HTTP edge: FastAPI routes that call ``ReviewStore`` and nothing else.

Pydantic validates request shapes here (STYLE.md: pydantic only at the HTTP edge); the store
validates record contents against the spec's schema and answers conflicts with ConflictError.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from pydantic import BaseModel, Field

from pipeline.audit import possible_misses
from pipeline.errors import PolicyxError
from pipeline.models import RECORD_TYPES
from pipeline.outdir import OutputDocument
from pipeline.page_image import page_data_uris, page_png, source_pdf
from pipeline.report_html import render as render_report
from pipeline.review import pages
from pipeline.review.fields import field_specs
from pipeline.review.security import LOOPBACK_HOSTS, MAX_BODY_BYTES, Guard, user_name
from pipeline.review.store import LOW_CONFIDENCE, MAX_OPS, Loaded, NotFound, ReviewError, ReviewStore


class Changes(BaseModel):
    """One save: the version the reviewer saw, who they are, and their changes in order."""

    base_version: int = Field(ge=0)
    reviewer: str | None = Field(default=None, max_length=100)
    ops: list[dict[str, Any]] = Field(max_length=MAX_OPS)
    dry_run: bool = False


def state(store: ReviewStore, loaded: Loaded) -> dict[str, Any]:
    """Everything the document page needs, in one JSON answer."""
    misses = possible_misses(OutputDocument(str(loaded.doc.get("doc_id") or ""), loaded.doc, loaded.text))
    return {"doc": loaded.doc, "text": loaded.text, "version": loaded.version,
            "types": [{"name": t, "label": rt.label, "colour": rt.colour} for t, rt in RECORD_TYPES.items()],
            "fields": field_specs(), "warnings": store.warnings(loaded), "low_confidence": LOW_CONFIDENCE,
            "possible_misses": misses}


def create_app(outdir: str | Path, token: str | None = None, reviewer: str | None = None,
               allowed_hosts: tuple[str, ...] | None = LOOPBACK_HOSTS, max_body: int = MAX_BODY_BYTES) -> Any:
    """The app for one OUTDIR, wrapped in the security guard (see ``security.Guard``).

    ``reviewer`` names whoever saves without typing a name (default: the OS user);
    ``allowed_hosts=None`` accepts any Host header and is only sensible with a token.
    """
    store = ReviewStore(outdir)
    default_reviewer = reviewer or user_name()
    app = FastAPI(title="policyx review", docs_url=None, redoc_url=None, openapi_url=None)

    @app.exception_handler(PolicyxError)
    async def policyx_error(request: Request, exc: PolicyxError) -> JSONResponse:
        status = getattr(exc, "status", 422)
        return JSONResponse({"detail": str(exc)}, status_code=status)

    @app.exception_handler(RequestValidationError)
    async def bad_request(request: Request, exc: RequestValidationError) -> JSONResponse:
        # FastAPI's own handler echoes the input, which fails to serialise when it is 1e400 (inf): a 500.
        problems = "; ".join(f"{'.'.join(map(str, e.get('loc', ())))}: {e.get('msg')}" for e in exc.errors())
        return JSONResponse({"detail": f"malformed request: {problems}"}, status_code=422)

    @app.middleware("http")
    async def headers(request: Request, call_next):
        response = await call_next(request)
        response.headers["Content-Security-Policy"] = pages.CSP
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Referrer-Policy"] = "no-referrer"
        response.headers["Cache-Control"] = "no-store"
        return response

    @app.get("/", response_class=HTMLResponse)
    def index() -> str:
        return pages.doc_list([store.summary(d) for d in store.doc_ids()], str(store.outdir))

    @app.get("/docs/{doc_id:path}/report", response_class=HTMLResponse)
    def report(doc_id: str) -> str:
        loaded = store.load(doc_id)
        return render_report(loaded.doc, loaded.text, page_data_uris(source_pdf(store.outdir, loaded.doc), loaded.doc))

    @app.get("/api/docs/{doc_id:path}/pages/{page}.png")
    def page_image(doc_id: str, page: int) -> Response:
        """A page of the document's PDF with its records outlined (404 when there is none)."""
        loaded = store.load(doc_id)
        png = None
        pdf = source_pdf(store.outdir, loaded.doc)
        if pdf is not None:
            png = page_png(pdf, page, loaded.doc)
        if png is None:
            raise NotFound(f"no page image {page} for {doc_id!r}")
        return Response(png, media_type="image/png")

    @app.get("/docs/{doc_id:path}", response_class=HTMLResponse)
    def document(doc_id: str) -> str:
        loaded = store.load(doc_id)
        return pages.doc_page(doc_id, (loaded.doc.get("meta") or {}).get("title"))

    @app.get("/api/docs")
    def list_docs() -> list[dict]:
        return [store.summary(d) for d in store.doc_ids()]

    @app.get("/api/docs/{doc_id:path}/audit")
    def audit(doc_id: str) -> list[dict]:
        store.load(doc_id)  # validates the id and that the document exists
        return store.audit_entries(doc_id)

    @app.post("/api/docs/{doc_id:path}/changes")
    def save(doc_id: str, changes: Changes) -> dict:
        who = (changes.reviewer or "").strip() or default_reviewer
        loaded = store.save(doc_id, changes.base_version, changes.ops, who, dry_run=changes.dry_run)
        return state(store, loaded)

    @app.get("/api/docs/{doc_id:path}")
    def get_doc(doc_id: str) -> dict:
        return state(store, store.load(doc_id))

    app.state.store = store
    return Guard(app, token=token, allowed_hosts=allowed_hosts, max_body=max_body)


__all__ = ["ReviewError", "create_app"]
