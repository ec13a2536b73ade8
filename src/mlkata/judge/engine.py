"""The engine: one check of one submission, from source text to Report.

    source ──► static checks (syntax, forbidden APIs)
           ──► warm worker ─fork─► sandboxed child runs the driver on every case
           ──► outcomes (plain data) ──► comparators vs the model answer(s)
           ──► on failure: mistake variants on the same cases ──► families ranked (diagnose.py)
           ──► efficiency ratio ──► Report

The model answer and the mistake variants run here, in the engine's process,
never in the submission's. Their outcomes are cached per problem, in memory and
on disk (cache.py): cases are generated from a fixed seed.
"""

from __future__ import annotations

import ast
import signal
import threading
import time
from collections.abc import Callable
from collections.abc import Set as AbstractSet
from dataclasses import dataclass

from mlkata.judge import cache, compare, diagnose, forbidden, local, wire
from mlkata.judge.local import Outcome
from mlkata.judge.supervisor import Worker, WorkerFailure
from mlkata.judge.verdict import (
    CheckResult,
    Efficiency,
    ErrorInfo,
    ErrorKind,
    FailingCase,
    MistakeFound,
    Report,
)
from mlkata.problems.problem import Problem

SLOW_RATIO = 10.0
TIMING_BUDGET = 1.0  # seconds of timing loop, each side
# a ratio within this band of SLOW_RATIO is re-measured: the reference is timed again now, under the
# same load as the submission was, and the fastest reference time seen is kept
RETIME_BAND = (SLOW_RATIO / 3, SLOW_RATIO * 3)
MIN_SAMPLES = 20  # timing takes the fastest of at least this many calls (within TIMING_BUDGET): on a busy
# machine most calls are preempted, and with a handful of samples the minimum swings by 2x
SIGNAL_NAMES = {
    signal.SIGSEGV: "SIGSEGV (segmentation fault)", signal.SIGBUS: "SIGBUS (bus error)",
    signal.SIGABRT: "SIGABRT (aborted)", signal.SIGILL: "SIGILL (illegal instruction)",
    signal.SIGFPE: "SIGFPE (arithmetic fault)", signal.SIGKILL: "SIGKILL",
}
MEMORY_MARKERS = ("can't allocate memory", "DefaultCPUAllocator", "Unable to allocate", "out of memory")


@dataclass
class Run:
    """What came back from the sandbox, decoded and validated."""

    outcomes: list[Outcome | None]
    error: ErrorInfo | None = None
    timing: float | None = None
    timing_cut: bool = False  # every case answered, then the time limit ran out in the timing run
    output: str = ""
    output_bytes: int = 0
    wall: float = 0.0  # seconds the child ran


