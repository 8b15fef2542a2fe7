"""`policyx gold check` (spec §5): the repository's gold passes; each kind of broken copy fails with
a message that names the file and the problem."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from pipeline.cli import main
from pipeline.evaluate import gold_files

ROOT = Path(__file__).resolve().parents[2]
GOLD_DIR = ROOT / "gold"
CORPUS_DIR = ROOT / "corpus"
QINGDAO = "002_041f5e2fb803e25f.json"  # funding, responsibilities, targets
ZIBO = "001_0045770cf0c6973d.json"  # indicators, targets
FILE_OF = {"funding": QINGDAO, "responsibilities": QINGDAO, "targets": QINGDAO, "indicators": ZIBO}


def problems_by_file(output: str) -> dict[str, list[str]]:
    """Output lines grouped under the gold file they follow (a header line names the file)."""
    grouped: dict[str, list[str]] = {}
    current = None
    for line in output.splitlines():
        names = [w.rstrip(":") for w in line.split() if w.rstrip(":").endswith(".json")]
        if line and not line[0].isspace() and names:
            current = names[0]
            grouped.setdefault(current, []).append(line)
        elif current and line.startswith((" ", "\t")):
            grouped[current].append(line)
    return grouped


def check(tmp_path: Path, capsys, name: str, mutate: Callable[[dict], None]) -> tuple[int, dict, str]:
    """Copy the gold to tmp, let ``mutate`` change one file, run `policyx gold check`."""
    gold = tmp_path / "gold"
    shutil.copytree(GOLD_DIR, gold)
    data = json.loads((gold / name).read_text(encoding="utf-8"))
    mutate(data)
    (gold / name).write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
    code = main(["gold", "check", str(gold), "--corpus", str(CORPUS_DIR)])
    captured = capsys.readouterr()
    output = captured.out + captured.err
    return code, problems_by_file(output), output


def assert_fails_naming(tmp_path, capsys, name: str, mutate, *fragments: str) -> None:
    """Exit 1; the file is named; one of its problem lines holds every fragment; other files pass."""
    code, grouped, output = check(tmp_path, capsys, name, mutate)
    assert code == 1, output
    assert name in grouped, output
    lines = grouped[name]
    assert any(all(f in line for f in fragments) for line in lines), (fragments, lines)
    for other in sorted(p.name for p in gold_files(GOLD_DIR)):
        if other != name:
            assert len(grouped.get(other, [])) == 1, (other, grouped.get(other))


def test_repository_gold_passes_from_the_command_line():
    done = subprocess.run([sys.executable, "-m", "pipeline.cli", "gold", "check", "gold"], cwd=ROOT,
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stdout + done.stderr
    for path in gold_files(GOLD_DIR):
        assert path.name in done.stdout


def test_repository_gold_passes_with_the_default_corpus_beside_it(tmp_path, capsys):
    shutil.copytree(GOLD_DIR, tmp_path / "gold")
    shutil.copytree(CORPUS_DIR, tmp_path / "corpus")
    assert main(["gold", "check", str(tmp_path / "gold")]) == 0, capsys.readouterr().out


def test_an_unchanged_copy_passes(tmp_path, capsys):
    code, _, output = check(tmp_path, capsys, QINGDAO, lambda data: None)
    assert code == 0, output


# --- quotes against spans ------------------------------------------------------------------------

def test_quote_that_differs_from_its_span_fails(tmp_path, capsys):
    def mutate(data):
        data["funding"][0]["quote"] = "最高600万元"  # the text says 最高500万元

    assert_fails_naming(tmp_path, capsys, QINGDAO, mutate, "funding", "quote", "最高600万元")


def test_span_shifted_under_its_quote_fails(tmp_path, capsys):
    def mutate(data):
        start, end = data["targets"][0]["span"]
        data["targets"][0]["span"] = [start + 1, end + 1]

    assert_fails_naming(tmp_path, capsys, QINGDAO, mutate, "targets", "quote")


def test_span_past_the_end_of_the_text_fails(tmp_path, capsys):
    def mutate(data):
        data["responsibilities"][0]["span"] = [7910, 7930]  # the text has 7914 characters

    assert_fails_naming(tmp_path, capsys, QINGDAO, mutate, "responsibilities", "quote")


# --- schema: key fields and enums -----------------------------------------------------------------

KEY_FIELDS = [("funding", "kind"), ("funding", "amount_yuan"), ("funding", "ratio"),
              ("responsibilities", "role"), ("responsibilities", "units"),
              ("targets", "indicator"), ("targets", "value"), ("targets", "unit"), ("targets", "comparator"),
              ("indicators", "name"), ("indicators", "unit"), ("indicators", "baseline"),
              ("indicators", "target"), ("indicators", "actual")]


@pytest.mark.parametrize(("rtype", "field"), KEY_FIELDS, ids=[f"{t}.{f}" for t, f in KEY_FIELDS])
def test_missing_key_field_fails(tmp_path, capsys, rtype, field):
    def mutate(data):
        del data[rtype][1][field]

    assert_fails_naming(tmp_path, capsys, FILE_OF[rtype], mutate, rtype, "1", field)


ENUMS = [("funding", "kind", "maximum"), ("funding", "per", "week"), ("responsibilities", "role", "owner"),
         ("targets", "comparator", "gte")]


@pytest.mark.parametrize(("rtype", "field", "value"), ENUMS, ids=[f"{t}.{f}" for t, f, _ in ENUMS])
def test_unknown_enum_value_fails(tmp_path, capsys, rtype, field, value):
    def mutate(data):
        data[rtype][0][field] = value

    assert_fails_naming(tmp_path, capsys, FILE_OF[rtype], mutate, rtype, value)


def test_unknown_source_format_fails(tmp_path, capsys):
    def mutate(data):
        data["source"]["format"] = "doc"

    assert_fails_naming(tmp_path, capsys, QINGDAO, mutate, "source", "'doc'")


# --- gold holds only the spec's fields -------------------------------------------------------------

NON_GOLD = {
    "record-rule": (QINGDAO, lambda d: d["funding"][0].update(rule="funding.cap.v1"), "rule"),
    "record-confidence": (QINGDAO, lambda d: d["targets"][0].update(confidence=0.9), "confidence"),
    "canonical-units": (QINGDAO, lambda d: d["responsibilities"][0].update(canonical_units=["市科技局"]),
                        "canonical_units"),
    "top-level-sections": (QINGDAO, lambda d: d.update(sections=[]), "sections"),
    "top-level-warnings": (QINGDAO, lambda d: d.update(warnings=["x"]), "warnings"),
    # §2 lists meta's five fields and §3.4 gives a value as {"year", "value"}
    "meta-extra": (QINGDAO, lambda d: d["meta"].update(confidence=1.0), "confidence"),
    "value-note": (ZIBO, lambda d: d["indicators"][0]["baseline"].update(note="2015年"), "note"),
}


@pytest.mark.parametrize(("name", "mutate", "field"), NON_GOLD.values(), ids=NON_GOLD.keys())
def test_field_that_is_not_a_gold_field_fails(tmp_path, capsys, name, mutate, field):
    assert_fails_naming(tmp_path, capsys, name, mutate, field)


# --- source -----------------------------------------------------------------------------------------

def test_wrong_sha256_fails(tmp_path, capsys):
    def mutate(data):
        data["source"]["sha256"] = "0" * 64

    assert_fails_naming(tmp_path, capsys, QINGDAO, mutate, "sha256")


def test_wrong_character_count_fails(tmp_path, capsys):
    def mutate(data):
        data["source"]["chars"] = 7913

    assert_fails_naming(tmp_path, capsys, QINGDAO, mutate, "chars", "7913")


def test_missing_source_file_fails(tmp_path, capsys):
    def mutate(data):
        data["source"]["file"] = "nope.txt"

    assert_fails_naming(tmp_path, capsys, QINGDAO, mutate, "nope.txt")


def test_doc_id_that_differs_from_the_file_name_fails(tmp_path, capsys):
    def mutate(data):
        data["doc_id"] = "002_other"

    assert_fails_naming(tmp_path, capsys, QINGDAO, mutate, "doc_id", "002_other")


def test_file_that_is_not_json_fails(tmp_path, capsys):
    gold = tmp_path / "gold"
    shutil.copytree(GOLD_DIR, gold)
    (gold / QINGDAO).write_text("{", encoding="utf-8")
    code = main(["gold", "check", str(gold), "--corpus", str(CORPUS_DIR)])
    grouped = problems_by_file(capsys.readouterr().out)
    assert code == 1
    assert any("JSON" in line for line in grouped[QINGDAO])


def test_empty_gold_folder_fails(tmp_path, capsys):
    assert main(["gold", "check", str(tmp_path)]) == 1
    assert str(tmp_path) in capsys.readouterr().err


@pytest.mark.issue(19)
def test_issue_19_gold_check_finds_each_gold_folders_documents_by_the_repos_layout(capsys):
    from pipeline.cli import main

    assert main(["gold", "check", str(ROOT / "challenge" / "gold")]) == 0
    assert "of 18 gold files pass" in capsys.readouterr().out
