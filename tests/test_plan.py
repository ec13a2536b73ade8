"""The study plan and the self-assessment: their data, the library, `mlkata plan`, `mlkata assess` and what
they add to `mlkata today` (store clock and time.time injected, never slept)."""

import json
import time
from datetime import date, datetime

import pytest
from typer.testing import CliRunner

from mlkata.cli import session
from mlkata.cli.main import app
from mlkata.practice import assess, plan
from mlkata.problems.catalog import all_problems
from mlkata.store import CheckRecord, Store

T0 = datetime(2026, 3, 2, 12).timestamp()  # a Monday, noon local time
DAY = 86_400.0
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
    monkeypatch.setattr(time, "time", c)
    return c


def run(*args: str) -> tuple[int, dict]:
    result = runner.invoke(app, [*args, "--json"])
    return result.exit_code, json.loads(result.stdout)


def passed(problem_id: str) -> None:
    with session.open_store() as store:
        store.record_start(problem_id, "/tmp/ws")
        store.record_check(CheckRecord(problem_id, True, [], 3, 3))


# --- the data ---------------------------------------------------------------------------------------------

def test_the_plan_data_is_ten_weeks_of_known_kinds_and_problems():
    weeks = plan.load()
    problems = all_problems()
    assert len(weeks) == 10
    for week in weeks:
        assert week.goal and week.items and week.milestones
        assert set(week.targets) == {"implementations", "derivations", "papers"}
        for e in week.items:
            assert e.kind in plan.KINDS and 1 <= e.day <= 7 and e.text
    linked = {e.problem for e in plan.entries(weeks).values() if e.problem}
    assert linked <= set(problems)
    assert linked == set(problems)  # every bank problem has its place on the path
    assert len(plan.entries(weeks)) == sum(len(w.items) + len(w.milestones) for w in weeks)


@pytest.mark.parametrize("length", [10, 6, 4])
def test_shorter_plans_compress_the_same_path(length):
    weeks = plan.load()
    laid = plan.schedule(weeks, length)
    assert len(laid) == length
    ids = [e.id for slot in laid for _, e in slot["items"]]
    assert ids == [e.id for w in weeks for e in w.items]  # every item, in order
    assert all(1 <= day <= 7 for slot in laid for day, _ in slot["items"])
    assert sum(len(s["milestones"]) for s in laid) == sum(len(w.milestones) for w in weeks)
    assert sum(s["targets"]["papers"] for s in laid) == sum(w.targets["papers"] for w in weeks)


def test_an_unknown_length_is_refused():
    with pytest.raises(Exception, match="--weeks"):
        plan.schedule(plan.load(), 8)


def test_the_assessment_data_has_the_seven_skills():
    skills = assess.load()
    assert [s.id for s in skills] == ["math", "pytorch", "papers", "experiments", "distributed", "coding", "taste"]
    tracks = {p.track for p in all_problems().values()}
    for s in skills:
        assert set(s.levels) == {1, 3, 5} and all(s.levels.values())
        assert set(s.tracks) <= tracks


# --- mlkata plan -------------------------------------------------------------------------------------------

def test_plan_before_a_start_is_an_error(clock):
    code, data = run("plan")
    assert code == 2 and "plan start" in data["error"]["message"]


def test_start_show_and_tick(clock):
    code, data = run("plan", "start")
    assert code == 0 and data["start"] == "2026-03-02" and data["weeks"] == 10
    code, view = run("plan")
    assert code == 0 and view["week"] == 1 and len(view["weeks"]) == 10
    assert [i["id"] for i in view["today_items"]] == ["w1-1"]
    assert all(i["state"] == "todo" for w in view["weeks"] for i in w["items"])
    week = view["weeks"][0]
    assert week["targets"] == {"implementations": 2, "derivations": 8, "papers": 0}
    code, ticked = run("plan", "done", "w1-1")
    assert code == 0 and ticked["done"]
    _, view = run("plan")
    assert view["today_items"][0]["state"] == "done" and view["today_items"][0]["evidence"] == "ticked"
    assert view["weeks"][0]["done"]["derivations"] == 1
    run("plan", "done", "w1-m1")
    _, view = run("plan")
    assert view["weeks"][0]["milestones"][0]["state"] == "done" and view["weeks"][0]["milestones_done"] == 1
    run("plan", "done", "w1-1", "--undo")
    _, view = run("plan")
    assert view["today_items"][0]["state"] == "todo"


def test_problem_items_and_milestones_tick_themselves_from_evidence(clock):
    run("plan", "start", "--date", "2026-02-23")  # this is week 2: Adam's week
    passed("adam")
    passed("multi_head_attention")
    _, view = run("plan")
    assert view["week"] == 2
    adam = next(i for i in view["weeks"][1]["items"] if i["problem"] == "adam")
    assert adam["state"] == "done" and adam["evidence"] == "adam passed"
    milestones = {m["text"]: m for w in view["weeks"] for m in w["milestones"]}
    assert milestones["Implement Adam with correct bias correction"]["state"] == "done"
    assert milestones["Implement multi-head attention with correct masking"]["state"] == "done"
    assert milestones["Prove gradient descent convergence for convex functions"]["state"] == "todo"
    assert view["weeks"][1]["done"]["implementations"] == 1
    # an item whose day is past and was not done is missed; a milestone is never missed
    assert view["weeks"][0]["items"][0]["state"] == "missed"
    assert view["weeks"][0]["milestones"][0]["state"] == "todo"


