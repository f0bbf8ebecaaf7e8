"""The Makefile's wiretrace commands must be ones the CLI accepts (`make eval` once passed an option eval lacks)."""

import re
import shlex
from pathlib import Path

from typer.testing import CliRunner

from wiretrace.cli import app

MAKEFILE = Path(__file__).resolve().parents[1] / "Makefile"


def _wiretrace_commands() -> list[list[str]]:
    out = []
    for line in MAKEFILE.read_text(encoding="utf-8").splitlines():
        for m in re.finditer(r"\$\(BIN\)/wiretrace ([^;&|\\]+)", line):
            out.append(shlex.split(m.group(1).strip()))
    return out


def test_every_wiretrace_command_in_the_makefile_uses_options_the_cli_has():
    commands = _wiretrace_commands()
    assert {c[0] for c in commands} >= {"analyze", "trace", "eval", "eval-families"}
    runner = CliRunner()
    for argv in commands:
        help_text = runner.invoke(app, [argv[0], "--help"], terminal_width=200).output
        for option in (a for a in argv[1:] if a.startswith("--")):
            assert option in help_text, f"make: wiretrace {argv[0]} has no option {option}"
