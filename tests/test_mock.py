"""Mock rounds through the library: recorded example rounds pin each verdict, with a fake clock and the real judge."""

import pytest

from mlkata.errors import MlkataError
from mlkata.practice import mock, rubric
from mlkata.practice.signals import Signals
from mlkata.problems.catalog import all_problems, get_problem
from mlkata.store import CheckRecord, Store

T0 = 1_800_000_000.0
SOFTMAX = get_problem("softmax")


class Clock:
    def __init__(self, t: float = T0):
        self.t = t

    def __call__(self) -> float:
        return self.t


@pytest.fixture
def clock():
    return Clock()


@pytest.fixture
def store(tmp_path, clock):
    with Store.open(tmp_path / "s.sqlite3", clock=clock) as s:
        yield s


def buggy(mistake_id: str) -> str:
    return next(m.source for m in SOFTMAX.mistakes if m.id == mistake_id)


def play(store, clock, engine, tmp_path, *, submit: str, minutes_used: float, on_the_way=(), hints=0,
         grades=(), allow_hints=False, problem=SOFTMAX):
    """Replay a recorded round: start, checks of earlier drafts, hints, then submit at `minutes_used`."""
    state = mock.start(store, problem, tmp_path / "ws", minutes=problem.minutes, allow_hints=allow_hints, at=clock.t)
    rnd = mock.open_round(store)
    for i, draft in enumerate(on_the_way, 1):
        clock.t = T0 + i * 60
        report = engine.check(problem, draft)
        store.record_check(mock.check_record(problem, report, state["path"], draft))
    for _ in range(hints):
        store.record_hint(problem.id)
    clock.t = T0 + minutes_used * 60
    report = engine.check(problem, submit)
    return mock.submit(store, rnd, problem, report, submit, clock.t, grades=list(grades),
                       answers=["an answer" if g else None for g in grades])


def met(result) -> dict:
    return {c["name"]: c["met"] for c in result["criteria"]}


def test_strong_hire_correct_in_time_no_help_good_answers(store, clock, engine, tmp_path):
    result = play(store, clock, engine, tmp_path, submit=SOFTMAX.solution, minutes_used=8,
                  grades=("strong", "strong", "lean"))
    assert result["verdict"] == "Strong Hire"
    assert all(m is not False for m in met(result).values())
    assert store.rounds("mock")[0].outcome == "Strong Hire" and not store.rounds("mock", open_only=True)


def test_lean_hire_correct_but_over_time_after_a_named_mistake(store, clock, engine, tmp_path):
    result = play(store, clock, engine, tmp_path, submit=SOFTMAX.solution, minutes_used=14,
                  on_the_way=[buggy("no-max-shift")], grades=("lean", "lean", "lean"))
    assert result["verdict"] == "Lean Hire"
    assert met(result)["time"] is False and met(result)["mistakes"] is True
    assert result["mistakes"] == ["no-max-shift"]
    assert "14:00 used of 10:00" in next(c["evidence"] for c in result["criteria"] if c["name"] == "time")


def test_lean_no_hire_most_checks_pass_but_not_all(store, clock, engine, tmp_path):
    result = play(store, clock, engine, tmp_path, submit=buggy("no-max-shift"), minutes_used=9,
                  grades=("strong", "lean", "lean"))
    assert result["verdict"] == "Lean No Hire"
    assert (result["checks_passed"], result["checks_total"]) == (8, 10) and met(result)["correctness"] is False


def test_no_hire_little_works_and_hints_were_used(store, clock, engine, tmp_path):
    result = play(store, clock, engine, tmp_path, submit=buggy("missing-keepdims"), minutes_used=12,
                  hints=2, allow_hints=True)
    assert result["verdict"] == "No Hire"
    assert met(result)["hints"] is False and met(result)["followups"] is False
    assert result["grades"] == [None, None, None]  # questions skipped: recorded unanswered


