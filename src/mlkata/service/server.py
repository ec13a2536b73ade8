"""The judge service process: `python -m mlkata.service.server` (started by the first check).

It holds one Engine (one warm worker, the reference caches, the diagnosers) for every face of
this user, on a Unix socket in a private runtime folder (folder 0700, socket 0600; a peer of
another uid is refused). Checks from several clients run side by side, at most one per core,
queued beyond. A background process computes every problem's trusted outcomes into the disk
cache; this process then loads them and builds the diagnosers while idle. It exits after
`idle` seconds without a client (15 minutes by default), on `stop`, or on SIGTERM.
The sandbox is unchanged: this process is the supervisor, submissions run only in the worker's
children.
"""

from __future__ import annotations

import argparse
import fcntl
import os
import signal
import socket
import struct
import subprocess
import sys
import threading
import time
from pathlib import Path

from mlkata import __version__
from mlkata.errors import MlkataError
from mlkata.judge import framing
from mlkata.service import location, protocol

IDLE_SECONDS = 15 * 60
HEARTBEAT = 1.0  # seconds between "working" messages while a check runs: a silent service is wedged
TICK = 0.5


def peer(conn: socket.socket) -> tuple[int | None, int | None]:
    """The connecting process's (pid, uid) (Linux SO_PEERCRED); None where the system cannot say."""
    try:
        raw = conn.getsockopt(socket.SOL_SOCKET, socket.SO_PEERCRED, struct.calcsize("3i"))
    except (AttributeError, OSError):
        return None, None
    pid, uid, _ = struct.unpack("3i", raw)
    return pid, uid


def descends_from(pid: int, ancestor: int) -> bool:
    """Whether process `pid` is `ancestor` or one of its descendants (following parent links in /proc)."""
    seen = 0
    while pid > 1 and seen < 4096:
        if pid == ancestor:
            return True
        try:
            with open(f"/proc/{pid}/stat") as f:
                pid = int(f.read().rsplit(")", 1)[1].split()[1])
        except (OSError, ValueError, IndexError):
            return False
        seen += 1
    return pid == ancestor


def problem_info(problem) -> dict:
    """What a client needs to render a report without loading the bank."""
    return {"id": problem.id, "title": problem.title, "minutes": problem.minutes}


