"""`python -m extractors.targets FILE...`: the goal decision for every number targets reads (explain()).

One line per number: source span, outcome (`goal RULE`, `not-goal [RULE]`, `not-value`), the quoted
stretch, and the evidence read in order (time frames, zones, past words, exclusions, genre).
`--goals-only` / `--not-goals` filter the listing.
"""

from __future__ import annotations

import argparse
import sys

from extractors.targets import explain
from pipeline.ingest import read_source
from pipeline.structure import build_structure


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m extractors.targets", description=__doc__.split("\n")[0])
    parser.add_argument("files", nargs="+")
    which = parser.add_mutually_exclusive_group()
    which.add_argument("--goals-only", action="store_true")
    which.add_argument("--not-goals", action="store_true")
    args = parser.parse_args(argv)
    for path in args.files:
        doc = build_structure(read_source(path))
        print(f"# {path}")
        for (start, end), quote, outcome, evidence in explain(doc):
            goal = outcome.startswith("goal")
            if (args.goals_only and not goal) or (args.not_goals and goal):
                continue
            print(f"{start}-{end}\t{outcome}\t{quote}\t{', '.join(evidence)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