class Engine:
    """Checks submissions; keeps one warm worker and the reference caches.

    Use as a context manager, or call close(). Thread-safe: the judge service checks from several
    threads at once (each submission in its own sandboxed child)."""

    def __init__(self, preload: tuple[str, ...] = ("numpy", "torch"), worker: Worker | None = None,
                 compute: Callable[[Problem, str], None] | None = None):
        self.worker = worker if worker is not None else Worker(preload)
        self._bundles: dict[str, dict] = {}  # problem fingerprint -> trusted outcomes and timing (cache.py)
        self._diagnosers: dict[tuple[str, int], diagnose.Diagnoser] = {}
        self._inputs_sent: set[tuple[int, str]] = set()  # (worker generation, problem fingerprint)
        # a problem's trusted outcomes are computed once, under its own lock; checks run side by side
        self._trusted = threading.RLock()
        self._locks: dict[str, threading.RLock] = {}
        # where trusted outcomes are computed: here (None), or by compute(problem, part) in another process
        # that writes them into the disk cache (the judge service, which keeps torch out of its memory)
        self.compute = compute

    def __enter__(self) -> Engine:
        self.worker.start()
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        self.worker.stop()

    def sandbox_mode(self) -> str:
        self.worker.ready()
        return self.worker.mode.describe()

    # -- trusted outcomes, cached --------------------------------------------
    def _lock(self, problem: Problem) -> threading.RLock:
        with self._trusted:
            return self._locks.setdefault(problem.fingerprint, threading.RLock())

    def _bundle(self, problem: Problem, missing: str | None = None, reload: bool = False) -> dict:
        """This problem's trusted outcomes and timing: memory, else disk. With `missing` (an entry memory
        lacks) or `reload`, the disk is read again: the service's warm-up may have written it since."""
        with self._lock(problem):
            bundle = self._bundles.get(problem.fingerprint)
            if bundle is None or reload or (missing is not None and missing not in bundle["outcomes"]):
                on_disk = cache.load(problem)
                if bundle is not None:  # what memory has wins; the disk adds what it lacks
                    on_disk["outcomes"].update(bundle["outcomes"])
                    times = [t for t in (on_disk["timing"], bundle["timing"]) if t]
                    on_disk["timing"] = min(times) if times else None
                bundle = self._bundles[problem.fingerprint] = on_disk
            return bundle

    def _elsewhere(self, problem: Problem, part: str, key: str | None) -> dict:
        """Let the engine's `compute` (another process) fill `part` into the disk cache, then read it;
        without one, or if it failed, the caller computes here."""
        if self.compute is not None:
            try:
                self.compute(problem, part)
            except Exception:  # computed here instead
                pass
        return self._bundle(problem, missing=key, reload=key is None)

    def outcomes(self, problem: Problem, name: str, source: str) -> list[Outcome]:
        bundle = self._bundle(problem)
        if name in bundle["outcomes"]:
            return bundle["outcomes"][name]
        with self._lock(problem):
            bundle = self._bundle(problem, missing=name)
            if name not in bundle["outcomes"]:
                bundle = self._elsewhere(problem, "references", name)
            if name not in bundle["outcomes"]:
                bundle["outcomes"][name] = local.run_local(problem, name, source)
                cache.save(problem, bundle["outcomes"], bundle["timing"])
            return bundle["outcomes"][name]

    def reference_outcomes(self, problem: Problem) -> list[list[Outcome]]:
        return [self.outcomes(problem, name, src) for name, src in problem.references]

    def variant_outcomes(self, problem: Problem) -> dict[str, list[Outcome]]:
        """Every mistake variant's outcomes (whole, per site, per entry point, forms), by variant key."""
        bundle = self._bundle(problem)
        keys = [f"variant:{v.key}" for v in problem.variants]
        if any(k not in bundle["outcomes"] for k in keys):
            with self._lock(problem):
                missing = [k for k in keys if k not in self._bundle(problem, missing=keys[0])["outcomes"]]
                bundle = self._elsewhere(problem, "variants", missing[0]) if missing else self._bundle(problem)
                computed = False
                for v, k in zip(problem.variants, keys):
                    if k not in bundle["outcomes"]:
                        bundle["outcomes"][k] = local.run_local(problem, v.key, v.source, v.entry)
                        computed = True
                if computed:
                    cache.save(problem, bundle["outcomes"], bundle["timing"])
        return {v.key: bundle["outcomes"][k] for v, k in zip(problem.variants, keys)}

    def warm(self, problem: Problem) -> None:
        """Compute (or load) everything a check of this problem may need: references, every mistake
        variant, the diagnosers. The service does it when it first loads a problem."""
        self.reference_outcomes(problem)
        for index in range(len(problem.references)):
            self.diagnoser(problem, index)

    def reference_seconds(self, problem: Problem, again: bool = False) -> float:
        """The model answer's time on the efficiency case: the fastest of every measurement so far
        (two at first; `again` adds one now)."""
        bundle = self._bundle(problem)
        if bundle["timing"] and not again:
            return bundle["timing"]
        with self._lock(problem):
            bundle = self._bundle(problem)
            if bundle["timing"] and not again:
                return bundle["timing"]
            if self.compute is not None:  # timed in another process, as the outcomes are
                bundle = self._elsewhere(problem, "timing-again" if again else "timing", None)
                if bundle["timing"]:
                    return bundle["timing"]
            eff = problem.efficiency  # here: no other process, or it failed
            runs = 1 if bundle["timing"] else 2
            times = [local.time_local(problem, problem.solution, _samples(eff), TIMING_BUDGET) for _ in range(runs)]
            bundle["timing"] = min(times + ([bundle["timing"]] if bundle["timing"] else []))
            cache.save(problem, bundle["outcomes"], bundle["timing"])
        return bundle["timing"]

    # -- the check -------------------------------------------------------------
    def check(self, problem: Problem, source: str, filename: str = "submission.py") -> Report:
        started = time.perf_counter()
        report = self._check(problem, source, filename)
        report.judge_seconds = time.perf_counter() - started
        if self.worker.mode is not None:
            report.sandbox = self.worker.mode.describe()
        return report

    def _check(self, problem: Problem, source: str, filename: str) -> Report:
        static = static_error(problem, source, filename)
        if static is not None:
            return Report(problem.id, False, error=static)
        report = self._judged(problem, source, filename)
        report.advice = advice(problem, source)
        return report

    def _judged(self, problem: Problem, source: str, filename: str) -> Report:
        self.worker.start()  # imports overlap with the reference computation below
        references = self.reference_outcomes(problem)
        run = self._run_sandboxed(problem, source, filename)
        report = Report(problem.id, False, error=run.error, output=run.output,
                        output_bytes=run.output_bytes)
        if run.error is not None and all(o is None for o in run.outcomes):
            return report

        agree_at = self._case_comparators(problem)
        best_index = min(range(len(references)),
                         key=lambda i: _count_failures(run.outcomes, references[i], agree_at))
        best = references[best_index]
        problems = self._case_problems(problem, run.outcomes, best)
        report.checks = _check_results(problem, problems)
        report.first_failure = _first_failing(problem, run.outcomes, best, problems)
        if run.error is None:
            run.error = _not_implemented(problem, run.outcomes)
            report.error = run.error
        report.passed = run.error is None and all(c.passed for c in report.checks)
        if not report.passed and run.error is None:
            report.mistakes, _, exact = self._diagnose(problem, run.outcomes, best_index, agree_at)
            report.error = _raised_on_most(problem, run.outcomes, problems, exact)
            if report.error is not None:  # errors before leads: only exact reproductions stay named
                report.mistakes = [m for m in report.mistakes if not m.likely]
            if report.mistakes:
                report.first_unexplained = _first_failing(problem, run.outcomes, best, problems, skip=exact)
        if report.passed and problem.efficiency is not None:  # timed only now: a failing check never is
            timed = self._run_sandboxed(problem, source, filename, only_timing=True, spent=run.wall)
            if timed.error is not None:
                report.passed, report.error = False, timed.error
            elif timed.timing is not None:
                report.efficiency = self._efficiency(problem, timed.timing)
            elif timed.timing_cut:
                report.efficiency = self._efficiency_cut(problem)
        return report

    def _inputs(self, problem: Problem) -> dict:
        """The problem's case inputs as sent to the worker (sent once per worker, then named)."""
        eff = problem.efficiency
        return {
            "cases": [{"call": c.call, "args": c.args} for check in problem.checks for c in check.cases],
            "efficiency": None if eff is None else
            {"call": eff.case.call, "args": eff.case.args, "repeats": _samples(eff), "budget": TIMING_BUDGET},
        }

    def _run_sandboxed(self, problem: Problem, source: str, filename: str, only_timing: bool = False,
                       spent: float = 0.0) -> Run:
        """The submission in the sandbox: every case (without the efficiency case), or with
        `only_timing` the efficiency case alone, within what is left of the time limit."""
        n_cases = 0 if only_timing else sum(len(check.cases) for check in problem.checks)
        wall = problem.time_limit if not only_timing else max(problem.time_limit - spent, 0.5)
        request = {
            "op": "check", "source": source, "filename": filename,
            "driver": problem.driver_source, "entry_points": problem.entry_points,
            "forbidden": problem.forbidden, "inputs_key": problem.fingerprint, "inputs": None,
            "timing": only_timing, "only_timing": only_timing,
            "limits": {
                "wall_seconds": wall,
                "cpu_seconds": int(problem.time_limit) + 1,
                "memory_bytes": problem.memory_mb << 20,
            },
        }
        needs = ("torch",) if problem.framework == "torch" else ()
        for attempt in (1, 2):  # a worker restarted under us (by another check) gets one more try
            generation = self.worker.generation
            try:
                self.worker.ready()
                generation = self.worker.generation
                if (generation, problem.fingerprint) not in self._inputs_sent:
                    request["inputs"] = self._inputs(problem)
                reply = self.worker.request(request, timeout=wall + 30, needs=needs)
                if reply.get("event") == "need-inputs":
                    request["inputs"] = self._inputs(problem)
                    reply = self.worker.request(request, timeout=wall + 30, needs=needs)
                self._inputs_sent.add((generation, problem.fingerprint))
                break
            except WorkerFailure as exc:
                if attempt == 1 and self.worker.generation != generation:
                    request["inputs"] = None
                    continue
                return Run([None] * n_cases, ErrorInfo(ErrorKind.ENGINE.value, f"{exc}; please retry"))
        run = interpret(reply, n_cases, problem, source_lines=source.splitlines(), timed=only_timing)
        run.wall = float(reply.get("wall") or 0.0)
        return run

    def _case_comparators(self, problem: Problem) -> list:
        """For every case, in order: agree(got, expected) -> bool under its check's comparator."""
        agree_at = []
        for check in problem.checks:
            fn = compare.resolve(check.compare, problem)
            opts = check.options

            def agree(got, exp, fn=fn, opts=opts):
                return fn(got, exp, **opts) is None

            agree_at += [agree] * len(check.cases)
        return agree_at

    def _case_problems(self, problem: Problem, outcomes, reference) -> list[str | None]:
        """For every case, in order: what is wrong with its outcome, or None if it agrees with the reference."""
        problems, index = [], 0
        for check in problem.checks:
            fn = compare.resolve(check.compare, problem)
            for _ in check.cases:
                problems.append(_case_problem(outcomes[index], reference[index], fn, check.options))
                index += 1
        return problems

    def diagnoser(self, problem: Problem, ref_index: int = 0) -> diagnose.Diagnoser:
        """The problem's variants judged against one reference: the same for every submission."""
        key = (problem.fingerprint, ref_index)
        if key in self._diagnosers:
            return self._diagnosers[key]
        with self._lock(problem):
            if key in self._diagnosers:
                return self._diagnosers[key]
            info = {v.key: diagnose.VariantInfo(v.key, v.mistake, v.family) for v in problem.variants}
            self._diagnosers[key] = diagnose.Diagnoser(
                self.reference_outcomes(problem)[ref_index], self.variant_outcomes(problem), info,
                self._case_comparators(problem))
        return self._diagnosers[key]

    def _diagnose(self, problem, outcomes, ref_index, agree_at) -> tuple[list[MistakeFound], set[int], set[int]]:
        """The named families, best first; the failing cases they account for between them, and those
        they reproduce exactly."""
        if not problem.mistakes:
            return [], set(), set()
        subs = [o if o is not None else Outcome(error={"type": "<not run>"}) for o in outcomes]
        diagnoser = self.diagnoser(problem, ref_index)
        matches = diagnoser.rank(subs)
        failing = _count_failures(subs, diagnoser.reference, agree_at)
        found, explained, exact = [], set(), set()
        for m in matches:
            exact |= m.explained_cases
            mistake = problem.mistake(m.mistake)
            found.append(MistakeFound(m.family, mistake.title, mistake.explanation, mistake.hint,
                                      m.explained, failing, family=m.family, variant=mistake.id,
                                      detail=mistake.detail, likely=not m.certain, share=round(m.share, 3)))
            explained |= m.covered_cases
        return found, explained, exact

    def _efficiency(self, problem: Problem, seconds: float) -> Efficiency:
        ref = self.reference_seconds(problem)
        ratio = seconds / ref if ref > 0 else 1.0
        if RETIME_BAND[0] <= ratio <= RETIME_BAND[1]:  # near the threshold: time the reference again, now
            ref = self.reference_seconds(problem, again=True)
            ratio = seconds / ref if ref > 0 else 1.0
        warning = None
        if ratio >= SLOW_RATIO:
            warning = (f"{ratio:.0f}x slower than the model answer: usually a Python loop over a "
                       "tensor dimension (vectorise it), or a broadcast that builds a much larger "
                       "intermediate array than needed")
        return Efficiency(ratio, seconds, ref, warning)

    def _efficiency_cut(self, problem: Problem) -> Efficiency:
        """Every case passed, but timing the efficiency case ran past the time limit."""
        ref, limit = self.reference_seconds(problem), problem.time_limit
        ratio = limit / ref if ref > 0 else SLOW_RATIO
        warning = (f"the efficiency case ({problem.efficiency.case.label}) did not finish within the {limit:g} s "
                   f"limit: at least {ratio:.0f}x slower than the model answer; vectorise it")
        return Efficiency(ratio, limit, ref, warning, finished=False)


