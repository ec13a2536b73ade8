"""Mock interview rounds: a timed problem from a fresh starter, graded at submit by the rubric (rubric.toml).

A round is a store round of mode "mock"; its state holds the budget, the deadline, the file and the hints
already used when it started. A loop is a round of mode "loop" holding two problems and one deadline; each
of its problems is a mock round of its own. Functions take `now` (seconds) from the caller, so tests drive
the clock. The library returns data; only the CLI prints.
"""

from __future__ import annotations

import hashlib
import time
from pathlib import Path

from mlkata.errors import MlkataError
from mlkata.judge.verdict import Report
from mlkata.practice import rubric, signals
from mlkata.problems.catalog import all_problems, get_problem
from mlkata.problems.problem import Problem

# the phases the material recommends, as shares of the budget
PHASES = (("read the spec", 0.10), ("plan", 0.15), ("implement", 0.45), ("test", 0.20), ("edge cases", 0.10))
TRACK_ORDER = ("foundations", "classical-ml", "optimization", "decoding", "transformers")
LOOP_MINUTES = 60


def now() -> float:
    return time.time()


def phase(elapsed: float, budget: float) -> tuple[str, float]:
    """(the phase at `elapsed` seconds into a `budget`-second round, seconds left in it)."""
    edge = 0.0
    for name, share in PHASES:
        edge += share * budget
        if elapsed < edge:
            return name, edge - elapsed
    return "time is up", 0.0


def open_round(store, mode: str = "mock"):
    """The open round of `mode` (the newest if several), or None."""
    rounds = store.rounds(mode, open_only=True)
    return rounds[0] if rounds else None


def pick(store, track: str | None = None, exclude: tuple[str, ...] = (), max_minutes: float | None = None
         ) -> Problem:
    """A problem not yet solved from the weakest track (lowest share solved), first in study order;
    never the last mock round's problem or one in `exclude`."""
    problems = list(all_problems().values())
    if track is not None:
        problems = [p for p in problems if p.track == track]
        if not problems:
            tracks = sorted({p.track for p in all_problems().values()})
            raise MlkataError(f"No problems in track {track!r}; tracks: {', '.join(tracks)}.")
    last = store.rounds("mock")
    skip = set(exclude) | ({last[0].problem_id} if last else set())
    pool = [p for p in problems if p.id not in skip] or [p for p in problems if p.id not in exclude] or problems
    if max_minutes is not None:
        pool = [p for p in pool if p.minutes <= max_minutes] or pool
    solved = {pid for pid, s in store.summary().items() if s.solved}

    def weakness(t: str) -> tuple:
        members = [p for p in problems if p.track == t]
        share = sum(p.id in solved for p in members) / len(members)
        return share, TRACK_ORDER.index(t) if t in TRACK_ORDER else len(TRACK_ORDER), t

    unsolved = [p for p in pool if p.id not in solved]
    if unsolved:
        weakest = min({p.track for p in unsolved}, key=weakness)
        return next(p for p in unsolved if p.track == weakest)
    return min(pool, key=lambda p: weakness(p.track))


def start(store, problem: Problem, workspace: Path, *, minutes: float, allow_hints: bool, at: float,
          loop: str | None = None, deadline: float | None = None) -> dict:
    """Write a fresh starter to <workspace>/mock/<id>.py (an earlier file is kept as a backup) and open
    the round. Returns the round's state (with its id)."""
    if open_round(store) is not None:
        raise MlkataError("A mock round is already open: `mlkata mock status`, `submit` or `abandon` it first.")
    folder = workspace / "mock"
    path = folder / problem.starter_filename
    folder.mkdir(parents=True, exist_ok=True)
    backup = None
    if path.exists():
        backup = path.with_name(f"{path.name}.{time.strftime('%Y%m%d-%H%M%S', time.localtime(at))}.bak")
        path.replace(backup)
    path.write_text(problem.starter, encoding="utf-8")
    (folder / f"{problem.id}.md").write_text(problem.statement, encoding="utf-8")
    store.record_start(problem.id, str(workspace))
    state = {"minutes": minutes, "deadline": deadline if deadline is not None else at + minutes * 60,
             "path": str(path), "allow_hints": allow_hints, "hints_at_start": store.hints_used(problem.id),
             "loop": loop, "backup": str(backup) if backup else None}
    state["round_id"] = store.start_round("mock", problem.id, state)
    return state


def elapsed(rnd, at: float) -> float:
    return (rnd.ended_at if rnd.ended_at is not None else at) - rnd.started_at


def expired(rnd, at: float) -> bool:
    return rnd.open and at > rnd.data["deadline"]


def round_checks(store, rnd) -> list:
    """The checks of the round's problem recorded while it was open, oldest first."""
    end = rnd.ended_at if rnd.ended_at is not None else float("inf")
    rows = store.history(rnd.problem_id, limit=1000)
    return [c for c in reversed(rows) if rnd.started_at <= c.time <= end]


