"""Supervisor side of the warm worker: start it (sandboxed where possible), send a
check, wait with a deadline, restart it if it dies. The engine keeps serving."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from mlkata import paths
from mlkata.errors import MlkataError
from mlkata.judge import bwrap, framing, wire

READY_TIMEOUT = 120.0


class WorkerFailure(MlkataError):
    """The worker itself died or stopped answering (not the submission)."""


MODES = ("auto", "bwrap", "plain", "none")
WRITE_CAP_MIB = 64  # worker.QUOTA_BYTES, in words (the worker module imports numpy)


@dataclass(frozen=True)
class SandboxMode:
    """How submissions run: `kind` is bwrap, plain or none; `landlock` the Landlock ABI that
    confines each plain-mode child (0: none); `nobody` whether the child runs as uid nobody."""

    kind: str
    seccomp: bool
    landlock: int = 0
    nobody: bool = False

    @property
    def bwrap(self) -> bool:
        return self.kind == "bwrap"

    @property
    def confined(self) -> bool:
        """Whether the submission's file system is confined (bubblewrap or Landlock)."""
        return self.bwrap or self.landlock > 0

    def describe(self) -> str:
        if self.bwrap:
            layers = ["bubblewrap (no network, read-only root, private /tmp, no caps, uid nobody)"]
        elif self.landlock:
            layers = [f"plain: Landlock ABI {self.landlock} (reads only system and Python paths: no bank, store, "
                      f"cache or workspace; writes only a private scratch folder, {WRITE_CAP_MIB} MiB)"]
        elif self.kind == "none":
            layers = ["UNCONFINED (MLKATA_SANDBOX=none, a debugging switch: no bwrap, no Landlock, no seccomp; "
                      "the submission can read the model answers and change your files)"]
        else:
            layers = ["plain, UNCONFINED (no bwrap and no Landlock here: the submission can read the model "
                      "answers and change your files)"]
        layers += ["fork per check", "rlimits"]
        if self.nobody and not self.bwrap:
            layers.append("uid nobody")
        if self.seccomp:
            layers.append("seccomp (no exec, fork, network sockets or signals to other processes)")
        return " + ".join(layers)

    def warning(self) -> str | None:
        """What `doctor` should warn about, or None when submissions are confined."""
        if self.kind == "none":
            return ("MLKATA_SANDBOX=none is a debugging switch: submissions run unconfined and without seccomp, "
                    "so they can read the model answers and change your files. Unset it.")
        if not self.confined:
            return ("Submissions run UNCONFINED: neither bubblewrap nor Landlock is available, so a submission can "
                    "read the model answers and change your files (only rlimits and seccomp apply). On Linux, "
                    "install bubblewrap (apt-get install bubblewrap) or use a kernel with Landlock (5.13+); "
                    "elsewhere, check only code you trust.")
        return None


def sandbox_wanted() -> str:
    """MLKATA_SANDBOX=auto|bwrap|plain|none (auto: bubblewrap when it works here, else plain)."""
    wanted = os.environ.get("MLKATA_SANDBOX", "auto").strip().lower() or "auto"
    if wanted not in MODES:
        raise WorkerFailure(f"MLKATA_SANDBOX={wanted!r} is not one of {', '.join(MODES)}")
    return wanted


def choose_mode() -> str:
    """bwrap, plain or none, as MLKATA_SANDBOX asks and this machine allows."""
    wanted = sandbox_wanted()
    if wanted in ("plain", "none"):
        return wanted
    if bwrap.bwrap_path() is not None:
        return "bwrap"
    if wanted == "bwrap":
        raise WorkerFailure("MLKATA_SANDBOX=bwrap but bubblewrap is missing or cannot run here")
    return "plain"


def hidden_paths() -> list[Path]:
    """What a submission must not reach: the bank, the user's data and cache, the workspace, the cwd."""
    from mlkata.problems.catalog import BANK_DIR

    return [BANK_DIR, paths.data_dir(), paths.cache_dir(), paths.default_workspace(), Path.cwd()]


def _holds_python(folder: Path) -> bool:
    """Whether emptying `folder` would take the interpreter or an import path with it."""
    folder = folder.resolve()
    used = {Path(p).resolve() for p in (sys.prefix, sys.base_prefix, *sys.path) if p}
    return any(p == folder or folder in p.parents for p in used)


class Worker:
    """One warm worker process. Not thread-safe: one check at a time."""

    def __init__(self, preload: tuple[str, ...] = ("numpy", "torch")):
        self.preload = preload
        self.proc: subprocess.Popen | None = None
        self.info: dict | None = None
        self.mode: SandboxMode | None = None
        self.kind: str | None = None  # bwrap, plain or none: chosen at the first start, kept by restarts
        self.generation = 0  # bumped at every (re)start: what the worker remembers is gone

    # -- life cycle ----------------------------------------------------------
    def start(self) -> None:
        """Spawn without waiting for the imports: callers overlap their own work."""
        if self.proc is not None and self.proc.poll() is None:
            return
        kind = self.kind = self.kind or choose_mode()
        hide = hidden_paths()
        argv = [sys.executable, "-m", "mlkata.judge.worker", "--preload", ",".join(self.preload), "--mode", kind]
        if kind == "bwrap":
            # bubblewrap empties what it hides: the cwd never, the workspace unless Python lives in it
            argv = bwrap.command(argv, hide=[*hide[:3], *(p for p in hide[3:4] if not _holds_python(p))])
        elif kind == "plain":
            argv += [f"--hide={p}" for p in hide]
        env = dict(os.environ, OMP_NUM_THREADS="1", MKL_NUM_THREADS="1", PYTHONDONTWRITEBYTECODE="1")
        env.pop("PYTHONSTARTUP", None)
        stderr = subprocess.DEVNULL if not os.environ.get("MLKATA_DEBUG") else None
        self.proc = subprocess.Popen(argv, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                     stderr=stderr, env=env, start_new_session=True)
        self.info = None
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
            self.mode = SandboxMode(kind=str(self.info.get("mode")), seccomp=bool(self.info.get("seccomp")),
                                    landlock=int(self.info.get("landlock") or 0), nobody=bool(self.info.get("nobody")))
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
