"""`policyx serve`: an HTTP API for downstream systems.

POST /extract with a document as a multipart file → the document JSON that `policyx extract` writes.
GET /schema → the JSON Schema of that document; /openapi.json and /docs describe the API.

Extraction runs in a pool of worker processes, so concurrent requests are served in parallel and a
document's time limit (SIGALRM in the worker) can stop it without stopping the server. The same guard
as the review app sits in front: loopback hosts only unless a token is set, a cap on body size, and
no cross-origin writes.
"""

from __future__ import annotations

import asyncio
import re
import tempfile
from concurrent.futures import ProcessPoolExecutor
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Annotated, Any

from fastapi import FastAPI, File, UploadFile
from fastapi.responses import JSONResponse, Response

from pipeline.ingest import SUFFIX_FORMATS
from pipeline.review.security import LOOPBACK_HOSTS, Guard

MAX_UPLOAD_BYTES = 50 * 1024 * 1024
UPLOAD_HELP = "a .txt, .docx, .pdf or .html document"
UNSAFE = re.compile(r"[^\w.\-\u4e00-\u9fff]+")


def safe_name(name: str | None) -> str:
    """An upload's file name reduced to one safe path component that keeps its suffix."""
    base = UNSAFE.sub("_", Path(name or "document").name).strip("._") or "document"
    return base[-120:]


def extract_upload(name: str, data: bytes, timeout: float | None) -> tuple[int, str]:
    """(HTTP status, body) for one uploaded document; runs in a worker process."""
    import json

    from pipeline.run import process_file

    with tempfile.TemporaryDirectory(prefix="policyx-serve-") as tmp:
        path = Path(tmp) / name
        path.write_bytes(data)
        outcome = process_file(path, timeout)
    if outcome.failure is None:
        return 200, outcome.json_text or ""
    status = 504 if outcome.failure.stage == "timeout" else 422
    # The temporary folder means nothing to the client: name the file as it was sent.
    message = outcome.failure.message.replace(str(path), name)
    return status, json.dumps({"detail": message, "stage": outcome.failure.stage}, ensure_ascii=False)


def create_app(token: str | None = None, allowed_hosts: tuple[str, ...] | None = LOOPBACK_HOSTS,
               workers: int = 2, doc_timeout: float | None = 60.0, max_bytes: int = MAX_UPLOAD_BYTES) -> Any:
    from pipeline import __version__
    from pipeline.gold import document_schema

    pool = ProcessPoolExecutor(max_workers=max(1, workers))

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        yield
        pool.shutdown(cancel_futures=True)

    app = FastAPI(title="policyx", version=__version__, lifespan=lifespan,
                  description="Chinese government policy texts → structured, checkable JSON "
                  "(docs/EXTRACTION_SPEC.md). POST a .txt/.docx/.pdf/.html file to /extract.")

    @app.post("/extract", summary="Extract one document",
              responses={200: {"description": "the document JSON of `policyx extract`"},
                         413: {"description": "file too large"}, 415: {"description": "unsupported file type"},
                         422: {"description": "the file cannot be read; detail names it and says why"},
                         504: {"description": "the document took longer than the per-document limit"}})
    async def extract(file: Annotated[UploadFile, File(description=UPLOAD_HELP)]) -> Response:
        name = safe_name(file.filename)
        if Path(name).suffix.lower() not in SUFFIX_FORMATS:
            known = ", ".join(sorted(SUFFIX_FORMATS))
            return JSONResponse({"detail": f"{name}: unsupported file type; policyx reads {known}"}, status_code=415)
        data = await file.read(max_bytes + 1)
        if len(data) > max_bytes:
            return JSONResponse({"detail": f"{name}: over the {max_bytes}-byte limit"}, status_code=413)
        loop = asyncio.get_running_loop()
        status, body = await loop.run_in_executor(pool, extract_upload, name, data, doc_timeout)
        return Response(body, status_code=status, media_type="application/json")

    @app.get("/schema", summary="JSON Schema of the document JSON")
    def schema() -> dict:
        return document_schema()

    @app.get("/health", summary="liveness")
    def health() -> dict:
        return {"status": "ok", "version": __version__}

    guarded = Guard(app, token=token, allowed_hosts=allowed_hosts, max_body=max_bytes + 64 * 1024,
                    write_types=("multipart/form-data",),
                    token_hint="this server needs its token: send Authorization: Bearer TOKEN")
    return guarded
