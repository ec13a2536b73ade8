"""Experiment-design rounds: a prompt from study/design.toml, a 15-minute clock, an answer file in six parts,
then the rubric, which the user marks part by part and principle by principle. The CLI prints; this returns data."""

from __future__ import annotations

import re
import tomllib
from functools import cache
from pathlib import Path

from mlkata.errors import MlkataError

DATA_PATH = Path(__file__).resolve().parent.parent / "study" / "design.toml"
MODE = "design"
LEVELS = {"strong": 2, "lean": 1, "no_hire": 0}  # a mark's points
ALIASES = {"s": "strong", "l": "lean", "n": "no_hire", "no": "no_hire", "no-hire": "no_hire", "no hire": "no_hire"}
VERDICTS = ((0.8, "Strong Hire"), (0.6, "Lean Hire"), (0.4, "Lean No Hire"), (0.0, "No Hire"))  # share of points


@cache
def load(path: Path = DATA_PATH) -> dict:
    return tomllib.loads(path.read_text(encoding="utf-8"))


def prompts() -> list[dict]:
    return list(load()["prompts"])


def parts() -> list[dict]:
    return list(load()["parts"])


def principles() -> list[dict]:
    return list(load()["principles"])


def minutes() -> float:
    return float(load()["minutes"])


def prompt(prompt_id: str) -> dict:
    for p in prompts():
        if p["id"] == prompt_id:
            return p
    known = ", ".join(p["id"] for p in prompts())
    raise MlkataError(f"No design prompt {prompt_id!r}. Known prompts: {known}.")


def criteria() -> list[dict]:
    """What the user marks: the six parts, then the principles (each: id, title, kind)."""
    return ([{"id": p["id"], "title": p["title"], "kind": "part"} for p in parts()]
            + [{"id": p["id"], "title": p["title"], "kind": "principle"} for p in principles()])


def rubric() -> dict:
    return {"parts": parts(), "principles": principles()}


def template(p: dict) -> str:
    """The answer file: the prompt, then one heading per part to write under."""
    lines = [f"# {p['title']}", "", f"> {p['prompt']}", ""]
    for part in parts():
        lines += [f"## {part['title']}", "", ""]
    return "\n".join(lines)


def sections(text: str) -> dict[str, str]:
    """The answer's text under each part's heading (a missing heading: empty)."""
    titles = {part["title"].lower(): part["id"] for part in parts()}
    found, current = {part["id"]: [] for part in parts()}, None
    for line in text.splitlines():
        heading = re.match(r"^#{2,}\s*(.+?)\s*$", line)
        if heading:
            current = titles.get(heading.group(1).lower())
        elif current is not None:
            found[current].append(line)
    return {key: "\n".join(lines).strip() for key, lines in found.items()}


def answer_path(workspace: Path, prompt_id: str) -> Path:
    return workspace / "design" / f"{prompt_id}.md"


def open_round(store):
    rounds = store.rounds(mode=MODE, open_only=True)
    return rounds[0] if rounds else None


def next_prompt(store) -> dict:
    """The first prompt never attempted, else the one attempted longest ago."""
    last: dict[str, float] = {}
    for r in store.rounds(mode=MODE):
        pid = r.problem_id.removeprefix("design:")
        last[pid] = max(last.get(pid, 0.0), r.started_at)
    return min(prompts(), key=lambda p: (p["id"] in last, last.get(p["id"], 0.0)))


def start(store, prompt_id: str | None, workspace: Path, at: float) -> dict:
    """Open a design round and write its answer file (an existing file is kept, never overwritten)."""
    if open_round(store) is not None:
        raise MlkataError("A design round is already open: hand it in with `mlkata design submit`.")
    p = prompt(prompt_id) if prompt_id else next_prompt(store)
    path = answer_path(workspace, p["id"])
    kept = path.exists()
    if not kept:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(template(p), encoding="utf-8")
    budget = minutes() * 60
    state = {"prompt": p["id"], "path": str(path), "minutes": minutes(), "deadline": at + budget}
    round_id = store.start_round(MODE, f"design:{p['id']}", state)
    return {"round": round_id, **state, "title": p["title"], "text": p["prompt"], "area": p["area"],
            "kept_existing_file": kept, "parts": [part["title"] for part in parts()]}


def parse_marks(marks: list[str]) -> dict[str, str]:
    """`part=level` options into {criterion id: level}; unknown names or levels are usage errors."""
    known = {c["id"] for c in criteria()}
    out: dict[str, str] = {}
    for mark in marks:
        name, sep, level = mark.partition("=")
        name, level = name.strip().lower(), ALIASES.get(level.strip().lower(), level.strip().lower())
        if not sep or name not in known:
            raise MlkataError(f"Bad --mark {mark!r}: use CRITERION=strong|lean|no_hire with a criterion "
                              f"among {', '.join(sorted(known))}.")
        if level not in LEVELS:
            raise MlkataError(f"Bad --mark {mark!r}: the level is strong, lean or no_hire.")
        out[name] = level
    return out


def verdict(marks: dict[str, str]) -> dict:
    """Points over every criterion (unmarked ones score nothing); no marks at all: no verdict."""
    if not marks:
        return {"verdict": "Unmarked", "score": None}
    score = sum(LEVELS[level] for level in marks.values()) / (2 * len(criteria()))
    return {"verdict": next(name for floor, name in VERDICTS if score >= floor), "score": round(score, 3)}


def submit(store, rnd, marks: dict[str, str], at: float) -> dict:
    """End the round: the answer text, its parts left empty, the marks and the verdict are recorded."""
    path = Path(rnd.data["path"])
    text = path.read_text(encoding="utf-8", errors="replace") if path.exists() else ""
    filled = sections(text)
    seconds = at - rnd.started_at
    result = {
        "round": rnd.round_id, "prompt": rnd.data["prompt"], "path": str(path), "answer": text,
        "seconds_used": round(seconds, 1), "over_time": at > rnd.data["deadline"],
        "empty_parts": [key for key, body in filled.items() if not body],
        "marks": {c["id"]: marks.get(c["id"]) for c in criteria()}, **verdict(marks),
    }
    store.end_round(rnd.round_id, rnd.problem_id, result["verdict"], result)
    return result


def history(store) -> list[dict]:
    """Finished design rounds, newest first."""
    return [{"round": r.round_id, "prompt": r.data.get("prompt"), "started_at": r.started_at,
             "ended_at": r.ended_at, "verdict": r.outcome, "score": r.data.get("score"),
             "seconds_used": r.data.get("seconds_used")}
            for r in store.rounds(mode=MODE) if not r.open]
