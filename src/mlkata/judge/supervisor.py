"""Supervisor side of the warm worker: start it (sandboxed where possible), send a
check, wait with a deadline, restart it if it dies. The engine keeps serving."""

from __future__ import annotations

import itertools
import os
import queue
import subprocess
import sys
import threading
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


def answer_paths() -> list[Path]:
    """What a submission must never read: the bank (the answers), the user's data and the cache."""
    from mlkata.problems.catalog import BANK_DIR

    return [BANK_DIR, paths.data_dir(), paths.cache_dir()]


def hidden_paths() -> list[Path]:
    """What a submission must not reach: the answers, the user's data and cache, the workspace, the cwd
    (not when the cwd is / : the judge service runs from there)."""
    cwd = Path.cwd()
    return [*answer_paths(), paths.default_workspace(), *([cwd] if cwd != Path("/") else [])]


def _holds_python(folder: Path) -> bool:
    """Whether emptying `folder` would take the interpreter or an import path with it."""
    folder = folder.resolve()
    used = {Path(p).resolve() for p in (sys.prefix, sys.base_prefix, *sys.path) if p}
    return any(p == folder or folder in p.parents for p in used)


class _Spawner:
    """Starts the worker from one long-lived thread. bubblewrap's --die-with-parent (PR_SET_PDEATHSIG)
    kills the worker when the *thread* that started it ends, and checks run on short-lived threads (the
    service's connections, a web server's thread pool)."""

    def __init__(self) -> None:
        self._jobs: queue.Queue = queue.Queue()
        self._lock = threading.Lock()
        self._thread: threading.Thread | None = None

    def popen(self, *args, **kwargs) -> subprocess.Popen:
        with self._lock:
            if self._thread is None or not self._thread.is_alive():
                self._thread = threading.Thread(target=self._run, daemon=True, name="mlkata-spawner")
                self._thread.start()
        job = {"done": threading.Event()}
        self._jobs.put((args, kwargs, job))
        job["done"].wait()
        if "error" in job:
            raise job["error"]
        return job["proc"]

    def _run(self) -> None:
        while True:
            args, kwargs, job = self._jobs.get()
            try:
                job["proc"] = subprocess.Popen(*args, **kwargs)
            except BaseException as exc:  # noqa: BLE001 - handed to the caller
                job["error"] = exc
            finally:
                job["done"].set()


SPAWNER = _Spawner()


class _Pending:
    """A request waiting for its reply."""

    def __init__(self) -> None:
        self.done = threading.Event()
        self.reply: dict | None = None
        self.failure: str | None = None


