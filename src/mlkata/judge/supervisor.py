"""Supervisor side of the warm worker: start it (sandboxed where possible), send a
check, wait with a deadline, restart it if it dies. The engine keeps serving."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from dataclasses import dataclass

from mlkata import paths
from mlkata.errors import MlkataError
from mlkata.judge import bwrap, framing, wire

READY_TIMEOUT = 120.0


class WorkerFailure(MlkataError):
    """The worker itself died or stopped answering (not the submission)."""


@dataclass(frozen=True)
class SandboxMode:
    bwrap: bool
    seccomp: bool

    def describe(self) -> str:
        layers = ["fork per check", "rlimits"]
        if self.bwrap:
            layers.insert(0, "bubblewrap (no network, read-only root, private /tmp, no caps, uid nobody)")
        if self.seccomp:
            layers.append("seccomp (no exec, fork, network sockets or signals to other processes)")
        return " + ".join(layers)


def sandbox_wanted() -> str:
    """MLKATA_SANDBOX=auto|bwrap|none (auto: bubblewrap when it works here)."""
    return os.environ.get("MLKATA_SANDBOX", "auto").lower()


class Worker:
    """One warm worker process. Not thread-safe: one check at a time."""

    def __init__(self, preload: tuple[str, ...] = ("numpy", "torch")):
        self.preload = preload
        self.proc: subprocess.Popen | None = None
        self.info: dict | None = None
        self.mode: SandboxMode | None = None
        self.generation = 0  # bumped at every (re)start: what the worker remembers is gone

    # -- life cycle ----------------------------------------------------------
    def start(self) -> None:
        """Spawn without waiting for the imports: callers overlap their own work."""
        if self.proc is not None and self.proc.poll() is None:
            return
        from mlkata.problems.catalog import BANK_DIR

        argv = [sys.executable, "-m", "mlkata.judge.worker", "--preload", ",".join(self.preload)]
        use_bwrap = sandbox_wanted() != "none" and bwrap.bwrap_path() is not None
        if sandbox_wanted() == "bwrap" and not use_bwrap:
            raise WorkerFailure("MLKATA_SANDBOX=bwrap but bubblewrap is missing or cannot run here")
        if sandbox_wanted() == "none":
            argv.append("--no-seccomp")
        if use_bwrap:
            argv = bwrap.command([*argv, "--in-bwrap"], hide=[BANK_DIR, paths.data_dir(), paths.cache_dir()])
        env = dict(os.environ, OMP_NUM_THREADS="1", MKL_NUM_THREADS="1", PYTHONDONTWRITEBYTECODE="1")
        env.pop("PYTHONSTARTUP", None)
        stderr = subprocess.DEVNULL if not os.environ.get("MLKATA_DEBUG") else None
        self.proc = subprocess.Popen(argv, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                     stderr=stderr, env=env, start_new_session=True)
        self.info = None
        self._bwrap = use_bwrap
        self.generation += 1

    def ready(self) -> dict:
        self.start()
        if self.info is None:
            try:
                frame = framing.read_frame(self.proc.stdout.fileno(), time.monotonic() + READY_TIMEOUT)
            except (framing.ChannelClosed, framing.ChannelTimeout) as exc:
                self.stop()
                raise WorkerFailure(f"the judge worker failed to start ({type(exc).__name__})") from None
            self.info = wire.decode(frame)
            self.mode = SandboxMode(bwrap=self._bwrap, seccomp=bool(self.info.get("seccomp")))
        return self.info

    def stop(self) -> None:
        if self.proc is None:
            return
        try:
            self.proc.stdin.close()
        except OSError:
            pass
        try:
            self.proc.wait(timeout=2)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        self.proc = None
        self.info = None

    def __enter__(self) -> Worker:
        self.start()
        return self

    def __exit__(self, *exc) -> None:
        self.stop()

    # -- requests ------------------------------------------------------------
    def request(self, message: dict, timeout: float) -> dict:
        """Send one request and wait for its reply; on any worker failure, restart
        it for next time and raise WorkerFailure."""
        self.ready()
        try:
            framing.write_frame(self.proc.stdin.fileno(), wire.encode(message))
            frame = framing.read_frame(self.proc.stdout.fileno(), time.monotonic() + timeout)
            return wire.decode(frame)
        except (OSError, framing.ChannelClosed, framing.ChannelTimeout, wire.WireError) as exc:
            self.stop()
            raise WorkerFailure(f"the judge worker stopped answering ({type(exc).__name__})") from None
