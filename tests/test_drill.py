"""`mlkata drill`: the gotcha data, the library and the command through CliRunner, on an injected clock."""

import json
import time

import pytest
from typer.testing import CliRunner

from mlkata.cli import drill as cli_drill
from mlkata.cli import session
from mlkata.cli.main import app
from mlkata.practice import drill
from mlkata.problems.catalog import get_problem
from mlkata.store import CheckRecord, Store

T0 = 1_767_268_800.0  # 2026-01-01 12:00 UTC
runner = CliRunner()


class Clock:
    def __init__(self, t: float = T0):
        self.t = t

    def __call__(self) -> float:
        return self.t


@pytest.fixture
def clock(monkeypatch):
    c = Clock()
    monkeypatch.setattr(session, "open_store", lambda read_only_ok=False, note="": Store.open(clock=c))
    monkeypatch.setattr(cli_drill, "open_store", lambda: Store.open(clock=c))
    monkeypatch.setattr(cli_drill, "now", c)
    monkeypatch.setattr(cli_drill, "interactive", lambda: False)
    monkeypatch.setattr(time, "time", c)
    return c


def run(*args: str) -> tuple[int, dict]:
    result = runner.invoke(app, ["drill", *args, "--json"])
    return result.exit_code, json.loads(result.stdout)  # exactly one object, or this fails


def test_every_drill_has_two_gotchas_naming_real_mistakes():
    data = drill.gotchas()
    assert set(data) == set(drill.DRILLS)
    for pid, items in data.items():
        assert len(items) >= 2, pid
        ids = [g["id"] for g in items]
        assert len(set(ids)) == len(ids), pid
        known = {m.id for m in get_problem(pid).mistakes}
        for g in items:
            assert g["prompt"].strip() and g["answer"].strip(), (pid, g["id"])
            assert g["mistake"] is None or g["mistake"] in known, (pid, g["mistake"])


def test_list_json(clock):
    code, data = run("--list")
    assert code == 0 and [r["problem_id"] for r in data["drills"]] == list(drill.DRILLS)
    assert all(r["gotchas"] >= 2 and r["drills"] == 0 for r in data["drills"]) and data["open"] is None


def test_start_writes_a_fresh_starter_and_refuses_a_second(clock, tmp_path):
    code, data = run("softmax")
    assert code == 0 and data["action"] == "started", data
    path = tmp_path / "workspace" / "drill" / "softmax.py"
    assert data["drill"]["path"] == str(path) and "NotImplementedError" in path.read_text()
    assert data["drill"]["remaining"] == 600
    code, data = run("attention")
    assert code == 2 and "softmax is open" in data["error"]["message"]
    clock.t += 60
    code, data = run()
    assert code == 0 and data["action"] == "resume" and data["drill"]["remaining"] == 540
    code, data = run("adam")
    assert code == 2 and "not a drill" in data["error"]["message"]


def test_a_passing_check_ends_the_drill_then_the_gotchas_come_unrated(clock):
    _, data = run("softmax")
    path = data["drill"]["path"]
    with open(path, "w") as f:
        f.write(get_problem("softmax").solution)
    clock.t += 240  # 4 of 10 minutes, no mistake: Easy
    result = runner.invoke(app, ["check", path, "--json"])
    assert result.exit_code == 0, result.stdout
    notes = json.loads(result.stdout)["round_notes"]
    assert "rated Easy" in notes[0] and "gotchas" in notes[1]
    with Store.open() as store:
        assert not store.rounds("drill", open_only=True)
        assert [r[2] for r in store.review_log("softmax")] == ["Easy"]  # the problem's FSRS card moved
    code, data = run()
    assert code == 0 and data["action"] == "gotchas"
    assert len(data["gotchas"]["gotchas"]) >= 2 and "two numerical-stability" in data["gotchas"]["question"]
    assert all(r["rating"] is None for r in data["gotchas"]["ratings"])
    code, data = run()  # the gotchas were recorded: the next drill starts, the oldest never drilled first
    assert data["action"] == "started" and data["drill"]["problem_id"] == "attention"


def test_give_up_rates_again_and_shows_the_gotchas(clock):
    run("kmeans")
    clock.t += 120
    code, data = run("--give-up")
    assert code == 0 and data["action"] == "gave-up"
    assert data["ended"]["rating"] == "Again" and data["ended"]["outcome"] == "gave-up"
    assert data["gotchas"]["problem_id"] == "kmeans" and data["drill"] is None
    code, data = run("--give-up")
    assert code == 2 and "No drill is open" in data["error"]["message"]


def test_time_running_out_is_noticed_at_the_next_drill(clock):
    run("cosine_similarity")
    clock.t += 11 * 60
    code, data = run("sampling")
    assert code == 0 and data["ended"]["outcome"] == "timed-out" and data["ended"]["rating"] == "Again"
    assert data["ended"]["seconds"] == 600  # rated at the deadline
    assert data["gotchas"]["problem_id"] == "cosine_similarity"
    assert data["action"] == "started" and data["drill"]["problem_id"] == "sampling"


def test_a_terminal_asks_for_ratings(clock, monkeypatch):
    monkeypatch.setattr(cli_drill, "interactive", lambda: True)
    run("softmax")
    n = len(drill.gotchas()["softmax"])
    answers = "".join("\n" + ("g\n" if i == 0 else "\n") for i in range(n))
    result = runner.invoke(app, ["drill", "--give-up"], input=answers)
    assert result.exit_code == 0, result.output
    assert "1 of" in result.output and "rated Again" in result.output
    with Store.open() as store:
        [rnd] = store.rounds("drill")
    assert [r["rating"] for r in rnd.data["gotcha_ratings"]] == ["Good"] + [None] * (n - 1)


def test_a_plain_solve_before_the_drill_keeps_its_first_card(clock):
    ws = session.find_workspace()
    with Store.open(clock=clock) as store:
        store.record_start("softmax", str(ws))
        clock.t += 120
        store.record_check(CheckRecord("softmax", True, [], 5, 5, path=str(ws / "softmax.py")))
    clock.t += 3600
    run("softmax")
    run("--give-up")
    with Store.open() as store:
        assert [r[2] for r in store.review_log("softmax")] == ["Easy", "Again"]


def test_a_failing_check_shows_the_time_left_and_keeps_the_drill_open(clock):
    _, data = run("cosine_similarity")
    clock.t += 90
    result = runner.invoke(app, ["check", data["drill"]["path"], "--json"])
    notes = json.loads(result.stdout)["round_notes"]
    assert len(notes) == 1 and "8:30 left" in notes[0] and "--give-up" in notes[0]
    with Store.open() as store:
        assert store.rounds("drill", open_only=True) and not store.review_log("cosine_similarity")