class Service:
    """Serves clients on `listener` until stopped or idle. `clock` is for tests."""

    def __init__(self, listener: socket.socket, idle_seconds: float = IDLE_SECONDS, engine=None,
                 clock=time.monotonic, warm: bool = True):
        from mlkata.judge.engine import Engine
        from mlkata.judge.supervisor import Worker

        self.listener = listener
        self.idle_seconds = idle_seconds
        self.clock = clock
        self.engine = engine if engine is not None else Engine(worker=Worker(("numpy",), later=("torch",)),
                                                               compute=compute_elsewhere)
        self.slots = threading.BoundedSemaphore(os.cpu_count() or 2)  # checks at once; the rest queue
        self.lock = threading.Lock()
        self.connections = 0
        self.checking = 0
        self.checks_served = 0
        self.last_activity = clock()
        self.started = time.time()
        self.stopping = threading.Event()
        self.warm = warm
        self.warm_process: subprocess.Popen | None = None
        self.warmed: set[str] = set()  # problems whose diagnosers are built in this process

    # -- life cycle ----------------------------------------------------------
    def idle_expired(self) -> bool:
        with self.lock:
            return self.connections == 0 and self.clock() - self.last_activity >= self.idle_seconds

    def _touch(self, delta: int = 0) -> None:
        with self.lock:
            self.connections += delta
            self.last_activity = self.clock()

    def serve_forever(self) -> None:
        self.engine.worker.start()
        if self.warm:
            self.warm_process = start_warm_up()
            threading.Thread(target=self._warm_idle, daemon=True, name="mlkata-warm").start()
        self.listener.settimeout(TICK)
        while not self.stopping.is_set() and not self.idle_expired():
            try:
                conn, _ = self.listener.accept()
            except TimeoutError:
                if self.checking == 0 and self.warm:
                    self.engine.worker.preload_idle()  # torch, once nobody waits on the worker
                continue
            except OSError:
                break
            conn.settimeout(None)
            self._touch(+1)
            threading.Thread(target=self._serve_client, args=(conn,), daemon=True).start()

    def close(self) -> None:
        self.stopping.set()
        if self.warm_process is not None and self.warm_process.poll() is None:
            self.warm_process.kill()
        self.engine.close()

    def _warm_idle(self) -> None:
        """Once the warm-up process has filled the disk cache, load each problem and build its
        diagnosers here, one problem at a time, only while no check runs."""
        from mlkata.problems.catalog import all_problems

        if self.warm_process is not None:
            self.warm_process.wait()
        for problem in all_problems().values():
            while self.checking and not self.stopping.is_set():
                time.sleep(TICK)
            if self.stopping.is_set():
                return
            try:
                self.engine.warm(problem)
                self.warmed.add(problem.id)
            except Exception:  # a problem that cannot warm is computed on demand, as without the service
                continue

    # -- one client ----------------------------------------------------------
    def _serve_client(self, conn: socket.socket) -> None:
        write_lock = threading.Lock()

        def send(message: dict) -> None:
            with write_lock:
                protocol.send(conn, message)

        try:
            pid, uid = peer(conn)
            if uid is not None and uid != os.getuid():
                send({"event": "error", "kind": "refused",
                      "message": f"this judge service belongs to uid {os.getuid()}; uid {uid} is refused"})
                return
            if pid is not None and descends_from(pid, os.getpid()):  # a submission (its worker's child), never
                send({"event": "error", "kind": "refused", "message": "a process started by the judge service "
                      "(a submission) cannot use the judge service"})
                return
            while True:
                try:
                    message = protocol.receive(conn, None)
                except (framing.ChannelClosed, OSError, ValueError):
                    return
                self._touch()
                if not self._dispatch(message, send):
                    return
        except (OSError, framing.ChannelClosed):
            return
        finally:
            conn.close()
            self._touch(-1)

    def _dispatch(self, message: dict, send) -> bool:
        """Answer one request; False ends the connection."""
        op = message.get("op")
        if op == "hello":
            send(self.status() | {"event": "hello"})
        elif op == "status":
            send(self.status() | {"event": "status"})
        elif op == "stop":
            send({"event": "stopping"})
            self.stopping.set()
            return False
        elif op in ("check", "check-source"):
            self._check(message, send)
        else:
            send({"event": "error", "kind": "usage", "message": f"unknown request {op!r}"})
        return True

    def status(self) -> dict:
        worker = self.engine.worker
        mode = worker.mode.describe() if worker.mode is not None else None
        warning = worker.mode.warning() if worker.mode is not None else None
        from mlkata.problems.catalog import all_problems

        return {
            "version": __version__, "build": protocol.build_id(), "config": protocol.config(),
            "pid": os.getpid(), "uid": os.getuid(), "started": self.started,
            "idle_seconds": self.idle_seconds, "checks": self.checks_served, "checking": self.checking,
            "worker_pid": (worker.info or {}).get("pid"), "sandbox": mode, "sandbox_warning": warning,
            "warm": len(self.warmed), "problems": len(all_problems()),
            "warming": self.warm_process is not None and self.warm_process.poll() is None,
        }

    def _check(self, message: dict, send) -> None:
        done = threading.Event()

        def heartbeat() -> None:
            while not done.wait(HEARTBEAT):
                try:
                    send({"event": "working"})
                except OSError:
                    return

        threading.Thread(target=heartbeat, daemon=True).start()
        try:
            with self.slots:
                with self.lock:
                    self.checking += 1
                try:
                    reply = self._judge(message)
                    self.checks_served += 1
                finally:
                    with self.lock:
                        self.checking -= 1
        except MlkataError as exc:
            reply = {"event": "error", "kind": "usage", "message": str(exc)}
        except Exception as exc:  # the service must answer; the client then checks in-process
            reply = {"event": "error", "kind": "engine", "message": f"{type(exc).__name__}: {exc}"}
        finally:
            done.set()
        send(reply)

    def _judge(self, message: dict) -> dict:
        from mlkata.cli import session
        from mlkata.problems.catalog import get_problem

        workspace = Path(message["workspace"]) if message.get("workspace") else None
        if workspace is not None:
            self.engine.worker.ensure_hidden([workspace])  # as a worker started for this client would
        if message.get("op") == "check-source":
            problem = get_problem(str(message["problem"]))
            report = self.engine.check(problem, str(message["source"]), str(message.get("filename") or "submission.py"))
            return {"event": "result", "report": report.to_json(), "problem": problem_info(problem)}
        path = Path(message["path"]) if message.get("path") else None
        problem, file = session.resolve_target(message.get("target"), path, workspace)
        report, source = session.judge(self.engine, problem, file, shown=message.get("shown"))
        reply = {"event": "result", "report": report.to_json(), "problem": problem_info(problem), "path": str(file)}
        if message.get("record"):
            elapsed, warnings = session.record(problem, report, file, source)
            notes = session.round_notes(problem, report, file)
            reply |= {"elapsed": elapsed, "warnings": warnings, "notes": notes,
                      "json": session.report_json(report, problem, elapsed, round_notes=notes)}
        return reply


