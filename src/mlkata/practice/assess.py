"""Self-assessment: seven skills rated 1-5 against their descriptions (data: mlkata/study/assess.toml).

Each assessment is a round of mode "assess" (problem id "assess"), started and ended at once, whose data
holds the ratings given. A skill's rating is its latest; the history keeps every assessment. Beside each
skill stands what mlkata measured: problems solved in its tracks and practice rounds ended in its modes (not
abandoned).
A skill rated 2 or lower is weak: `mlkata today` puts new problems of its tracks first.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from importlib import resources

from mlkata.errors import MlkataError

MODE = "assess"
ROUND_KEY = "assess"
LEVELS = range(1, 6)
WEAK = 2  # a rating at or below this marks a weak skill


@dataclass(frozen=True)
class Skill:
    id: str
    name: str
    levels: dict[int, str]  # 1, 3 and 5 described; 2 and 4 lie between
    tracks: tuple[str, ...]
    modes: tuple[str, ...]


def load() -> list[Skill]:
    """The seven skills from package data."""
    raw = tomllib.loads(resources.files("mlkata.study").joinpath("assess.toml").read_text(encoding="utf-8"))
    return [Skill(s["id"], s["name"], {int(k): v for k, v in s["levels"].items()},
                  tuple(s["evidence"]["tracks"]), tuple(s["evidence"]["modes"])) for s in raw["skills"]]


def parse(pairs: list[str], skills: list[Skill]) -> dict[str, int]:
    """Ratings from `skill=N` pairs (a skill named by id or by the start of its name)."""
    out = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        key = key.strip().lower()
        match = [s for s in skills if s.id == key] or [s for s in skills if s.name.lower().startswith(key)]
        if not sep or len(match) != 1:
            ids = ", ".join(s.id for s in skills)
            raise MlkataError(f"Rate a skill as SKILL=N with SKILL one of {ids}, not {pair!r}.")
        try:
            level = int(value)
        except ValueError:
            level = 0
        if level not in LEVELS:
            raise MlkataError(f"A rating is a whole number from 1 to 5, not {value.strip()!r} ({match[0].id}).")
        out[match[0].id] = level
    return out


def record(store, ratings: dict[str, int]) -> str:
    """Store one assessment; returns its round id."""
    if not ratings:
        raise MlkataError("Nothing to record: rate at least one skill (--rate math=3).")
    round_id = store.start_round(MODE, ROUND_KEY, {"ratings": ratings})
    store.end_round(round_id, ROUND_KEY, "recorded", {})
    return round_id


def history(store) -> list[dict]:
    """Every assessment, oldest first: {round_id, at, ratings}."""
    rows = sorted(store.rounds(MODE), key=lambda r: r.started_at)
    return [{"round_id": r.round_id, "at": r.started_at, "ratings": r.data.get("ratings", {})} for r in rows]


def latest(store) -> dict[str, int]:
    """Each skill's latest rating."""
    out: dict[str, int] = {}
    for entry in history(store):
        out |= entry["ratings"]
    return out


def evidence(store, skill: Skill, problems: dict) -> dict:
    """What mlkata measured for a skill: problems solved in its tracks, practice rounds ended in its modes."""
    summary = store.summary()
    pool = [p.id for p in problems.values() if p.track in skill.tracks]
    solved = sum(1 for pid in pool if pid in summary and summary[pid].solved)
    rounds = {m: sum(1 for r in store.rounds(m) if r.ended_at is not None and r.outcome != "abandoned")
              for m in skill.modes}
    return {"tracks": list(skill.tracks), "problems": len(pool), "solved": solved, "rounds": rounds}


def table(store, problems: dict) -> dict:
    """The skills with their descriptions, latest rating, rating history and measured evidence."""
    skills, past = load(), history(store)
    now = latest(store)
    rows = [{"id": s.id, "name": s.name, "levels": {str(k): v for k, v in s.levels.items()},
             "rating": now.get(s.id), "weak": now.get(s.id, WEAK + 1) <= WEAK,
             "history": [{"at": h["at"], "rating": h["ratings"][s.id]} for h in past if s.id in h["ratings"]],
             "evidence": evidence(store, s, problems)} for s in skills]
    return {"skills": rows, "assessments": len(past)}


def weak_tracks(store) -> set[str]:
    """The tracks of the skills last rated weak (what weights `mlkata today`)."""
    now = latest(store)
    return {t for s in load() if now.get(s.id, WEAK + 1) <= WEAK for t in s.tracks}
