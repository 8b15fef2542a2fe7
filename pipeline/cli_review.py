"""`policyx review | report | import-review` and the review formats of `policyx export`.

Argument parsing and printing only; the work is in pipeline.review, pipeline.report_html and
pipeline.interchange. ``register(subparsers)`` is called by pipeline/cli.py.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from pipeline.export_formats import REVIEW_FORMATS

LOOPBACK_BIND = {"127.0.0.1", "localhost", "::1"}


def export_formats() -> dict[str, str]:
    """Formats `policyx export --to` can hand to export_review_format, with a one-line description."""
    return dict(REVIEW_FORMATS)


def export_review_format(outdir: Path, fmt: str, output: Path | None = None) -> Path:
    """Export OUTDIR (reviewed copies where they exist) as Label Studio tasks or doccano JSONL.

    Default file: OUTDIR/export.label-studio.json or OUTDIR/export.doccano.jsonl, beside the
    table exports' OUTDIR/export.FORMAT. Returns the file written.
    """
    from pipeline.interchange import export

    outdir = Path(outdir)
    if output is None:
        output = outdir / ("export.label-studio.json" if fmt == "label-studio" else "export.doccano.jsonl")
    return export(outdir, fmt, Path(output))


def cmd_review(args: argparse.Namespace) -> int:
    outdir = Path(args.outdir)
    if not outdir.is_dir():
        print(f"policyx review: {outdir} is not a folder (run policyx extract … -o {outdir} first)", file=sys.stderr)
        return 2
    if args.promote:
        from pipeline.review.promote import promote

        if not args.gold_dir:
            print("policyx review: --promote needs --gold-dir DIR", file=sys.stderr)
            return 2
        target = promote(outdir, args.promote, Path(args.gold_dir), Path(args.corpus) if args.corpus else None,
                         force=args.force)
        print(f"{target} written; it passes policyx gold check")
        return 0
    if args.host not in LOOPBACK_BIND and not args.token:
        print(f"policyx review: binding to {args.host} exposes the reviewed files to the network; "
              "pass --token TOKEN (or --token generate) to require it on every request", file=sys.stderr)
        return 2
    import secrets

    import uvicorn

    from pipeline.review.app import create_app
    from pipeline.review.security import LOOPBACK_HOSTS

    token = secrets.token_urlsafe(24) if args.token == "generate" else args.token
    hosts = LOOPBACK_HOSTS if args.host in LOOPBACK_BIND else None
    app = create_app(outdir, token=token, reviewer=args.reviewer, allowed_hosts=hosts)
    shown = "127.0.0.1" if args.host in LOOPBACK_BIND else args.host
    print(f"reviewing {outdir}: open http://{shown}:{args.port}/" + (f"?token={token}" if token else ""))
    print("corrections go to", outdir / "reviewed", "· Ctrl+C stops the server")
    uvicorn.run(app, host=args.host, port=args.port, log_level="warning")
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    if args.host not in LOOPBACK_BIND and not args.token:
        print(f"policyx serve: binding to {args.host} opens the API to the network; "
              "pass --token TOKEN (or --token generate) to require it on every request", file=sys.stderr)
        return 2
    import secrets

    import uvicorn

    from pipeline.review.security import LOOPBACK_HOSTS
    from pipeline.serve import create_app

    token = secrets.token_urlsafe(24) if args.token == "generate" else args.token
    hosts = LOOPBACK_HOSTS if args.host in LOOPBACK_BIND else None
    app = create_app(token=token, allowed_hosts=hosts, workers=args.workers, doc_timeout=args.doc_timeout or None,
                     max_bytes=int(args.max_mb * 1024 * 1024))
    shown = "127.0.0.1" if args.host in LOOPBACK_BIND else args.host
    print(f"policyx API on http://{shown}:{args.port}/ (POST /extract, GET /schema, /openapi.json, /docs)"
          + (f"; token: {token}" if token else ""))
    uvicorn.run(app, host=args.host, port=args.port, log_level="warning")
    return 0


def cmd_report(args: argparse.Namespace) -> int:
    if Path(args.json).is_dir():
        from pipeline.dashboard import doc_pages_dir, write_dashboard

        out = write_dashboard(Path(args.json), Path(args.output), reviewed=args.reviewed,
                              doc_pages=not args.no_doc_pages)
        pages = "" if args.no_doc_pages else f"; each document's page in {doc_pages_dir(out)}"
        print(f"{out} written (self-contained: opens with no network){pages}")
        return 0
    from pipeline.report_html import write_report

    out = write_report(Path(args.json), Path(args.output), Path(args.source) if args.source else None)
    print(f"{out} written (self-contained: opens with no network)")
    return 0


def cmd_import_review(args: argparse.Namespace) -> int:
    from pipeline.interchange import import_review
    from pipeline.review.security import user_name

    saved = import_review(Path(args.file), Path(args.outdir), args.reviewer or user_name(), args.format)
    for doc_id, n in saved.items():
        print(f"{doc_id}: {n} change(s) saved" if n else f"{doc_id}: no changes")
    print(f"{len(saved)} document(s) imported into {Path(args.outdir) / 'reviewed'}")
    return 0


def register(sub: argparse._SubParsersAction) -> None:
    """Add review, report and import-review to the policyx command."""
    p = sub.add_parser("review", help="review and correct extracted records in a local web app",
                       description="Start a local web app over OUTDIR: document list, source text with every "
                       "record highlighted by type, record table sortable by confidence, warnings; accept, "
                       "reject, edit, move and add records. Corrections go to OUTDIR/reviewed/<doc_id>.json "
                       "with an append-only OUTDIR/reviewed/audit.jsonl; machine output is never changed. "
                       "With --promote, write a reviewed document as a gold file instead.")
    p.add_argument("outdir", metavar="OUTDIR", help="folder written by policyx extract")
    p.add_argument("--host", default="127.0.0.1", help="address to bind (default 127.0.0.1; others need --token)")
    p.add_argument("--port", type=int, default=8765, help="port (default 8765)")
    p.add_argument("--token", help="secret every request must carry; 'generate' makes one and prints the link")
    p.add_argument("--reviewer",
                   help="name recorded in the audit log when the page gives none (default: your user name)")
    p.add_argument("--promote", metavar="DOC_ID", help="write OUTDIR/reviewed/DOC_ID.json as a gold file and exit")
    p.add_argument("--gold-dir", metavar="DIR", help="gold folder for --promote")
    p.add_argument("--corpus", metavar="DIR",
                   help="folder holding the original source file, to check the gold file's sha256 against "
                   "(default: the .source.txt beside the output, which matches for UTF-8 .txt sources)")
    p.add_argument("--force", action="store_true", help="with --promote, replace an existing gold file")
    p.set_defaults(func=cmd_review)

    p = sub.add_parser("serve", help="an HTTP API: POST a document, get its JSON",
                       description="Serve POST /extract (a multipart file field 'file' → the document JSON of "
                       "policyx extract), GET /schema (its JSON Schema), /openapi.json and /docs. Documents run "
                       "in a pool of worker processes, each under the per-document time limit; answers: 200, "
                       "413 too large, 415 unsupported type, 422 unreadable (detail names the file and why), "
                       "504 over the time limit. Loopback only unless --token is given.",
                       epilog="example: curl -F file=@plan.docx http://127.0.0.1:8766/extract")
    p.add_argument("--host", default="127.0.0.1", help="address to bind (default 127.0.0.1; others need --token)")
    p.add_argument("--port", type=int, default=8766, help="port (default 8766)")
    p.add_argument("--token", help="secret every request must carry as Authorization: Bearer TOKEN; "
                   "'generate' makes one and prints it")
    p.add_argument("-j", "--workers", type=int, default=2, metavar="N",
                   help="documents extracted at once (default 2)")
    p.add_argument("--doc-timeout", type=float, default=60.0, metavar="SECONDS",
                   help="give up on one document after this long (default 60; 0 = no limit)")
    p.add_argument("--max-mb", type=float, default=50.0, metavar="MB", help="largest upload accepted (default 50)")
    p.set_defaults(func=cmd_serve)

    p = sub.add_parser("report", help="write one document's records, or a folder's dashboard, as self-contained HTML",
                       description="Render OUTDIR/<doc_id>.json (or a reviewed copy) with its highlighted source "
                       "text and record tables into one HTML file with inline CSS: no network requests, "
                       "ready to attach to an email. Given OUTDIR itself, write a dashboard instead: a "
                       "sortable, filterable documents table and charts (records per type and document, "
                       "funding amounts, targets by indicator across documents, units that lead most tasks), "
                       "with each document's page in FILE.docs/ beside it.")
    p.add_argument("json", metavar="JSON|OUTDIR",
                   help="OUTDIR/<doc_id>.json or OUTDIR/reviewed/<doc_id>.json, or OUTDIR for the dashboard")
    p.add_argument("-o", "--output", required=True, metavar="FILE.html", help="HTML file to write")
    p.add_argument("--source", metavar="FILE", help="source text (default: <doc_id>.source.txt beside the JSON)")
    p.add_argument("--reviewed", action="store_true",
                   help="dashboard: apply reviewers' corrections and chart review progress")
    p.add_argument("--no-doc-pages", action="store_true",
                   help="dashboard: write the dashboard alone, without FILE.docs/ and its links")
    p.set_defaults(func=cmd_report)

    p = sub.add_parser("import-review", help="import corrections from Label Studio or doccano",
                       description="Read a Label Studio JSON export or a doccano JSONL export of files made by "
                       "policyx export --to label-studio|doccano, and save the differences as review changes "
                       "(audited, version-checked) in OUTDIR/reviewed/.")
    p.add_argument("file", metavar="FILE", help="Label Studio JSON or doccano JSONL")
    p.add_argument("--outdir", required=True, metavar="OUTDIR", help="the folder that was exported")
    p.add_argument("--format", choices=["auto", "label-studio", "doccano"], default="auto",
                   help="file format (default: detect)")
    p.add_argument("--reviewer", help="name for the audit log (default: your user name)")
    p.set_defaults(func=cmd_import_review)