def test_papers_read_in_paper_rounds_count_that_week(clock):
    run("plan", "start")
    with session.open_store() as store:
        read = store.start_round("paper", "paper:adam", {"paper": "adam"})
        store.end_round(read, "paper:adam", "read", {})
        dropped = store.start_round("paper", "paper:bert", {"paper": "bert"})
        store.end_round(dropped, "paper:bert", "abandoned", {})
    _, view = run("plan")
    assert view["weeks"][0]["done"]["papers"] == 1 and view["weeks"][1]["done"]["papers"] == 0


def test_on_a_given_date_and_a_compressed_plan(clock):
    run("plan", "start", "--date", "2026-03-02", "--weeks", "4")
    code, view = run("plan", "--on", "2026-03-16")
    assert code == 0 and view["week"] == 3 and view["length"] == 4 and len(view["weeks"]) == 4
    assert len(view["weeks"][2]["goals"]) == 2  # plan weeks 6 and 7 share calendar week 3
    assert view["end"] == "2026-03-29"
    code, view = run("plan", "--on", "2026-02-01")
    assert code == 0 and not view["started"] and view["week"] is None


def test_a_new_start_replaces_the_plan(clock):
    _, first = run("plan", "start")
    run("plan", "done", "w1-1")
    _, second = run("plan", "start", "--weeks", "6")
    assert second["replaced"] == first["round_id"]
    _, view = run("plan")
    assert view["round_id"] == second["round_id"] and view["length"] == 6
    assert all(i["state"] != "done" for w in view["weeks"] for i in w["items"])


@pytest.mark.parametrize("args, words", [
    (("plan", "start", "--weeks", "8"), "--weeks"),
    (("plan", "start", "--date", "March"), "YYYY-MM-DD"),
    (("plan", "done", "w99-1"), "No plan item"),
])
def test_plan_errors_are_one_json_object(clock, args, words):
    if args[1] == "done":
        run("plan", "start")
    code, data = run(*args)
    assert code == 2 and words in data["error"]["message"]


def test_plan_prints_without_a_terminal(clock):
    run("plan", "start")
    passed("softmax")
    result = runner.invoke(app, ["plan"])
    assert result.exit_code == 0
    assert "Week 1 of 10" in result.stdout and "Milestones" in result.stdout
    assert "softmax passed" in result.stdout


# --- mlkata assess -----------------------------------------------------------------------------------------

def test_ratings_are_recorded_over_time_beside_the_evidence(clock):
    code, data = run("assess")
    assert code == 0 and data["assessments"] == 0 and all(s["rating"] is None for s in data["skills"])
    code, data = run("assess", "--rate", "math=2", "--rate", "coding=4")
    assert code == 0 and data["recorded"]
    clock.t += DAY
    passed("softmax")
    _, data = run("assess", "--rate", "math=3", "--rate", "research taste=1")
    rows = {s["id"]: s for s in data["skills"]}
    assert data["assessments"] == 2
    assert rows["math"]["rating"] == 3 and [h["rating"] for h in rows["math"]["history"]] == [2, 3]
    assert rows["coding"]["rating"] == 4 and rows["taste"]["rating"] == 1 and rows["taste"]["weak"]
    assert rows["pytorch"]["evidence"]["solved"] == 1  # softmax is a foundations problem
    assert rows["papers"]["evidence"]["rounds"] == {"paper": 0}


@pytest.mark.parametrize("pair", ["math=6", "math=0", "math=x", "math", "nothing=3"])
def test_bad_ratings_are_refused(clock, pair):
    code, data = run("assess", "--rate", pair)
    assert code == 2 and data["error"]["message"]


def test_assess_prints_without_a_terminal(clock):
    result = runner.invoke(app, ["assess", "--rate", "distributed=1"])
    assert result.exit_code == 0 and "Self-assessment" in result.stdout and "weak" in result.stdout


# --- mlkata today ------------------------------------------------------------------------------------------

def test_today_carries_the_plan_items_and_weak_skills_weight_it(clock):
    _, data = run("today")
    assert data["plan"] == [] and data["weak_tracks"] == []
    assert data["items"][0]["problem_id"] == "cosine_similarity"  # the study path starts with foundations
    run("plan", "start")
    run("assess", "--rate", "math=1")
    _, data = run("today")
    assert [i["id"] for i in data["plan"]] == ["w1-1"]
    assert "research" in data["weak_tracks"]
    first = data["items"][0]
    assert all_problems()[first["problem_id"]].track in {"research", "optimization"}
    assert "weak skill" in first["why"]


def test_today_items_follow_the_calendar():
    with Store.open(clock=Clock()) as store:
        plan.start(store, date(2026, 3, 2))
        assert [i["id"] for i in plan.today_items(store, date(2026, 3, 4))] == ["w1-3", "w1-4"]
        assert plan.today_items(store, date(2026, 1, 1)) == []
