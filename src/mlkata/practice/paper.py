"""Paper rounds: the reading list (study/papers.toml), a clocked summary in five parts, a self-grade per part.

A round is stored as mode "paper" under problem id "paper:<id>"; a submitted round ends with outcome "read"."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path

from mlkata.errors import MlkataError

MODE = "paper"
PREFIX = "paper:"
PARTS = ("problem", "contribution", "experiments", "limitations", "extensions")
LEVELS = ("strong", "lean", "no_hire")
CATEGORIES = ("foundational", "modern", "specialised")


@dataclass(frozen=True)
class Paper:
    id: str
    title: str
    authors: str
    year: int
    category: str
    why: str
    focus: str

    def to_json(self) -> dict:
        return {"id": self.id, "title": self.title, "authors": self.authors, "year": self.year,
                "category": self.category, "why": self.why, "focus": self.focus}


@cache
def _data() -> dict:
    text = resources.files("mlkata.study").joinpath("papers.toml").read_text(encoding="utf-8")
    return tomllib.loads(text)


def minutes() -> int:
    return int(_data()["minutes"])


def parts() -> dict[str, dict]:
    """Part name -> {title, prompt, strong}, in discussion order."""
    return {name: dict(_data()["parts"][name]) for name in PARTS}


def papers() -> list[Paper]:
    return [Paper(**entry) for entry in _data()["papers"]]


def get_paper(paper_id: str) -> Paper:
    for paper in papers():
        if paper.id == paper_id:
            return paper
    raise MlkataError(f"No paper {paper_id!r} on the reading list (see `mlkata paper --list`).")


def template(paper: Paper) -> str:
    """The summary file a round starts from: a heading and a prompt per part, room to write below each."""
    lines = [f"# {paper.title} ({paper.authors}, {paper.year})", "",
             f"<!-- {minutes()} minutes. Write under each heading; `mlkata paper submit` when done. -->", ""]
    for part in parts().values():
        lines += [f"## {part['title']}", f"<!-- {part['prompt']} -->", "", ""]
    return "\n".join(lines)


def sections(text: str) -> dict[str, str]:
    """What the summary says under each part's heading (comments dropped); a part without a heading is ""."""
    text = re.sub(r"<!--.*?-->", "", text, flags=re.S)
    titles = {part["title"].lower(): name for name, part in parts().items()}
    found = {name: "" for name in PARTS}
    current = None
    for line in text.splitlines():
        heading = re.match(r"^#{1,6}\s*(.+?)\s*:?\s*$", line)
        if heading:
            current = titles.get(heading.group(1).lower())
            continue
        if current is not None:
            found[current] += line + "\n"
    return {name: body.strip() for name, body in found.items()}


def parse_grades(items: list[str]) -> dict[str, str]:
    """`part=level` pairs -> {part: level}; levels may be strong, lean, no_hire (or no-hire)."""
    grades: dict[str, str] = {}
    for item in items:
        part, sep, level = item.partition("=")
        part, level = part.strip().lower(), level.strip().lower().replace("-", "_").replace(" ", "_")
        if not sep or part not in PARTS or level not in LEVELS:
            raise MlkataError(f"Bad grade {item!r}: write part=level with part one of {', '.join(PARTS)} "
                              f"and level one of {', '.join(LEVELS)}.")
        grades[part] = level
    return grades


def overall(grades: dict[str, str]) -> str:
    """The round's self-grade: the weakest part's level."""
    return max(grades.values(), key=LEVELS.index)


def open_round(store):
    rounds = store.rounds(mode=MODE, open_only=True)
    return rounds[0] if rounds else None


def start(store, paper: Paper, workspace: Path) -> str:
    """Write <workspace>/papers/<id>.md (an earlier one kept as .md.old) and open the round; returns its id."""
    current = open_round(store)
    if current is not None:
        raise MlkataError(f"A paper round on {current.data['paper']} is open: submit it with `mlkata paper submit`, "
                          "or end it with `mlkata paper --abandon`.")
    path = workspace / "papers" / f"{paper.id}.md"
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        if path.exists():
            path.replace(path.with_name(path.name + ".old"))
        path.write_text(template(paper), encoding="utf-8")
    except OSError as exc:
        raise MlkataError(f"Could not write {path}: {exc.strerror or exc}. No round was started.") from None
    return store.start_round(MODE, PREFIX + paper.id, {"paper": paper.id, "path": str(path), "minutes": minutes()})


def submit(store, rnd, grades: dict[str, str]) -> dict:
    """Record the summary and the self-grade (every part graded) and end the round; returns the result."""
    missing = [part for part in PARTS if part not in grades]
    if missing:
        raise MlkataError(f"Grade every part: missing {', '.join(missing)} (e.g. --grade {missing[0]}=lean).")
    path = Path(rnd.data["path"])
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise MlkataError(f"Could not read {path}: {exc.strerror or exc}. Nothing was recorded.") from None
    written = sections(text)
    grade = overall(grades)
    store.end_round(rnd.round_id, rnd.problem_id, "read",
                    {"summary": text, "grades": grades, "grade": grade,
                     "blank": [part for part in PARTS if not written[part]]})
    return result(store.round(rnd.round_id))


def result(rnd) -> dict:
    """A round as data: the paper, the clock, and for a submitted one its grades and what strong answers cover."""
    data = rnd.data
    out = {"round_id": rnd.round_id, "paper": data["paper"], "path": data["path"], "minutes": data["minutes"],
           "started_at": rnd.started_at, "ended_at": rnd.ended_at, "outcome": rnd.outcome}
    if rnd.ended_at is not None:
        seconds = rnd.ended_at - rnd.started_at
        out.update(seconds=round(seconds, 1), over_time=seconds > data["minutes"] * 60)
    if rnd.outcome == "read":
        out.update(grade=data["grade"], grades=data["grades"], blank=data["blank"],
                   strong={name: part["strong"] for name, part in parts().items()})
    return out


def read(store) -> list[dict]:
    """Submitted rounds, newest first: paper, when, self-grade."""
    return [{"paper": r.data["paper"], "round_id": r.round_id, "ended_at": r.ended_at, "grade": r.data["grade"],
             "grades": r.data["grades"]}
            for r in store.rounds(mode=MODE) if r.outcome == "read"]


def papers_read(store) -> int:
    """How many distinct papers have a submitted summary (for the plan's counts)."""
    return len({entry["paper"] for entry in read(store)})