# -- helpers (pure functions) ------------------------------------------------

def _samples(eff) -> int:
    return max(eff.repeats, MIN_SAMPLES)


def advice(problem: Problem, source: str) -> list[str]:
    """The problem's advice for every API it names that the source uses: "line N: why" (not a failure)."""
    uses = forbidden.scan(source, list(problem.advice))
    return [f"line {u.line}: {problem.advice[u.name]}" for u in uses]


def static_error(problem: Problem, source: str, filename: str) -> ErrorInfo | None:
    try:
        ast.parse(source, filename)
    except SyntaxError as exc:
        where = f"{filename}, line {exc.lineno}"
        text = f"\n    {exc.text.rstrip()}" if exc.text else ""
        return ErrorInfo(ErrorKind.SYNTAX.value, f"{exc.msg} ({where}){text}", exc.lineno)
    except ValueError as exc:  # e.g. null bytes
        return ErrorInfo(ErrorKind.SYNTAX.value, f"{exc} ({filename})")
    uses = forbidden.scan(source, problem.forbidden)
    if uses:
        first = uses[0]
        return ErrorInfo(ErrorKind.FORBIDDEN.value,
                         f"{forbidden.message(first.name)} ({filename}, line {first.line})", first.line)
    return None


def _check_results(problem: Problem, problems: list[str | None]) -> list[CheckResult]:
    """Per-check verdicts, from what is wrong with each case (in order)."""
    results, index = [], 0
    for check in problem.checks:
        mine = problems[index:index + len(check.cases)]
        index += len(check.cases)
        n, passed = len(mine), mine.count(None)
        if passed == n:
            message = f"{n} case{'s' if n != 1 else ''} passed"
        else:
            case, text = next((c, t) for c, t in zip(check.cases, mine) if t is not None)
            message = f"{n - passed}/{n} failed. " + (f"{case.label}: {text}" if case.label else text)
        results.append(CheckResult(check.name, passed == n, message, n, passed))
    return results


