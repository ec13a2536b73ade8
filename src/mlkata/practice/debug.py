"""Fix-the-bug rounds: the model answer with 1-3 catalogued mistakes injected together.

Composition. A round injects mistakes of distinct families whose edits compose: applied one after the
other to the model answer, in catalogue order and in reverse, every edit finds its text exactly once and
both orders give the same file. A composition is *valid* when the composed file fails some check and
every injected bug has checks of its own: checks that fail exactly when that bug is in, whichever of the
other injected bugs are fixed (judged on every subset of the bugs). So removing any one bug changes the
outcome, and every bug matters. A mistake whose behaviour depends on the global random state (it ignores
the rng it is given) is never injected: its checks pass or fail by chance. Candidates are drawn in an
order fixed by a seed: same seed, same round.

Remaining bugs (`remaining`). An injected bug counts as fixed when none of its own checks fails any
more; it remains while at least one does. Its own checks fail when it is in and pass when it is out,
whatever else is fixed, so the count is right after any partial fix: a fix of another bug never makes
it look fixed, and any fix of it, whatever the spelling, does. The rule reads only which checks pass,
so it works on the sandbox's report. A new bug that breaks one of those checks keeps the bug counted
(the note still says which checks fail).

The round is solved on the first check where every check passes, whatever the fix.
"""

from __future__ import annotations

import contextlib
import itertools
import pickle
import random
import sys
import time
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path

import numpy as np

from mlkata.errors import MlkataError
from mlkata.judge import compare, diagnose, local
from mlkata.problems.catalog import all_problems, get_problem
from mlkata.problems.problem import Mistake, Problem

MODE = "debug"
MAX_BUGS = 3
MAX_TRIES = 100  # composable candidates judged before trying fewer bugs


@dataclass
class Round:
    """A composed fix-the-bug round, as plain data (stored as the round's state)."""

    problem: str
    seed: int
    bugs: list[str]                # the injected mistake ids, in catalogue order
    source: str                    # the buggy file handed to the user
    failing: list[str]             # checks the composed file fails, in check order
    own: dict[str, list[str]]      # bug -> the checks that pass once only that bug is taken out
    symptoms: dict[str, str]       # failing check -> how it fails: nan, shape, value, raises X, ...
    story: str = ""
    minutes: int = 0
    path: str = ""
    hinted: list[str] = field(default_factory=list)

    def to_data(self) -> dict:
        return asdict(self)


def injectable(problem: Problem) -> list[Mistake]:
    """The catalogued mistakes written as edits of the model answer (those a round can inject)."""
    return [m for m in problem.mistakes if m.edits]


def _apply(source: str, edits: Iterable[tuple[str, str]]) -> str | None:
    for old, new in edits:
        if source.count(old) != 1:
            return None
        source = source.replace(old, new)
    return source


def compose(problem: Problem, bug_ids: Sequence[str]) -> str | None:
    """The model answer with these mistakes' edits applied, or None when their edits do not compose."""
    bugs = [problem.mistake(b) for b in bug_ids]
    forward = _apply(problem.solution, [e for m in bugs for e in m.edits])
    backward = _apply(problem.solution, [e for m in reversed(bugs) for e in m.edits])
    return forward if forward is not None and forward == backward else None


