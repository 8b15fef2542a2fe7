"""The ``policyx`` command: argument parsing and printing only; the work lives in the library."""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from pipeline import __version__
from pipeline.cli_review import export_formats, export_review_format
from pipeline.cli_review import register as register_review
from pipeline.errors import PolicyxError

EPILOG = """examples:
  policyx run                                  extract corpus/ into outputs/ and score against gold/
  policyx extract plans/ new.docx -o out/      extract files and folders (.txt .docx .pdf .html)
  policyx evaluate --gold gold --pred out --errors
  policyx gold check gold                      validate hand-labelled gold files
  policyx export out --to xlsx                 one spreadsheet, a sheet per record type
  policyx audit out --misses 5                 what no record covers (possible misses)

exit status: 0 success, 1 some documents or checks failed, 2 usage error."""


class Progress:
    """A progress bar with documents/s and failures on a terminal; silent on a pipe or a file."""

    WIDTH = 24

    def __init__(self, enabled: bool):
        self.enabled = enabled
        self.done = 0
        self.failed = 0
        self.started = time.perf_counter()

    def __call__(self, outcome, total: int) -> None:
        self.done += 1
        self.failed += outcome.failure is not None
        if not self.enabled:
            return
        elapsed = max(time.perf_counter() - self.started, 1e-6)
        rate = self.done / elapsed
        filled = int(self.WIDTH * self.done / max(total, 1))
        eta = (total - self.done) / rate if rate else 0
        sys.stderr.write(f"\r[{'#' * filled}{'.' * (self.WIDTH - filled)}] {self.done}/{total} documents, "
                         f"{self.failed} failed, {rate:.1f} docs/s, ETA {eta:.0f} s ")
        sys.stderr.flush()

    def close(self) -> None:
        if self.enabled and self.done:
            sys.stderr.write("\n")


def cmd_extract(args: argparse.Namespace) -> int:
    from pipeline.run import extract_paths

    missing = [p for p in args.paths if not Path(p).exists()]
    if missing:
        for p in missing:
            print(f"policyx: error: {p}: not found", file=sys.stderr)
        return 2

    progress = Progress(enabled=sys.stderr.isatty() and not args.quiet)
    if sys.stderr.isatty() and not args.quiet:
        from pipeline.readers.ocr import show_progress

        show_progress()  # a scanned PDF reports each page it OCRs
    summary = extract_paths(args.paths, args.output, on_document=progress, workers=args.workers,
                            executor=args.executor, scheduler=args.scheduler, force=args.force,
                            doc_timeout=args.doc_timeout or None)
    progress.close()
    counts = ", ".join(f"{n} {t}" for t, n in summary.record_counts.items())
    skipped = f", {len(summary.skipped)} unchanged and skipped" if summary.skipped else ""
    print(f"{len(summary.written)} documents written to {args.output}{skipped} ({counts}); "
          f"{len(summary.failures)} failed; {summary.seconds:.2f} s")
    for f in summary.failures:
        print(f"failed [{f.stage}] {f.message}", file=sys.stderr)
    if summary.failures:
        print(f"{len(summary.failures)} failed; details in {Path(args.output) / 'errors.jsonl'}", file=sys.stderr)
    if not summary.written and not summary.failures and not summary.skipped:
        print(f"no .txt/.docx/.pdf/.html files found in {' '.join(args.paths)}", file=sys.stderr)
        return 1
    return summary.exit_code


def add_batch_options(p: argparse.ArgumentParser) -> None:
    from pipeline.executors import EXECUTORS, default_workers
    from pipeline.run import DEFAULT_DOC_TIMEOUT

    p.add_argument("-j", "--workers", type=int, default=default_workers(), metavar="N",
                   help="documents processed in parallel (default: the number of cores, here %(default)s)")
    p.add_argument("--executor", choices=EXECUTORS, default="local",
                   help="local: a process pool on this machine; dask: a Dask cluster (default: %(default)s)")
    p.add_argument("--scheduler", metavar="ADDRESS",
                   help="with --executor dask: address of an existing scheduler, e.g. tcp://10.0.0.5:8786 "
                   "(default: start a LocalCluster)")
    p.add_argument("--force", action="store_true",
                   help="redo every document (default: skip those whose content and pipeline version are unchanged)")
    p.add_argument("--doc-timeout", type=float, default=DEFAULT_DOC_TIMEOUT, metavar="SECONDS",
                   help="give up on one document after this long (default: %(default)s; 0 = no limit)")
    p.add_argument("-q", "--quiet", action="store_true", help="no progress bar")


