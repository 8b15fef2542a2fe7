"""The ``policyx`` command: argument parsing and printing only; the work lives in the library."""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from pipeline import __version__
from pipeline.errors import PolicyxError

EPILOG = """examples:
  policyx run                                  extract corpus/ into outputs/ and score against gold/
  policyx extract plans/ new.docx -o out/      extract files and folders (.txt .docx .pdf .html)
  policyx evaluate --gold gold --pred out --errors
  policyx gold check gold                      validate hand-labelled gold files

exit status: 0 success, 1 some documents or checks failed, 2 usage error."""


class Progress:
    """A one-line progress display on a terminal; silent when stderr is a pipe or a file."""

    def __init__(self, enabled: bool):
        self.enabled = enabled
        self.done = 0
        self.failed = 0
        self.started = time.perf_counter()

    def __call__(self, path: Path, failure) -> None:
        self.done += 1
        self.failed += failure is not None
        if self.enabled:
            rate = self.done / max(time.perf_counter() - self.started, 1e-6)
            sys.stderr.write(f"\r{self.done} documents, {self.failed} failed, {rate:.1f} docs/s  {path.name[:40]:<40}")
            sys.stderr.flush()

    def close(self) -> None:
        if self.enabled and self.done:
            sys.stderr.write("\n")


def cmd_extract(args: argparse.Namespace) -> int:
    from pipeline.run import extract_paths

    progress = Progress(enabled=sys.stderr.isatty() and not args.quiet)
    summary = extract_paths(args.paths, args.output, on_document=progress)
    progress.close()
    counts = ", ".join(f"{n} {t}" for t, n in summary.record_counts.items())
    print(f"{len(summary.written)} documents written to {args.output} ({counts}) in {summary.seconds:.2f} s")
    for f in summary.failures:
        print(f"failed [{f.stage}] {f.message}", file=sys.stderr)
    if summary.failures:
        print(f"{len(summary.failures)} failed; details in {Path(args.output) / 'errors.jsonl'}", file=sys.stderr)
    if not summary.written and not summary.failures:
        print(f"no .txt/.docx/.pdf/.html files found in {' '.join(args.paths)}", file=sys.stderr)
        return 1
    return summary.exit_code


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
    evaluate_and_print(args.gold, args.pred, args.errors, args.json)
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


def cmd_run(args: argparse.Namespace) -> int:
    from pipeline import baseline

    extract_status = cmd_extract(argparse.Namespace(paths=[args.corpus], output=args.output, quiet=args.quiet))
    print()
    report = evaluate_and_print(args.gold, args.output, args.errors, args.json)
    baseline_file = Path(args.gold) / "baseline.json"
    if args.update_baseline:
        baseline.write(report, baseline_file)
        print(f"\nbaseline updated: {baseline_file}")
    elif baseline_file.exists():
        dropped = baseline.regressions(report, baseline.load(baseline_file))
        for line in dropped:
            print(f"regression: {line}", file=sys.stderr)
        if dropped:
            print(f"below {baseline_file}; fix it, or {baseline.HOW_TO_RAISE}", file=sys.stderr)
            return 1
    return extract_status


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
    p.add_argument("-q", "--quiet", action="store_true", help="no progress line")
    p.set_defaults(func=cmd_extract)

    p = sub.add_parser("evaluate", help="score predictions against hand-labelled gold",
                       description="Pair predicted and gold records by span overlap (EXTRACTION_SPEC.md §4) "
                       "and print detection and strict P/R/F1 per type, field accuracy, a per-document "
                       "table and meta accuracy.")
    p.add_argument("--gold", required=True, metavar="DIR", help="folder of gold/<doc_id>.json files")
    p.add_argument("--pred", required=True, metavar="DIR", help="folder of predicted <doc_id>.json files")
    p.add_argument("--json", metavar="FILE", help="also write all figures and errors as JSON")
    p.add_argument("--errors", action="store_true",
                   help="list every false positive, false negative and field mismatch with its quote")
    p.set_defaults(func=cmd_evaluate)

    p = sub.add_parser("gold", help="gold-file tools (check)",
                       description="Tools for hand-labelled gold files.")
    gold_sub = p.add_subparsers(dest="gold_command", required=True, metavar="ACTION")
    g = gold_sub.add_parser("check", help="validate gold files: schema, enums, key fields, quotes vs spans",
                            description="Fail when a gold file is malformed, lacks a key field, uses an "
                            "unknown enum value, or has a quote that differs from its span in the source.")
    g.add_argument("dir", nargs="?", default="gold", metavar="DIR", help="gold folder (default: gold)")
    g.add_argument("--corpus", metavar="DIR", help="source documents (default: DIR/../corpus)")
    g.set_defaults(func=cmd_gold_check)

    p = sub.add_parser("run", help="the main job: extract the corpus and score it against gold",
                       description="policyx extract CORPUS -o OUTPUT, then policyx evaluate --gold GOLD; "
                       "fails when a type's strict F1 drops more than 0.01 below GOLD/baseline.json.")
    p.add_argument("--corpus", default="corpus", metavar="DIR", help="documents to extract (default: corpus)")
    p.add_argument("--gold", default="gold", metavar="DIR", help="gold folder (default: gold)")
    p.add_argument("-o", "--output", default="outputs", metavar="OUTDIR", help="output folder (default: outputs)")
    p.add_argument("--json", metavar="FILE", help="also write the scores as JSON")
    p.add_argument("--errors", action="store_true", help="list every scoring error with its quote")
    p.add_argument("-q", "--quiet", action="store_true", help="no progress line")
    p.add_argument("--update-baseline", action="store_true",
                   help="write the strict F1 per type to GOLD/baseline.json (the regression gate of the tests)")
    p.set_defaults(func=cmd_run)
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