class Trial:
    """Judges trusted compositions of one problem in this process, against the accepted references,
    as the engine does (the closest reference decides). Results are kept by set of bugs."""

    def __init__(self, problem: Problem):
        self.problem = problem
        self.references = [local.run_local(problem, name, src) for name, src in problem.references]
        self.comparators = []  # one (check, comparator) per case, in outcome order
        for check in problem.checks:
            fn = compare.resolve(check.compare, problem)
            self.comparators += [(check, fn)] * len(check.cases)
        self._failing: dict[frozenset, dict[str, str] | None] = {frozenset(): {}}
        self._rounds: dict[frozenset, Round | None] = {}
        self._steady: dict[str, bool] = {}

    def _agree(self, i: int):
        check, fn = self.comparators[i]
        return lambda got, exp: fn(got, exp, **check.options) is None

    def symptoms(self, source: str) -> dict[str, str]:
        """The checks this source fails, each with the kind of its first failure."""
        outcomes = local.run_local(self.problem, "debug-round", source)
        agree = [self._agree(i) for i in range(len(outcomes))]
        fails = [diagnose.failures(outcomes, ref, agree) for ref in self.references]
        best = min(range(len(fails)), key=lambda r: sum(fails[r]))
        found: dict[str, str] = {}
        for i, bad in enumerate(fails[best]):
            check, fn = self.comparators[i]
            if bad and check.name not in found:
                found[check.name] = _kind(outcomes[i], self.references[best][i], fn, check.options)
        return found

    def failing(self, bugs: frozenset[str]) -> dict[str, str] | None:
        """Symptoms of the composition of these bugs (None: they do not compose)."""
        if bugs not in self._failing:
            source = compose(self.problem, sorted(bugs, key=self._order))
            self._failing[bugs] = None if source is None else self.symptoms(source)
        return self._failing[bugs]

    def steady(self, bug: str) -> bool:
        """Whether the mistake behaves the same whatever the global random state (`ignores-rng` does not:
        its checks would pass or fail by chance, so no count of remaining bugs could be trusted)."""
        if bug not in self._steady:
            source = compose(self.problem, [bug])
            runs = []
            for seed in (1, 2):
                with _reseeded(seed):
                    runs.append(local.run_local(self.problem, "debug-round", source))
            self._steady[bug] = all(map(_identical, *runs))
        return self._steady[bug]

    def _order(self, bug: str) -> int:
        return [m.id for m in self.problem.mistakes].index(bug)

    def validate(self, bug_ids: Sequence[str], seed: int = 0) -> Round | None:
        """The round these bugs make, or None when it is not valid (see the module docstring)."""
        key = frozenset(bug_ids)
        if key not in self._rounds:
            self._rounds[key] = self._validate(bug_ids)
        rnd = self._rounds[key]
        return None if rnd is None else replace(rnd, seed=seed)

    def _validate(self, bug_ids: Sequence[str]) -> Round | None:
        bugs = sorted(bug_ids, key=self._order)
        families = [self.problem.mistake(b).family for b in bugs]
        if not bugs or len(set(families)) != len(bugs) or len(set(bugs)) != len(bugs):
            return None
        if len(bugs) == 1 and not self.steady(bugs[0]):  # larger sets: through their subsets
            return None
        # validity passes to subsets (restrict the subsets judged below), so a set with an invalid
        # part is rejected before its own, costlier runs
        if len(bugs) > 1 and not all(self.validate(c) for c in itertools.combinations(bugs, len(bugs) - 1)):
            return None
        every = self.failing(frozenset(bugs))
        if not every:
            return None
        for bug in bugs:  # cheap rejection first: taking out one bug must let some failing check pass
            rest = self.failing(frozenset(bugs) - {bug})
            if rest is None or not set(every) - set(rest):
                return None
        subsets = [frozenset(c) for n in range(1, len(bugs) + 1) for c in itertools.combinations(bugs, n)]
        failing = {s: self.failing(s) for s in subsets}
        if any(f is None for f in failing.values()):
            return None
        # a bug's own checks fail exactly when it is in, whichever of the other bugs are fixed
        own = {b: [c for c in every if all((c in failing[s]) == (b in s) for s in subsets)] for b in bugs}
        if not all(own.values()):
            return None
        order = [c.name for c in self.problem.checks]
        failed = sorted(every, key=order.index)
        return Round(self.problem.id, 0, bugs, compose(self.problem, bugs), failed, own, {c: every[c] for c in failed})


def _identical(a: local.Outcome, b: local.Outcome) -> bool:
    """Two outcomes are the same bit for bit (a comparator's tolerance would hide a random draw)."""
    if not (a.ok and b.ok):
        return a.ok == b.ok and a.error["type"] == b.error["type"]
    try:
        return pickle.dumps(a.value) == pickle.dumps(b.value)
    except Exception:  # noqa: BLE001 - a value pickle cannot take: compare what it shows
        return repr(a.value) == repr(b.value)


@contextlib.contextmanager
def _reseeded(seed: int):
    """Seed the global generators (random, numpy, torch if loaded) for a while, then put their state back."""
    saved = random.getstate(), np.random.get_state()
    torch = sys.modules.get("torch")
    torch_saved = torch.random.get_rng_state() if torch is not None else None
    random.seed(seed)
    np.random.seed(seed)
    if torch is not None:
        torch.manual_seed(seed)
    try:
        yield
    finally:
        random.setstate(saved[0])
        np.random.set_state(saved[1])
        if torch is not None:
            torch.random.set_rng_state(torch_saved)


