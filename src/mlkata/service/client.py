"""What the faces call to judge: through the user's judge service (started on first use, replaced when
it is from other code or stops answering), else in this process, noting why for `mlkata doctor`.

Kept light: a `mlkata check` that reaches a running service imports no numpy, torch or engine."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

from mlkata.errors import MlkataError
from mlkata.judge import framing
from mlkata.service import location, protocol
from mlkata.service.location import ServiceUnavailable

HELLO_TIMEOUT = 5.0   # a service that takes longer to say hello is wedged
START_TIMEOUT = 60.0  # a new service's first hello (it imports the engine first)
SILENCE = 10.0        # a check without a heartbeat this long: the service is wedged
SWITCH = "MLKATA_JUDGE_SERVICE"  # off: every check runs in-process


class ServiceDown(MlkataError):
    """The service could not answer this request (the reason says why); the caller checks in-process."""


def enabled() -> bool:
    return os.environ.get(SWITCH, "auto").strip().lower() not in ("off", "0", "no", "false")


class Client:
    """One connection to a running service that has said hello."""

    def __init__(self, sock: socket.socket, hello: dict):
        self.sock, self.hello = sock, hello

    def request(self, message: dict, silence: float = SILENCE) -> dict:
        """Send a request, wait for its answer (heartbeats keep the wait alive)."""
        protocol.send(self.sock, message)
        while True:
            reply = protocol.receive(self.sock, silence)
            if reply.get("event") != "working":
                return reply

    def close(self) -> None:
        self.sock.close()

    def __enter__(self) -> Client:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def _dial() -> socket.socket | None:
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        sock.connect(str(location.socket_path()))
        return sock
    except OSError:  # no socket, a stale one (refused), or not ours to enter
        sock.close()
        return None


def _hello(sock: socket.socket, timeout: float) -> dict:
    protocol.send(sock, {"op": "hello", "build": protocol.build_id()})
    hello = protocol.receive(sock, timeout)
    if hello.get("event") == "error":
        raise ServiceUnavailable(str(hello.get("message")))
    return hello


def _current(hello: dict) -> bool:
    return hello.get("build") == protocol.build_id() and hello.get("config") == protocol.config()


def service_pid() -> int | None:
    """The pid the running (or wedged) service wrote in its lock file, if it is an mlkata service."""
    try:
        pid = int(location.lock_path().read_text().split()[0])
        with open(f"/proc/{pid}/cmdline", "rb") as f:
            return pid if b"mlkata.service.server" in f.read() else None
    except (OSError, ValueError, IndexError):
        return None


def alive(pid: int) -> bool:
    """Whether `pid` runs (a zombie nobody has reaped yet counts as gone)."""
    try:
        with open(f"/proc/{pid}/stat") as f:
            return f.read().rsplit(")", 1)[1].split()[0] != "Z"
    except (OSError, IndexError):
        try:
            os.kill(pid, 0)
        except OSError:
            return False
        return True


def _wait_gone(pid: int | None, timeout: float = 5.0, kill: bool = True) -> None:
    """Wait for `pid` to exit; past `timeout`, kill it (with `kill`)."""
    give_up = time.monotonic() + timeout
    while pid is not None and time.monotonic() < give_up:
        if not alive(pid):
            return
        time.sleep(0.01)
    if pid is not None and kill:
        _kill(pid)


def _kill(pid: int | None) -> None:
    """Replace a service that stopped answering: kill it and its stale socket."""
    if pid is None:
        return
    try:
        os.kill(pid, 9)
    except OSError:
        pass
    _wait_gone(pid, timeout=2.0, kill=False)
    try:
        location.socket_path().unlink()
    except OSError:
        pass


def running() -> Client | None:
    """A connection to the service if one runs (whatever its build); never starts one."""
    location.secure_runtime_dir()
    sock = _dial()
    if sock is None:
        return None
    try:
        return Client(sock, _hello(sock, HELLO_TIMEOUT))
    except (framing.ChannelClosed, framing.ChannelTimeout, OSError, ValueError):
        sock.close()
        return None


def spawn(idle: float | None = None, warm: bool = True) -> None:
    """Start a service in the background, detached from this terminal, logging to its runtime folder."""
    location.secure_runtime_dir()
    argv = [sys.executable, "-m", "mlkata.service.server"]
    if idle is not None:
        argv += ["--idle", str(idle)]
    if not warm:
        argv.append("--no-warm")
    log = location.log_path()
    try:
        if log.exists() and log.stat().st_size > 1 << 20:
            log.unlink()
        out = os.open(log, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
    except OSError:
        out = subprocess.DEVNULL
    try:
        subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=out, stderr=out, cwd="/",
                         start_new_session=True, close_fds=True)
    except OSError as exc:
        raise ServiceDown(f"cannot start the judge service: {exc.strerror}") from None
    finally:
        if isinstance(out, int) and out >= 0:
            os.close(out)


def connect(start: bool = True, idle: float | None = None) -> Client:
    """A connection to a current service: the running one, else (with `start`) a new one. A service of
    other code or settings is stopped first; one that does not say hello in time is killed."""
    location.secure_runtime_dir()
    sock = _dial()
    if sock is not None:
        try:
            hello = _hello(sock, HELLO_TIMEOUT)
        except framing.ChannelTimeout:
            sock.close()
            _kill(service_pid())
        except (framing.ChannelClosed, OSError, ValueError):
            sock.close()
        else:
            if _current(hello):
                return Client(sock, hello)
            try:  # left over from an older mlkata (or other settings): replace it
                protocol.send(sock, {"op": "stop"})
                protocol.receive(sock, HELLO_TIMEOUT)
            except (framing.ChannelClosed, framing.ChannelTimeout, OSError, ValueError):
                pass
            sock.close()
            _wait_gone(hello.get("pid"))
    if not start:
        raise ServiceDown("the judge service is not running")
    spawn(idle)
    give_up = time.monotonic() + START_TIMEOUT
    while time.monotonic() < give_up:
        sock = _dial()
        if sock is not None:
            try:
                hello = _hello(sock, START_TIMEOUT)
                if _current(hello):
                    return Client(sock, hello)
            except (framing.ChannelClosed, framing.ChannelTimeout, OSError, ValueError):
                pass
            sock.close()
        time.sleep(0.02)
    raise ServiceDown(f"the judge service did not start within {START_TIMEOUT:.0f} s (see {location.log_path()})")


def call(message: dict) -> dict:
    """One request through a current service; a service that dies or goes silent mid-request is
    replaced and the request sent once more. Raises ServiceDown (noted for doctor) when that fails."""
    reason = "the judge service is off (MLKATA_JUDGE_SERVICE=off)"
    for _attempt in (1, 2):
        if not enabled():
            break
        client = None
        try:
            client = connect()
            reply = client.request(message)
            if reply.get("event") == "error" and reply.get("kind") == "engine":
                reason = f"the judge service failed: {reply.get('message')}"
                continue
            return reply
        except ServiceUnavailable as exc:
            reason = str(exc)
            break
        except ServiceDown as exc:
            reason = str(exc)
            break
        except framing.ChannelTimeout:
            reason = "the judge service went silent mid-check and was replaced"
            _kill(client.hello.get("pid") if client else service_pid())
        except (framing.ChannelClosed, OSError, ValueError):
            reason = "the judge service stopped mid-check and was replaced"
        finally:
            if client is not None:
                client.close()
    note_fallback(reason)
    raise ServiceDown(reason)


def stop() -> int | None:
    """Stop the running service; returns its pid, or None if none was running."""
    client = running()
    if client is None:
        return None
    with client:
        pid = client.hello.get("pid")
        try:
            client.request({"op": "stop"}, silence=HELLO_TIMEOUT)
        except (framing.ChannelClosed, framing.ChannelTimeout, OSError, ValueError):
            pass
    _wait_gone(pid)
    return pid


def status() -> dict | None:
    """The running service's status, or None."""
    client = running()
    if client is None:
        return None
    with client:
        try:
            return client.request({"op": "status"}, silence=HELLO_TIMEOUT) | {"current": _current(client.hello)}
        except (framing.ChannelClosed, framing.ChannelTimeout, OSError, ValueError):
            return None