def test_a_correct_file_full_of_debugging_is_still_not_strong(store, clock, engine, tmp_path):
    noisy = SOFTMAX.solution.replace("    return", "    print(exps)\n    return").replace(
        "import numpy as np\n", "import numpy as np\nimport os\n")
    result = play(store, clock, engine, tmp_path, submit=noisy, minutes_used=5, grades=("lean", "lean", "no_hire"))
    assert met(result)["debug_prints"] is False and met(result)["lint"] is False
    assert result["verdict"] == "Lean Hire"


def test_a_problem_without_followups_is_not_scored_on_them(store, clock, engine, tmp_path, monkeypatch):
    problem = get_problem("softmax")
    monkeypatch.setattr(type(problem), "followups", property(lambda self: []))
    result = play(store, clock, engine, tmp_path, submit=SOFTMAX.solution, minutes_used=5)
    assert met(result)["followups"] is None and result["questions"] == []
    assert result["verdict"] == "Strong Hire"


def test_rubric_verdicts_on_recorded_evidence():
    """The thresholds of rubric.toml, pinned without the judge."""
    clean = dict(checks_total=10, budget_seconds=600, signals=Signals())
    strong = rubric.Evidence(checks_passed=10, seconds_used=500, grades=["strong", "lean"], **clean)
    assert rubric.evaluate(strong).verdict == "Strong Hire"
    one_hint = rubric.Evidence(checks_passed=10, seconds_used=500, hints_used=1, grades=["strong"], **clean)
    assert rubric.evaluate(one_hint).verdict == "Lean Hire"  # Strong Hire requires no hints
    timed_out = rubric.Evidence(checks_passed=10, seconds_used=500, timed_out=True, grades=["strong"], **clean)
    assert rubric.evaluate(timed_out).verdict == "Lean Hire"
    weak = rubric.Evidence(checks_passed=10, seconds_used=900, mistakes=["a", "b"], slow_warning="12x slower",
                           grades=[None], hints_used=1, **clean)
    assert rubric.evaluate(weak).verdict == "Lean No Hire"  # correct but score 0.46 < 0.60
    half = rubric.Evidence(checks_passed=5, seconds_used=100, **clean)
    assert rubric.evaluate(half).verdict == "Lean No Hire"
    assert rubric.evaluate(rubric.Evidence(checks_passed=4, **clean)).verdict == "No Hire"
    assert rubric.evaluate(rubric.Evidence(checks_passed=10, abandoned=True, **clean)).verdict == "No Hire"
    names = [c.name for c in rubric.evaluate(strong).criteria]
    assert names == ["correctness", "time", "mistakes", "hints", "efficiency", "followups", "shape_comments",
                     "debug_prints", "lint"]


def test_loop_overall_is_the_mean_level_rounded_down():
    assert rubric.overall(["Strong Hire", "Lean No Hire"]) == "Lean Hire"
    assert rubric.overall(["Strong Hire", "No Hire"]) == "Lean No Hire"
    assert rubric.overall(["Lean Hire", "Lean Hire"]) == "Lean Hire"


def test_phases_follow_the_budget():
    assert mock.phase(0, 600) == ("read the spec", 60)
    assert mock.phase(61, 600)[0] == "plan"
    assert mock.phase(300, 600)[0] == "implement"
    assert mock.phase(590, 600)[0] == "edge cases"
    assert mock.phase(601, 600)[0] == "time is up"


def test_pick_takes_the_weakest_track_and_never_the_last_round(store, clock, tmp_path):
    first = mock.pick(store)
    assert first.track == "foundations"  # nothing solved: study order
    for pid in [p.id for p in all_problems().values() if p.track == "foundations"]:
        store.record_check(CheckRecord(pid, True, [], 1, 1))
    assert mock.pick(store).track != "foundations"
    assert mock.pick(store, track="decoding").track == "decoding"
    mock.start(store, get_problem("sampling"), tmp_path, minutes=20, allow_hints=False, at=clock.t)
    mock.abandon(store, mock.open_round(store), clock.t)
    assert mock.pick(store, track="decoding").id == "beam_search"
    with pytest.raises(MlkataError, match="No problems in track"):
        mock.pick(store, track="nope")