def compute_elsewhere(problem, part: str) -> None:
    """A problem's trusted outcomes (or timing) computed now by another process into the disk cache:
    torch, which the model answers may import, stays out of the service's memory."""
    subprocess.run([sys.executable, "-m", "mlkata.service.warm", "--part", part, problem.id],
                   stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                   env=dict(os.environ, OMP_NUM_THREADS="1", MKL_NUM_THREADS="1"), timeout=900, check=True)


def start_warm_up() -> subprocess.Popen | None:
    """The warm-up process (nice 19): every problem's trusted outcomes into the disk cache."""
    try:
        return subprocess.Popen([sys.executable, "-m", "mlkata.service.warm", str(os.getpid())],
                                stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                env=dict(os.environ, OMP_NUM_THREADS="1", MKL_NUM_THREADS="1"),
                                start_new_session=True)
    except OSError:
        return None


def take_lock() -> int | None:
    """Hold the service lock (an fd) and write our pid in it; None if another service holds it."""
    fd = os.open(location.lock_path(), os.O_RDWR | os.O_CREAT, 0o600)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        os.close(fd)
        return None
    os.ftruncate(fd, 0)
    os.write(fd, f"{os.getpid()}\n".encode())
    return fd


def listen() -> socket.socket:
    """Bind the socket 0600 (a stale one from a killed service is replaced)."""
    path = location.socket_path()
    try:
        path.unlink()
    except FileNotFoundError:
        pass
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    old = os.umask(0o177)
    try:
        sock.bind(str(path))
    finally:
        os.umask(old)
    os.chmod(path, 0o600)
    sock.listen(64)
    return sock


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m mlkata.service.server")
    parser.add_argument("--idle", type=float, default=float(os.environ.get("MLKATA_JUDGE_IDLE", IDLE_SECONDS)))
    parser.add_argument("--no-warm", action="store_true", help="do not precompute every problem, nor import torch "
                        "before a check needs it (also MLKATA_JUDGE_WARM=off)")
    args = parser.parse_args(argv)
    location.secure_runtime_dir()
    lock = take_lock()
    if lock is None:
        return 0  # another service is running or starting: clients use that one
    sock = listen()
    path, inode = location.socket_path(), os.stat(location.socket_path()).st_ino
    warm = not args.no_warm and os.environ.get("MLKATA_JUDGE_WARM", "on").lower() not in ("off", "0", "no")
    service = Service(sock, idle_seconds=args.idle, warm=warm)
    signal.signal(signal.SIGTERM, lambda *_: service.stopping.set())
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # a Ctrl-C in the terminal that started it is not for us
    try:
        service.serve_forever()
    finally:
        try:
            if os.stat(path).st_ino == inode:  # still ours: a newer service may have replaced it
                path.unlink()
        except OSError:
            pass
        sock.close()
        service.close()
        os.close(lock)
    return 0


if __name__ == "__main__":
    sys.exit(main())
