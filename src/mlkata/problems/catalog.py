"""The bank of problems: discovery, lookup by id, and "did you mean" for typos."""

from __future__ import annotations

import difflib
from functools import cache
from pathlib import Path

from mlkata.errors import UnknownProblem
from mlkata.problems.problem import Problem, load_problem

BANK_DIR = Path(__file__).resolve().parent.parent / "bank"
DIFFICULTY_ORDER = {"easy": 0, "medium": 1, "hard": 2}


@cache
def all_problems(bank_dir: Path = BANK_DIR) -> dict[str, Problem]:
    """Every problem folder in the bank, in study order (track, then difficulty, then id)."""
    folders = [p for p in bank_dir.iterdir() if (p / "problem.toml").is_file()]
    problems = [load_problem(folder) for folder in folders]
    problems.sort(key=lambda p: (p.track, DIFFICULTY_ORDER[p.difficulty], p.id))
    return {p.id: p for p in problems}


def get_problem(problem_id: str) -> Problem:
    problems = all_problems()
    if problem_id in problems:
        return problems[problem_id]
    normalised = problem_id.strip().lower().replace("-", "_")
    if normalised in problems:
        return problems[normalised]
    raise UnknownProblem(problem_id, suggest(normalised, list(problems)))


def suggest(word: str, ids: list[str]) -> list[str]:
    """Close spellings, ids containing the word, and initials ("mha" -> multi_head_attention)."""
    found = difflib.get_close_matches(word, ids, n=2, cutoff=0.5)
    found += [pid for pid in ids if word and word in pid]
    found += [pid for pid in ids if word and "".join(part[0] for part in pid.split("_")) == word]
    return list(dict.fromkeys(found))[:3]


def infer_problem_id(path: Path) -> str | None:
    """A file called softmax.py (or softmax_v2.py) belongs to problem softmax."""
    stem = path.stem.lower().replace("-", "_")
    problems = all_problems()
    if stem in problems:
        return stem
    matches = [pid for pid in problems if stem.startswith(pid)]
    return max(matches, key=len) if matches else None
