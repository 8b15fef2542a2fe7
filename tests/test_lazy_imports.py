"""Issue #21 item 3: a command imports only what it uses.

pandas (with pyarrow), jsonschema and fastapi each cost start-up time and memory a command that does
not use them should not pay: `policyx extract` once started in 0.78 s with 113 MiB, for 0.33 s and
26 MiB of work. Each case runs the command in a fresh interpreter and lists the heavy packages that
ended up in ``sys.modules``.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from tests.conftest import GOLD, SEEDS, ZIBO

HEAVY = ("pandas", "pyarrow", "numpy", "jsonschema", "fastapi", "starlette", "pydantic", "uvicorn", "openpyxl",
         "dask", "distributed", "spacy", "pdfplumber", "pdfminer", "pypdfium2", "docx", "bs4", "lxml", "jieba")

PROBE = """
import atexit, json, sys
heavy = set(json.loads(sys.argv[1]))
atexit.register(lambda: print("\\nIMPORTED " + json.dumps(sorted({m for m in sys.modules if m in heavy}
                                                                 | ({m.split(".")[0] for m in sys.modules} & heavy)))))
from pipeline.cli import main
try:
    main(sys.argv[2:])
except SystemExit:
    pass
"""


def imported(*args: str, watched: tuple[str, ...] = HEAVY) -> set[str]:
    """The ``watched`` packages or modules that ``policyx ARGS`` imported."""
    proc = subprocess.run([sys.executable, "-c", PROBE, json.dumps(watched), *args], capture_output=True, text=True,
                          check=False)
    line = proc.stdout.rsplit("IMPORTED ", 1)
    assert len(line) == 2, proc.stderr
    return set(json.loads(line[1]))


@pytest.fixture(scope="module")
def outdir(tmp_path_factory):
    out = tmp_path_factory.mktemp("out")
    subprocess.run([sys.executable, "-m", "pipeline.cli", "extract", *map(str, SEEDS), "-o", str(out), "-q"],
                   check=True, capture_output=True)
    return out


@pytest.mark.issue(21)
def test_help_imports_nothing_heavy():
    assert imported("--help") == set()
    assert imported("export", "--help") == set()


@pytest.mark.issue(21)
def test_extract_of_a_text_file_imports_nothing_heavy(tmp_path):
    assert imported("extract", str(ZIBO), "-o", str(tmp_path / "out"), "-q") == set()


@pytest.mark.issue(21)
def test_extract_builds_its_parser_without_the_exporters_or_the_review_modules(tmp_path):
    # The export command's format names come from pipeline.export_formats; importing the exporters and the
    # review modules for them was ~15 ms of the parent's serial part before the workers start.
    parent_only = ("pipeline.export", "pipeline.interchange", "pipeline.evaluate", "pipeline.review.store",
                   "pipeline.review.security", "secrets")
    assert imported("extract", str(ZIBO), "-o", str(tmp_path / "out"), "-q", watched=parent_only) == set()


@pytest.mark.issue(21)
def test_evaluate_imports_nothing_heavy(outdir):
    # evaluate validates gold and predictions against the schema (issue 20), so jsonschema is its one need
    assert imported("evaluate", "--gold", str(GOLD), "--pred", str(outdir)) <= {"jsonschema"}


@pytest.mark.issue(21)
def test_jsonl_export_needs_no_pandas_and_a_table_export_does(outdir, tmp_path):
    assert imported("export", str(outdir), "--to", "jsonl", "-o", str(tmp_path / "x.jsonl")) == set()
    # The probe sees a lazy import when it happens: the table formats still load pandas.
    assert "pandas" in imported("export", str(outdir), "--to", "csv", "-o", str(tmp_path / "csv"))


@pytest.mark.issue(21)
def test_gold_check_imports_jsonschema_only():
    assert imported("gold", "check", str(GOLD)) == {"jsonschema"}


@pytest.mark.issue(21)
def test_the_dashboard_and_the_evaluation_page_need_no_pandas(outdir, tmp_path):
    # The dashboard once built pandas DataFrames only to turn them back into rows, and the evaluation
    # page imported the dashboard for its colours: on the seeds 0.7 s of CPU and 89 MB for no table written.
    assert imported("report", str(outdir), "-o", str(tmp_path / "dash.html")) == set()
    assert imported("evaluate", "--gold", str(GOLD), "--pred", str(outdir), "--html", str(tmp_path / "e.html")) \
        <= {"jsonschema"}
    # one document's page checks its input against the schema first (issue 20)
    doc = next(outdir.glob("*.json"))
    assert imported("report", str(doc), "-o", str(tmp_path / "doc.html")) <= {"jsonschema"}


@pytest.mark.issue(21)
def test_audit_and_a_parallel_extract_import_nothing_heavy(outdir, tmp_path):
    assert imported("audit", str(outdir)) == set()
    assert imported("extract", *map(str, SEEDS), "-o", str(tmp_path / "out"), "-q", "-j", "2") == set()


@pytest.mark.issue(13)
@pytest.mark.parametrize("module", ["pipeline.review.app", "pipeline.audit", "pipeline.manifest"])
def test_reading_outputs_loads_no_extractor_package(module):
    # The review app, the audit and the manifest need the shared word classes or the ruleset version,
    # never the extractors themselves (issue 13: no module imports the layer above it at run time).
    probe = f"import sys, {module}; print(sorted(m for m in sys.modules if m.startswith('extractors.')))"
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout
    assert set(json.loads(out.replace("'", '"'))) <= {"extractors.words", "extractors.clauses"}
