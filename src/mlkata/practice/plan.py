"""The study plan: ten weeks of goals, daily items and milestone checklists (data: mlkata/study/plan.toml).

A plan is a round of mode "plan" (problem id "plan") whose data holds the start date, the length in weeks
and the items ticked by hand. Starting a new plan ends the old one. Shorter plans (6 or 4 weeks) keep every
item of the ten-week path and compress it: plan week w falls in calendar week ceil(w * weeks / 10), and a
compressed calendar week spreads its items evenly over its seven days.

State of an item or milestone: "done" when ticked, or when it links a bank problem that has passed (evidence);
otherwise "todo" (or "missed" for an item whose day is past). A week's papers count its reading items done
and the paper rounds (`mlkata paper`) submitted that week.
"""

from __future__ import annotations

import math
import tomllib
from dataclasses import asdict, dataclass
from datetime import date, datetime, timedelta
from importlib import resources

from mlkata.errors import MlkataError

MODE = "plan"
ROUND_KEY = "plan"
LENGTHS = (10, 6, 4)
KINDS = ("implementation", "math", "reading", "review")
COUNTED = {"implementation": "implementations", "math": "derivations", "reading": "papers"}


@dataclass(frozen=True)
class Entry:
    """One plan item or milestone, as the data has it."""

    id: str          # w<week>-<n> for items, w<week>-m<n> for milestones
    week: int        # the ten-week plan's week, 1..10
    day: int         # 1..7 within the week (milestones: 7)
    kind: str        # an item kind, or "milestone"
    text: str
    problem: str | None = None


@dataclass(frozen=True)
class Week:
    number: int
    goal: str
    targets: dict[str, int]
    items: list[Entry]
    milestones: list[Entry]


def load() -> list[Week]:
    """The ten-week plan from package data."""
    raw = tomllib.loads(resources.files("mlkata.study").joinpath("plan.toml").read_text(encoding="utf-8"))
    weeks = []
    for w, week in enumerate(raw["weeks"], 1):
        items = [Entry(f"w{w}-{n}", w, it["day"], it["kind"], it["text"], it.get("problem"))
                 for n, it in enumerate(week["items"], 1)]
        milestones = [Entry(f"w{w}-m{n}", w, 7, "milestone", m["text"], m.get("problem"))
                      for n, m in enumerate(week["milestones"], 1)]
        weeks.append(Week(w, week["goal"], dict(week["targets"]), items, milestones))
    return weeks


def entries(weeks: list[Week]) -> dict[str, Entry]:
    return {e.id: e for w in weeks for e in (*w.items, *w.milestones)}


def calendar_week(plan_week: int, length: int, total: int = 10) -> int:
    """The calendar week (1-based) that plan week `plan_week` falls in, for a plan of `length` weeks."""
    return math.ceil(plan_week * length / total)