def status(store, rnd, at: float) -> dict:
    """Where an open round stands: clock, phase, checks so far."""
    budget = rnd.data["minutes"] * 60
    used = elapsed(rnd, at)
    name, left = phase(used, budget)
    checks = round_checks(store, rnd)
    last = checks[-1] if checks else None
    return {"round_id": rnd.round_id, "problem": rnd.problem_id, "path": rnd.data["path"], "elapsed": used,
            "budget_seconds": budget, "remaining": rnd.data["deadline"] - at, "phase": name, "phase_left": left,
            "checks": len(checks), "last_check": None if last is None else
            {"passed": last.passed, "checks_passed": last.checks_passed, "checks_total": last.checks_total,
             "mistakes": last.mistakes},
            "allow_hints": rnd.data["allow_hints"], "loop": rnd.data.get("loop"), "expired": expired(rnd, at)}


def questions(problem: Problem) -> list[dict]:
    return [{"question": f.question, "strong": f.strong, "lean": f.lean, "no_hire": f.no_hire}
            for f in problem.followups]


def evidence(store, rnd, problem: Problem, report: Report, source: str, at: float,
             grades: list[str | None], timed_out: bool) -> rubric.Evidence:
    """The rubric's evidence for a round submitted now with this report."""
    named: list[str] = []
    for c in round_checks(store, rnd):
        named += c.mistakes
    named += [m.id for m in report.mistakes]
    return rubric.Evidence(
        checks_passed=sum(c.passed for c in report.checks), checks_total=len(report.checks),
        error=report.error.kind if report.error else None, seconds_used=at - rnd.started_at,
        budget_seconds=budget_seconds(store, rnd, problem), timed_out=timed_out, mistakes=list(dict.fromkeys(named)),
        hints_used=store.hints_used(problem.id) - rnd.data["hints_at_start"],
        slow_warning=report.efficiency.warning if report.efficiency else None,
        grades=grades, signals=signals.measure(source))


def budget_seconds(store, rnd, problem: Problem) -> float:
    """The time criterion's budget: the round's minutes (in a loop, this problem's share of the loop's)."""
    return rnd.data["minutes"] * 60


def loop_share(minutes: float, problems: list[str], problem_id: str) -> float:
    """A loop problem's minutes: the loop's budget split in proportion to the problems' own budgets."""
    bank = all_problems()
    return minutes * bank[problem_id].minutes / sum(bank[pid].minutes for pid in problems)


def submit(store, rnd, problem: Problem, report: Report, source: str, at: float, *,
           answers: list[str | None] | None = None, grades: list[str | None] | None = None,
           timed_out: bool = False) -> dict:
    """Record the submit check, apply the rubric and end the round. Returns the round's result."""
    asked = questions(problem)
    answers = _pad(answers, len(asked))
    grades = [g if g in rubric.GRADES else None for g in _pad(grades, len(asked))]
    store.record_check(check_record(problem, report, rnd.data["path"], source))
    ev = evidence(store, rnd, problem, report, source, at, grades, timed_out)
    result = rubric.evaluate(ev)
    data = {**result.to_json(), "questions": asked, "answers": answers, "grades": grades,
            "seconds_used": ev.seconds_used, "budget_seconds": ev.budget_seconds, "timed_out": timed_out,
            "checks_passed": ev.checks_passed, "checks_total": ev.checks_total, "mistakes": ev.mistakes}
    store.end_round(rnd.round_id, problem.id, result.verdict, data)
    return {"round_id": rnd.round_id, "problem": problem.id, **data}


def abandon(store, rnd, at: float) -> dict:
    """End the round as No Hire (and its loop with it)."""
    data = {"verdict": "No Hire", "abandoned": True, "seconds_used": at - rnd.started_at, "criteria": []}
    store.end_round(rnd.round_id, rnd.problem_id, "No Hire", data)
    loop = store.round(rnd.data["loop"]) if rnd.data.get("loop") else None
    if loop is not None and loop.open:
        verdicts = {**loop.data.get("verdicts", {}), rnd.problem_id: "No Hire"}
        store.end_round(loop.round_id, loop.problem_id, "No Hire", {"verdicts": verdicts, "overall": "No Hire",
                                                                     "abandoned": True})
    return {"round_id": rnd.round_id, "problem": rnd.problem_id, **data}


def check_record(problem: Problem, report: Report, path: str, source: str):
    from mlkata.store import CheckRecord

    return CheckRecord(
        problem_id=problem.id, passed=report.passed, mistakes=[m.id for m in report.mistakes],
        checks_passed=sum(c.passed for c in report.checks), checks_total=len(report.checks),
        error_kind=report.error.kind if report.error else None, path=path, judge_seconds=report.judge_seconds,
        source_hash=hashlib.sha256(source.encode("utf-8", "surrogatepass")).hexdigest())


def _pad(items: list | None, n: int) -> list:
    items = list(items or [])[:n]
    return items + [None] * (n - len(items))