def _first_failing(problem: Problem, outcomes, reference, problems: list[str | None],
                   skip: AbstractSet[int] = frozenset()) -> FailingCase | None:
    """The first failing case that ran (and is not in `skip`), in full: inputs, expected, got."""
    cases = [(check, case) for check in problem.checks for case in check.cases]
    for index, ((check, case), text) in enumerate(zip(cases, problems)):
        got, ref = outcomes[index], reference[index]
        if text is not None and got is not None and index not in skip:
            return FailingCase(
                check.name, case.label, text, compare.preview_args(case.args),
                compare.preview(ref.value) if ref.ok else f"raises {ref.error['type']}",
                compare.preview(got.value) if got.ok else _describe_error(got.error),
                compare.grids(case.args, ref.value if ref.ok else None, got.value if got.ok else None))
    return None


def _count_failures(outcomes, reference, agree_at) -> int:
    return sum(o is None or not diagnose.same(o, r, agree_at[i])
               for i, (o, r) in enumerate(zip(outcomes, reference)))


def _case_problem(got: Outcome | None, ref: Outcome, fn, options) -> str | None:
    """None when the case passes, else a one-line reason."""
    if got is None:
        return "not run (the process stopped earlier)"
    if not got.ok:
        return _describe_error(got.error)
    if not ref.ok:  # the reference raises here: the submission must raise too
        return f"should raise {ref.error['type']}, but returned a value"
    mismatch = fn(got.value, ref.value, **options)
    return None if mismatch is None else mismatch.message