def note_fallback(reason: str) -> None:
    """Remember the last time a check ran in-process instead, and why (shown by `mlkata doctor`)."""
    try:
        path = location.fallback_path()
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w") as f:
            json.dump({"at": time.time(), "reason": reason}, f)
    except (OSError, ServiceUnavailable):
        pass


def last_fallback() -> dict | None:
    try:
        return json.loads(location.fallback_path().read_text())
    except (OSError, ValueError, ServiceUnavailable):
        return None


# -- what the faces call --------------------------------------------------------------------------

def check_file(target: str | None, path: str | None, as_json: bool = False) -> dict:
    """`mlkata check` through the service: it resolves, reads, judges and records, as the CLI would
    in-process. Returns its reply (`event` result or error); raises ServiceDown."""
    from mlkata import paths

    if target is None and path is None:
        raise MlkataError("Give a problem id or a file: `mlkata check softmax` or `mlkata check softmax.py`.")
    shown = path  # the file as the user named it: what messages and line references say
    if path is None and target is not None and (target.endswith(".py") or os.path.isfile(target)):
        shown, target = target, os.path.abspath(target)
    return call({"op": "check", "target": target, "path": os.path.abspath(path) if path else None, "shown": shown,
                 "workspace": str(Path(paths.default_workspace()).absolute()), "record": True, "json": as_json})


def judge_file(target: str | None, path: str | None = None, as_json: bool = False) -> dict:
    """check_file's answer, from the service when it can, else computed in this process the same way:
    {event: result, report (JSON), problem {id, title, minutes}, path, elapsed, warnings, notes, json}.
    A usage error comes back as {event: error, kind: usage, message}."""
    try:
        return check_file(target, path, as_json)
    except ServiceDown:
        pass
    from mlkata.cli import session
    from mlkata.service.server import problem_info

    try:
        problem, file = session.resolve_target(target, None if path is None else Path(path))
        report, source = session.judge(local_engine(), problem, file)
    except MlkataError as exc:
        return {"event": "error", "kind": "usage", "message": str(exc)}
    elapsed, warnings = session.record(problem, report, file, source)
    notes = session.round_notes(problem, report, file)
    return {"event": "result", "report": report.to_json(), "problem": problem_info(problem), "path": str(file),
            "elapsed": elapsed, "warnings": warnings, "notes": notes,
            "json": session.report_json(report, problem, elapsed, round_notes=notes)}


_local = None  # the in-process engine used when the service cannot answer
_local_lock = threading.Lock()


def check_source(problem, source: str, filename: str = "submission.py"):
    """A Report for `source`, through the service when it can, else in this process (same verdict)."""
    from mlkata.judge.verdict import Report

    try:
        reply = call({"op": "check-source", "problem": problem.id, "source": source, "filename": filename})
        if reply.get("event") == "result":
            return Report.from_json(reply["report"])
        raise MlkataError(str(reply.get("message")))
    except ServiceDown:
        return local_engine().check(problem, source, filename)


def local_engine():
    """The in-process engine (one per process, closed at exit; threads share it)."""
    global _local
    with _local_lock:
        if _local is None:
            import atexit

            from mlkata.judge.engine import Engine

            _local = Engine()
            atexit.register(_local.close)
        return _local
