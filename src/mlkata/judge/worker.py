"""The warm worker: numpy and torch imported once, a fresh forked child per check.

Started by the supervisor as `python -m mlkata.judge.worker --mode bwrap|plain|none`
(inside bubblewrap in bwrap mode); it speaks framed wire messages on stdin/stdout.
It holds no answers: requests carry only the submission, the driver and inputs.

In plain mode each check gets a fresh private scratch folder (its working and temporary
folder, the only place Landlock lets it write), removed afterwards. In every mode what a
child writes is capped: the scratch folder's size and entries, plus files it holds open
that no folder shows (unlinked, O_TMPFILE, memfd), are polled while it runs; past the cap
it is killed and the reply says so (`disk_quota`, reported like SIGXFSZ).
"""

from __future__ import annotations

import argparse
import ctypes
import gc
import os
import selectors
import shutil
import signal
import stat
import sys
import tempfile
import time

import numpy as np

from mlkata.judge import child, framing, landlock, sandbox, wire

OUTPUT_KEEP = 64 * 1024         # bytes of the user's prints kept for the report
RESULTS_CAP = 128 * 1024 * 1024  # bytes of result messages accepted from one child
PR_SET_CHILD_SUBREAPER = 36
EXIT_GRACE = 0.25               # seconds to drain pipes still held open after the child exited
PRIVATE_FDS: set[int] = set()   # the worker's own channel: never inherited by a submission
QUOTA_BYTES = 64 << 20          # what one check may write in all (scratch files, hidden open files)
QUOTA_ENTRIES = 1000            # files and folders in its scratch folder
QUOTA_POLL = 0.01               # seconds between two looks while it runs
SCRATCH_PREFIX = "mlkata-scratch-"


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


def over_quota(pid: int, scratch: str | None) -> bool:
    """Whether the child `pid` has written more than it may: regular files it holds open that
    no folder lists, plus everything in its scratch folder. A scratch folder it made
    unreadable counts as over."""
    total = 0
    try:
        fds = os.listdir(f"/proc/{pid}/fd")
    except OSError:
        fds = []
    for fd in fds:
        try:
            st = os.stat(f"/proc/{pid}/fd/{fd}")
        except OSError:
            continue
        if stat.S_ISREG(st.st_mode) and st.st_nlink == 0:
            total += st.st_size
    entries, folders = 0, [scratch] if scratch else []
    while folders:
        try:
            with os.scandir(folders.pop()) as listing:
                for entry in listing:
                    entries += 1
                    try:
                        st = entry.stat(follow_symlinks=False)
                    except FileNotFoundError:
                        continue
                    if stat.S_ISDIR(st.st_mode):
                        folders.append(entry.path)
                    elif stat.S_ISREG(st.st_mode):
                        total += st.st_size
        except FileNotFoundError:
            continue
        except OSError:
            return True
        if entries > QUOTA_ENTRIES or total > QUOTA_BYTES:
            return True
    return total > QUOTA_BYTES


def new_scratch() -> str | None:
    """A fresh private folder for one check; None if none can be made (the child then writes nowhere)."""
    try:
        return tempfile.mkdtemp(prefix=f"{SCRATCH_PREFIX}{os.getpid()}-")
    except OSError:
        return None


def remove_scratch(path: str) -> None:
    """Remove a child's scratch folder, whatever modes it left on its folders."""
    for folder, subfolders, _ in os.walk(path):
        for name in subfolders:
            try:
                os.chmod(os.path.join(folder, name), 0o700, follow_symlinks=False)
            except (OSError, NotImplementedError):
                pass
    shutil.rmtree(path, ignore_errors=True)


