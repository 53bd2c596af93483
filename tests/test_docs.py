"""README.md stays true to the code: every command, evidence.csv column and kind is documented,
and .ci/run runs exactly the README's test command."""

import re
from pathlib import Path

import click
import pytest

from evidencekit.cli import cli
from evidencekit.records import KINDS, RECORD_COLUMNS

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")


def _commands(group, prefix=()):
    for name, command in group.commands.items():
        path = prefix + (name,)
        yield path
        if isinstance(command, click.Group):
            yield from _commands(command, path)


@pytest.mark.parametrize("path", sorted(_commands(cli)), ids=" ".join)
def test_every_command_is_documented(path):
    assert f"evidencekit {' '.join(path)}" in README


@pytest.mark.parametrize("column", RECORD_COLUMNS)
def test_every_evidence_column_is_documented(column):
    table = README.split("## The evidence table", 1)[1].split("\n## ", 1)[0]
    documented = set()
    for line in table.splitlines():
        if line.startswith("| ") and not line.startswith("|---"):
            documented.update(re.findall(r"[a-z_0-9]+", line.split("|")[1]))
    assert column in documented


@pytest.mark.parametrize("kind", KINDS)
def test_every_kind_is_documented(kind):
    assert f"`{kind}`" in README


def test_ci_runs_the_readme_test_command():
    ci_script = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    ci_command = [line for line in ci_script.splitlines() if line and not line.startswith(("#", "set ", "cd "))]
    assert len(ci_command) == 1
    assert f"    {ci_command[0]}\n" in README
