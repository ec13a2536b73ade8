"""The warm worker: numpy and torch imported once, a fresh forked child per check.

Started by the supervisor (possibly inside bubblewrap) as
`python -m mlkata.judge.worker`; it speaks framed wire messages on stdin/stdout.
It holds no answers: requests carry only the submission, the driver and inputs.
"""

from __future__ import annotations

import argparse
import ctypes
import gc
import os
import selectors
import signal
import sys
import time

import numpy as np

from mlkata.judge import child, framing, sandbox, wire

OUTPUT_KEEP = 64 * 1024         # bytes of the user's prints kept for the report
RESULTS_CAP = 128 * 1024 * 1024  # bytes of result messages accepted from one child
PR_SET_CHILD_SUBREAPER = 36
EXIT_GRACE = 0.25               # seconds to drain pipes still held open after the child exited
PRIVATE_FDS: set[int] = set()   # the worker's own channel: never inherited by a submission


def become_subreaper() -> None:
    """Orphans of a submission (a fork bomb's leftovers) re-parent to us, so we can kill them."""
    try:
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0)
    except (OSError, AttributeError):
        pass


def _children() -> list[int]:
    """Every process (zombies included) whose parent is this worker."""
    me, found = str(os.getpid()), []
    for entry in os.listdir("/proc") if os.path.isdir("/proc") else []:
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as f:
                ppid = f.read().rsplit(")", 1)[1].split()[1]
        except (OSError, IndexError):
            continue
        if ppid == me:
            found.append(int(entry))
    return found


