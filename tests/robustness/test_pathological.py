"""Crafted documents that once made a regular expression or a walk go quadratic (issue #10 part 3).

Each document goes through the whole pipeline (read, clean, structure, every extractor, output) and
must finish far inside the per-document limit (``DEFAULT_DOC_TIMEOUT``, 60 s): ``BUDGET`` seconds
of CPU here, enforced with a CPU-time alarm so a regression fails fast instead of stalling the suite,
and the pipeline's own ``time_limit`` at its default as the wall-clock net. CPU, not the wall clock:
on a machine shared with other work, 20,000 lines of goals (6 s of CPU) took over 10 s of wall time. Before the fixes, 50,000 digits took 450 s (``\\d+`` retried at every digit),
20,000 lines of goals took minutes (every value walked up every line above it), and a run of
200,000 blanks after a digit or inside a table cell never finished within the limit.
"""

from __future__ import annotations

import json
import signal
import time
from contextlib import contextmanager
from pathlib import Path

import pytest

from pipeline.gold import schema_problems
from pipeline.ingest import read_source
from pipeline.run import DEFAULT_DOC_TIMEOUT, extract_source, process_file, time_limit
from pipeline.serialise import result_to_dict

BUDGET = 10.0  # seconds of CPU per document: a sixth of the default per-document limit
assert BUDGET < DEFAULT_DOC_TIMEOUT


class OverBudget(Exception):
    pass


@contextmanager
def cpu_limit(seconds: float, name: str):
    """Raise OverBudget once this process has used ``seconds`` of CPU inside the block."""
    def expire(signum, frame):
        raise OverBudget(f"{name}: over {seconds:g} s of CPU")

    previous = signal.signal(signal.SIGPROF, expire)
    signal.setitimer(signal.ITIMER_PROF, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_PROF, 0)
        signal.signal(signal.SIGPROF, previous)


def _table(columns: int) -> str:
    header = "\t".join(["序号", "指标名称"] + [f"{2000 + k % 40}年" for k in range(columns)])
    row = "\t".join(["1", "高新技术企业（家）"] + [str(k) for k in range(columns)])
    return f"表1 主要指标\n{header}\n{row}\n"


CASES = {
    "1mb-line-of-dun": "、" * 1_000_000,
    "50k-digits-goal": "到2025年，高新技术企业达到" + "1" * 50_000 + "家。",
    "50k-digits-money": "对首次认定的企业给予" + "1" * 50_000 + "万元奖励。",
    "50k-digits-rate": "按" + "1" * 50_000 + "x%给予补助。",
    "20k-thousands-groups": "给予" + "1,000" * 20_000 + "x%的补助。",
    "100k-nested-brackets": "（" * 100_000 + "市科技局负责" + "）" * 100_000,
    "200k-han-no-punctuation": "科技创新驱动发展" * 25_000,
    "3000-table-captions": "\n".join(f"表{k} 主要指标\n指标\t2020年\t2025年\n高新技术企业（家）\t100\t200"
                                     for k in range(3000)),
    "10k-column-table": _table(10_000),
    "200k-blanks-after-a-digit": "给予1" + " " * 200_000 + "x元奖励。",
    "100k-blanks-in-a-cell": "指标\t2020年\t2025年\n高新技术企业" + " " * 100_000 + "家\t1\t2\n",
    "100k-marks-in-a-cell": "指标\t2020年\t2025年\n高新技术企业" + "*" * 100_000 + "x\t1\t2\n",
    "200k-chinese-numerals": "一二三四五六七八九十" * 20_000 + "万奖励",
    "20k-lines-of-goals": "\n".join("新增高新技术企业5家，科技型中小企业达到20家。" for _ in range(20_000)),
    "20k-lines-of-chinese-goals": "\n".join("建设二十个平台，新增三十家企业。" for _ in range(20_000)),
    # The two above hold no goal evidence (no year, 力争, 目标 …), so targets reads none of their numbers
    # (extractors/targets/keep.py may_hold_goals); with a time frame every number is read and decided.
    "5k-lines-of-dated-goals": "\n".join("到2025年，新增高新技术企业5家，科技型中小企业达到20家。" for _ in range(5_000)),
    "unclosed-responsibility-label": "责任单位：" + "市科技局、" * 100_000,
    "100k-dui-without-a-stop": "对" * 100_000 + "给予10万元奖励。",
    "500-grants-in-one-sentence": "，".join("对企业给予最高10万元奖励" for _ in range(500)) + "。",
    "500k-line-breaks": "\n" * 500_000 + "科技",
    "200k-tabs": "\t" * 200_000 + "科技",
    "100k-unclosed-tags-and-bookmarks": "<a " * 50_000 + "[bookmark:" * 50_000,
    # issue #20: each took over 120 s
    "100k-percents": "10%" * 100_000,
    "label-then-100k-dun": "责任单位：" + "、" * 100_000,
    "100k-labels": "责任单位：" * 100_000,
}


@pytest.fixture(scope="module")
def timings() -> dict[str, float]:
    """CPU seconds per case; the slowest are printed at the end of the module (pytest -s to see them)."""
    seen: dict[str, float] = {}
    yield seen
    for name, seconds in sorted(seen.items(), key=lambda kv: -kv[1])[:3]:
        print(f"\nslowest pathological documents: {name} {seconds:.2f} s")


@pytest.mark.parametrize("name", list(CASES))
def test_pathological_document_finishes_well_inside_the_limit(name: str, tmp_path: Path, timings) -> None:
    path = tmp_path / f"{name}.txt"
    path.write_text(CASES[name], encoding="utf-8")
    started = time.process_time()
    with time_limit(DEFAULT_DOC_TIMEOUT, path), cpu_limit(BUDGET, name):
        result = extract_source(read_source(path))
        data = result_to_dict(result)
    timings[name] = time.process_time() - started
    json.dumps(data, ensure_ascii=False, allow_nan=False)
    assert schema_problems(data) == []


def test_issue_10_a_document_past_the_limit_is_a_clear_failure(tmp_path: Path) -> None:
    """One sentence of 40,000 amounts under a time frame: targets reads and decides every number, and
    the decision reads the sentence up to each one (its hedges and goal words), so the work grows with
    the square of the sentence. Funding skips such a sentence; without `到2025年，` targets finds no goal
    evidence and reads none (keep.may_hold_goals), and the document finishes in half a second. With it,
    the per-document limit turns the document into one clear errors.jsonl entry."""
    path = tmp_path / "one-endless-sentence.txt"
    path.write_text("到2025年，" + "，".join("对企业给予最高10万元奖励" for _ in range(40_000)) + "。", encoding="utf-8")
    started = time.perf_counter()
    outcome = process_file(path, timeout=1.0)
    assert time.perf_counter() - started < 5
    assert outcome.failure is not None and outcome.json_text is None
    assert outcome.failure.stage == "timeout"
    assert "one-endless-sentence.txt" in outcome.failure.message
    assert "took longer than the 1 s limit per document" in outcome.failure.message