def _describe_error(error: dict) -> str:
    kind = error.get("type", "Exception")
    if kind == "NotImplementedError":
        return "not implemented yet (still raises NotImplementedError)"
    where = ""
    if error.get("frames"):
        _, line, name = error["frames"][-1]
        where = f" (line {line}, in {name})"
    if kind == "RecursionError":
        return f"RecursionError: maximum recursion depth exceeded{where}: recursion is too deep for Python's stack"
    message = error.get("message", "")
    return f"raised {kind}: {message}{where}" if message else f"raised {kind}{where}"


def _raised_on_most(problem: Problem, outcomes, problems: list[str | None], explained: set[int]) -> ErrorInfo | None:
    """The submission raised on most of its failing cases, and no mistake reproduces that: the error
    itself is the verdict (a typo in __init__ is not a partial match of an unrelated mistake)."""
    failing = [i for i, text in enumerate(problems) if text is not None]
    raised = [i for i in failing if outcomes[i] is not None and not outcomes[i].ok
              and outcomes[i].error.get("type") != "NotImplementedError"]
    unexplained = [i for i in raised if i not in explained]
    if not failing or len(raised) * 2 <= len(failing) or len(unexplained) * 2 <= len(raised):
        return None
    if len(explained) * 3 >= len(failing):  # a mistake reproduces a third of the failures exactly: a lead
        return None
    error = outcomes[unexplained[0]].error
    frames = error.get("frames") or []
    line = frames[-1][1] if frames else None
    return ErrorInfo(ErrorKind.EXCEPTION.value,
                     f"{_describe_error(error)}, on {len(raised)} of the {len(failing)} failing cases", line)


