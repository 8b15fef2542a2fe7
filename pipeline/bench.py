"""Benchmark: ``python -m pipeline.bench [--docs 2000] [--small 500]``. Prints figures; asserts nothing.

Builds a synthetic corpus from the seed plans (sentences recombined, numbers and place names varied,
indicator tables and label lines kept, so sizes and record counts are realistic), then measures:
documents/s and source MB/s per worker, peak RSS of the parent and of the busiest worker, cold start
(process start to first document written), the speed-up of 2 workers over 1, a rerun with nothing
changed, and the throughput of ``jieba.lcut`` alone on the same text as a reference.
"""

from __future__ import annotations

import argparse
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import regex

from pipeline.run import extract_paths

ROOT = Path(__file__).resolve().parent.parent
PLACES = ["青岛", "淄博", "聊城", "青州", "芝罘", "烟台", "潍坊", "济宁", "临沂", "德州", "威海", "日照", "泰安",
          "滨州"]
PLACE = regex.compile("|".join(PLACES))
DIGITS = regex.compile(r"\d+")


def blocks_of(text: str) -> tuple[list[str], list[str]]:
    """(sentences, kept blocks): tables and one-line headings stay whole, prose splits at 。"""
    sentences, kept = [], []
    for paragraph in regex.split(r"\n\s*\n|\n(?=\S)", text):
        if "\t" in paragraph or len(paragraph) < 40:
            kept.append(paragraph)
        else:
            sentences += [s + "。" for s in paragraph.split("。") if s.strip()]
    return sentences, kept


def vary(text: str, rng: random.Random) -> str:
    def number(m: regex.Match) -> str:
        digits = m.group()
        if len(digits) == 4 and digits.startswith("20"):
            return digits  # keep years, so goals stay goals
        return str(rng.randint(10 ** (len(digits) - 1) if len(digits) > 1 else 1, 10 ** len(digits) - 1))

    return PLACE.sub(lambda _: rng.choice(PLACES), DIGITS.sub(number, text))


def synthetic_corpus(folder: Path, n: int, seed: int = 20261123) -> int:
    """Write n documents; returns the number of characters written."""
    rng = random.Random(seed)
    seeds = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "corpus").glob("*.txt"))]
    parts = [blocks_of(t) for t in seeds]
    all_sentences = [s for sents, _ in parts for s in sents]
    folder.mkdir(parents=True, exist_ok=True)
    total = 0
    for i in range(n):
        base = rng.randrange(len(seeds))
        sentences, kept = parts[base]
        size = rng.randint(5_000, 25_000)
        out: list[str] = [vary(kept[0], rng) if kept else ""]
        length = 0
        while length < size:
            if rng.random() < 0.08 and kept:
                piece = vary(rng.choice(kept), rng)
                out.append("\n" + piece + "\n")
            else:
                piece = vary(rng.choice(sentences if rng.random() < 0.7 else all_sentences), rng)
                out.append(piece if rng.random() < 0.8 else "\n" + piece)
            length += len(piece)
        text = "".join(out)
        total += len(text)
        (folder / f"synthetic_{i:05d}.txt").write_text(text, encoding="utf-8")
    return total


def peak_rss_mb(who: int) -> float:
    return resource.getrusage(who).ru_maxrss / 1024  # ru_maxrss is in KiB on Linux


def timed_run(corpus: Path, out: Path, workers: int) -> tuple[float, int]:
    shutil.rmtree(out, ignore_errors=True)
    started = time.perf_counter()
    summary = extract_paths([corpus], out, workers=workers)
    return time.perf_counter() - started, len(summary.written)


def cold_start(corpus: Path, workdir: Path) -> float:
    """Seconds from starting ``policyx extract`` on one document to the process exiting with it written."""
    one = next(iter(sorted(corpus.glob("*.txt"))))
    out = workdir / "cold"
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "pipeline.cli", "extract", str(one), "-o", str(out), "-q",
                    "--workers", "1"], check=True, capture_output=True)
    return time.perf_counter() - started


def jieba_throughput(corpus: Path, limit_chars: int = 3_000_000) -> float:
    import jieba

    jieba.setLogLevel(60)
    jieba.initialize()  # dictionary load is start-up, not throughput
    texts, size = [], 0
    for path in sorted(corpus.glob("*.txt")):
        texts.append(path.read_text(encoding="utf-8"))
        size += len(texts[-1])
        if size >= limit_chars:
            break
    started = time.perf_counter()
    for text in texts:
        jieba.lcut(text)
    return size / (time.perf_counter() - started)


def measure(n: int, workdir: Path) -> dict[str, float]:
    corpus = workdir / f"corpus_{n}"
    chars = synthetic_corpus(corpus, n)
    mb = sum(p.stat().st_size for p in corpus.glob("*.txt")) / 1e6
    one_s, written = timed_run(corpus, workdir / "out1", workers=1)
    two_s, _ = timed_run(corpus, workdir / "out2", workers=2)
    started = time.perf_counter()
    extract_paths([corpus], workdir / "out2", workers=2)
    rerun_s = time.perf_counter() - started
    return {"docs": written, "chars": chars, "mb": mb, "one_s": one_s, "two_s": two_s, "rerun_s": rerun_s,
            "rss_parent": peak_rss_mb(resource.RUSAGE_SELF), "rss_worker": peak_rss_mb(resource.RUSAGE_CHILDREN)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m pipeline.bench", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--docs", type=int, default=2000, help="documents in the large run (default: 2000)")
    parser.add_argument("--small", type=int, default=500, help="documents in the small run (default: 500)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="policyx-bench-") as tmp:
        workdir = Path(tmp)
        results = {n: measure(n, workdir) for n in (args.small, args.docs)}
        big = results[args.docs]
        jieba_rate = jieba_throughput(workdir / f"corpus_{args.docs}")
        cold = cold_start(workdir / f"corpus_{args.docs}", workdir)
    per_worker = big["chars"] / big["one_s"]
    print(f"synthetic corpus: {big['docs']} documents, {big['chars'] / 1e6:.1f} M characters, {big['mb']:.1f} MB")
    print(f"1 worker : {big['docs'] / big['one_s']:8.1f} docs/s  {big['mb'] / big['one_s']:6.2f} MB/s  "
          f"{per_worker / 1e3:7.0f} k chars/s")
    print(f"2 workers: {big['docs'] / big['two_s']:8.1f} docs/s  {big['mb'] / big['two_s'] / 2:6.2f} MB/s per worker"
          f"  speed-up {big['one_s'] / big['two_s']:.2f}x")
    print(f"jieba.lcut alone on the same text: {jieba_rate / 1e3:7.0f} k chars/s  "
          f"(extraction per worker = {per_worker / jieba_rate:.2f}x jieba)")
    for n, r in results.items():
        print(f"peak RSS after N={n:5d}: parent {r['rss_parent']:6.1f} MB, largest worker {r['rss_worker']:6.1f} MB")
    print(f"rerun with nothing changed: {big['rerun_s']:.2f} s = {100 * big['rerun_s'] / big['two_s']:.1f}% "
          f"of the first 2-worker run")
    print(f"cold start (process start to first document written): {cold:.2f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
