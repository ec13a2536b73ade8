"""`mlkata mock` through Typer's CliRunner: a fake clock, the session's warm engine, no terminal unless faked."""

import json

import pytest
from typer.testing import CliRunner

from mlkata.cli import mock as cli_mock
from mlkata.cli.main import app
from mlkata.practice import mock
from mlkata.problems.catalog import get_problem
from mlkata.store import Store

runner = CliRunner()
T0 = 1_800_000_000.0


class Clock:
    def __init__(self):
        self.t = T0

    def __call__(self):
        return self.t


@pytest.fixture
def clock(monkeypatch, engine):
    clock = Clock()
    monkeypatch.setattr(cli_mock, "now", clock)
    monkeypatch.setattr(mock, "now", clock)
    monkeypatch.setattr(cli_mock, "open_store", lambda: Store.open(clock=clock))
    monkeypatch.setattr(cli_mock, "interactive", lambda: False)

    def judge(problem, path):
        source = path.read_text() if path.exists() else ""
        return engine.check(problem, source, str(path)), source

    monkeypatch.setattr(cli_mock, "judge", judge)
    return clock


def invoke(*args, input=None):
    return runner.invoke(app, ["mock", *args], input=input)


def one_json(result) -> dict:
    return json.loads(result.stdout)  # exactly one object: anything else fails to parse


def test_start_writes_the_starter_and_shows_the_clock(clock, tmp_path):
    result = invoke("start", "--problem", "softmax")
    assert result.exit_code == 0, result.output
    file = tmp_path / "workspace" / "mock" / "softmax.py"
    assert "NotImplementedError" in file.read_text()
    assert "Mock round started" in result.output and "read the spec 0:00" in result.output
    again = invoke("start", "--json")
    assert again.exit_code == 2 and "already open" in one_json(again)["error"]["message"]


def test_submit_json_carries_the_verdict_and_its_criteria(clock, tmp_path):
    started = one_json(invoke("start", "--problem", "softmax", "--json"))
    path = started["started"]["path"]
    (tmp_path / "workspace" / "mock" / "softmax.py").write_text(get_problem("softmax").solution)
    clock.t += 6 * 60
    result = invoke("submit", "--json")
    assert result.exit_code == 0, result.output
    data = one_json(result)
    assert data["verdict"] in ("Strong Hire", "Lean Hire", "Lean No Hire", "No Hire")
    assert all(set(c) >= {"name", "evidence", "met"} for c in data["criteria"])
    assert data["verdict"] == "Lean Hire"  # correct in time, but three questions left unanswered (no terminal)
    assert data["grades"] == [None, None, None] and data["seconds_used"] == 360
    with Store.open() as store:
        [check] = store.history("softmax")
        assert check.passed and check.path == path


def test_submit_asks_the_followups_in_a_terminal(clock, monkeypatch, tmp_path):
    monkeypatch.setattr(cli_mock, "interactive", lambda: True)
    invoke("start", "--problem", "softmax")
    (tmp_path / "workspace" / "mock" / "softmax.py").write_text(get_problem("softmax").solution)
    clock.t += 5 * 60
    result = invoke("submit", input="It cancels in the ratio\nx\ns\n\nproperty tests\nlean\n")
    assert result.exit_code == 0, result.output
    assert "Follow-up 1:" in result.output and "Strong Hire" in result.output
    assert "Verdict: Strong Hire" in result.output  # mean (2 + 0 + 1) / 3 = 1.0
    data = one_json(invoke("report", "1", "--json"))["round"]["data"]
    assert data["answers"] == ["It cancels in the ratio", None, "property tests"]
    assert data["grades"] == ["strong", None, "lean"]


def test_grades_can_be_given_without_a_terminal(clock, tmp_path):
    invoke("start", "--problem", "softmax")
    (tmp_path / "workspace" / "mock" / "softmax.py").write_text(get_problem("softmax").solution)
    data = one_json(invoke("submit", "--json", "--grade", "strong", "--grade", "lean", "--grade", "s"))
    assert data["grades"] == ["strong", "lean", "strong"] and data["verdict"] == "Strong Hire"