def _not_implemented(problem: Problem, outcomes) -> ErrorInfo | None:
    errors = [o.error.get("type") for o in outcomes if o is not None and not o.ok]
    if outcomes and len(errors) == len(outcomes) and all(t == "NotImplementedError" for t in errors):
        names = ", ".join(problem.entry_points)
        return ErrorInfo(ErrorKind.NOT_IMPLEMENTED.value,
                         f"not implemented yet: {names} still raises NotImplementedError")
    return None


def _decode_frames(frames) -> tuple[list[dict], str | None]:
    messages = []
    for frame in frames:
        try:
            msg = wire.decode(bytes(frame), tagged=True)
        except wire.WireError as exc:
            return messages, f"sent a malformed result ({exc})"
        if not isinstance(msg, dict) or not _well_formed(msg):
            return messages, "sent a malformed result"
        messages.append(msg)
    return messages, None


def _well_formed(msg: dict) -> bool:
    """The child writes its result channel itself, so a submission can forge any message:
    check every field interpret reads has the type the real child would send."""
    event = msg.get("event")
    if not isinstance(event, str):
        return False
    if event == "load_error":
        return _well_formed_error(msg.get("error"))
    if event == "missing":
        names = msg.get("names")
        return isinstance(names, list) and all(isinstance(n, str) for n in names)
    if event == "case":
        return type(msg.get("index")) is int and ("error" not in msg or _well_formed_error(msg["error"]))
    if event == "timing":
        return "error" not in msg or _well_formed_error(msg["error"])
    return True


def _well_formed_error(error) -> bool:
    if not isinstance(error, dict):
        return False
    if not all(isinstance(error.get(k, ""), str) for k in ("type", "message", "text")):
        return False
    if not all(error.get(k) is None or type(error[k]) is int for k in ("line", "offset")):
        return False
    if error.get("forbidden") is not None and not isinstance(error["forbidden"], str):
        return False
    frames = error.get("frames", [])
    return isinstance(frames, list) and all(
        isinstance(f, list) and len(f) == 3 and isinstance(f[0], str) and type(f[1]) is int
        and isinstance(f[2], str) for f in frames)


