"""Is the slowness verdict stable? The same files judged many times on a loaded machine.

    python benchmarks/bench_slowness.py [--runs 10] [--load 2]

For each problem below, a correct submission with a Python loop over a tensor dimension and the
model answer are judged --runs times each, every time by a fresh engine with an empty cache (so
the model answer's time is measured anew, under the same load), while --load processes spin on
the CPU. Prints each file's ratios (min / median / max) and how many runs got the slowness
warning: the loop must get it every time and the model answer never.
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import statistics
import tempfile

from mlkata.judge.engine import SLOW_RATIO, Engine
from mlkata.problems.catalog import get_problem

LOOPS = {
    "softmax": '''import numpy as np

def softmax(x, axis=-1):
    x = np.ascontiguousarray(np.moveaxis(np.asarray(x), axis, -1))
    out = np.empty_like(x)
    flat, res = x.reshape(-1, x.shape[-1]), out.reshape(-1, x.shape[-1])
    for i in range(flat.shape[0]):          # one row at a time
        shifted = flat[i] - flat[i].max()
        e = np.exp(shifted)
        res[i] = e / e.sum()
    return np.moveaxis(out, -1, axis)
''',
    "softmax (Python max/sum)": '''import numpy as np

def softmax(x, axis=-1):
    x = np.moveaxis(np.asarray(x), axis, -1)
    out = np.empty(x.shape, dtype=x.dtype)
    for idx in np.ndindex(x.shape[:-1]):    # one slice at a time, Python's max and sum
        row = x[idx]
        e = np.exp(row - max(row))
        out[idx] = e / sum(e)
    return np.moveaxis(out, -1, axis)
''',
    "cosine_similarity": '''import numpy as np

def cosine_similarity(A, B, eps=1e-8):
    out = np.zeros((A.shape[0], B.shape[0]))
    for i in range(A.shape[0]):             # every pair in Python
        for j in range(B.shape[0]):
            na, nb = np.sqrt(A[i] @ A[i]), np.sqrt(B[j] @ B[j])
            out[i, j] = 0.0 if na == 0 or nb == 0 else (A[i] @ B[j]) / max(na * nb, eps)
    return out
''',
}


def spin() -> None:
    while True:
        pass


def judge_fresh(problem, source: str) -> tuple[float, bool]:
    with tempfile.TemporaryDirectory() as home:
        os.environ["MLKATA_HOME"] = home
        with Engine() as engine:
            report = engine.check(problem, source, f"{problem.id}.py")
    assert report.passed, [c.message for c in report.checks if not c.passed]
    return report.efficiency.ratio, report.efficiency.warning is not None


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--load", type=int, default=2, help="CPU-spinning processes while judging")
    args = parser.parse_args()
    load = [multiprocessing.Process(target=spin, daemon=True) for _ in range(args.load)]
    for p in load:
        p.start()
    try:
        print(f"== slowness verdict, {args.runs} fresh judgements each, {args.load} spinning processes, "
              f"threshold {SLOW_RATIO:g}x")
        for name_, loop in LOOPS.items():
            pid = name_.split()[0]
            problem = get_problem(pid)
            for name, source in (("python loop", loop), ("model answer", problem.solution)):
                results = [judge_fresh(problem, source) for _ in range(args.runs)]
                ratios = [r for r, _ in results]
                warned = sum(w for _, w in results)
                print(f"   {name_:26} {name:13} ratio min {min(ratios):6.2f}  median {statistics.median(ratios):6.2f}"
                      f"  max {max(ratios):6.2f}   warned {warned}/{args.runs}")
    finally:
        for p in load:
            p.terminate()


if __name__ == "__main__":
    main()
