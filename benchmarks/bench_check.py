"""Latency of checks, printed as figures and as ratios to the targets.

    python benchmarks/bench_check.py [--runs 20] [--cold-runs 5]

Build: the time to build each problem's cases from its seed (paid once by every
cold check). Warm: one Engine (warm worker) checks the model answer (passing) and a mistake
variant (failing, with diagnosis) of each problem; p50 over --runs after one
warm-up. Cold: the `mlkata check` command end to end in a fresh process, against
`python -c "import torch"`, the two interleaved in the same run; the very first
check of a problem also computes and caches the model answer's outcomes and is
shown apart. Round trip: a trivial sandboxed fork-and-return request.
"""

from __future__ import annotations

import argparse
import dataclasses
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from mlkata.judge.engine import Engine
from mlkata.problems.catalog import all_problems

WARM_TARGETS_MS = {"softmax": 60.0, "multi_head_attention": 250.0}  # passing; failing may take 2x
COLD_TARGET_RATIO = 1.3


def p50(fn, runs: int) -> float:
    fn()  # warm-up: fills the reference caches
    samples = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - t0)
    return statistics.median(samples) * 1e3


def timed(cmd: list[str], env: dict) -> float:
    t0 = time.perf_counter()
    subprocess.run(cmd, capture_output=True, env=env, check=False)
    return time.perf_counter() - t0


def bench_warm(runs: int) -> None:
    print(f"== warm checks (p50 of {runs}, one warm worker)")
    with Engine() as engine:
        print(f"   sandbox: {engine.sandbox_mode()}")
        trivial = {"op": "check", "source": "", "filename": "t.py", "driver": "", "entry_points": [],
                   "forbidden": [], "inputs_key": "trivial", "inputs": {"cases": [], "efficiency": None},
                   "limits": {"wall_seconds": 5, "cpu_seconds": 6, "memory_bytes": 1 << 30}}
        rt = p50(lambda: engine.worker.request(trivial, 10), runs)
        print(f"   sandboxed fork-and-return round trip: {rt:.1f} ms")
        for problem in all_problems().values():
            passing = p50(lambda p=problem: engine.check(p, p.solution, "s.py"), runs)
            mistake = problem.mistakes[0]
            failing = p50(lambda p=problem, m=mistake: engine.check(p, m.source, "s.py"), runs)
            target = WARM_TARGETS_MS.get(problem.id)
            line = f"   {problem.id:22s} passing {passing:7.1f} ms   failing ({mistake.id}) {failing:7.1f} ms"
            if target:
                line += (f"   target {target:.0f} ms: passing {passing / target:.2f}x of target, "
                         f"failing {failing / (2 * target):.2f}x of 2x target")
            print(line)


def bench_build() -> None:
    """Building a problem's cases from its seed happens in every cold `mlkata check`."""
    print("== building each problem's cases (checks.py, once per process)")
    for problem in all_problems().values():
        fresh = dataclasses.replace(problem)  # a new instance: its cached checks are not built yet
        t0 = time.perf_counter()
        fresh.checks, fresh.efficiency  # noqa: B018 (cached properties, evaluated for their cost)
        print(f"   {problem.id:22s} {(time.perf_counter() - t0) * 1e3:7.1f} ms")


def bench_cold(runs: int) -> None:
    """Baseline and checks interleaved, so both see the same machine load."""
    print(f"== cold `mlkata check` (median of {runs}, interleaved with `python -c 'import torch'`)")
    mlkata = Path(sys.executable).with_name("mlkata")
    problems = list(all_problems().values())
    with tempfile.TemporaryDirectory() as tmp:
        env = dict(os.environ, MLKATA_HOME=tmp)
        commands = {}
        for problem in problems:
            file = Path(tmp) / problem.starter_filename
            file.write_text(problem.solution)
            commands[problem.id] = [str(mlkata), "check", problem.id, str(file), "--json"]
        first = {pid: timed(cmd, env) for pid, cmd in commands.items()}  # fills the outcome cache
        samples = {pid: [] for pid in ["baseline", *commands]}
        for _ in range(runs):
            samples["baseline"].append(timed([sys.executable, "-c", "import torch"], env))
            for pid, cmd in commands.items():
                samples[pid].append(timed(cmd, env))
    baseline = statistics.median(samples["baseline"])
    print(f"   python -c 'import torch': {baseline * 1e3:.0f} ms")
    for pid in commands:
        cold = statistics.median(samples[pid])
        print(f"   mlkata check {pid:22s} {cold * 1e3:6.0f} ms = {cold / baseline:.2f}x import torch"
              f" (target <= {COLD_TARGET_RATIO}x); very first run, filling the cache: {first[pid] * 1e3:.0f} ms")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--cold-runs", type=int, default=5)
    args = parser.parse_args()
    print(f"machine: {os.cpu_count()} cores, Python {sys.version.split()[0]}")
    bench_build()
    bench_warm(args.runs)
    bench_cold(args.cold_runs)


if __name__ == "__main__":
    main()
