"""Progress you can see: readiness, mistakes, streak and mock verdicts from a recorded history (library
API, injected clock), then `mlkata stats --json/--plot` and `mlkata report` over the same history."""

from __future__ import annotations

import base64
import datetime as dt
import json
import re
import time

import pytest
from typer.testing import CliRunner

from mlkata.cli.main import app
from mlkata.practice.progress import progress, streak
from mlkata.problems.catalog import all_problems
from mlkata.store import CheckRecord, Store

FOUNDATIONS = sum(p.track == "foundations" for p in all_problems().values())  # the track's size in the bank

UTC = dt.UTC
DAY0 = dt.datetime(2026, 3, 1, tzinfo=UTC)  # hours 11-13 UTC: the same calendar day from UTC-10 to UTC+10
MIN = 60


def at(day: int, hour: int, minute: int = 0) -> float:
    return (DAY0 + dt.timedelta(days=day, hours=hour, minutes=minute)).timestamp()


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def check(store, clock, when, pid, passed, mistakes=(), source="x"):
    clock.now = when
    store.record_check(CheckRecord(problem_id=pid, passed=passed, mistakes=list(mistakes), checks_passed=int(passed),
                                   checks_total=1, source_hash=source))


def record_history(path=None) -> None:
    """Day 0: softmax solved in 8 min (budget 10); day 1: cross_entropy in 30 min (budget 15); day 2 nothing;
    day 3: softmax again in 5 min; day 4: attention failed (a mock, No Hire), a second mock left open, and a
    debug round of layer_norm fixed."""
    clock = Clock()
    with Store.open(path, clock=clock) as store:
        clock.now = at(0, 11)
        store.record_start("softmax", "ws")
        check(store, clock, at(0, 11, 4), "softmax", False, ["no-max-shift"], "a")
        check(store, clock, at(0, 11, 6), "softmax", False, ["no-max-shift"], "a")  # unchanged file: counts once
        check(store, clock, at(0, 11, 8), "softmax", True, source="b")
        clock.now = at(1, 11)
        store.record_start("cross_entropy", "ws")
        check(store, clock, at(1, 11, 5), "cross_entropy", False, ["no-max-shift"], "c")
        check(store, clock, at(1, 11, 20), "cross_entropy", False, ["log-of-softmax"], "d")
        check(store, clock, at(1, 11, 30), "cross_entropy", True, source="e")
        check(store, clock, at(1, 11, 40), "cross_entropy", True, source="e")  # after solving: same attempt
        clock.now = at(2, 12)
        store.record_start("layer_norm", "ws")  # started, never solved by the user (only in the debug round)
        clock.now = at(3, 12)
        store.record_start("softmax", "ws")
        check(store, clock, at(3, 12, 5), "softmax", True, source="f")
        clock.now = at(4, 12)
        store.record_start("attention", "ws")
        mock = store.start_round("mock", "attention", {"minutes": 45})
        check(store, clock, at(4, 12, 30), "attention", False, ["no-scale"], "g")
        clock.now = at(4, 13)
        store.end_round(mock, "attention", "No Hire", {})
        store.record_review("softmax", "Good", {"stability": 3.0}, at(4, 0))      # due already on day 4
        store.record_review("cross_entropy", "Hard", {"stability": 1.0}, at(9, 0))  # due later
        clock.now = at(4, 13, 30)
        store.start_round("mock", "kv_cache", {"minutes": 45})
        clock.now = at(4, 13, 40)  # a fix-the-bug round: its injected bug is not the user's mistake
        bugs = store.start_round("debug", "layer_norm", {"injected": ["eps-outside-sqrt"]})
        check(store, clock, at(4, 13, 45), "layer_norm", False, ["eps-outside-sqrt"], "h")
        check(store, clock, at(4, 13, 50), "layer_norm", True, source="i")
        store.end_round(bugs, "layer_norm", "solved", {})


@pytest.fixture
def history(isolated_home):
    record_history()
    return isolated_home


def test_progress_from_a_recorded_history(history):
    with Store.open() as store:
        prog = progress(store, all_problems(), now=at(4, 18), tz=UTC, days=7)
    assert prog.today == dt.date(2026, 3, 5)
    foundations = next(r for r in prog.tracks if r.track == "foundations")
    assert (foundations.problems, foundations.solved, foundations.due, foundations.timed) == (FOUNDATIONS, 2, 1, 2)
    assert foundations.mean_time_ratio == pytest.approx((5 / 10 + 30 / 15) / 2)  # softmax's latest attempt counts
    transformers = next(r for r in prog.tracks if r.track == "transformers")
    assert (transformers.solved, transformers.due, transformers.mean_time_ratio) == (0, 0, None)  # debug fix
    assert sum(r.problems for r in prog.tracks) == len(all_problems())

    assert [(t.problem_id, t.attempt, t.seconds) for t in prog.solve_times] == [
        ("cross_entropy", 1, 30 * MIN), ("softmax", 1, 8 * MIN), ("softmax", 2, 5 * MIN)]
    assert [(m.family, m.count, m.problems) for m in prog.mistakes] == [
        ("no-max-shift", 2, [("cross_entropy", 1), ("softmax", 1)]), ("log-of-softmax", 1, [("cross_entropy", 1)]),
        ("no-scale", 1, [("attention", 1)])]
    assert (prog.streak.current, prog.streak.longest, prog.streak.checked_today) == (2, 2, True)
    assert prog.checks_per_day == [(dt.date(2026, 2, 27) + dt.timedelta(days=k), n)
                                   for k, n in enumerate([0, 0, 3, 4, 0, 1, 3])]
    assert [(m.problem_id, m.outcome) for m in prog.mocks] == [("attention", "No Hire"), ("kv_cache", None)]
    data = prog.to_json()
    assert json.loads(json.dumps(data)) == data
    assert data["totals"]["checks"] == 11 and data["streak"]["current"] == 2


