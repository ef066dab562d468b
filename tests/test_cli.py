"""The command line: summaries, exit codes, help with examples."""
import subprocess
import sys

import pytest

from etl import cli
from tests.conftest import DEMO


def test_check_prints_summary_and_exits_zero(ws, capsys):
    assert cli.run("check", None) == 0
    assert capsys.readouterr().out == (
        "report        progress-2025-02-25: report-2025-02-25 (sha256 de7376dd9876…)\n"
        "  areas         7\n  problems      20\n  measures      61\n  indicators    60\n  observations  62\n"
        "  checks        10 (5 pass, 4 note, 1 fails)\n"
        "validated     no problems; nothing loaded\n")


def test_summary_lists_every_report(ws, capsys):
    ws.add_demo()
    assert cli.run("check", None) == 0
    out = capsys.readouterr().out.splitlines()
    assert [line for line in out if line.startswith("report")] == [
        f"report        {DEMO}: demo-2026-07-15 (sha256 8b16ae1fe7d6…)",
        "report        progress-2025-02-25: report-2025-02-25 (sha256 de7376dd9876…)"]
    assert "  checks        8 (4 pass, 4 note)" in out


def test_check_exits_one_and_counts_problems(ws, capsys):
    ws.edit("observations.yml", lambda es: es[5].update(value=-1, qualifier="approx"))
    assert cli.run("check", None) == 1
    assert capsys.readouterr().err.endswith("\n2 problem(s) found; nothing was loaded.\n")


def test_check_does_not_create_a_database(ws):
    cli.run("check", None)
    assert not ws.db.exists()


def _help(command: str) -> str:
    return subprocess.run([sys.executable, "-m", "etl", command, "--help"], capture_output=True, text=True,
                          check=True).stdout


@pytest.mark.parametrize("command", list(cli.EXAMPLES))
def test_every_command_has_help_with_its_own_example(command):
    """Each command's help ends with examples that run that command (not another's)."""
    examples = _help(command).split("examples:\n", 1)[1].splitlines()
    assert examples and all(line.strip().startswith(f"python -m etl {command}") for line in examples), examples


def test_every_subcommand_has_examples():
    assert sorted(cli.EXAMPLES) == sorted(cli._parser()._subparsers._group_actions[0].choices)
