"""Benchmark: ``python -m pipeline.bench [--realcorpus DIR] [--docs 2000] [--small 500] [--json FILE]``.

Prints figures; asserts nothing. Every figure comes from a fresh process started for it, so no
figure carries another's imports, caches or lifetime peak memory:

- extraction against ``jieba.lcut`` per core, side by side in one process: each document is extracted
  (structure, records, JSON text) and segmented by jieba back to back, in alternating order, over the
  whole text of each set: the seed plans, the challenge set, corpus/real (the gold/real documents),
  ../shared/realcorpus when present, and a synthetic corpus. The ratio is jieba's time over
  extraction's, with its range over four slices of the set as a noise figure, and where the time goes;
- one worker against two (``policyx extract -j 1`` and ``-j 2``, each a fresh command, alternated) on
  the synthetic corpus and on real text (../shared/realcorpus, the seed plans, corpus/real), as wall
  time and as a CPU-based estimate (each worker's CPU and the parent's serial part give the speed-up two idle cores
  would give: wall time on a machine shared with others measures them);
- peak RSS of the parent and of the largest worker at two corpus sizes, each size its own command;
- a rerun with nothing changed, and cold start (``policyx --help``, ``policyx extract`` of one plan)
  against the in-process time of the same work;
- text PDF pages per second through the PDF reader as it is, and a PDF's whole run (read, extract,
  write) against the same plan's .txt, in wall and CPU time; OCR pages per second once an OCR reader
  exists.

The synthetic corpus recombines sentences of every real text given (numbers and place names varied,
tables and one-line headings kept whole), so sizes and record counts stay realistic.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
PLACES = ["青岛", "淄博", "聊城", "青州", "芝罘", "烟台", "潍坊", "济宁", "临沂", "德州", "威海", "日照", "泰安",
          "滨州"]
PLACE = re.compile("|".join(PLACES))
DIGITS = re.compile(r"\d+")
SUFFIXES = (".txt", ".docx", ".pdf", ".html")
PARTS = ("text", "workers", "rss", "start", "pdf")


# ---- corpora ---------------------------------------------------------------------------------------

def real_sets(realcorpus: Path | None) -> dict[str, list[Path]]:
    """Name → documents of each real-text set that exists."""
    sets = {
        "seeds": sorted((ROOT / "corpus").glob("*.txt")),
        "challenge": sorted((ROOT / "challenge" / "docs").glob("*.txt")),
        "gold/real": sorted(p for p in (ROOT / "corpus" / "real").glob("*") if p.suffix in SUFFIXES),
    }
    if realcorpus and realcorpus.is_dir():
        sets["realcorpus"] = sorted(p for p in realcorpus.rglob("*") if p.suffix in SUFFIXES)
    return {name: paths for name, paths in sets.items() if paths}


def dev_corpus() -> list[Path]:
    """corpus/ without its held-out folders (corpus/holdout*): the seed plans and corpus/real, named one
    by one, since ``policyx extract corpus`` would recurse into the held-out sets nobody may run on."""
    return [*sorted((ROOT / "corpus").glob("*.txt")), ROOT / "corpus" / "real"]


def default_realcorpus() -> Path | None:
    """shared/realcorpus beside the checkout (/work/main) or one folder up (a worktree /work/wt/NAME)."""
    for base in (ROOT.parent, ROOT.parent.parent):
        if (base / "shared" / "realcorpus").is_dir():
            return base / "shared" / "realcorpus"
    return None


def default_sources() -> list[Path]:
    """Texts the synthetic corpus is built from: every real text in the repository."""
    return [p for name, paths in real_sets(None).items() for p in paths]


def blocks_of(text: str) -> tuple[list[str], list[str]]:
    """(sentences, kept blocks): tables and one-line headings stay whole, prose splits at 。"""
    sentences, kept = [], []
    for paragraph in re.split(r"\n\s*\n|\n(?=\S)", text):
        if "\t" in paragraph or len(paragraph) < 40:
            kept.append(paragraph)
        else:
            sentences += [s + "。" for s in paragraph.split("。") if s.strip()]
    return sentences, kept


def vary(text: str, rng: random.Random) -> str:
    def number(m: re.Match) -> str:
        digits = m.group()
        if len(digits) == 4 and digits.startswith("20"):
            return digits  # keep years, so goals stay goals
        return str(rng.randint(10 ** (len(digits) - 1) if len(digits) > 1 else 1, 10 ** len(digits) - 1))

    return PLACE.sub(lambda _: rng.choice(PLACES), DIGITS.sub(number, text))


def synthetic_corpus(folder: Path, n: int, seed: int = 20261123, sources: list[Path] | None = None) -> int:
    """Write n documents recombined from ``sources`` (default: the repository's real texts); returns
    the number of characters written."""
    from pipeline.ingest import read_source

    rng = random.Random(seed)
    # Line ends as \n: a recombined document has no reason to keep one source's \r\n.
    texts = [read_source(p).text.replace("\r\n", "\n").replace("\r", "\n") for p in (sources or default_sources())]
    parts = [blocks_of(t) for t in texts if t.strip()]
    parts = [(sents, kept) for sents, kept in parts if sents]
    all_sentences = [s for sents, _ in parts for s in sents]
    folder.mkdir(parents=True, exist_ok=True)
    total = 0
    for i in range(n):
        sentences, kept = parts[rng.randrange(len(parts))]
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


# ---- work done in fresh child processes ------------------------------------------------------------

def child_side_by_side(paths: list[str]) -> dict:
    """Extraction and jieba.lcut over the same documents, back to back, in alternating order."""
    import jieba

    from extractors import EXTRACTORS
    from pipeline import run
    from pipeline.ingest import read_source
    from pipeline.output import dumps
    from pipeline.serialise import result_to_dict

    jieba.setLogLevel(60)
    jieba.initialize()  # dictionary load is start-up, not throughput
    stages: dict[str, float] = {}

    def timed(name, fn):
        def wrapper(*args):
            started = time.perf_counter()
            try:
                return fn(*args)
            finally:
                stages[name] = stages.get(name, 0.0) + time.perf_counter() - started
        return wrapper

    run.build_structure = timed("structure", run.build_structure)
    for name in list(EXTRACTORS):
        EXTRACTORS[name] = timed(name, EXTRACTORS[name])
    docs = []
    read_s = 0.0
    for p in paths:
        started = time.perf_counter()
        docs.append(read_source(Path(p)))
        read_s += time.perf_counter() - started
    rows = []  # (chars, extract seconds, jieba seconds) per document
    for k, source in enumerate(docs):
        def extract(source=source):
            started = time.perf_counter()
            result = run.extract_source(source)
            middle = time.perf_counter()
            dumps(result_to_dict(result))
            stages["output"] = stages.get("output", 0.0) + time.perf_counter() - middle
            return time.perf_counter() - started

        def segment(source=source):
            started = time.perf_counter()
            jieba.lcut(source.text)
            return time.perf_counter() - started

        if k % 2:
            j, x = segment(), extract()
        else:
            x, j = extract(), segment()
        rows.append((len(source.text), x, j))
    chars = sum(r[0] for r in rows)
    slices, acc, bounds = [], 0, [chars * q / 4 for q in (1, 2, 3)]
    current: list[tuple[int, float, float]] = []
    for row in rows:
        current.append(row)
        acc += row[0]
        if bounds and acc >= bounds[0]:
            slices.append(current)
            current = []
            while bounds and acc >= bounds[0]:
                bounds.pop(0)
    if current:
        slices.append(current)
    ratios = [sum(r[2] for r in s) / sum(r[1] for r in s) for s in slices if sum(r[1] for r in s)]
    return {"docs": len(rows), "chars": chars, "read_s": read_s, "extract_s": sum(r[1] for r in rows),
            "jieba_s": sum(r[2] for r in rows), "slice_ratios": ratios, "stages": stages}


def child_pdf(pdfs: list[str], txts: list[str], workdir: str) -> dict:
    """Text-PDF reading speed, and a PDF's whole run (read, extract, write) against its .txt."""
    from pipeline.ingest import read_source
    from pipeline.run import process_file

    out = Path(workdir)
    pages = 0
    wall = {"read": 0.0, "pdf": 0.0, "txt": 0.0}
    cpu = dict.fromkeys(wall, 0.0)  # the machine is shared: CPU time is the steadier figure

    def timed(kind: str, work: Callable[..., Any], *args: Any) -> Any:
        started, started_cpu = time.perf_counter(), time.process_time()
        result = work(*args)
        wall[kind] += time.perf_counter() - started
        cpu[kind] += time.process_time() - started_cpu
        return result

    for k, (pdf, txt) in enumerate(zip(pdfs, txts, strict=True)):
        pages += len(timed("read", read_source, Path(pdf)).pages)
        order = [(pdf, "pdf"), (txt, "txt")]
        for path, kind in order if k % 2 else order[::-1]:
            outcome = timed(kind, process_file, Path(path), None, f"{Path(path).stem}_{kind}", out)
            assert outcome.failure is None, outcome.failure
    figures = {"pages": pages, "read_s": wall["read"], "pdf_run_s": wall["pdf"], "txt_run_s": wall["txt"],
               "read_cpu_s": cpu["read"], "pdf_run_cpu_s": cpu["pdf"], "txt_run_cpu_s": cpu["txt"]}
    from pipeline.readers import ocr

    # OCR is an optional extra: without it the figure is absent, not zero.
    if ocr.available():
        from pipeline.bench_ocr import ocr_speed

        figures["ocr"] = ocr_speed()
    return figures


def peak_rss_mb(fallback_kib: int) -> float:
    """This process's own peak RSS. Not ru_maxrss: Linux carries it across exec, so a command started
    from a big process reports that process's size. VmHWM belongs to the process's memory map, which
    exec makes anew. (Forked workers' ru_maxrss is their own: fork does not carry it.)"""
    try:
        with open("/proc/self/status", encoding="ascii") as fh:
            return next(int(line.split()[1]) for line in fh if line.startswith("VmHWM:")) / 1024
    except (OSError, StopIteration, ValueError):
        return fallback_kib / 1024


def child_cli(usage_file: str, argv: list[str]) -> int:
    """``policyx ARGV`` with its own and its workers' resource use written to ``usage_file`` at exit.

    Besides the totals: the parent's CPU when the batch starts and when it ends (start-up and planning
    are serial; the rest runs beside the workers), and each worker's own CPU (each worker rewrites
    ``usage_file.<pid>`` after every document: CPU times start at zero in a forked process)."""
    import atexit
    import functools
    import resource

    from pipeline import run

    marks: dict[str, float] = {}

    def cpu() -> float:
        own = resource.getrusage(resource.RUSAGE_SELF)
        return own.ru_utime + own.ru_stime

    real_map, real_process = run.map_documents, run.process_planned

    def map_documents(*args, **kwargs):
        marks["batch_start"] = cpu()
        yield from real_map(*args, **kwargs)
        marks["batch_end"] = cpu()

    @functools.wraps(real_process)  # same name, so the pool pickles it by reference to this wrapper
    def process_planned(*args, **kwargs):
        try:
            return real_process(*args, **kwargs)
        finally:
            Path(f"{usage_file}.{os.getpid()}").write_text(str(time.process_time()))

    run.map_documents, run.process_planned = map_documents, process_planned

    def report() -> None:
        own, workers = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
        per_worker = {}
        for path in Path(usage_file).parent.glob(Path(usage_file).name + ".*"):
            if path.suffix[1:] != str(os.getpid()):
                per_worker[path.suffix[1:]] = float(path.read_text())
            path.unlink()
        Path(usage_file).write_text(json.dumps({
            "parent_cpu": own.ru_utime + own.ru_stime, "workers_cpu": workers.ru_utime + workers.ru_stime,
            "parent_rss_mb": peak_rss_mb(own.ru_maxrss), "worker_rss_mb": workers.ru_maxrss / 1024,
            "per_worker_cpu": sorted(per_worker.values(), reverse=True), **marks}))

    atexit.register(report)
    from pipeline.cli import main

    return main(argv)


def cpu_estimate(one: dict, two: dict) -> dict:
    """The speed-up two idle cores would give, from CPU times alone (wall time on a shared machine
    measures the other users). One worker's run is all serial: its parent's CPU. Two workers' run is
    the parent's serial part (start-up, planning, the manifest at the end) plus the batch, which lasts
    as long as the busier worker or, if the parent's own share in the batch tips it, half of all the
    CPU spent in it."""
    serial = two["parent_cpu"] - (two["batch_end"] - two["batch_start"])
    during = (two["batch_end"] - two["batch_start"]) + two["workers_cpu"]
    busiest = max(two["per_worker_cpu"] or [two["workers_cpu"] / 2])
    predicted = serial + max(busiest, during / 2)
    return {"one_s": one["parent_cpu"] + one["workers_cpu"], "serial_s": serial, "busiest_worker_s": busiest,
            "workers": two["per_worker_cpu"], "parent_in_batch_s": two["batch_end"] - two["batch_start"],
            "predicted_two_s": predicted, "speedup": (one["parent_cpu"] + one["workers_cpu"]) / predicted}


def compiled_like_an_install() -> bool:
    """Let the commands measured start from compiled bytecode, as an installed policyx does (pip compiles
    it at install; Python caches it at the first import). With PYTHONDONTWRITEBYTECODE set, as on the
    machine of the README's figures, every fresh command compiled policyx's own 0.9 MB of sources again
    (70-90 ms of CPU, a quarter of the parent's serial part with -j 2). Returns whether it was set."""
    was_set = bool(os.environ.pop("PYTHONDONTWRITEBYTECODE", None))
    subprocess.run([sys.executable, "-m", "compileall", "-q", "pipeline", "extractors"], check=True,
                   capture_output=True, cwd=ROOT)
    return was_set


def fresh(mode: str, *args: str) -> dict:
    """Run one child mode in a new interpreter; its figures come back as JSON on stdout."""
    proc = subprocess.run([sys.executable, "-m", "pipeline.bench", "--child", mode, *args], capture_output=True,
                          text=True, check=True, cwd=ROOT)
    return json.loads(proc.stdout.strip().splitlines()[-1])


def command(argv: list[str], workdir: Path) -> dict:
    """A fresh ``policyx`` command: wall seconds plus its parent's and workers' CPU and peak RSS."""
    usage = workdir / "usage.json"
    usage.unlink(missing_ok=True)
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "pipeline.bench", "--child", "cli", str(usage), *argv], check=True,
                   capture_output=True, cwd=ROOT)
    figures = json.loads(usage.read_text())
    figures["wall_s"] = time.perf_counter() - started
    return figures