def evaluate_and_print(gold: str, pred: str, errors: bool, json_file: str | None):
    from pipeline.evaluate import evaluate
    from pipeline.output import write_json
    from pipeline.scoreboard import format_report

    report = evaluate(gold, pred)
    print(format_report(report, errors=errors))
    if json_file:
        write_json(json_file, report.to_dict())
        print(f"\nfigures written to {json_file}")
    return report


def cmd_evaluate(args: argparse.Namespace) -> int:
    report = evaluate_and_print(args.gold, args.pred, args.errors, args.json)
    if args.html:
        from pipeline.eval_html import write_evaluation

        write_evaluation(report, args.html, args.gold, args.pred)
        print(f"page written to {args.html} (self-contained: opens with no network)")
    return 0


def cmd_gold_check(args: argparse.Namespace) -> int:
    from pipeline.gold import check_gold_dir

    results = check_gold_dir(Path(args.dir), Path(args.corpus) if args.corpus else None)
    if not results:
        print(f"{args.dir}: no gold files found", file=sys.stderr)
        return 1
    bad = 0
    for name, problems in results.items():
        if problems:
            bad += 1
            print(f"{name}: {len(problems)} problem(s)")
            for p in problems:
                print(f"  {p}")
        else:
            print(f"{name}: ok")
    print(f"{len(results) - bad} of {len(results)} gold files pass")
    return 1 if bad else 0


def gold_sets(gold: str) -> list[Path]:
    """The gold folder and each sub-folder of it that holds gold files (gold/real), each scored alone."""
    from pipeline.evaluate import gold_files

    root = Path(gold)
    subs = sorted(d for d in root.iterdir() if d.is_dir() and gold_files(d)) if root.is_dir() else []
    return [root, *subs]


def cmd_run(args: argparse.Namespace) -> int:
    from pipeline import baseline

    args.paths = [args.corpus]
    status = cmd_extract(args)
    for gold_dir in gold_sets(args.gold):
        print(f"\n== {gold_dir} ==")
        json_file = args.json if gold_dir == Path(args.gold) else None
        report = evaluate_and_print(str(gold_dir), args.output, args.errors, json_file)
        baseline_file = gold_dir / "baseline.json"
        if args.update_baseline:
            baseline.write(report, baseline_file)
            print(f"\nbaseline updated: {baseline_file}")
        elif baseline_file.exists():
            dropped = baseline.regressions(report, baseline.load(baseline_file))
            for line in dropped:
                print(f"regression ({gold_dir}): {line}", file=sys.stderr)
            if dropped:
                print(f"below {baseline_file}; fix it, or {baseline.HOW_TO_RAISE}", file=sys.stderr)
                status = 1
    return status


def cmd_export(args: argparse.Namespace) -> int:
    if args.to == "spacy":
        try:
            from pipeline.spacy_component import docbin_of
        except ImportError:
            raise PolicyxError("export --to spacy needs spaCy: pip install 'policyx[spacy]'") from None
        target = Path(args.output) if args.output else Path(args.outdir) / "export.spacy"
        n = docbin_of(args.outdir, target)
        print(f"spacy export written to {target} ({n} documents, record spans in doc.spans['policyx'])")
        return 0
    if args.to in export_formats():
        target = export_review_format(Path(args.outdir), args.to, Path(args.output) if args.output else None)
    else:
        from pipeline.export import export

        target = export(args.outdir, args.to, args.output, reviewed=args.reviewed)
    print(f"{args.to} export written to {target}")
    return 0