def test_streak_counts_back_from_today_or_yesterday():
    d = dt.date(2026, 3, 10)
    days = {d - dt.timedelta(days=k) for k in (1, 2, 3, 6, 7)}
    s = streak(days, d)  # nothing today yet: the run ending yesterday still counts
    assert (s.current, s.longest, s.checked_today, s.last_day) == (3, 3, False, d - dt.timedelta(days=1))
    assert streak(days, d + dt.timedelta(days=1)).current == 0  # a whole day missed
    assert streak(days | {d}, d).current == 4
    assert streak(set(), d) == streak(set(), d).__class__(0, 0, False, None)


def test_an_empty_store_has_progress_too(isolated_home):
    with Store.open() as store:
        prog = progress(store, all_problems(), now=at(0, 12), tz=UTC)
    assert prog.streak.current == 0 and not prog.mistakes and not prog.mocks and not prog.solve_times
    assert len(prog.checks_per_day) == 30 and all(n == 0 for _, n in prog.checks_per_day)
    assert all(r.solved == 0 and r.mean_time_ratio is None for r in prog.tracks)


# ---- the CLI

runner = CliRunner()


@pytest.fixture
def frozen(monkeypatch):
    monkeypatch.setattr(time, "time", lambda: at(4, 18))


def test_stats_json_carries_every_section(history, frozen):
    result = runner.invoke(app, ["stats", "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["today"] == "2026-03-05"
    foundations = next(r for r in data["tracks"] if r["track"] == "foundations")
    assert (foundations["solved"], foundations["due"]) == (2, 1)
    assert data["streak"] == {"current": 2, "longest": 2, "checked_today": True, "last_day": "2026-03-05"}
    assert data["mistakes"][0]["family"] == "no-max-shift" and data["mistakes"][0]["count"] == 2
    assert [m["outcome"] for m in data["mocks"]] == ["No Hire", None]


def test_stats_shows_readiness_streak_and_mocks(history, frozen):
    out = runner.invoke(app, ["stats"]).stdout
    assert "Readiness per track" in out and f"2 of {FOUNDATIONS}" in out and "125% of budget" in out
    assert "no-max-shift" in out and "cross_entropy (1), softmax (1)" in out
    assert "Streak: 2 days in a row" in out
    assert "No Hire" in out and "open" in out


def test_stats_plot_renders_without_a_terminal(history, frozen):
    result = runner.invoke(app, ["stats", "--plot"])
    assert result.exit_code == 0, result.output
    out = result.stdout
    for title in ("Time to solve (minutes) per attempt", "Checks per day (last 14 days)",
                  "Readiness per track (% of problems solved)"):
        assert title in out
    assert "softmax" in out and "03-05" in out
    assert "\x1b[" not in out  # no colour codes into a pipe


def test_report_is_one_self_contained_html_file(history, frozen, tmp_path):
    out = tmp_path / "deep" / "report.html"
    result = runner.invoke(app, ["report", "--out", str(out), "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["path"] == str(out.resolve()) and len(data["figures"]) == 3
    assert data["progress"]["streak"]["current"] == 2
    page = out.read_text()
    assert data["bytes"] == len(page.encode())
    assert not re.search(r"https?://", page)  # nothing is fetched: figures are embedded
    assert not re.search(r"<(script|link)\b", page)
    images = re.findall(r'src="data:image/png;base64,([A-Za-z0-9+/=]+)"', page)
    assert len(images) == 3 and all(base64.b64decode(b).startswith(b"\x89PNG\r\n\x1a\n") for b in images)
    assert "src=" not in re.sub(r'src="data:image/png;base64,[A-Za-z0-9+/=]+"', "", page)
    for text in ("Readiness per track", "no-max-shift", "No Hire", "2 days", "125% of budget"):
        assert text in page


def test_report_without_json_says_where_it_went(isolated_home, tmp_path):
    out = tmp_path / "r.html"
    result = runner.invoke(app, ["report", "--out", str(out)])
    assert result.exit_code == 0 and out.is_file() and "r.html" in result.stdout


def test_report_json_error_when_it_cannot_write(isolated_home, tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("")
    result = runner.invoke(app, ["report", "--out", str(blocker / "r.html"), "--json"])
    assert result.exit_code == 2
    assert "Cannot write" in json.loads(result.stdout)["error"]["message"]
