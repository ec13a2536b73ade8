"""The judge service against today's path and a fresh-process grader, as ratios measured in one run.

    python benchmarks/bench_service.py [--runs 7] [--problems softmax,multi_head_attention,kmeans,adam]

Every figure is a median of interleaved runs (each round runs every command once), so they share the
machine's load. Commands run with a private MLKATA_HOME, workspace and runtime folder.

  cold     `mlkata check ID FILE --json` end to end in a new process, the service running and warm
  warm     the check's own time in the service (the report's judge_seconds), as `watch` and the web app see it
  fresh    benchmarks/fresh_grader.py: imports numpy and torch, builds the cases, runs the file, compares
  today    `mlkata check` with MLKATA_JUDGE_SERVICE=off: its own worker per check, as before the service

Targets (issue 12): cold multi_head_attention <= 0.4x `python -c "import numpy, torch"`; cold softmax
<= 1.5x (`python -c "import numpy"` + its warm time); 8 concurrent checks: one worker, total memory
<= 1/4 of today's; a failing multi_head_attention check <= 1.2x its passing one; kmeans' first failing
check <= 1.5x its next one (a service that has finished its warm-up).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from mlkata.problems.catalog import get_problem

HERE = Path(__file__).resolve().parent
MLKATA = str(Path(sys.executable).with_name("mlkata"))


def run(cmd: list[str], env: dict) -> tuple[float, str]:
    t0 = time.perf_counter()
    out = subprocess.run(cmd, capture_output=True, text=True, env=env, check=False).stdout
    return time.perf_counter() - t0, out


def median_ms(xs: list[float]) -> float:
    return statistics.median(xs) * 1e3


def failing_source(problem) -> str:
    return next(v.source for v in problem.variants if "@" not in v.key)


class Setup:
    """A private home, workspace and runtime folder; the service on or off."""

    def __init__(self, root: Path, name: str, service: bool, warm: bool = True):
        self.root = root / name
        self.env = dict(os.environ, MLKATA_HOME=str(self.root / "home"), MLKATA_WORKSPACE=str(self.root / "ws"),
                        MLKATA_RUNTIME_DIR=str(self.root / "run"), MLKATA_JUDGE_SERVICE="on" if service else "off",
                        MLKATA_JUDGE_WARM="on" if warm else "off")
        (self.root / "ws").mkdir(parents=True)

    def file(self, problem, source: str, tag: str) -> str:
        path = self.root / "ws" / f"{problem.id}_{tag}.py"
        path.write_text(source)
        return str(path)

    def check(self, problem, path: str) -> tuple[float, dict]:
        seconds, out = run([MLKATA, "check", problem.id, path, "--json"], self.env)
        return seconds, json.loads(out)

    def status(self) -> dict:
        return json.loads(run([MLKATA, "judge", "status", "--json"], self.env)[1])

    def wait_warm(self, timeout: float = 900) -> float:
        t0 = time.monotonic()
        while time.monotonic() - t0 < timeout:
            info = self.status()["service"] or {}
            if info and not info.get("warming") and info.get("warm") == info.get("problems"):
                return time.monotonic() - t0
            time.sleep(0.5)
        raise SystemExit("the service did not finish warming up")

    def stop(self) -> None:
        run([MLKATA, "judge", "stop"], self.env)


def bench_cold_warm(root: Path, problems: list, runs: int) -> None:
    print(f"== cold and warm checks of the model answer (median of {runs} interleaved rounds)")
    served, today = Setup(root, "served", True), Setup(root, "today", False)
    run([MLKATA, "judge", "start"], served.env)
    print(f"   service warm-up of all problems (empty cache): {served.wait_warm():.0f} s")
    files = {p.id: (served.file(p, p.solution, "pass"), today.file(p, p.solution, "pass")) for p in problems}
    for p in problems:  # fill caches and the torch import on both paths
        served.check(p, files[p.id][0])
        today.check(p, files[p.id][1])
    base = {"numpy": [], "numpy+torch": []}
    rows = {p.id: {"cold": [], "warm": [], "fresh": [], "today": []} for p in problems}
    for _ in range(runs):
        base["numpy"].append(run([sys.executable, "-c", "import numpy"], served.env)[0])
        base["numpy+torch"].append(run([sys.executable, "-c", "import numpy, torch"], served.env)[0])
        for p in problems:
            seconds, report = served.check(p, files[p.id][0])
            rows[p.id]["cold"].append(seconds)
            rows[p.id]["warm"].append(report["judge_seconds"])
            rows[p.id]["fresh"].append(run([sys.executable, str(HERE / "fresh_grader.py"), p.id, files[p.id][0]],
                                           served.env)[0])
            rows[p.id]["today"].append(today.check(p, files[p.id][1])[0])
    numpy_ms, torch_ms = median_ms(base["numpy"]), median_ms(base["numpy+torch"])
    print(f"   python -c 'import numpy': {numpy_ms:.0f} ms; python -c 'import numpy, torch': {torch_ms:.0f} ms")
    print(f"   {'problem':22s} {'cold':>7s} {'warm':>7s} {'today':>7s} {'fresh':>7s}   "
          "x faster than fresh (cold / warm)   cold vs today")
    for p in problems:
        r = {k: median_ms(v) for k, v in rows[p.id].items()}
        print(f"   {p.id:22s} {r['cold']:6.0f}ms {r['warm']:6.0f}ms {r['today']:6.0f}ms {r['fresh']:6.0f}ms"
              f"   {r['fresh'] / r['cold']:5.1f}x / {r['fresh'] / r['warm']:5.1f}x"
              f"                  {r['cold'] / r['today']:.2f}x")
        if p.id == "multi_head_attention":
            print(f"   -> cold multi_head_attention = {r['cold'] / torch_ms:.2f}x import numpy+torch (target <= 0.4; "
                  f"today {r['today'] / torch_ms:.2f}x)")
        if p.id == "softmax":
            print(f"   -> cold softmax = {r['cold'] / (numpy_ms + r['warm']):.2f}x (import numpy + warm) "
                  f"(target <= 1.5; today {r['today'] / (numpy_ms + r['warm']):.2f}x)")
    bench_failing(served, runs)
    served.stop()


def bench_failing(served: Setup, runs: int) -> None:
    print(f"== failing against passing, through the service (median of {runs})")
    for pid in ("multi_head_attention", "adam", "kmeans"):
        p = get_problem(pid)
        good, bad = served.file(p, p.solution, "pass"), served.file(p, failing_source(p), "fail")
        served.check(p, bad)
        passing, failing = [], []
        for _ in range(runs):
            passing.append(served.check(p, good)[1]["judge_seconds"])
            failing.append(served.check(p, bad)[1]["judge_seconds"])
        ratio = statistics.median(failing) / statistics.median(passing)
        target = " (target <= 1.2)" if pid == "multi_head_attention" else ""
        print(f"   {pid:22s} passing {median_ms(passing):5.0f} ms, failing {median_ms(failing):5.0f} ms: "
              f"{ratio:.2f}x{target}")


def bench_first_failing(root: Path) -> None:
    print("== kmeans: its first failing check against its next one, on an empty cache")
    p = get_problem("kmeans")
    for warm in (True, False):
        setup = Setup(root, f"first-{warm}", True, warm=warm)
        run([MLKATA, "judge", "start"], setup.env)
        if warm:
            setup.wait_warm()
        bad = setup.file(p, failing_source(p), "fail")
        first = setup.check(p, bad)[1]["judge_seconds"]
        nxt = statistics.median(setup.check(p, bad)[1]["judge_seconds"] for _ in range(5))
        label = "after the service's warm-up" if warm else "warm-up off (MLKATA_JUDGE_WARM=off)"
        print(f"   {label:40s} first {first * 1e3:5.0f} ms, next {nxt * 1e3:5.0f} ms: {first / nxt:.2f}x"
              + (" (target <= 1.5)" if warm else ""))
        setup.stop()


def pss_kib(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/smaps_rollup") as f:
            return next(int(line.split()[1]) for line in f if line.startswith("Pss:"))
    except (OSError, StopIteration):
        return 0


def ours(home: str) -> list[tuple[int, str]]:
    """(pid, role) of every process running with this MLKATA_HOME: client (a `mlkata` command), service,
    warm-up, worker (the warm worker itself), child (a check forked from it), bwrap."""
    found, cmds, parents = [], {}, {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/environ", "rb") as f:
                if f"MLKATA_HOME={home}".encode() not in f.read().split(b"\0"):
                    continue
            with open(f"/proc/{entry}/cmdline", "rb") as f:
                cmds[int(entry)] = f.read().replace(b"\0", b" ").decode(errors="replace")
            with open(f"/proc/{entry}/stat") as f:
                parents[int(entry)] = int(f.read().rsplit(")", 1)[1].split()[1])
        except (OSError, ValueError, IndexError):
            continue
    for pid, cmd in cmds.items():
        if cmd.startswith(("bwrap", "/usr/bin/bwrap")):
            role = "bwrap"
        elif "mlkata.judge.worker" in cmd:
            role = "child" if "mlkata.judge.worker" in cmds.get(parents[pid], "") and \
                not cmds.get(parents[pid], "").startswith(("bwrap", "/usr/bin/bwrap")) else "worker"
        elif "mlkata.service.server" in cmd:
            role = "service"
        elif "mlkata.service.warm" in cmd:
            role = "warm-up"
        else:
            role = "client"
        found.append((pid, role))
    return found


def bench_concurrent(root: Path, n: int = 8) -> None:
    print(f"== {n} concurrent `mlkata check multi_head_attention` (peak over the run)")
    p = get_problem("multi_head_attention")
    results = {}
    for service in (False, True):
        setup = Setup(root, f"conc-{service}", service, warm=False)
        path = setup.file(p, p.solution, "pass")
        setup.check(p, path)  # caches filled, service (if any) running
        peak = {"pss": 0, "workers": 0, "roles": {}}
        done = threading.Event()

        def sample(home=setup.env["MLKATA_HOME"], peak=peak, done=done):
            while not done.is_set():
                by_role: dict[str, int] = {}
                for pid, role in ours(home):
                    by_role[role] = by_role.get(role, 0) + pss_kib(pid)
                    by_role[f"#{role}"] = by_role.get(f"#{role}", 0) + 1
                total = sum(v for k, v in by_role.items() if not k.startswith("#"))
                if total > peak["pss"]:
                    peak["pss"], peak["roles"] = total, by_role
                peak["workers"] = max(peak["workers"], sum(role == "worker" for _, role in ours(home)))
                time.sleep(0.02)

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        t0 = time.perf_counter()
        procs = [subprocess.Popen([MLKATA, "check", p.id, path, "--json"], env=setup.env, stdout=subprocess.PIPE,
                                  stderr=subprocess.DEVNULL) for _ in range(n)]
        passed = sum(json.loads(proc.communicate()[0])["passed"] for proc in procs)
        wall = time.perf_counter() - t0
        done.set()
        sampler.join()
        results[service] = peak["pss"]
        label = "judge service" if service else "today (service off)"
        print(f"   {label:22s} {passed}/{n} passed in {wall:.1f} s; worker processes at peak: {peak['workers']}; "
              f"total memory (PSS) at peak: {peak['pss'] / 1024:.0f} MiB")
        roles = {k: v for k, v in peak["roles"].items() if not k.startswith("#")}
        print("      at the peak: " + ", ".join(f"{peak['roles'][f'#{role}']} {role} {kib / 1024:.0f} MiB"
                                             for role, kib in sorted(roles.items(), key=lambda x: -x[1])))
        if service:
            setup.stop()
    print(f"   -> memory with the service = {results[True] / results[False]:.2f}x today's (target <= 0.25)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--problems", default="softmax,multi_head_attention,kmeans,adam")
    parser.add_argument("--only", choices=("cold", "first", "concurrent"), help="run one part")
    args = parser.parse_args()
    print(f"machine: {os.cpu_count()} cores, Python {sys.version.split()[0]}")
    problems = [get_problem(pid) for pid in args.problems.split(",")]
    with tempfile.TemporaryDirectory(prefix="mkb-") as tmp:
        root = Path(tmp)
        if args.only in (None, "cold"):
            bench_cold_warm(root, problems, args.runs)
        if args.only in (None, "first"):
            bench_first_failing(root)
        if args.only in (None, "concurrent"):
            bench_concurrent(root)


if __name__ == "__main__":
    main()