def run_check(request: dict, harden: bool) -> dict:
    result_r, result_w = os.pipe()
    out_r, out_w = os.pipe()
    scratch = request["scratch"] = new_scratch() if request.get("plain") else None
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
    exited_at, pipes_open, quota, next_look = None, 2, False, started
    while pipes_open:
        now = time.monotonic()
        if exited_at is not None and now > exited_at + EXIT_GRACE:
            break  # the child is gone and what it wrote is drained; leftovers are killed below
        if not quota and exited_at is None and now >= next_look:
            next_look = now + QUOTA_POLL
            if over_quota(pid, scratch):
                quota = True
                try:
                    os.killpg(pid, signal.SIGKILL)
                except (ProcessLookupError, PermissionError):
                    pass
        wait = deadline - now
        if wait <= 0:
            timed_out = True
            break
        wait = min(wait, max(next_look - now, 0.001))
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
    if scratch is not None:
        quota = quota or over_quota(pid, scratch)
        remove_scratch(scratch)
    frames, clean = framing.split_frames(bytes(results))
    signum = os.WTERMSIG(status) if os.WIFSIGNALED(status) else None
    return {
        "timed_out": timed_out and not quota,
        "flooded": flooded,
        "disk_quota": quota,
        "signal": int(signal.SIGXFSZ) if quota else signum,  # the engine reports it as a file too large
        "exit_code": os.WEXITSTATUS(status) if os.WIFEXITED(status) and not quota else None,
        "wall": time.monotonic() - started,
        "frames": [np.frombuffer(f, dtype=np.uint8) for f in frames],
        "frames_clean": clean,
        "output": output.decode("utf-8", errors="replace"),
        "output_bytes": output_total,
    }


def plain_confinement(hide: list[str]) -> dict:
    """What every plain-mode child is given: Landlock rules (None where Landlock is missing,
    switched off with MLKATA_LANDLOCK=off, or fails a trial), and whether a root child must
    keep the power to read the interpreter's files."""
    rules = None
    if landlock.abi() and os.environ.get("MLKATA_LANDLOCK", "").lower() not in ("0", "off", "no"):
        rules = landlock.plan(hide)
        pid = os.fork()
        if pid == 0:  # a trial child: the rules must apply here before any check relies on them
            try:
                landlock.restrict(rules, None)
                os._exit(0)
            finally:
                os._exit(1)
        _, status = os.waitpid(pid, 0)
        if not (os.WIFEXITED(status) and os.WEXITSTATUS(status) == 0):
            rules = None
    return {"plain": True, "landlock": rules, "keep_read": sandbox.needs_read_power()}


def serve(preload: list[str], mode: str, hide: list[str]) -> None:
    reply_fd = os.dup(1)
    PRIVATE_FDS.add(reply_fd)
    os.dup2(2, 1)  # stray prints from imports must not corrupt the channel
    versions = {"python": sys.version.split()[0], "numpy": np.__version__}
    if "torch" in preload:
        import torch

        torch.set_num_threads(1)  # before any op: forked children must not inherit a live pool
        versions["torch"] = str(torch.__version__)
    become_subreaper()
    harden = mode != "none"
    setup = {"in_bwrap": mode == "bwrap"}
    if mode == "plain":
        setup.update(plain_confinement(hide))
    elif mode == "none":
        setup["keep_read"] = sandbox.needs_read_power()
    landlock_abi = landlock.abi() if setup.get("landlock") else 0
    ready = {
        "event": "ready", "versions": versions, "pid": os.getpid(), "uid": os.getuid(), "mode": mode,
        "seccomp": harden and sandbox.seccomp_available(), "in_bwrap": mode == "bwrap", "landlock": landlock_abi,
        "nobody": mode == "bwrap" or os.geteuid() in (0, sandbox.NOBODY),
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
            request.update(inputs[key], **setup)
            reply = run_check(request, harden)
        else:
            reply = {"event": "pong"}
        framing.write_frame(reply_fd, wire.encode(reply))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--preload", default="numpy,torch")
    parser.add_argument("--mode", choices=("bwrap", "plain", "none"), default="plain")
    parser.add_argument("--hide", action="append", default=[], help="a path no plain-mode child may reach")
    args = parser.parse_args()
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the supervisor's business
    serve([m for m in args.preload.split(",") if m], args.mode, args.hide)


if __name__ == "__main__":
    main()
