"""Where the user stands, computed from the progress store: readiness per track, the mistakes made
most often, the streak of practice days, mock verdicts over time, and the series the plots draw.

Plain data only: `mlkata stats` and `mlkata report` render it. Definitions:

- checks made during a fix-the-bug round (mode "debug") judge code the user was handed: they count as
  practice days and checks per day, but not as solving, time to solve, or the user's own mistakes;
- a problem is solved once any other check of it passed; it is due when its spaced-repetition card's
  due time is now or past;
- an attempt starts at a recorded start; its time to solve is the seconds from that start to its first
  passing check. A track's mean time against budget is the mean, over its solved problems, of the latest
  attempt's time divided by the problem's budget (1.0 = exactly on budget);
- a mistake counts once per distinct source it was found in (as in `Store.stats`);
- the streak counts consecutive days with at least one check, ending today, or yesterday when there is
  no check yet today (the streak is still alive until the day is over).
"""

from __future__ import annotations

import datetime as dt
import time
from collections import Counter, defaultdict
from dataclasses import asdict, dataclass, field

from mlkata.problems.problem import Problem
from mlkata.store.records import CheckRow, Stats

ALL_CHECKS = 1 << 40  # store.history's limit meaning "every check"
MOCK_MODES = ("mock", "loop")


@dataclass(frozen=True)
class TrackReadiness:
    track: str
    problems: int
    solved: int
    due: int
    timed: int                      # solved problems with a known time to solve
    mean_time_ratio: float | None   # mean of time / budget over those (None: none timed)

    @property
    def share_solved(self) -> float:
        return self.solved / self.problems if self.problems else 0.0


@dataclass(frozen=True)
class MistakeCount:
    family: str
    title: str
    count: int                          # distinct sources it was found in, over all problems
    problems: list[tuple[str, int]]     # (problem id, count), most first


@dataclass(frozen=True)
class Streak:
    current: int
    longest: int
    checked_today: bool
    last_day: dt.date | None


@dataclass(frozen=True)
class MockResult:
    round_id: str
    mode: str
    problem_id: str
    started_at: float
    ended_at: float | None
    outcome: str | None     # the verdict; None while the round is open


@dataclass(frozen=True)
class SolveTime:
    problem_id: str
    attempt: int            # 1 = the first solved attempt of this problem
    started_at: float
    seconds: float
    budget_seconds: int


@dataclass(frozen=True)
class Progress:
    today: dt.date
    now: float
    totals: Stats
    problems_total: int
    tracks: list[TrackReadiness]
    mistakes: list[MistakeCount]
    streak: Streak
    mocks: list[MockResult]                        # oldest first
    solve_times: list[SolveTime]                   # by problem, then attempt
    checks_per_day: list[tuple[dt.date, int]]      # the last `days` days, today last
    titles: dict[str, str] = field(default_factory=dict)

    def to_json(self) -> dict:
        t = self.totals
        return {
            "today": self.today.isoformat(),
            "totals": {"checks": t.checks, "problems_attempted": t.problems_attempted,
                       "problems_solved": t.problems_solved, "problems_total": self.problems_total,
                       "hints_used": t.hints_used, "solutions_revealed": t.solutions_revealed},
            "tracks": [{**asdict(r), "share_solved": r.share_solved} for r in self.tracks],
            "mistakes": [{"family": m.family, "title": m.title, "count": m.count,
                          "problems": [{"problem_id": p, "count": n} for p, n in m.problems]}
                         for m in self.mistakes],
            "streak": {"current": self.streak.current, "longest": self.streak.longest,
                       "checked_today": self.streak.checked_today,
                       "last_day": self.streak.last_day.isoformat() if self.streak.last_day else None},
            "mocks": [asdict(m) for m in self.mocks],
            "solve_times": [asdict(s) for s in self.solve_times],
            "checks_per_day": [{"day": d.isoformat(), "checks": n} for d, n in self.checks_per_day],
            "recent": [{"problem_id": r.problem_id, "time": r.time, "passed": r.passed, "mistakes": r.mistakes}
                       for r in t.recent],
        }


def day_of(at: float, tz: dt.tzinfo | None = None) -> dt.date:
    """The calendar day of a Unix time, in `tz` (None: the local time zone)."""
    return dt.datetime.fromtimestamp(at, tz).date()


