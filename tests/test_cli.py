"""The CLI end to end through Typer's CliRunner, with an isolated MLKATA_HOME."""

import json

import pytest
from typer.testing import CliRunner

from mlkata.cli.main import app
from mlkata.problems.catalog import get_problem

runner = CliRunner()


def invoke(*args, input=None):
    return runner.invoke(app, list(args), input=input)


@pytest.fixture
def workspace(tmp_path):
    return tmp_path / "ws"


def test_every_command_has_help_text():
    for command in app.registered_commands:
        assert (command.callback.__doc__ or "").strip(), command.callback.__name__
        result = invoke(command.name or command.callback.__name__.replace("_problems", ""), "--help")
        assert result.exit_code == 0


def test_list_shows_every_problem_and_its_status(workspace):
    result = invoke("list")
    assert result.exit_code == 0
    assert "softmax" in result.output and "not started" in result.output
    invoke("start", "softmax", "--dir", str(workspace))
    assert "started" in invoke("list").output


def test_unknown_id_suggests_the_closest(workspace):
    result = invoke("show", "sofmax")
    assert result.exit_code == 2
    assert "Did you mean 'softmax'" in result.output
    assert "multi_head_attention" in invoke("check", "mha").output  # initials
    assert "multi_head_attention" in invoke("hint", "head").output  # part of the id


def test_start_writes_starter_and_never_overwrites_without_force(workspace):
    assert invoke("start", "softmax", "--dir", str(workspace)).exit_code == 0
    file = workspace / "softmax.py"
    assert "NotImplementedError" in file.read_text()
    file.write_text("# my work\n")
    again = invoke("start", "softmax", "--dir", str(workspace))
    assert again.exit_code == 2 and "already exists" in again.output
    assert file.read_text() == "# my work\n"
    forced = invoke("start", "softmax", "--dir", str(workspace), "--force")
    assert forced.exit_code == 0
    backups = list(workspace.glob("softmax.py.*.bak"))
    assert len(backups) == 1 and backups[0].read_text() == "# my work\n"


def test_check_json_contract_and_exit_codes(workspace):
    invoke("start", "softmax", "--dir", str(workspace))
    file = workspace / "softmax.py"
    result = invoke("check", "softmax", str(file), "--json")
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    assert set(data) >= {"problem", "passed", "checks", "mistakes", "efficiency", "error"}
    assert data["problem"] == "softmax" and data["passed"] is False
    assert data["error"]["kind"] == "not-implemented"

    file.write_text(get_problem("softmax").mistake("no-max-shift").source)
    data = json.loads(invoke("check", str(file), "--json").stdout)  # id inferred from the file name
    assert data["mistakes"][0]["id"] == "no-max-shift"
    assert set(data["mistakes"][0]) >= {"id", "title", "explanation", "hint"}
    assert all(set(c) >= {"name", "passed", "message"} for c in data["checks"])
    assert data["time_since_start"] is not None

    file.write_text(get_problem("softmax").solution)
    result = invoke("check", "softmax", str(file), "--json")
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert data["passed"] is True and data["error"] is None and data["efficiency"]["ratio"] > 0


def test_check_human_report_names_the_mistake(workspace):
    file = workspace / "softmax.py"
    workspace.mkdir()
    file.write_text(get_problem("softmax").mistake("global-max-shift").source)
    result = invoke("check", "softmax", str(file))
    assert result.exit_code == 1
    assert "global-max-shift" in result.output and "Hint" in result.output


def test_check_usage_errors_exit_2(workspace, tmp_path):
    assert invoke("check").exit_code == 2
    missing = invoke("check", "softmax", str(tmp_path / "nope.py"))
    assert missing.exit_code == 2 and "No file at" in missing.output
    stray = tmp_path / "notes.py"
    stray.write_text("x = 1\n")
    unknown = invoke("check", str(stray))
    assert unknown.exit_code == 2 and "Cannot tell which problem" in unknown.output
    binary = tmp_path / "softmax.py"
    binary.write_bytes(b"\xff\xfe\x00")
    assert "not UTF-8" in invoke("check", str(binary)).output


def test_hints_are_progressive_and_recorded():
    problem = get_problem("softmax")
    first = invoke("hint", "softmax")
    assert first.exit_code == 0 and "Hint 1 of" in first.output
    second = invoke("hint", "softmax")
    assert "Hint 2 of" in second.output
    for _ in problem.hints:
        last = invoke("hint", "softmax")
    assert "All" in last.output and "revealed" in last.output
    assert "hints revealed" in invoke("stats").output


def test_solution_asks_first_when_unsolved():
    refused = invoke("solution", "softmax")  # CliRunner's stdin is not a terminal
    assert refused.exit_code == 2 and "--yes" in refused.output
    shown = invoke("solution", "softmax", "--yes")
    assert shown.exit_code == 0 and "def softmax" in shown.output


def test_stats_counts_checks_and_top_mistakes(workspace):
    workspace.mkdir()
    file = workspace / "softmax.py"
    file.write_text(get_problem("softmax").mistake("ignores-axis").source)
    invoke("check", "softmax", str(file), "--json")
    invoke("check", "softmax", str(file), "--json")
    result = invoke("stats")
    assert result.exit_code == 0
    assert "ignores-axis" in result.output


def test_doctor_reports_sandbox_and_store(isolated_home):
    result = invoke("doctor")
    assert result.exit_code == 0
    assert "sandbox:" in result.output and str(isolated_home) in result.output.replace("\n", "")
