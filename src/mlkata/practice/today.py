"""Today's queue: the reviews due, then new problems along the study path, then one debug round,
capped to a daily budget in minutes.

- Reviews: every card due by the end of today (local time), most overdue first.
- New: problems without a card, in study-path order: foundations, then transformers, then research,
  then the other tracks (alphabetically); within a track easy, medium, hard; then shorter first, then id.
  Tracks of the skills the self-assessment rates weak (mlkata.practice.assess) come first.
- Debug: one fix-the-bug round on a scheduled problem, the one debugged least recently (never first),
  unless a debug round was already started today.
- Budget: items are taken in that order while they fit. A review or the debug round that does not fit
  is deferred and shorter items after it may still fit; the first new problem that does not fit defers
  every new problem after it (the study path is not skipped ahead). If nothing fits, the first item is
  queued alone, over the budget.
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass, field
from datetime import datetime, timedelta

from mlkata.errors import MlkataError
from mlkata.practice import schedule

TRACK_ORDER = ("foundations", "transformers", "research")
DIFFICULTY_ORDER = ("easy", "medium", "hard")
DEFAULT_MINUTES = 60


@dataclass(frozen=True)
class Item:
    kind: str  # "review", "new" or "debug"
    problem_id: str
    title: str
    track: str
    difficulty: str
    minutes: int
    why: str
    command: str
    due: float | None = None


@dataclass(frozen=True)
class Queue:
    minutes: int  # the daily budget
    items: list[Item]
    deferred: list[Item] = field(default_factory=list)  # candidates left out by the budget

    @property
    def planned(self) -> int:
        return sum(i.minutes for i in self.items)

    def to_json(self) -> dict:
        return {"minutes": self.minutes, "planned_minutes": self.planned,
                "items": [asdict(i) for i in self.items], "deferred": [asdict(i) for i in self.deferred]}


def study_key(problem) -> tuple:
    """The study path: foundations before transformers before research before the rest; easy before hard."""
    track = TRACK_ORDER.index(problem.track) if problem.track in TRACK_ORDER else len(TRACK_ORDER)
    level = DIFFICULTY_ORDER.index(problem.difficulty) if problem.difficulty in DIFFICULTY_ORDER else 9
    return track, problem.track, level, problem.minutes, problem.id


def debug_minutes(problem) -> int:
    """A fix-the-bug round's clock: half the problem's budget, at least 5 minutes."""
    return max(5, math.ceil(problem.minutes / 2))


def day_bounds(now: float) -> tuple[float, float]:
    """(start, end) of the local day holding `now`, as unix times."""
    start = datetime.fromtimestamp(now).replace(hour=0, minute=0, second=0, microsecond=0)
    return start.timestamp(), (start + timedelta(days=1)).timestamp()


def _item(kind: str, problem, minutes: int, why: str, command: str, due: float | None = None) -> Item:
    return Item(kind, problem.id, problem.title, problem.track, problem.difficulty, minutes, why, command, due)


def candidates(store, problems: dict, now: float, write: bool = True, weak: frozenset = frozenset()) -> list[Item]:
    """Every item today could hold, in queue order, before the budget. New problems of the `weak` tracks (the
    self-assessment's weak skills) come before the rest of the study path."""
    day_start, day_end = day_bounds(now)
    cards = schedule.sync(store, sorted(problems.values(), key=study_key), write=write)
    reviews = sorted((due, pid) for pid, (_, due) in cards.items() if pid in problems and due < day_end)
    items = [_item("review", problems[pid], problems[pid].minutes,
                   "review: overdue" if due < day_start else "review: due today", f"mlkata review {pid}", due)
             for due, pid in reviews]
    items += [_item("new", p, p.minutes, f"new: {p.track}, {p.difficulty}" + (", a weak skill" if p.track in weak
                                                                           else ""), f"mlkata start {p.id}")
              for p in sorted(problems.values(), key=lambda p: (p.track not in weak, study_key(p)))
              if p.id not in cards]
    debug_rounds = store.rounds("debug")
    if not any(r.started_at >= day_start for r in debug_rounds):
        last = {}
        for r in debug_rounds:  # newest first: keep each problem's latest
            last.setdefault(r.problem_id, r.started_at)
        pool = [problems[pid] for pid in cards if pid in problems and problems[pid].mistakes]
        if pool:
            p = min(pool, key=lambda p: (last.get(p.id, -math.inf), study_key(p)))
            items.append(_item("debug", p, debug_minutes(p), "debug: one fix-the-bug round a day",
                               f"mlkata debug {p.id}"))
    return items


def build(store, problems: dict, now: float, minutes: int = DEFAULT_MINUTES, write: bool = True,
          weak: frozenset = frozenset()) -> Queue:
    """Today's queue under a budget of `minutes` (`weak`: tracks whose new problems go first)."""
    if minutes < 1:
        raise MlkataError(f"--minutes must be at least 1, not {minutes}.")
    items, deferred, used, path_blocked = [], [], 0, False
    for item in candidates(store, problems, now, write, weak):
        if used + item.minutes <= minutes and not (item.kind == "new" and path_blocked):
            items.append(item)
            used += item.minutes
        else:
            deferred.append(item)
            path_blocked = path_blocked or item.kind == "new"
    if not items and deferred:
        items.append(deferred.pop(0))
    return Queue(minutes, items, deferred)
