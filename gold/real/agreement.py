"""Agreement between the two independent readings in gold/real/ and gold/real/second_reader/.

Strict and detection F1 per type (spec §4, the first reading as gold) and meta agreement, per
document and over all documents read twice: `python gold/real/agreement.py`.
"""

from __future__ import annotations

import json
from pathlib import Path

from pipeline.evaluate import RECORD_TYPES, evaluate_docs, gold_files

HERE = Path(__file__).resolve().parent


def load(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def main() -> None:
    second = {p.stem: load(p) for p in gold_files(HERE / "second_reader")}
    first = {doc_id: load(HERE / f"{doc_id}.json") for doc_id in second}
    for doc_id in [*second, None]:
        ids = [doc_id] if doc_id else list(second)
        report = evaluate_docs({i: first[i] for i in ids}, {i: second[i] for i in ids}).to_dict()
        cells = [f"{t} {report['types'][t]['strict']['f1']:.3f} ({report['types'][t]['gold']})" for t in RECORD_TYPES]
        print(f"{doc_id or 'all':<32} " + "  ".join(cells) + f"  meta {report['meta']}")
    errors = evaluate_docs(first, second).errors
    for e in errors:
        print(f"  {e.doc_id} {e.type} {e.kind} {e.quote} {e.field or ''}: {e.gold!r} vs {e.pred!r}")


if __name__ == "__main__":
    main()
