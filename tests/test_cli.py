"""The command line: summaries, exit codes, help with examples."""
import subprocess
import sys

import pytest

from etl import cli


def test_check_prints_summary_and_exits_zero(ws, capsys):
    assert cli.run("check", None) == 0
    assert capsys.readouterr().out == (
        "sources       1  report-2025-02-25 (sha256 de7376dd9876…)\n"
        "areas         7\nproblems      20\nmeasures      61\nindicators    60\nobservations  62\n"
        "checks        8 (5 pass, 2 note, 1 fails)\n"
        "validated     no problems; nothing loaded\n")


def test_check_exits_one_and_counts_problems(ws, capsys):
    ws.edit("observations.yml", lambda es: es[5].update(value=-1, qualifier="approx"))
    assert cli.run("check", None) == 1
    assert capsys.readouterr().err.endswith("\n2 problem(s) found; nothing was loaded.\n")


def test_check_does_not_create_a_database(ws):
    cli.run("check", None)
    assert not ws.db.exists()


@pytest.mark.parametrize("command", ["build", "check"])
def test_every_command_has_help_with_an_example(command):
    out = subprocess.run([sys.executable, "-m", "etl", command, "--help"], capture_output=True, text=True).stdout
    assert f"python -m etl {command}" in out