# ---- the report --------------------------------------------------------------------------------------

def side_by_side(name: str, paths: list[Path]) -> dict:
    r = fresh("side-by-side", *map(str, paths))
    r["ratio"] = r["jieba_s"] / r["extract_s"]
    lo, hi = min(r["slice_ratios"]), max(r["slice_ratios"])
    top = sorted(r["stages"].items(), key=lambda kv: -kv[1])
    where = ", ".join(f"{k} {100 * v / r['extract_s']:.0f}%" for k, v in top)
    print(f"{name:<12} {r['docs']:5d} docs {r['chars'] / 1e6:6.2f} M chars: extraction = {r['ratio']:.2f}x jieba.lcut "
          f"(slices {lo:.2f}-{hi:.2f}); reading = {r['read_s'] / r['extract_s']:.2f}x extraction time; {where}",
          flush=True)
    return r


def batch(corpus: Path | list[Path], workdir: Path, workers: int, tag: str) -> dict:
    out = workdir / f"out_{tag}"
    shutil.rmtree(out, ignore_errors=True)
    corpora = corpus if isinstance(corpus, list) else [corpus]
    return command(["extract", *map(str, corpora), "-o", str(out), "-q", "-j", str(workers)], workdir)


def pdf_figures(workdir: Path) -> dict | None:
    try:
        sys.path.insert(0, str(ROOT))
        from tests.builders import build_pdf, seed_blocks
    except ImportError:
        return None
    folder = workdir / "pdf"
    folder.mkdir(exist_ok=True)
    pdfs, txts = [], []
    for seed in sorted((ROOT / "corpus").glob("*.txt")):
        text = seed.read_text(encoding="utf-8")
        pdfs.append(str(build_pdf(seed_blocks(text), folder / f"{seed.stem}.pdf")))
        txts.append(str(seed))
    r = fresh("pdf", json.dumps(pdfs), json.dumps(txts), str(workdir / "pdf_out"))
    print(f"text PDF: {r['pages']} pages of the seed plans read at {r['pages'] / r['read_s']:.1f} pages/s "
          f"({r['pages'] / r['read_cpu_s']:.1f} pages per CPU second); a PDF's whole run (read, extract, write) = "
          f"{r['pdf_run_s'] / r['txt_run_s']:.1f}x the same plan's .txt (CPU: "
          f"{r['pdf_run_cpu_s'] / r['txt_run_cpu_s']:.1f}x)", flush=True)
    ocr = r.get("ocr")
    print("OCR: not installed (pip install 'policyx[ocr]')" if ocr is None else
          f"OCR (RapidOCR, two degraded seed pages at 150 dpi): {ocr['pages_per_second']:.2f} pages/s wall, "
          f"{ocr['pages_per_cpu_second']:.2f} pages per CPU second")
    return r


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m pipeline.bench", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--docs", type=int, default=2000, help="documents in the large synthetic corpus (default 2000)")
    parser.add_argument("--small", type=int, default=500, help="documents in the small synthetic corpus (default 500); "
                        "it is also the one extraction, jieba and the worker speed-up are measured on")
    parser.add_argument("--realcorpus", type=Path, default=default_realcorpus(), metavar="DIR",
                        help="more real documents (default: shared/realcorpus beside the checkout or one "
                        "folder up, when it exists)")
    parser.add_argument("--repeat", type=int, default=2, help="alternated -j 1 / -j 2 runs (default 2)")
    parser.add_argument("--parts", default=",".join(PARTS), metavar="LIST",
                        help=f"comma-separated parts to measure (default: all of {','.join(PARTS)})")
    parser.add_argument("--json", metavar="FILE", help="also write every figure as JSON")
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["--child"]:  # a fresh process started by the benchmark itself
        mode, *rest = argv[1:]
        if mode == "cli":
            return child_cli(rest[0], rest[1:])
        figures = child_side_by_side(rest) if mode == "side-by-side" else child_pdf(
            json.loads(rest[0]), json.loads(rest[1]), rest[2])
        print(json.dumps(figures))
        return 0
    args = parser.parse_args(argv)
    parts = set(args.parts.split(","))

    results: dict = {"cores": len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()}
    if compiled_like_an_install():
        print("PYTHONDONTWRITEBYTECODE is set: unset for the commands measured, which start from bytecode "
              "compiled beforehand, as an installed policyx does", flush=True)
    print(f"load average before: {' '.join(f'{x:.1f}' for x in os.getloadavg())} on {results['cores']} cores "
          "(figures on a busy machine drift; ratios are measured side by side)", flush=True)
    with tempfile.TemporaryDirectory(prefix="policyx-bench-") as tmp:
        workdir = Path(tmp)
        small, big = workdir / f"synthetic_{args.small}", workdir / f"synthetic_{args.docs}"
        synthetic_corpus(small, args.small)
        if "rss" in parts:
            synthetic_corpus(big, args.docs)

        if "text" in parts:
            print("\n== extraction per core against jieba.lcut, same full text, same process, alternated ==")
            sets = real_sets(args.realcorpus)
            figures = {name: side_by_side(name, paths) for name, paths in sets.items()}
            mixed = {k: sum(f[k] for f in figures.values()) for k in ("docs", "chars", "extract_s", "jieba_s")}
            mixed["ratio"] = mixed["jieba_s"] / mixed["extract_s"]
            print(f"{'real mixed':<12} {mixed['docs']:5d} docs {mixed['chars'] / 1e6:6.2f} M chars: extraction = "
                  f"{mixed['ratio']:.2f}x jieba.lcut (the sets above together)", flush=True)
            figures["real mixed"] = mixed
            figures[f"synthetic {args.small}"] = side_by_side(f"synthetic {args.small}", sorted(small.glob("*.txt")))
            results["side_by_side"] = figures

        if "workers" in parts:
            results["workers"] = {}
            realcorpus = [args.realcorpus] if args.realcorpus and args.realcorpus.is_dir() else []
            for label, corpus in ((f"synthetic {args.small}", [small]),
                                  ("real text (realcorpus, seeds, corpus/real)", [*realcorpus, *dev_corpus()])):
                print(f"\n== one worker against two: policyx extract on {label}, fresh commands ==")
                runs = []
                for _ in range(args.repeat):
                    one, two = batch(corpus, workdir, 1, "j1"), batch(corpus, workdir, 2, "j2")
                    est = cpu_estimate(one, two)
                    runs.append({"one": one, "two": two, "wall_speedup": one["wall_s"] / two["wall_s"],
                                 "cpu_estimate": est,
                                 "parent_share": two["parent_cpu"] / (two["parent_cpu"] + two["workers_cpu"])})
                    print(f"CPU-based: -j 1 {est['one_s']:.1f} s CPU; -j 2 serial parent {est['serial_s']:.2f} s + "
                          f"workers {' / '.join(f'{w:.1f}' for w in est['workers'])} s (parent during the batch "
                          f"{est['parent_in_batch_s']:.2f} s) -> predicted speed-up {est['speedup']:.2f}x; "
                          f"wall {one['wall_s']:.1f} s / {two['wall_s']:.1f} s = {runs[-1]['wall_speedup']:.2f}x "
                          f"(load {os.getloadavg()[0]:.1f})", flush=True)
                results["workers"][label] = runs
            rerun = command(["extract", str(small), "-o", str(workdir / "out_rerun"), "-q", "-j", "2"], workdir)
            again = command(["extract", str(small), "-o", str(workdir / "out_rerun"), "-q", "-j", "2"], workdir)
            results["rerun"] = {"first": rerun, "again": again}
            print(f"rerun with nothing changed: {again['parent_cpu']:.2f} s CPU = "
                  f"{100 * again['parent_cpu'] / (rerun['parent_cpu'] + rerun['workers_cpu']):.1f}% of the first "
                  "-j 2 run's CPU", flush=True)

        if "rss" in parts:
            print("\n== peak RSS per process, a fresh policyx extract -j 2 per corpus size ==")
            results["rss"] = {}
            for n, corpus in ((args.small, small), (args.docs, big)):
                r = batch(corpus, workdir, 2, f"rss{n}")
                results["rss"][n] = r
                print(f"N={n:5d}: parent {r['parent_rss_mb']:6.1f} MB, largest worker {r['worker_rss_mb']:6.1f} MB",
                      flush=True)

        if "start" in parts:
            print("\n== start-up: fresh commands against the in-process work ==")
            one_doc = sorted((ROOT / "corpus").glob("*.txt"))[1]
            helped = command(["--help"], workdir)
            cold = command(["extract", str(one_doc), "-o", str(workdir / "cold"), "-q", "-j", "1"], workdir)
            work = fresh("side-by-side", str(one_doc))
            results["start"] = {"help": helped, "extract_one": cold, "work_s": work["read_s"] + work["extract_s"]}
            print(f"policyx --help: {helped['wall_s']:.2f} s, {helped['parent_rss_mb']:.0f} MB; policyx extract of "
                  f"{one_doc.name}: {cold['wall_s']:.2f} s, {cold['parent_rss_mb']:.0f} MB, = "
                  f"{cold['wall_s'] / results['start']['work_s']:.1f}x the in-process read and extraction", flush=True)

        if "pdf" in parts:
            print("\n== PDF ==")
            results["pdf"] = pdf_figures(workdir)
            if results["pdf"] is None:
                print("skipped: building the PDFs needs reportlab and the repository's tests/builders.py")
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=2, default=str) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