def interpret(reply: dict, n_cases: int, problem: Problem, source_lines: list[str], timed: bool = True) -> Run:
    """Turn the worker's raw reply into outcomes and, if the process misbehaved, an error. `timed`:
    the request included the efficiency case (so running out of time after every case is only lost timing)."""
    messages, garbled = _decode_frames(reply["frames"])
    outcomes: list[Outcome | None] = [None] * n_cases
    run = Run(outcomes, output=reply.get("output", ""), output_bytes=int(reply.get("output_bytes", 0)))
    done = False
    for msg in messages:
        event = msg["event"]
        if event == "load_error":
            run.error = _load_error(msg.get("error") or {}, source_lines)
            return run
        if event == "missing":
            names = ", ".join(f"`{n}`" for n in msg.get("names", []))
            run.error = ErrorInfo(ErrorKind.MISSING.value,
                                  f"missing entry point: {names} is not defined in your file "
                                  f"(expected: {', '.join(problem.entry_points)})")
            return run
        if event == "case":
            index = msg.get("index")
            if isinstance(index, int) and 0 <= index < n_cases:
                error = msg.get("error")
                outcomes[index] = Outcome(error=error) if isinstance(error, dict) else Outcome(value=msg.get("ok"))
                special = _special_case_error(outcomes[index])
                if special and run.error is None:
                    run.error = special
        elif event == "timing":
            seconds = msg.get("seconds")
            if isinstance(seconds, float) and seconds > 0:
                run.timing = seconds
        elif event == "done":
            done = True
    limit = problem.time_limit
    stopped_at = _first_missing(outcomes)
    where = f" (while running case {stopped_at + 1} of {n_cases})" if stopped_at is not None else ""
    if not garbled and not reply.get("frames_clean", True):
        garbled = "wrote stray bytes on the result channel"
    if reply.get("flooded"):  # checked first: the worker kills a flooding child at once
        run.error = ErrorInfo(ErrorKind.BAD_OUTPUT.value, f"returned far more data than the checks allow{where}")
    elif reply["timed_out"] or (reply.get("signal") in (signal.SIGXCPU, signal.SIGKILL) and not done):
        if stopped_at is None and not done and problem.efficiency is not None and timed:
            run.timing_cut = True  # the answers are all in: judge them; only the timing is lost
        else:
            run.error = ErrorInfo(ErrorKind.TIMEOUT.value,
                                  f"did not finish within {limit:g} s{where}: an infinite loop, or far too slow")
    elif reply.get("disk_quota"):
        run.error = ErrorInfo(ErrorKind.BAD_OUTPUT.value,
                              f"wrote more to disk than the sandbox allows (64 MiB or 1,000 files){where}")
    elif reply.get("signal") == signal.SIGXFSZ:
        run.error = ErrorInfo(ErrorKind.BAD_OUTPUT.value, f"wrote a file larger than the sandbox allows{where}")
    elif reply.get("signal"):
        name = SIGNAL_NAMES.get(reply["signal"], f"signal {reply['signal']}")
        run.error = ErrorInfo(ErrorKind.CRASH.value, f"the process crashed with {name}{where}")
    elif garbled:
        run.error = ErrorInfo(ErrorKind.BAD_OUTPUT.value, f"the submission's process {garbled}")
    elif not done and run.error is None:
        code = reply.get("exit_code")
        run.error = ErrorInfo(ErrorKind.EXITED.value,
                              f"the process exited (code {code}) before returning{where}: "
                              "remove sys.exit()/os._exit() calls from your code")
    return run


def _first_missing(outcomes) -> int | None:
    return next((i for i, o in enumerate(outcomes) if o is None), None)


def _special_case_error(outcome: Outcome) -> ErrorInfo | None:
    """Exceptions that are about the process, not the maths: reported as the verdict."""
    if outcome.ok:
        return None
    error = outcome.error
    kind, message = error.get("type"), str(error.get("message", ""))
    if error.get("forbidden"):
        return ErrorInfo(ErrorKind.FORBIDDEN.value, forbidden.message(error["forbidden"]))
    if error.get("sandbox"):
        return ErrorInfo(ErrorKind.SANDBOX.value, message)
    if kind == "MemoryError" or any(m in message for m in MEMORY_MARKERS):
        return ErrorInfo(ErrorKind.MEMORY.value,
                         "ran out of memory: the sandbox caps memory; avoid materialising huge arrays")
    if kind == "SystemExit":
        return ErrorInfo(ErrorKind.EXITED.value,
                         "called sys.exit() before returning: remove it, the checks call your function")
    return None


def _load_error(error: dict, source_lines: list[str]) -> ErrorInfo:
    kind = error.get("type", "Exception")
    frames = error.get("frames") or []
    line = frames[-1][1] if frames else error.get("line")
    text = ""
    if isinstance(line, int) and 0 < line <= len(source_lines):
        text = f"\n    {source_lines[line - 1].strip()}"
    if error.get("forbidden"):
        return ErrorInfo(ErrorKind.FORBIDDEN.value, forbidden.message(error["forbidden"]), line)
    if error.get("sandbox"):
        return ErrorInfo(ErrorKind.SANDBOX.value, str(error.get("message")), line)
    if kind == "SystemExit":
        return ErrorInfo(ErrorKind.EXITED.value, "called sys.exit() while being imported", line)
    where = f" (line {line})" if line else ""
    if kind == "MemoryError" or any(m in str(error.get("message", "")) for m in MEMORY_MARKERS):
        return ErrorInfo(ErrorKind.MEMORY.value, f"ran out of memory while being imported{where}: the sandbox "
                                                 "caps memory; avoid materialising huge arrays", line)
    return ErrorInfo(ErrorKind.IMPORT.value,
                     f"your file failed to import: {kind}: {error.get('message', '')}{where}{text}", line)
