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


def test_readme_problem_table_lists_exactly_the_bank():
    from mlkata.problems.catalog import all_problems

    readme = (ROOT / "README.md").read_text()
    section = readme.split("## Problems", 1)[1].split("\n## ", 1)[0]
    listed = re.findall(r"^\| `([a-z0-9_]+)` \|", section, flags=re.M)
    bank = all_problems()
    assert sorted(listed) == sorted(bank)
    rows = re.findall(r"^\| `([a-z0-9_]+)` \|[^|]+\| ([\w-]+) \| (\w+) \|$", section, flags=re.M)
    assert len(rows) == len(bank)
    for pid, track, level in rows:
        assert (bank[pid].track, bank[pid].difficulty) == (track, level), pid