class Worker:
    """One warm worker process. Thread-safe: requests from several threads run side by side in the
    worker (each check in its own child); replies are matched to requests by id."""

    def __init__(self, preload: tuple[str, ...] = ("numpy", "torch"), later: tuple[str, ...] = ()):
        self.preload = preload
        self.later = [m for m in later if m not in preload]  # imported once the worker is idle (preload())
        self.proc: subprocess.Popen | None = None
        self.info: dict | None = None
        self.mode: SandboxMode | None = None
        self.kind: str | None = None  # bwrap, plain or none: chosen at the first start, kept by restarts
        self.generation = 0  # bumped at every (re)start: what the worker remembers is gone
        self.extra_hidden: set[Path] = set()  # more paths hidden from submissions (ensure_hidden)
        self._lock = threading.RLock()  # start, stop and writes
        self._pending: dict[int, _Pending] = {}
        self._ids = itertools.count(1)
        self._ready = threading.Event()
        self._failed: str | None = None

    # -- life cycle ----------------------------------------------------------
    def hidden(self) -> list[Path]:
        return [*hidden_paths(), *sorted(self.extra_hidden)]

    def start(self) -> None:
        """Spawn without waiting for the imports: callers overlap their own work."""
        with self._lock:
            if self.proc is not None and self.proc.poll() is None:
                return
            kind = self.kind = self.kind or choose_mode()
            argv = [sys.executable, "-m", "mlkata.judge.worker", "--preload", ",".join(self.preload), "--mode", kind]
            if kind == "bwrap":
                # bubblewrap empties what it hides: the cwd never, a workspace only if Python does not live in it
                workspaces = [paths.default_workspace(), *sorted(self.extra_hidden)]
                argv = bwrap.command(argv, hide=[*answer_paths(), *(p for p in workspaces if not _holds_python(p))])
            elif kind == "plain":
                argv += [f"--hide={p}" for p in self.hidden()]
            env = dict(os.environ, OMP_NUM_THREADS="1", MKL_NUM_THREADS="1", PYTHONDONTWRITEBYTECODE="1")
            env.pop("PYTHONSTARTUP", None)
            stderr = subprocess.DEVNULL if not os.environ.get("MLKATA_DEBUG") else None
            self.proc = SPAWNER.popen(argv, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                      stderr=stderr, env=env, start_new_session=True)
            self.info = None
            self._ready = threading.Event()
            self._failed = None
            self.generation += 1
            self.later = [m for m in self.later if m not in self.preload]
            threading.Thread(target=self._read_replies, args=(self.proc, self._ready), daemon=True,
                             name="mlkata-worker-replies").start()

    def _read_replies(self, proc: subprocess.Popen, ready: threading.Event) -> None:
        """The reader thread: the ready message, then every reply, handed to whoever waits for its id."""
        fd = proc.stdout.fileno()
        failure = "the judge worker stopped answering"
        try:
            self.info = wire.decode(framing.read_frame(fd, time.monotonic() + READY_TIMEOUT))
            self.mode = SandboxMode(kind=str(self.info.get("mode")), seccomp=bool(self.info.get("seccomp")),
                                    landlock=int(self.info.get("landlock") or 0), nobody=bool(self.info.get("nobody")))
            ready.set()
            while True:
                reply = wire.decode(framing.read_frame(fd))
                with self._lock:
                    waiting = self._pending.pop(reply.get("id"), None)
                if waiting is not None:
                    waiting.reply = reply
                    waiting.done.set()
        except (OSError, ValueError, framing.ChannelClosed, framing.ChannelTimeout, wire.WireError) as exc:
            if not ready.is_set():
                failure = f"the judge worker failed to start ({type(exc).__name__})"
        proc.stdout.close()  # here, not in stop(): this thread reads it until the end
        with self._lock:
            if self.proc is proc:
                self._failed = failure
                ready.set()
                for waiting in self._pending.values():
                    waiting.failure = failure
                    waiting.done.set()
                self._pending.clear()

    def ready(self) -> dict:
        self.start()
        ready = self._ready
        if not ready.wait(READY_TIMEOUT + 5) or self._failed is not None or self.info is None:
            failure = self._failed or "the judge worker failed to start (no answer)"
            self.stop()
            raise WorkerFailure(failure)
        return self.info

    def stop(self) -> None:
        with self._lock:
            proc, self.proc = self.proc, None
            self.info = None
            for waiting in self._pending.values():
                waiting.failure = "the judge worker was stopped"
                waiting.done.set()
            self._pending.clear()
        if proc is None:
            return
        try:
            proc.stdin.close()
        except OSError:
            pass
        try:
            proc.wait(timeout=2)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()

    def ensure_hidden(self, folders: list[Path]) -> None:
        """Hide these folders from submissions too (another client's workspace and folder): a worker
        started without them is restarted."""
        covered = [p.resolve() for p in self.hidden() if p.exists()]
        new = {f.resolve() for f in folders if f.exists()}
        new = {f for f in new if not any(c == f or c in f.parents for c in covered)}
        if new:
            with self._lock:
                self.extra_hidden |= new
                running = self.proc is not None
            if running:
                self.stop()

    def in_flight(self) -> int:
        return len(self._pending)

    def preload_idle(self) -> None:
        """Import the deferred modules (torch) now, if no check is running: they block the worker a while."""
        with self._lock:
            if not self.later or self._pending or self.proc is None or not self._ready.is_set():
                return
            modules, self.later = self.later, []
            for module in modules:
                self._send({"op": "preload", "module": module, "id": 0})

    def __enter__(self) -> Worker:
        self.start()
        return self

    def __exit__(self, *exc) -> None:
        self.stop()

    # -- requests ------------------------------------------------------------
    def _send(self, message: dict) -> None:
        framing.write_frame(self.proc.stdin.fileno(), wire.encode(message))

    def request(self, message: dict, timeout: float, needs: tuple[str, ...] = ()) -> dict:
        """Send one request and wait for its reply; on any worker failure, restart
        it for next time and raise WorkerFailure. `needs`: modules to import in the worker first."""
        self.ready()
        waiting = _Pending()
        with self._lock:
            rid = next(self._ids)
            try:
                for module in [m for m in needs if m in self.later]:
                    self.later.remove(module)
                    self._send({"op": "preload", "module": module, "id": 0})
                self._pending[rid] = waiting
                self._send({**message, "id": rid})
            except (OSError, AttributeError, wire.WireError) as exc:
                self._pending.pop(rid, None)
                failure = f"the judge worker stopped answering ({type(exc).__name__})"
                waiting.failure = failure
        if waiting.failure is None and not waiting.done.wait(timeout):
            waiting.failure = "the judge worker stopped answering (ChannelTimeout)"
        if waiting.failure is not None or waiting.reply is None:
            self.stop()
            raise WorkerFailure(waiting.failure or "the judge worker stopped answering")
        return waiting.reply