def _kind(got: local.Outcome, expected: local.Outcome, fn, options: dict) -> str:
    if not got.ok:
        return f"raises {got.error['type']}"
    if not expected.ok:
        return "does not raise"
    mismatch = fn(got.value, expected.value, **options)
    return mismatch.kind if mismatch is not None else "value"


def candidates(problem: Problem, size: int, seed: int) -> list[tuple[str, ...]]:
    """Every set of `size` injectable mistakes of distinct families whose edits compose, in the seed's order."""
    ids = [m.id for m in injectable(problem)]
    family = {m.id: m.family for m in problem.mistakes}
    combos = [c for c in itertools.combinations(ids, size)
              if len({family[b] for b in c}) == size and compose(problem, c) is not None]
    random.Random(f"{problem.id}:{seed}:{size}").shuffle(combos)
    return combos


def build(problem: Problem, seed: int = 0, bugs: int | None = None, trial: Trial | None = None) -> Round:
    """A valid round for the problem, drawn from the seed: `bugs` injected (default 2 or 3, as the
    seed says), fewer when no valid composition of that size turns up."""
    if bugs is not None and not 1 <= bugs <= MAX_BUGS:
        raise MlkataError(f"A debug round injects 1 to {MAX_BUGS} bugs, not {bugs}.")
    trial = trial or Trial(problem)
    first = bugs if bugs is not None else random.Random(f"{problem.id}:{seed}").choice((2, 3))
    for size in range(first, 0, -1):
        for combo in candidates(problem, size, seed)[:MAX_TRIES]:
            rnd = trial.validate(combo, seed)
            if rnd is not None:
                rnd.story = story(problem, rnd)
                rnd.minutes = max(5, (problem.minutes + 1) // 2)
                return rnd
    raise MlkataError(f"{problem.id} has no valid fix-the-bug round (no catalogued mistake fails a check alone).")


KIND_WORDS = {
    "nan": "NaN or inf where the reference is finite",
    "shape": "an output of the wrong shape",
    "dtype": "an output of the wrong dtype",
    "type": "an output of the wrong type",
    "none": "None instead of a result",
    "structure": "an output of the wrong structure",
    "value": "wrong values",
    "does not raise": "no error where one is required",
}


def story(problem: Problem, rnd: Round) -> str:
    """A short, bug-free account of the symptoms: which checks fail and how."""
    by_kind: dict[str, list[str]] = {}
    for check, kind in rnd.symptoms.items():
        by_kind.setdefault(kind, []).append(check)
    parts = []
    for kind, checks in by_kind.items():
        what = KIND_WORDS.get(kind, f"it {kind}" if kind.startswith("raises") else kind)
        parts.append(f"{what} on {_names(checks)}")
    n = len(rnd.bugs)
    return (f"Handed over by a teammate: {problem.title}. It passes code review but breaks in testing: "
            f"{'; '.join(parts)}. There {'is one bug' if n == 1 else f'are {n} bugs'} in it. "
            f"Find and fix {'it' if n == 1 else 'them'}: every check must pass.")


def _names(checks: Sequence[str], most: int = 3) -> str:
    quoted = [f"'{c}'" for c in checks[:most]]
    if len(checks) > most:
        quoted.append(f"{len(checks) - most} more")
    return quoted[0] if len(quoted) == 1 else ", ".join(quoted[:-1]) + " and " + quoted[-1]


# -- the round's state ----------------------------------------------------------------------------------
def remaining(rnd_data: dict, failing_checks: Iterable[str]) -> list[str]:
    """The injected bugs still in a file that fails these checks: those with an own check failing."""
    failing = set(failing_checks)
    return [b for b in rnd_data["bugs"] if failing & set(rnd_data["own"][b])]


def open_round(store, problem_id: str | None = None):
    """The open debug round (of this problem, if given), or None."""
    rounds = [r for r in store.rounds(mode=MODE, open_only=True) if problem_id in (None, r.problem_id)]
    return rounds[0] if rounds else None


def elapsed(rnd) -> float:
    return time.time() - rnd.started_at


def draw(store, past, seed: int) -> Problem:
    """A problem for a round: one you solved and have not debugged yet, else any not debugged, else any;
    never the last one debugged (`past`: the earlier rounds, newest first)."""
    ids = sorted(all_problems())
    done = {r.problem_id for r in past}
    last = past[0].problem_id if past else None
    pools = ([p for p in ids if store.solved(p) and p not in done], [p for p in ids if p not in done], ids)
    pool = next(pool for pool in pools if [p for p in pool if p != last])
    return get_problem(random.Random(seed).choice([p for p in pool if p != last]))


def start(store, rnd: Round, path: Path):
    """Write the round's buggy file to `path` (an earlier round's file is kept beside it as <id>.py.old),
    then open the round; returns the stored round."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        if path.exists():
            path.replace(path.with_name(path.name + ".old"))
        path.write_text(rnd.source, encoding="utf-8")
    except OSError as exc:
        raise MlkataError(f"Could not write {path}: {exc.strerror or exc}. No round was started.") from None
    rnd.path = str(path)
    return store.round(store.start_round(MODE, rnd.problem, rnd.to_data()))


def abandon(store, rnd):
    """End the open round unsolved; returns the stored round."""
    store.end_round(rnd.round_id, rnd.problem_id, "abandoned", {"seconds": elapsed(rnd)})
    return store.round(rnd.round_id)


def summary(rnd, state: str) -> dict:
    """What a face shows of a round: never the injected bugs' names, except those a hint named."""
    data = rnd.data
    left = data.get("remaining", data["bugs"])
    return {
        "round_id": rnd.round_id, "problem": rnd.problem_id, "state": state, "path": data["path"],
        "story": data["story"], "bugs": len(data["bugs"]), "remaining": len(left),
        "failing": data.get("last_failing", data["failing"]), "minutes": data["minutes"],
        "elapsed_seconds": round(elapsed(rnd), 1), "seed": data["seed"],
        "hints_named": [get_problem(rnd.problem_id).mistake(b).title for b in data.get("hinted", [])],
    }


def check_notes(store, rnd, problem: Problem, report, path: Path) -> list[str]:
    """After a check: solved (the round ends), or how many injected bugs remain and which checks fail.

    While the round is open, the report's named mistakes are withheld (emptied in place, before any face
    renders it): finding the bugs is the exercise, and `mlkata hint` names them one at a time."""
    data = rnd.data
    if data.get("path") and Path(path).resolve() != Path(data["path"]).resolve():
        return [f"Debug round: this file is not the round's file ({data['path']}); the round is unchanged."]
    if not report.passed:
        report.mistakes = []
    minutes = elapsed(rnd) / 60
    clock = f"{minutes:.0f} of {data['minutes']} min"
    if report.passed:
        store.end_round(rnd.round_id, problem.id, "solved", {"remaining": [], "seconds": elapsed(rnd)})
        return [f"Debug round solved: every check passes ({clock}); all {len(data['bugs'])} bugs fixed."]
    if report.error is not None and not report.checks:
        return [f"Debug round ({clock}): the file does not run ({report.error.kind}), "
                f"so the injected bugs cannot be counted."]
    failing = [c.name for c in report.checks if not c.passed]
    left = remaining(data, failing)
    store.update_round(rnd.round_id, problem.id, {"remaining": left, "last_failing": failing})
    n = len(data["bugs"])
    notes = [f"Debug round ({clock}): {len(left)} of {n} injected bug{'s' if n > 1 else ''} remain; "
             f"failing: {_names(failing) if failing else 'none'}."]
    if not left:
        notes.append("The injected bugs look fixed, but checks still fail: a new bug?")
    if minutes > data["minutes"]:
        notes.append(f"Over the round's clock by {minutes - data['minutes']:.0f} min.")
    return notes


def hint(store, rnd, problem: Problem) -> str:
    """Name the next injected bug not yet named (one per call, recorded in the round)."""
    data = rnd.data
    hinted = list(data.get("hinted", []))
    left = [b for b in data.get("remaining", data["bugs"]) if b not in hinted]
    left = left or [b for b in data["bugs"] if b not in hinted]
    if not left:
        named = "; ".join(problem.mistake(b).title for b in hinted)
        return f"Every injected bug is named already: {named}."
    bug = problem.mistake(left[0])
    hinted.append(bug.id)
    store.update_round(rnd.round_id, problem.id, {"hinted": hinted})
    return f"Injected bug {len(hinted)} of {len(data['bugs'])}: {bug.title}. {bug.hint}"


def solution_locked(store, rnd, problem: Problem) -> str:
    return (f"A debug round of {problem.id} is open: the model answer stays hidden until it ends "
            "(`mlkata debug --abandon` ends it).")