# ---- loops: two problems back to back in one budget

def start_loop(store, workspace: Path, *, minutes: float, track: str | None, allow_hints: bool, at: float
               ) -> tuple[dict, dict]:
    """Pick two problems that fit the budget, open the loop and its first mock round. (loop state, round state)"""
    if open_round(store) is not None or open_round(store, "loop") is not None:
        raise MlkataError("A mock round is already open: `mlkata mock status`, `submit` or `abandon` it first.")
    first = pick(store, track, max_minutes=minutes - 10)
    second = pick(store, track, exclude=(first.id,), max_minutes=minutes - first.minutes)
    deadline = at + minutes * 60
    loop = {"problems": [first.id, second.id], "minutes": minutes, "deadline": deadline, "verdicts": {},
            "allow_hints": allow_hints, "workspace": str(workspace)}
    loop["round_id"] = store.start_round("loop", first.id, loop)
    share = loop_share(minutes, loop["problems"], first.id)
    rnd = start(store, first, workspace, minutes=share, allow_hints=allow_hints, at=at,
                loop=loop["round_id"], deadline=deadline)
    return loop, rnd


def after_submit(store, result: dict, at: float) -> dict | None:
    """A submitted loop problem moves the loop on: the next problem's round opens (returned as
    {"next": state}), or the loop ends with its overall verdict ({"overall": ...}). None outside a loop."""
    rnd = store.round(result["round_id"])
    loop = store.round(rnd.data["loop"]) if rnd.data.get("loop") else None
    if loop is None or not loop.open:
        return None
    verdicts = {**loop.data.get("verdicts", {}), rnd.problem_id: result["verdict"]}
    todo = [pid for pid in loop.data["problems"] if pid not in verdicts]
    if todo and at < loop.data["deadline"]:
        store.update_round(loop.round_id, loop.problem_id, {"verdicts": verdicts})
        problem = all_problems()[todo[0]]
        share = loop_share(loop.data["minutes"], loop.data["problems"], problem.id)
        state = start(store, problem, Path(loop.data["workspace"]), minutes=share,
                      allow_hints=loop.data["allow_hints"], at=at, loop=loop.round_id,
                      deadline=loop.data["deadline"])
        return {"loop": loop.round_id, "verdicts": verdicts, "next": state}
    for pid in todo:  # the loop's time ran out before this problem was reached
        verdicts[pid] = "No Hire"
    final = rubric.overall([verdicts[pid] for pid in loop.data["problems"]])
    store.end_round(loop.round_id, loop.problem_id, final, {"verdicts": verdicts, "overall": final,
                                                            "not_reached": todo})
    return {"loop": loop.round_id, "verdicts": verdicts, "overall": final, "not_reached": todo}


# ---- hooks the plain commands consult while a mock round is open (mlkata.practice)

def settle_expired(store, at: float, judge) -> dict | None:
    """A round whose time ran out is graded now, as submitted, its questions unanswered
    (`judge(problem, path)` gives (report, source))."""
    rnd = open_round(store)
    if rnd is None or not expired(rnd, at):
        return None
    problem = get_problem(rnd.problem_id)
    report, source = judge(problem, Path(rnd.data["path"]))
    result = submit(store, rnd, problem, report, source, at, timed_out=True)
    result["loop_progress"] = after_submit(store, result, at)
    return result


def numbered(store) -> list:
    """Mock rounds and loops, oldest first: their position + 1 is the N of `mock report N`."""
    rows = [r for r in store.rounds() if r.mode in ("mock", "loop")]
    return list(reversed(rows))


def row_json(n: int, r) -> dict:
    """Round or loop number `n` of `numbered`, as the history lists it."""
    return {"n": n, "round_id": r.round_id, "mode": r.mode, "problem": r.problem_id, "started_at": r.started_at,
            "ended_at": r.ended_at, "open": r.open, "verdict": r.outcome, "data": r.data}


def check_notes(store, rnd, problem, report, path) -> list[str]:
    st = status(store, rnd, now())
    if st["expired"]:
        return ["Mock round: time is up. The next `mlkata mock` command grades this file as submitted."]
    used, budget = _mmss(st["elapsed"]), _mmss(st["budget_seconds"])
    return [f"Mock round: {used} of {budget} · phase: {st['phase']} · {st['checks']} check(s) in this round."]


def hint(store, rnd, problem) -> str | None:
    if rnd.data.get("allow_hints"):
        return None  # the usual hint, recorded: the rubric counts it
    raise MlkataError("Hints are locked in this mock round (start one with --allow-hints to allow them; "
                      "each hint counts against the verdict).")


def solution_locked(store, rnd, problem) -> str | None:
    return ("The model answer is locked until the mock round ends: `mlkata mock submit` "
            "(or `mlkata mock abandon`).")


def _mmss(seconds: float) -> str:
    seconds = max(0, int(seconds))
    return f"{seconds // 60}:{seconds % 60:02d}"
