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


def _children() -> list[tuple[int, int]]:
    """(pid, process group) of every process (zombies included) whose parent is this worker."""
    me, found = str(os.getpid()), []
    for entry in os.listdir("/proc") if os.path.isdir("/proc") else []:
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as f:
                fields = f.read().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        if len(fields) > 2 and fields[1] == me:
            found.append((int(entry), int(fields[2])))
    return found


EXITED: dict[int, int] = {}  # pid -> wait status of children reaped before their run asked


def reap() -> None:
    """Collect every child that has exited; a run finds its own status in EXITED."""
    while True:
        try:
            done, status = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            return
        if done == 0:
            return
        EXITED[done] = status


def kill_leftovers(pgid: int, protect: frozenset[int] = frozenset(), settle: float = 2.0) -> int | None:
    """Kill the child's process group and every other process that is ours, except the process
    groups in `protect` (the other checks running now), and reap them, until none is left
    (orphans re-parent to us while their parents die). Returns the wait status of the process
    `pgid` if it has exited."""
    give_up = time.monotonic() + settle
    while True:
        try:
            os.killpg(pgid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass
        children = [pid for pid, group in _children() if pid not in protect and group not in protect]
        for child_pid in children:
            try:
                os.kill(child_pid, signal.SIGKILL)
            except (ProcessLookupError, PermissionError):
                pass
        reap()
        for pid in [p for p in EXITED if p != pgid and p not in protect]:
            EXITED.pop(pid)  # leftovers: nobody asks for their status
        if not children or time.monotonic() > give_up:
            return EXITED.pop(pgid, None)
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


RUN_FDS: set[int] = set()  # the pipes and pidfds of every check running now: a new child closes them all


class ChildRun:
    """One check: a forked child running the submission, watched by the worker's event loop
    (several run at once). `fds()` says what to wait on; `tick()` enforces the deadline and the
    write cap; `reply()` ends it (leftovers killed, scratch removed) and says how it went."""

    def __init__(self, request: dict, harden: bool):
        self.id = request.get("id")
        result_r, result_w = os.pipe()
        out_r, out_w = os.pipe()
        self.scratch = request["scratch"] = new_scratch() if request.get("plain") else None
        self.started = time.monotonic()
        pid = os.fork()
        if pid == 0:  # ---- child ----
            try:
                os.setpgid(0, 0)
                # the submission must not reach the reply pipe, nor any other check's pipes
                for fd in (result_r, out_r, *PRIVATE_FDS, *RUN_FDS):
                    try:
                        os.close(fd)
                    except OSError:
                        pass
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
        self.pid = pid
        try:
            os.setpgid(pid, pid)
        except OSError:
            pass
        os.close(result_w)
        os.close(out_w)
        try:  # readable when the child exits: leftovers holding the pipes open must not stall us
            self.pidfd = os.pidfd_open(pid)
        except (AttributeError, OSError):
            self.pidfd = None
        self.open = {result_r: "results", out_r: "output"}
        self.all_fds = [result_r, out_r] + ([self.pidfd] if self.pidfd is not None else [])
        RUN_FDS.update(self.all_fds)
        self.deadline = self.started + float(request["limits"]["wall_seconds"])
        self.results, self.output, self.output_total = bytearray(), bytearray(), 0
        self.timed_out = self.flooded = self.quota = False
        self.exited_at: float | None = None
        self.next_look = self.started
        self.status: int | None = None

    def fds(self) -> list[tuple[int, str]]:
        """(fd, kind) to wait on now."""
        watched = list(self.open.items())
        if self.pidfd is not None and self.exited_at is None:
            watched.append((self.pidfd, "exit"))
        return watched

    def _kill(self) -> None:
        try:
            os.killpg(self.pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass

    def on_ready(self, fd: int, kind: str) -> None:
        if kind == "exit":
            self.exited_at = time.monotonic()
            return
        chunk = os.read(fd, 1 << 16)
        if not chunk:
            self.open.pop(fd, None)
        elif kind == "results":
            self.results += chunk
            if len(self.results) > RESULTS_CAP:
                self.flooded = True
                self.open.pop(fd, None)
                self._kill()  # it would block on the full pipe until the deadline: stop it now
        else:
            self.output_total += len(chunk)
            if len(self.output) < OUTPUT_KEEP:
                self.output += chunk[: OUTPUT_KEEP - len(self.output)]

    def _exit_status(self) -> int | None:
        if self.status is None:
            reap()
            self.status = EXITED.pop(self.pid, None)
        return self.status

    def done(self, now: float) -> bool:
        """Whether this check is over: drained and exited, out of time, or past the write cap."""
        if self.exited_at is not None and now > self.exited_at + EXIT_GRACE:
            return True  # the child is gone and what it wrote is drained; leftovers are killed in reply()
        if not self.quota and self.exited_at is None and now >= self.next_look:
            self.next_look = now + QUOTA_POLL
            if over_quota(self.pid, self.scratch):
                self.quota = True
                self._kill()
        if now >= self.deadline:
            self.timed_out = True
            return True
        return not self.open and self._exit_status() is not None  # pipes closed and the exit seen

    def wake_in(self, now: float) -> float:
        """Seconds until this check next needs a look without any event."""
        wait = min(self.deadline - now, max(self.next_look - now, 0.001))
        if self.exited_at is not None:
            wait = min(wait, self.exited_at + EXIT_GRACE - now)
        if not self.open and self.pidfd is None:
            wait = min(wait, 0.0005)  # no pidfd here: look for the exit often
        return max(wait, 0.0)

    def reply(self, others: frozenset[int]) -> dict:
        status = self._exit_status()
        reaped = kill_leftovers(self.pid, protect=others)
        status = status if status is not None else reaped
        if status is None:
            try:
                _, status = os.waitpid(self.pid, 0)
            except ChildProcessError:
                status = EXITED.pop(self.pid, 0)
        RUN_FDS.difference_update(self.all_fds)
        for fd in self.all_fds:
            os.close(fd)
        quota = self.quota
        if self.scratch is not None:
            quota = quota or over_quota(self.pid, self.scratch)
            remove_scratch(self.scratch)
        frames, clean = framing.split_frames(bytes(self.results))
        signum = os.WTERMSIG(status) if os.WIFSIGNALED(status) else None
        return {
            "id": self.id,
            "timed_out": self.timed_out and not quota,
            "flooded": self.flooded,
            "disk_quota": quota,
            "signal": int(signal.SIGXFSZ) if quota else signum,  # the engine reports it as a file too large
            "exit_code": os.WEXITSTATUS(status) if os.WIFEXITED(status) and not quota else None,
            "wall": time.monotonic() - self.started,
            "frames": [np.frombuffer(f, dtype=np.uint8) for f in frames],
            "frames_clean": clean,
            "output": self.output.decode("utf-8", errors="replace"),
            "output_bytes": self.output_total,
        }


def run_check(request: dict, harden: bool) -> dict:
    """One check, start to end, with nothing else running (tests and tools)."""
    run = ChildRun(request, harden)
    sel = selectors.DefaultSelector()
    try:
        while True:
            now = time.monotonic()
            if run.done(now):
                return run.reply(frozenset())
            _watch(sel, {run.id: run})
            for key, _ in sel.select(run.wake_in(now)):
                run.on_ready(key.fd, key.data[1])
    finally:
        sel.close()


def _watch(sel: selectors.BaseSelector, runs: dict) -> None:
    """Register exactly the fds the running checks wait on now."""
    wanted = {fd: (run.id, kind) for run in runs.values() for fd, kind in run.fds()}
    for fd in [fd for fd in sel.get_map() if fd not in wanted and fd != 0]:
        sel.unregister(fd)
    for fd, data in wanted.items():
        if fd in sel.get_map():
            sel.modify(fd, selectors.EVENT_READ, data)
        else:
            sel.register(fd, selectors.EVENT_READ, data)


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
        preload_module("torch", versions)
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
    loop(reply_fd, setup, harden, versions)


def preload_module(name: str, versions: dict) -> None:
    """Import a heavy module between checks (torch, asked for once no check is running)."""
    if name == "torch" and "torch" not in versions:
        import torch

        torch.set_num_threads(1)  # before any op: forked children must not inherit a live pool
        versions["torch"] = str(torch.__version__)
        warm_up_torch(torch)
        gc.freeze()


def warm_up_torch(torch) -> None:
    """Run the common ops once here: torch sets up its dispatch tables and allocator lazily, and a child
    forked before that would each build (and hold) its own copy."""
    x = torch.randn(4, 8, dtype=torch.float64, requires_grad=True)
    w = torch.randn(8, 8)
    y = torch.softmax(x.float() @ w, dim=-1).masked_fill(torch.ones(4, 8, dtype=torch.bool).triu(1), 0.0)
    z = torch.einsum("ij,kj->ik", y, y) + torch.nn.functional.layer_norm(y, (8,)).sum()
    (z.sum() + x.sum()).backward()
    torch.manual_seed(0)


def loop(reply_fd: int, setup: dict, harden: bool, versions: dict) -> None:
    """Serve requests until stdin closes; checks run side by side, each reply tagged with its `id`.

    A check request may ask for its cases without the efficiency case (`timing: false`) or for the
    efficiency case alone (`only_timing`): the engine times a submission only once every case passed."""
    inputs: dict[str, dict] = {}  # a problem's case inputs, decoded once and inherited by each child
    runs: dict[object, ChildRun] = {}
    sel = selectors.DefaultSelector()
    sel.register(0, selectors.EVENT_READ, None)

    def send(message: dict) -> None:
        framing.write_frame(reply_fd, wire.encode(message))

    while True:
        now = time.monotonic()
        for rid, run in list(runs.items()):
            if run.done(now):
                del runs[rid]
                send(run.reply(frozenset(r.pid for r in runs.values())))
        _watch(sel, runs)
        wait = min((run.wake_in(now) for run in runs.values()), default=None)
        for key, _ in sel.select(wait):
            if key.data is not None:
                rid, kind = key.data
                if rid in runs:
                    runs[rid].on_ready(key.fd, kind)
                continue
            try:
                request = wire.decode(framing.read_frame(0))
            except framing.ChannelClosed:
                for run in runs.values():
                    run._kill()
                os._exit(0)  # the supervisor is done: skip torch's slow interpreter teardown
            op, rid = request.get("op"), request.get("id")
            if op == "check":
                key_ = request["inputs_key"]
                if request.get("inputs") is not None:
                    inputs[key_] = request["inputs"]
                if key_ not in inputs:
                    send({"id": rid, "event": "need-inputs"})
                    continue
                request.update(inputs[key_], **setup)
                if request.get("timing") is False:
                    request["efficiency"] = None
                if request.get("only_timing"):
                    request["cases"] = []
                runs[rid] = ChildRun(request, harden)
            elif op == "preload":
                preload_module(str(request.get("module")), versions)
                send({"id": rid, "event": "preloaded", "versions": versions})
            else:
                send({"id": rid, "event": "pong"})


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
