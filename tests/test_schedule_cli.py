"""`mlkata today` and `mlkata review` through CliRunner, with the store's clock and time.time injected."""

import json
import time

import pytest
from typer.testing import CliRunner

from mlkata import paths
from mlkata.cli import session
from mlkata.cli.main import app
from mlkata.practice import today
from mlkata.problems.catalog import get_problem
from mlkata.store import CheckRecord, Store

T0 = 1_767_268_800.0  # 2026-01-01 12:00 UTC
DAY = 86_400.0
runner = CliRunner()


class Clock:
    def __init__(self, t: float = T0):
        self.t = t

    def __call__(self) -> float:
        return self.t


@pytest.fixture
def clock(monkeypatch):
    """One fake clock for the store's writes and for what the commands read from time.time."""
    c = Clock()
    monkeypatch.setattr(session, "open_store", lambda read_only_ok=False, note="": Store.open(clock=c))
    monkeypatch.setattr(time, "time", c)
    return c


def run(*args: str) -> tuple[int, dict]:
    result = runner.invoke(app, [*args, "--json"])
    return result.exit_code, json.loads(result.stdout)


def solve(clock, pid: str, seconds: float = 120.0, path: str | None = None) -> None:
    """A plain attempt solved in `seconds`."""
    ws = paths.default_workspace()
    with Store.open(clock=clock) as store:
        store.record_start(pid, str(ws))
        clock.t += seconds
        store.record_check(CheckRecord(pid, True, [], 5, 5, path=path or str(ws / f"{pid}.py")))


def test_today_json_on_a_fresh_store(clock):
    code, data = run("today", "--minutes", "35")
    assert code == 0
    assert [i["problem_id"] for i in data["items"]] == ["cosine_similarity", "softmax", "cross_entropy"]
    assert data["planned_minutes"] == 35 and data["minutes"] == 35 and data["deferred"]
    assert {i["kind"] for i in data["items"]} == {"new"}


def test_today_rejects_a_budget_under_a_minute(clock):
    code, data = run("today", "--minutes", "0")
    assert code == 2 and "--minutes" in data["error"]["message"]


def test_a_solved_problem_is_scheduled_and_comes_back_due(clock):
    solve(clock, "softmax")  # 2 minutes of a 10-minute budget, clean: Easy, due in 8 days
    code, data = run("today")
    assert code == 0 and "softmax" not in [i["problem_id"] for i in data["items"] if i["kind"] == "new"]
    assert data["items"][-1]["kind"] == "debug" and data["items"][-1]["problem_id"] == "softmax"
    clock.t += 8 * DAY
    code, data = run("today")
    assert data["items"][0] == {**data["items"][0], "kind": "review", "problem_id": "softmax",
                                "command": "mlkata review softmax"}


def test_review_starts_the_first_new_problem_when_nothing_is_due(clock):
    code, data = run("review")
    assert code == 0 and data["action"] == "new" and data["problem_id"] == "cosine_similarity"
    target = paths.default_workspace() / "cosine_similarity.py"
    assert target.read_text() == get_problem("cosine_similarity").starter
    with Store.open() as store:
        assert store.started_at("cosine_similarity") == T0
    code, data = run("review")  # the file is there: resumed, not overwritten
    assert data["action"] == "resume" and data["problem_id"] == "cosine_similarity"


def test_review_of_an_unsolved_problem_is_refused(clock):
    code, data = run("review", "rope")
    assert code == 2 and "not solved" in data["error"]["message"]