def kill_leftovers(pgid: int, settle: float = 2.0) -> int | None:
    """Kill the child's process group and every other process that is ours, and reap
    them, until none is left (orphans re-parent to us while their parents die).
    Returns the wait status of the process `pgid` if it was reaped here."""
    status = None
    give_up = time.monotonic() + settle
    while True:
        try:
            os.killpg(pgid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass
        children = _children()
        for child_pid in children:
            try:
                os.kill(child_pid, signal.SIGKILL)
            except (ProcessLookupError, PermissionError):
                pass
        while True:  # reap whatever has died
            try:
                done, code = os.waitpid(-1, os.WNOHANG)
            except ChildProcessError:
                break
            if done == 0:
                break
            if done == pgid:
                status = code
        if not children or time.monotonic() > give_up:
            return status
        time.sleep(0.002)


def run_check(request: dict, harden: bool) -> dict:
    result_r, result_w = os.pipe()
    out_r, out_w = os.pipe()
    started = time.monotonic()
    pid = os.fork()
    if pid == 0:  # ---- child ----
        try:
            os.setpgid(0, 0)
            for fd in (result_r, out_r, *PRIVATE_FDS):  # the submission must not reach the reply pipe
                os.close(fd)
            devnull = os.open(os.devnull, os.O_RDONLY)
            os.dup2(devnull, 0)
            os.close(devnull)
            os.dup2(out_w, 1)
            os.dup2(out_w, 2)
            os.close(out_w)
            signal.signal(signal.SIGPIPE, signal.SIG_DFL)
            child.run(request, result_w, harden)
        finally:
            os._exit(70)
    # ---- worker ----
    try:
        os.setpgid(pid, pid)
    except OSError:
        pass
    os.close(result_w)
    os.close(out_w)
    deadline = started + float(request["limits"]["wall_seconds"])
    results, output = bytearray(), bytearray()
    output_total, timed_out, flooded = 0, False, False
    sel = selectors.DefaultSelector()
    sel.register(result_r, selectors.EVENT_READ, "results")
    sel.register(out_r, selectors.EVENT_READ, "output")
    try:  # readable when the child exits: leftovers holding the pipes open must not stall us
        pidfd = os.pidfd_open(pid)
        sel.register(pidfd, selectors.EVENT_READ, "exit")
    except (AttributeError, OSError):
        pidfd = None
    exited_at, pipes_open = None, 2
    while pipes_open:
        now = time.monotonic()
        if exited_at is not None and now > exited_at + EXIT_GRACE:
            break  # the child is gone and what it wrote is drained; leftovers are killed below
        wait = deadline - now
        if wait <= 0:
            timed_out = True
            break
        if exited_at is not None:
            wait = min(wait, exited_at + EXIT_GRACE - now)
        for key, _ in sel.select(wait):
            if key.data == "exit":
                exited_at = time.monotonic()
                sel.unregister(key.fd)
                continue
            chunk = os.read(key.fd, 1 << 16)
            if not chunk:
                sel.unregister(key.fd)
                pipes_open -= 1
            elif key.data == "results":
                results += chunk
                if len(results) > RESULTS_CAP:
                    flooded = True
                    sel.unregister(key.fd)
                    pipes_open -= 1
                    try:  # it would block on the full pipe until the deadline: stop it now
                        os.killpg(pid, signal.SIGKILL)
                    except (ProcessLookupError, PermissionError):
                        pass
            else:
                output_total += len(chunk)
                if len(output) < OUTPUT_KEEP:
                    output += chunk[: OUTPUT_KEEP - len(output)]
    status = None
    while status is None and not timed_out:  # pipes closed: wait for the exit itself
        done, status_code = os.waitpid(pid, os.WNOHANG)
        if done:
            status = status_code
        elif time.monotonic() > deadline:
            timed_out = True
        else:
            time.sleep(0.0005)
    reaped = kill_leftovers(pid)
    if status is None:
        status = reaped
    if status is None:
        try:
            _, status = os.waitpid(pid, 0)
        except ChildProcessError:
            status = 0
    sel.close()
    if pidfd is not None:
        os.close(pidfd)
    os.close(result_r)
    os.close(out_r)
    frames, clean = framing.split_frames(bytes(results))
    return {
        "timed_out": timed_out,
        "flooded": flooded,
        "signal": os.WTERMSIG(status) if os.WIFSIGNALED(status) else None,
        "exit_code": os.WEXITSTATUS(status) if os.WIFEXITED(status) else None,
        "wall": time.monotonic() - started,
        "frames": [np.frombuffer(f, dtype=np.uint8) for f in frames],
        "frames_clean": clean,
        "output": output.decode("utf-8", errors="replace"),
        "output_bytes": output_total,
    }


def serve(preload: list[str], harden: bool, in_bwrap: bool) -> None:
    reply_fd = os.dup(1)
    PRIVATE_FDS.add(reply_fd)
    os.dup2(2, 1)  # stray prints from imports must not corrupt the channel
    versions = {"python": sys.version.split()[0], "numpy": np.__version__}
    if "torch" in preload:
        import torch

        torch.set_num_threads(1)  # before any op: forked children must not inherit a live pool
        versions["torch"] = str(torch.__version__)
    become_subreaper()
    ready = {
        "event": "ready", "versions": versions, "pid": os.getpid(), "uid": os.getuid(),
        "seccomp": harden and sandbox.seccomp_available(), "in_bwrap": in_bwrap,
    }
    gc.freeze()  # imported objects move out of the collector's sight: children collect far less
    framing.write_frame(reply_fd, wire.encode(ready))
    inputs: dict[str, dict] = {}  # a problem's case inputs, decoded once and inherited by each child
    while True:
        try:
            request = wire.decode(framing.read_frame(0))
        except framing.ChannelClosed:
            os._exit(0)  # the supervisor is done: skip torch's slow interpreter teardown
        if request.get("op") == "check":
            key = request["inputs_key"]
            if request.get("inputs") is not None:
                inputs[key] = request["inputs"]
            if key not in inputs:
                framing.write_frame(reply_fd, wire.encode({"event": "need-inputs"}))
                continue
            request.update(inputs[key], in_bwrap=in_bwrap)
            reply = run_check(request, harden)
        else:
            reply = {"event": "pong"}
        framing.write_frame(reply_fd, wire.encode(reply))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--preload", default="numpy,torch")
    parser.add_argument("--no-seccomp", action="store_true")
    parser.add_argument("--in-bwrap", action="store_true")
    args = parser.parse_args()
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the supervisor's business
    serve([m for m in args.preload.split(",") if m], not args.no_seccomp, args.in_bwrap)


if __name__ == "__main__":
    main()
