"""Inside the sandboxed child: load the submission, feed it every case, report.

This module runs in the forked child only. It receives the submission's source,
the problem's driver (which holds no answers) and the cases' inputs; it sends
back one wire message per event on its own result channel. stdout/stderr belong
to the user's prints and are captured by the worker.
"""

from __future__ import annotations

import os
import sys
import time
import traceback
import types

from mlkata.judge import forbidden, framing, landlock, sandbox, wire

MAX_TRACEBACK_FRAMES = 8
CONFINE_FAILED = 71  # exit status when the promised confinement could not be set up: nothing ran


class ResultChannel:
    def __init__(self, fd: int):
        self.fd = fd

    def send(self, message: dict) -> None:
        framing.write_frame(self.fd, wire.encode(message, lenient=True))


def describe_exception(exc: BaseException, filename: str) -> dict:
    """Type, message and the user's own frames (file, line, function), innermost last."""
    user_frames = [(f, line) for f, line in traceback.walk_tb(exc.__traceback__) if f.f_code.co_filename == filename]
    frames = [[f.f_code.co_filename, line, f.f_code.co_name] for f, line in user_frames[-MAX_TRACEBACK_FRAMES:]]
    info = {
        "type": type(exc).__name__,
        "message": str(exc)[:2000] if not isinstance(exc, RecursionError) else str(exc)[:200],
        "frames": frames,
    }
    if isinstance(exc, SyntaxError):
        info["line"] = exc.lineno
        info["offset"] = exc.offset
        info["text"] = (exc.text or "").rstrip("\n")[:500]
    if isinstance(exc, forbidden.ForbiddenAPIError):
        info["forbidden"] = exc.name
    if isinstance(exc, sandbox.SandboxViolation):
        info["sandbox"] = True
    return info


def load_module(name: str, source: str, filename: str) -> types.ModuleType:
    module = types.ModuleType(name)
    module.__file__ = filename
    sys.modules[name] = module
    code = compile(source, filename, "exec")
    exec(code, module.__dict__)
    return module


def time_call(fn, repeats: int, budget: float) -> float:
    """Best-of-n seconds for one call, after one warm-up, within a time budget."""
    fn()
    best = float("inf")
    start = time.perf_counter()
    for _ in range(repeats):
        t0 = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t0)
        if time.perf_counter() - start > budget:
            break
    return best


def run(request: dict, result_fd: int, harden: bool) -> None:
    """Child main. Never returns normally: the worker reads the outcome from the channel
    and the exit status."""
    channel = ResultChannel(result_fd)
    limits = request["limits"]
    sandbox.apply_rlimits(int(limits["memory_bytes"]), int(limits["cpu_seconds"]))
    confined = _confine(request)
    dropped = sandbox.drop_root(bool(request.get("keep_read"))) if not request.get("in_bwrap") else False
    seccomp = sandbox.install_seccomp() if harden else False
    driver = load_module("mlkata_driver", request["driver"], "<driver>")
    sandbox.guard_processes()
    sandbox.guard_network()
    forbidden.install_guard(request["forbidden"])
    channel.send({"event": "started", "seccomp": seccomp, "dropped_root": dropped, "landlock": confined})

    filename = request["filename"]
    try:
        submission = load_module("submission", request["source"], filename)
    except BaseException as exc:  # noqa: BLE001 - every failure at import is the user's
        channel.send({"event": "load_error", "error": describe_exception(exc, filename)})
        _finish()
    missing = [name for name in request["entry_points"] if not hasattr(submission, name)]
    if missing:
        channel.send({"event": "missing", "names": missing})
        _finish()

    for index, case in enumerate(request["cases"]):
        call = getattr(driver, case["call"])
        args = case["args"]
        try:
            out = call(submission, **args)
            message = {"event": "case", "index": index, "ok": out}
        except BaseException as exc:  # noqa: BLE001
            message = {"event": "case", "index": index, "error": describe_exception(exc, filename)}
        try:
            channel.send(message)
        except wire.WireError as exc:
            channel.send({"event": "case", "index": index,
                          "error": {"type": "WireError", "message": str(exc), "frames": []}})

    timing = request.get("efficiency")
    if timing is not None:
        call = getattr(driver, timing["call"])
        args = timing["args"]
        try:
            seconds = time_call(lambda: call(submission, **args), timing["repeats"], timing["budget"])
            channel.send({"event": "timing", "seconds": seconds})
        except BaseException as exc:  # noqa: BLE001
            channel.send({"event": "timing", "error": describe_exception(exc, filename)})
    channel.send({"event": "done"})
    _finish()


def _confine(request: dict) -> bool:
    """Plain mode: move into the scratch folder and, where the worker found Landlock, confine
    the file system to its rules. A child that cannot keep that promise exits at once."""
    scratch, rules = request.get("scratch"), request.get("landlock")
    try:
        if scratch:
            sandbox.enter_scratch(scratch)
        if rules is not None:
            landlock.restrict(rules, scratch)
    except OSError:
        os._exit(CONFINE_FAILED)
    return rules is not None


def _finish() -> None:
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except Exception:
        pass
    os._exit(0)
