"""README's two commands are the ones CI runs."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _commands(readme: str) -> list[str]:
    section = readme.split("## Two commands", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"```\n(.+?)\n```", section)


def test_ci_runs_readme_setup_and_test_commands():
    setup, test = _commands((ROOT / "README.md").read_text())
    ci = (ROOT / ".ci" / "run").read_text().splitlines()
    assert setup in ci
    assert test in ci


def test_readme_has_no_placeholders():
    readme = (ROOT / "README.md").read_text()
    assert "TOUR_OUTPUT" not in readme