def test_a_review_round_gives_its_own_hints_and_can_be_given_up(clock):
    solve(clock, "softmax")
    ws = paths.default_workspace()
    (ws / "softmax.py").parent.mkdir(parents=True, exist_ok=True)
    (ws / "softmax.py").write_text("# my earlier solution\n")
    clock.t += 8 * DAY
    code, data = run("review")
    assert code == 0 and data["action"] == "review" and data["problem_id"] == "softmax"
    assert data["path"] == str((ws / "review" / "softmax.py").absolute())
    assert (ws / "softmax.py").read_text() == "# my earlier solution\n"  # the earlier file is kept
    code, again = run("review")
    assert again["action"] == "resume" and again["round_id"] == data["round_id"]

    hint = runner.invoke(app, ["hint", "softmax"])
    assert hint.exit_code == 0 and "Hint 1 of" in hint.stdout and "this review" in hint.stdout

    clock.t += 600
    code, done = run("review", "--give-up")
    assert code == 0 and done["action"] == "gave-up" and done["rating"] == "Again"
    assert done["due"] == clock.t + DAY
    with Store.open() as store:
        assert [r.outcome for r in store.rounds("review")] == ["gave-up"]
        assert [rating for _, _, rating, _ in store.review_log("softmax")] == ["Easy", "Again"]
    code, data = run("review", "--give-up")
    assert code == 2 and "No review is open" in data["error"]["message"]


def test_a_passing_check_of_the_review_file_rates_the_card(clock):
    solve(clock, "softmax")
    clock.t += 8 * DAY
    code, data = run("review", "softmax")
    assert code == 0 and data["action"] == "review"
    path = data["path"]
    with open(path, "w") as f:
        f.write(get_problem("softmax").solution)
    clock.t += 240  # 4 minutes of 10: within half the budget, clean
    result = runner.invoke(app, ["check", path, "--json"])
    assert result.exit_code == 0, result.stdout
    notes = json.loads(result.stdout)["round_notes"]
    assert len(notes) == 1 and "rated Easy" in notes[0]
    with Store.open() as store:
        assert not store.rounds("review", open_only=True)
        row = store.cards()["softmax"]
        assert row.due > clock.t + 8 * DAY  # a second Easy pushes it past the first interval


def test_queue_order_and_budget(clock, tmp_path):
    problems = {p: get_problem(p) for p in ("softmax", "attention", "adam", "layer_norm", "gpt2_forward")}
    with Store.open(tmp_path / "s.sqlite3", clock=clock) as store:
        queue = today.build(store, problems, clock.t, 60)
        assert [i.problem_id for i in queue.items] == ["softmax", "layer_norm", "attention"]  # 10+20+25
        assert [i.problem_id for i in queue.deferred] == ["gpt2_forward", "adam"]  # the path is not skipped
        tiny = today.build(store, problems, clock.t, 5)
        assert [i.problem_id for i in tiny.items] == ["softmax"]  # nothing fits: the first alone
        store.start_round("debug", "softmax", {})
    solve(clock, "softmax")
    with Store.open(tmp_path / "s.sqlite3", clock=clock) as store:
        store.record_check(CheckRecord("softmax", True, [], 5, 5, path="ws/softmax.py"))
        items = today.build(store, problems, clock.t, 120).items
        assert "debug" not in [i.kind for i in items]  # a debug round was started today already
        clock.t += DAY
        items = today.build(store, problems, clock.t, 120).items
        assert (items[-1].kind, items[-1].problem_id, items[-1].minutes) == ("debug", "softmax", 5)


def test_review_starts_a_debug_round_when_that_is_the_first_item(clock, monkeypatch):
    item = today._item("debug", get_problem("softmax"), 5, "debug: one fix-the-bug round a day", "mlkata debug softmax")
    monkeypatch.setattr(today, "build", lambda *args, **kwargs: today.Queue(60, [item]))
    code, data = run("review")  # the one JSON object is `mlkata debug`'s
    assert code == 0 and data["problem"] == "softmax" and data["state"] == "open"
    assert data["path"].endswith("debug/softmax.py")


def test_today_works_on_a_store_that_cannot_be_written(monkeypatch, tmp_path):
    blocker = tmp_path / "blocker"
    blocker.write_text("a file where the data folder should be")
    monkeypatch.setenv("MLKATA_HOME", str(blocker / "home"))
    result = runner.invoke(app, ["today", "--json"])
    data = json.loads(result.stdout)
    assert result.exit_code == 0 and data["items"][0]["problem_id"] == "cosine_similarity" and data["warnings"]
    code, data = run("review")
    assert code == 2 and "writable" in data["error"]["message"]