def test_the_clock_survives_a_crash_and_time_running_out_is_noticed(store, clock, tmp_path):
    mock.start(store, SOFTMAX, tmp_path, minutes=10, allow_hints=False, at=clock.t)
    with pytest.raises(MlkataError, match="already open"):
        mock.start(store, SOFTMAX, tmp_path, minutes=10, allow_hints=False, at=clock.t)
    clock.t += 7 * 60
    rnd = mock.open_round(store)  # as a fresh process would find it
    st = mock.status(store, rnd, clock.t)
    assert st["elapsed"] == 420 and st["phase"] == "test" and not st["expired"]
    assert not mock.expired(rnd, clock.t + 179) and mock.expired(rnd, clock.t + 181)


def test_a_new_round_keeps_the_earlier_file(store, clock, tmp_path):
    state = mock.start(store, SOFTMAX, tmp_path, minutes=10, allow_hints=False, at=clock.t)
    path = tmp_path / "mock" / "softmax.py"
    assert state["path"] == str(path) and "NotImplementedError" in path.read_text()
    path.write_text("# my work\n")
    mock.abandon(store, mock.open_round(store), clock.t)
    clock.t += 3600
    mock.start(store, SOFTMAX, tmp_path, minutes=10, allow_hints=False, at=clock.t)
    [backup] = (tmp_path / "mock").glob("softmax.py.*.bak")
    assert backup.read_text() == "# my work\n" and "NotImplementedError" in path.read_text()


def test_hints_and_the_answer_are_locked_while_the_round_is_open(store, clock, tmp_path):
    from mlkata import practice

    mock.start(store, SOFTMAX, tmp_path, minutes=10, allow_hints=False, at=clock.t)
    with pytest.raises(MlkataError, match="locked"):
        practice.hint(store, SOFTMAX)
    assert "locked" in practice.solution_locked(store, SOFTMAX)
    mock.abandon(store, mock.open_round(store), clock.t)
    assert practice.solution_locked(store, SOFTMAX) is None
    mock.start(store, SOFTMAX, tmp_path, minutes=10, allow_hints=True, at=clock.t)
    assert practice.hint(store, SOFTMAX) is None  # the usual hint, counted by the rubric


def test_a_loop_runs_two_problems_in_one_budget(store, clock, engine, tmp_path):
    loop, first = mock.start_loop(store, tmp_path, minutes=60, track=None, allow_hints=False, at=clock.t)
    p1, p2 = (get_problem(pid) for pid in loop["problems"])
    assert p1.id != p2.id and p1.minutes + p2.minutes <= 60
    clock.t += p1.minutes * 60
    report = engine.check(p1, p1.solution)
    result = mock.submit(store, mock.open_round(store), p1, report, p1.solution, clock.t, grades=["strong"] * 3)
    assert result["budget_seconds"] == pytest.approx(3600 * p1.minutes / (p1.minutes + p2.minutes))
    progress = mock.after_submit(store, result, clock.t)
    assert progress["next"]["deadline"] == first["deadline"]  # one budget for both
    clock.t = first["deadline"] - 1
    rnd = mock.open_round(store)
    assert rnd.problem_id == p2.id
    report = engine.check(p2, p2.starter)
    second = mock.submit(store, rnd, p2, report, p2.starter, clock.t)
    final = mock.after_submit(store, second, clock.t)
    assert final["verdicts"] == {p1.id: result["verdict"], p2.id: "No Hire"}
    assert final["overall"] == rubric.overall([result["verdict"], "No Hire"])
    assert store.rounds("loop")[0].outcome == final["overall"]


def test_a_loop_whose_time_runs_out_leaves_the_second_problem_unreached(store, clock, engine, tmp_path):
    loop, first = mock.start_loop(store, tmp_path, minutes=60, track=None, allow_hints=False, at=clock.t)
    p1 = get_problem(loop["problems"][0])
    clock.t = first["deadline"] + 5
    result = mock.submit(store, mock.open_round(store), p1, engine.check(p1, p1.solution), p1.solution, clock.t,
                         timed_out=True)
    final = mock.after_submit(store, result, clock.t)
    assert final["not_reached"] == [loop["problems"][1]] and final["verdicts"][loop["problems"][1]] == "No Hire"
    assert mock.open_round(store) is None and mock.open_round(store, "loop") is None