def test_status_resumes_and_time_running_out_grades_the_round(clock, tmp_path):
    invoke("start", "--problem", "softmax", "--minutes", "10")
    clock.t += 4 * 60
    st = one_json(invoke("status", "--json"))
    assert st["open"] and st["round"]["elapsed"] == 240 and st["round"]["phase"] == "implement"
    assert "Phase: implement" in invoke("status").output
    clock.t += 7 * 60
    late = one_json(invoke("status", "--json"))
    assert not late["open"] and late["expired_round"]["timed_out"]
    assert late["expired_round"]["verdict"] == "No Hire"  # the starter was never touched
    assert "No mock round is open" in invoke("status").output


def test_abandon_history_and_report(clock, tmp_path):
    invoke("start", "--problem", "softmax")
    clock.t += 60
    assert one_json(invoke("abandon", "--json"))["verdict"] == "No Hire"
    assert one_json(invoke("abandon", "--json"))["error"]["message"] == "No mock round is open."
    clock.t += 60
    invoke("start", "--problem", "cross_entropy")
    rounds = one_json(invoke("history", "--json"))["rounds"]
    assert [(r["n"], r["problem"], r["verdict"]) for r in rounds] == [(2, "cross_entropy", None),
                                                                      (1, "softmax", "No Hire")]
    table = invoke("history").output
    assert "softmax" in table and "No Hire" in table and "open" in table
    assert "Mock round #1" in invoke("report", "1").output and "No Hire" in invoke("report", "1").output
    missing = invoke("report", "9", "--json")
    assert missing.exit_code == 2 and "No mock round #9" in one_json(missing)["error"]["message"]


def test_submit_without_a_round_is_a_clean_error(clock):
    result = invoke("submit", "--json")
    assert result.exit_code == 2 and "No mock round is open" in one_json(result)["error"]["message"]


def test_hint_and_solution_are_locked_during_a_round(clock):
    invoke("start", "--problem", "softmax")
    hint = runner.invoke(app, ["hint", "softmax"])
    assert hint.exit_code == 2 and "locked" in hint.output
    answer = runner.invoke(app, ["solution", "softmax", "--yes"])
    assert answer.exit_code == 2 and "locked until the mock round ends" in answer.output


def test_a_loop_gives_a_verdict_per_problem_and_one_overall(clock, tmp_path):
    data = one_json(invoke("loop", "--json"))
    first, second = data["loop"]["problems"]
    (tmp_path / "workspace" / "mock" / f"{first}.py").write_text(get_problem(first).solution)
    clock.t += 15 * 60
    one = one_json(invoke("submit", "--json", "--grade", "strong", "--grade", "strong", "--grade", "strong"))
    assert one["loop_progress"]["next"]["path"].endswith(f"mock/{second}.py")
    clock.t += 10 * 60
    two = one_json(invoke("submit", "--json"))
    assert two["problem"] == second and two["verdict"] == "No Hire"  # its starter, handed in as it was
    progress = two["loop_progress"]
    assert progress["verdicts"] == {first: one["verdict"], second: "No Hire"} and progress["overall"]
    assert "loop:" in invoke("history").output


def test_check_notes_name_the_round(clock, tmp_path):
    invoke("start", "--problem", "softmax")
    file = tmp_path / "workspace" / "mock" / "softmax.py"
    clock.t += 90
    result = runner.invoke(app, ["check", str(file), "--json"])
    notes = json.loads(result.stdout)["round_notes"]
    assert notes and notes[0].startswith("Mock round: 1:30 of 10:00 · phase: plan")


def test_every_mock_command_notices_the_time_running_out(clock):
    invoke("start", "--problem", "softmax", "--minutes", "10")
    clock.t += 11 * 60
    late = invoke("abandon", "--json")
    assert late.exit_code == 2 and "time had run out" in one_json(late)["error"]["message"]
    [row] = one_json(invoke("history", "--json"))["rounds"]
    assert row["verdict"] == "No Hire" and row["data"]["timed_out"] and not row["open"]