def progress(store, problems: dict[str, Problem], now: float | None = None, tz: dt.tzinfo | None = None,
             days: int = 30, top: int = 10) -> Progress:
    """Everything `stats` and `report` show, as of `now` (default: the current time) in time zone `tz`."""
    now = time.time() if now is None else now
    today = day_of(now, tz)
    checks = store.history(limit=ALL_CHECKS)
    debug = [(r.problem_id, r.started_at, r.ended_at or float("inf")) for r in store.rounds(mode="debug")]
    own = [c for c in checks if not any(pid == c.problem_id and t0 <= c.time <= t1 for pid, t0, t1 in debug)]
    solved = {c.problem_id for c in own if c.passed}
    due = {pid for pid, card in store.cards().items() if card.due <= now}
    times = solve_times(own, problems)
    rounds = [r for mode in MOCK_MODES for r in store.rounds(mode=mode)]
    mocks = sorted((MockResult(r.round_id, r.mode, r.problem_id, r.started_at, r.ended_at, r.outcome)
                    for r in rounds), key=lambda m: (m.started_at, m.round_id))
    check_days = Counter(day_of(c.time, tz) for c in checks)
    return Progress(
        today=today, now=now, totals=store.stats(), problems_total=len(problems),
        tracks=track_readiness(problems, solved, due, times),
        mistakes=top_mistakes(own, problems, top),
        streak=streak(set(check_days), today),
        mocks=mocks, solve_times=times,
        checks_per_day=[(d, check_days.get(d, 0)) for d in
                        (today - dt.timedelta(days=k) for k in range(days - 1, -1, -1))],
        titles={p.id: p.title for p in problems.values()},
    )


def solve_times(checks: list[CheckRow], problems: dict[str, Problem]) -> list[SolveTime]:
    """Each solved attempt's time to solve. A check knows the seconds since the start it belongs to, so
    its start is `time - seconds_since_start`; the attempt's time is its first passing check's."""
    first: dict[tuple[str, float], float] = {}
    for c in checks:
        if not c.passed or c.seconds_since_start is None or c.problem_id not in problems:
            continue
        key = (c.problem_id, round(c.time - c.seconds_since_start))
        first[key] = min(first.get(key, c.seconds_since_start), c.seconds_since_start)
    out, counts = [], Counter()
    for (pid, start), seconds in sorted(first.items()):
        counts[pid] += 1
        out.append(SolveTime(pid, counts[pid], float(start), seconds, problems[pid].minutes * 60))
    return out


def track_readiness(problems: dict[str, Problem], solved: set[str], due: set[str],
                    times: list[SolveTime]) -> list[TrackReadiness]:
    """One row per track, in study order (the catalogue's)."""
    latest = {t.problem_id: t.seconds / t.budget_seconds for t in times}  # times are in attempt order
    by_track: dict[str, list[str]] = defaultdict(list)
    for p in problems.values():
        by_track[p.track].append(p.id)
    rows = []
    for track, ids in by_track.items():
        ratios = [latest[pid] for pid in ids if pid in latest and pid in solved]
        rows.append(TrackReadiness(
            track=track, problems=len(ids), solved=sum(pid in solved for pid in ids),
            due=sum(pid in due for pid in ids), timed=len(ratios),
            mean_time_ratio=sum(ratios) / len(ratios) if ratios else None))
    return rows


def top_mistakes(checks: list[CheckRow], problems: dict[str, Problem], top: int = 10) -> list[MistakeCount]:
    """The mistake families found most often, each with the problems it was found in."""
    sources: dict[tuple[str, str], set[str]] = defaultdict(set)
    for c in checks:
        for family in c.mistakes:
            sources[(family, c.problem_id)].add(c.source_hash or c.uuid)
    per_family: dict[str, Counter] = defaultdict(Counter)
    for (family, pid), seen in sources.items():
        per_family[family][pid] = len(seen)
    out = [MistakeCount(family, _family_title(family, problems), sum(n.values()),
                        sorted(n.items(), key=lambda kv: (-kv[1], kv[0])))
           for family, n in per_family.items()]
    out.sort(key=lambda m: (-m.count, m.family))
    return out[:top]


def _family_title(family: str, problems: dict[str, Problem]) -> str:
    for p in problems.values():
        for m in p.mistakes:
            if (m.family or m.id) == family:
                return m.title
    return family


def streak(days: set[dt.date], today: dt.date) -> Streak:
    """The run of consecutive practice days ending today (or yesterday), and the longest run ever."""
    day = today if today in days else today - dt.timedelta(days=1)
    current = 0
    while day in days:
        current += 1
        day -= dt.timedelta(days=1)
    longest, run, previous = 0, 0, None
    for d in sorted(days):
        run = run + 1 if previous is not None and d - previous == dt.timedelta(days=1) else 1
        longest, previous = max(longest, run), d
    return Streak(current, longest, today in days, max(days) if days else None)