def schedule(weeks: list[Week], length: int) -> list[dict]:
    """The plan laid out over `length` calendar weeks: each with its goals, items (with their day) and milestones."""
    if length not in LENGTHS:
        raise MlkataError(f"--weeks must be one of {', '.join(map(str, LENGTHS))}, not {length}.")
    out = [{"week": n, "goals": [], "items": [], "milestones": [],
            "targets": dict.fromkeys(COUNTED.values(), 0)} for n in range(1, length + 1)]
    for week in weeks:
        slot = out[calendar_week(week.number, length, len(weeks)) - 1]
        slot["goals"].append(week.goal)
        slot["items"] += week.items
        slot["milestones"] += week.milestones
        for key, n in week.targets.items():
            slot["targets"][key] = slot["targets"].get(key, 0) + n
    for slot in out:
        items = slot["items"]
        if length == len(weeks):
            slot["items"] = [(e.day, e) for e in items]
        else:  # spread the merged weeks' items evenly over the seven days, in order
            slot["items"] = [(i * 7 // len(items) + 1, e) for i, e in enumerate(items)]
    return out


def current(store):
    """The plan's open round, or None."""
    rounds = store.rounds(MODE, open_only=True)
    return rounds[0] if rounds else None


def start(store, start_date: date, length: int = 10) -> dict:
    """Start a plan on `start_date` (ending any open plan)."""
    if length not in LENGTHS:
        raise MlkataError(f"--weeks must be one of {', '.join(map(str, LENGTHS))}, not {length}.")
    old = current(store)
    if old is not None:
        store.end_round(old.round_id, ROUND_KEY, "replaced", {})
    data = {"start": start_date.isoformat(), "weeks": length, "done": {}}
    round_id = store.start_round(MODE, ROUND_KEY, data)
    return {"round_id": round_id, **data, "replaced": old.round_id if old else None}


def _require(store):
    rnd = current(store)
    if rnd is None:
        raise MlkataError("No plan yet: `mlkata plan start` begins the ten-week plan today.")
    return rnd


def tick(store, item_id: str, at: float, undo: bool = False) -> dict:
    """Mark a plan item or milestone done by hand (or undo it)."""
    rnd = _require(store)
    known = entries(load())
    if item_id not in known:
        raise MlkataError(f"No plan item {item_id!r}: ids look like w1-3 (an item) or w1-m2 (a milestone); "
                          "`mlkata plan --json` lists them.")
    done = dict(rnd.data.get("done", {}))
    if undo:
        done.pop(item_id, None)
    else:
        done.setdefault(item_id, at)
    store.update_round(rnd.round_id, ROUND_KEY, {"done": done})
    return {"id": item_id, "text": known[item_id].text, "done": not undo}


def _passed(store) -> set[str]:
    return {pid for pid, s in store.summary().items() if s.solved}


def _read_in(rounds, lo: float, hi: float) -> int:
    """Paper rounds submitted (outcome "read", see mlkata.practice.paper) between two times."""
    return sum(1 for r in rounds if r.outcome == "read" and lo <= r.ended_at < hi)


def _at(d: date) -> float:
    return datetime(d.year, d.month, d.day).timestamp()


def view(store, today: date) -> dict:
    """The open plan with every item's state, this week, today's items and the practice counts."""
    rnd = _require(store)
    begin, length = date.fromisoformat(rnd.data["start"]), int(rnd.data["weeks"])
    ticked, passed = rnd.data.get("done", {}), _passed(store)
    papers = store.rounds("paper")
    offset = (today - begin).days
    this_week = min(max(offset // 7 + 1, 1), length) if offset >= 0 else None

    def state(e: Entry, when: date) -> tuple[str, str | None]:
        if e.id in ticked:
            return "done", "ticked"
        if e.problem is not None and e.problem in passed:
            return "done", f"{e.problem} passed"
        return ("missed" if when < today and e.kind != "milestone" else "todo"), None

    weeks = []
    for slot in schedule(load(), length):
        first = begin + timedelta(days=7 * (slot["week"] - 1))
        items = []
        for day, e in slot["items"]:
            when = first + timedelta(days=day - 1)
            st, why = state(e, when)
            items.append(asdict(e) | {"date": when.isoformat(), "state": st, "evidence": why})
        milestones = [asdict(e) | dict(zip(("state", "evidence"), state(e, first + timedelta(days=6)), strict=True))
                      for e in slot["milestones"]]
        counts = {key: sum(1 for i in items if COUNTED.get(i["kind"]) == key and i["state"] == "done")
                  for key in COUNTED.values()}
        counts["papers"] += _read_in(papers, _at(first), _at(first + timedelta(days=7)))
        weeks.append({"week": slot["week"], "start": first.isoformat(), "goals": slot["goals"],
                      "items": items, "milestones": milestones, "targets": slot["targets"], "done": counts,
                      "milestones_done": sum(m["state"] == "done" for m in milestones)})
    todays = [i for w in weeks for i in w["items"] if i["date"] == today.isoformat()]
    return {"round_id": rnd.round_id, "start": begin.isoformat(), "length": length,
            "end": (begin + timedelta(days=7 * length - 1)).isoformat(), "today": today.isoformat(),
            "week": this_week, "started": offset >= 0, "finished": offset >= 7 * length,
            "today_items": todays, "weeks": weeks}


def today_items(store, today: date) -> list[dict]:
    """Today's plan items (none without a plan): what `mlkata today` adds to its queue."""
    if current(store) is None:
        return []
    return view(store, today)["today_items"]