def cmd_audit(args: argparse.Namespace) -> int:
    from pipeline.audit import audit
    from pipeline.output import write_json

    report = audit(args.outdir).to_dict()
    docs = report["documents"]
    if not docs:
        print(f"{args.outdir}: no documents (run policyx extract first)", file=sys.stderr)
        return 1
    print(f"{'document':<36} {'triggers':>8} {'covered':>8} {'dismissed':>9} {'uncovered':>9} {'rate':>6}")
    for doc_id, d in docs.items():
        print(f"{doc_id[:36]:<36} {d['triggers']:>8} {d['covered']:>8} {d['dismissed']:>9} {d['uncovered']:>9} "
              f"{d['uncovered_rate']:>6.3f}")
    if args.misses:
        print()
        for doc_id, d in docs.items():
            for item in [i for i in d["items"] if i["status"] == "uncovered"][: args.misses]:
                print(f"{doc_id} [{item['rtype']}/{item['kind']}] {item['section'] or '-'}: {item['context']}")
    corpus = report["corpus"]
    print(f"\n{corpus['documents']} documents, {corpus['triggers']} triggers: {corpus['covered']} covered, "
          f"{corpus['dismissed']} dismissed with a reason, {corpus['uncovered']} uncovered "
          f"(uncovered_rate {corpus['uncovered_rate']:.3f})")
    for rtype, t in corpus["by_type"].items():
        print(f"  {rtype:<17} {t['triggers']:>6} triggers, uncovered_rate {t['uncovered_rate']:.3f}")
    reasons = corpus["dismissed_by_reason"]
    if reasons:
        print("  dismissed: " + "; ".join(f"{n} {r}" for r, n in sorted(reasons.items(), key=lambda kv: -kv[1])))
    if args.json:
        write_json(args.json, report)
        print(f"\naudit written to {args.json}")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="policyx",
        description="Turn Chinese government policy plans (规划, 行动计划, 若干措施) into structured, "
        "checkable JSON: metadata, indicator-table rows, funding, responsibilities and targets, "
        "each with the exact source span it came from.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"policyx {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    p = sub.add_parser("extract", help="extract records from files and folders into JSON",
                       description="Read each .txt/.docx/.pdf/.html file (folders are searched recursively) "
                       "and write OUTDIR/<doc_id>.json plus OUTDIR/<doc_id>.source.txt, the text the "
                       "spans point into. A file that fails is listed in OUTDIR/errors.jsonl and the "
                       "rest of the batch goes on.")
    p.add_argument("paths", nargs="+", metavar="PATH", help="files or folders to read")
    p.add_argument("-o", "--output", required=True, metavar="OUTDIR", help="folder for the JSON output")
    add_batch_options(p)
    p.set_defaults(func=cmd_extract)

    p = sub.add_parser("evaluate", help="score predictions against hand-labelled gold",
                       description="Pair predicted and gold records by span overlap (docs/EXTRACTION_SPEC.md §4) "
                       "and print detection and strict P/R/F1 per type, field accuracy, a per-document "
                       "table and meta accuracy.")
    p.add_argument("--gold", required=True, metavar="DIR", help="folder of gold/<doc_id>.json files")
    p.add_argument("--pred", required=True, metavar="DIR", help="folder of predicted <doc_id>.json files")
    p.add_argument("--json", metavar="FILE", help="also write all figures and errors as JSON")
    p.add_argument("--errors", action="store_true",
                   help="list every false positive, false negative and field mismatch with its quote")
    p.add_argument("--html", metavar="FILE", help="also write a self-contained page: P/R/F1 per type and per "
                   "document as bars, field accuracy, and every error, filterable by type, kind and document")
    p.set_defaults(func=cmd_evaluate)

    p = sub.add_parser("gold", help="gold-file tools (check)",
                       description="Tools for hand-labelled gold files.")
    gold_sub = p.add_subparsers(dest="gold_command", required=True, metavar="ACTION")
    g = gold_sub.add_parser("check", help="validate gold files: schema, enums, key fields, quotes vs spans",
                            description="Fail when a gold file is malformed, lacks a key field, uses an "
                            "unknown enum value, or has a quote that differs from its span in the source.")
    g.add_argument("dir", nargs="?", default="gold", metavar="DIR", help="gold folder (default: gold)")
    g.add_argument("--corpus", metavar="DIR", help="source documents (default: by the repository's layout: "
                   "DIR/../corpus, else DIR/../docs, else DIR/../../corpus/NAME, so gold/, gold/real/ and "
                   "challenge/gold/ find theirs)")
    g.set_defaults(func=cmd_gold_check)

    from pipeline.export_formats import TABLE_FORMATS

    p = sub.add_parser("export", help="tables of all records for spreadsheets and data tools",
                       description="A documents table (title, 文号, issuer, date, period, record counts) and one "
                       "table per record type (indicators, funding, responsibilities, targets) with doc_id, title, "
                       "section path, quote, span and every field. Columns and types are fixed per record type "
                       "(nullable integers stay integers), so exports of different folders combine. csv and "
                       "parquet write a folder with one file per table, xlsx one workbook with a sheet per table "
                       "(header frozen, autofilter), jsonl one strict-JSON line per document and record with its "
                       "type.")
    p.add_argument("outdir", metavar="OUTDIR", help="a folder written by policyx extract")
    p.add_argument("--to", required=True, choices=(*TABLE_FORMATS, *export_formats(), "spacy"),
                   help="output format: tables for analysts, tasks for Label Studio / doccano reviewers, or a "
                   "spaCy DocBin (record spans in doc.spans['policyx'], training data for a span categoriser)")
    p.add_argument("-o", "--output", metavar="PATH",
                   help="file or folder to write "
                   "(default: OUTDIR/export.FORMAT, or OUTDIR/export/ for csv and parquet)")
    p.add_argument("--reviewed", action="store_true",
                   help="apply reviewers' corrections from OUTDIR/reviewed/ (rejected records dropped, edits and "
                   "additions kept); tables only")
    p.set_defaults(func=cmd_export)

    p = sub.add_parser("run", help="the main job: extract the corpus and score it against gold",
                       description="policyx extract CORPUS -o OUTPUT (folders are searched recursively, so "
                       "corpus/real/ is included), then policyx evaluate against GOLD and against each sub-folder "
                       "of GOLD holding gold files (gold/real/), each scored on its own; fails when a type's "
                       "strict F1 drops more than 0.01 below that folder's baseline.json.")
    p.add_argument("--corpus", default="corpus", metavar="DIR", help="documents to extract (default: corpus)")
    p.add_argument("--gold", default="gold", metavar="DIR", help="gold folder (default: gold)")
    p.add_argument("-o", "--output", default="outputs", metavar="OUTDIR", help="output folder (default: outputs)")
    p.add_argument("--json", metavar="FILE", help="also write the scores as JSON")
    p.add_argument("--errors", action="store_true", help="list every scoring error with its quote")
    add_batch_options(p)
    p.add_argument("--update-baseline", action="store_true",
                   help="write the strict F1 per type to GOLD/baseline.json (the regression gate of the tests)")
    p.set_defaults(func=cmd_run)

    p = sub.add_parser("audit", help="what no record covers: possible misses, as a label-free recall check",
                       description="Find every trigger in each document of OUTDIR (amounts in 元, %, ‰; role "
                       "labels and bracketed 牵头/负责/配合; goal frames 到20XX年, 力争, 达到/突破/超过 + a number; "
                       "tables with 预期性/约束性 or year columns) and say whether a record covers it, a named "
                       "reason dismisses it (an achievement, an eligibility threshold, a cited document, running "
                       "prose …), or it is uncovered: a possible miss. uncovered_rate = uncovered / triggers.")
    p.add_argument("outdir", metavar="OUTDIR", help="a folder written by policyx extract")
    p.add_argument("--json", metavar="FILE", help="write per-document and corpus figures and every "
                   "dismissed or uncovered trigger (with context and section) as JSON")
    p.add_argument("--misses", type=int, default=0, metavar="N",
                   help="also list up to N uncovered triggers per document with their context")
    p.set_defaults(func=cmd_audit)

    register_review(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return args.func(args)
    except PolicyxError as exc:
        print(f"policyx: error: {exc}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
