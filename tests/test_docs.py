"""The README, the CLI and CI agree: every command has help and documentation; CI runs the README's tests."""

from __future__ import annotations

import argparse

import pytest

from pipeline.cli import build_parser
from tests.conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


def commands() -> dict[str, argparse.ArgumentParser]:
    parser = build_parser()
    sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    found = {}
    for name, p in sub.choices.items():
        nested = [a for a in p._actions if isinstance(a, argparse._SubParsersAction)]
        if nested:
            found.update({f"{name} {n}": q for n, q in nested[0].choices.items()})
        else:
            found[name] = p
    return found


@pytest.mark.parametrize("name", sorted(commands()))
def test_every_command_has_help_and_is_in_the_readme(name):
    parser = commands()[name]
    assert parser.description, f"policyx {name} has no description"
    for action in parser._actions:
        if action.dest != "help":
            assert action.help, f"policyx {name}: option {action.dest} has no help"
    assert f"policyx {name}" in README


def fenced_commands() -> list[str]:
    blocks = README.split("```sh\n")[1:3]
    return [b.split("\n```")[0].strip() for b in blocks]


def test_readme_starts_with_the_two_commands_and_ci_runs_the_test_one():
    run_cmd, test_cmd = fenced_commands()
    assert "policyx run" in run_cmd
    assert "pytest" in test_cmd
    assert test_cmd in (ROOT / ".ci" / "run").read_text(encoding="utf-8")


@pytest.mark.issue(19)
def test_issue_19_the_spec_ships_in_the_repo_identical_to_the_shared_one():
    shipped = ROOT / "docs" / "EXTRACTION_SPEC.md"
    assert shipped.is_file()
    assert "docs/EXTRACTION_SPEC.md" in README and "../shared/EXTRACTION_SPEC.md" not in README
    shared = ROOT.parent / "shared" / "EXTRACTION_SPEC.md"
    if not shared.is_file():
        pytest.skip("../shared is not beside this checkout")
    assert shipped.read_text(encoding="utf-8") == shared.read_text(encoding="utf-8")


def test_evaluate_help_points_at_the_spec_in_the_repo():
    assert "docs/EXTRACTION_SPEC.md" in commands()["evaluate"].description
