"""The judge service, as users meet it: the first check starts it, later checks reuse it, a killed or
wedged service is replaced and the check still answers, other users are refused, an older service is
replaced, and when none can run the check runs in-process and doctor says why."""

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

from mlkata.problems.catalog import get_problem
from mlkata.service import client, location, protocol
from mlkata.service.server import Service, descends_from

MLKATA = str(Path(sys.executable).with_name("mlkata"))
NO_SHIFT = ("import numpy as np\n\ndef softmax(x, axis=-1):\n    e = np.exp(x)\n"
            "    return e / e.sum(axis=axis, keepdims=True)\n")


@pytest.fixture
def service_env(tmp_path, monkeypatch):
    """The judge service switched on, in a short private runtime folder, stopped (and checked gone) after."""
    runtime = Path(tempfile.mkdtemp(prefix="mk-"))
    monkeypatch.setenv("MLKATA_RUNTIME_DIR", str(runtime / "run"))
    monkeypatch.setenv("MLKATA_JUDGE_SERVICE", "on")
    monkeypatch.setenv("MLKATA_JUDGE_WARM", "off")  # no background warm-up competing with the tests for the cores
    workspace = Path(os.environ["MLKATA_WORKSPACE"])
    workspace.mkdir(parents=True, exist_ok=True)
    yield workspace
    pids = {client.service_pid()}
    client.stop()
    for pid in pids - {None}:
        client._wait_gone(pid)
        assert not client.alive(pid)
    shutil.rmtree(runtime, ignore_errors=True)


def mlkata(*args, check=False):
    return subprocess.run([MLKATA, *args], capture_output=True, text=True, timeout=120, check=check)


def status() -> dict:
    return json.loads(mlkata("judge", "status", "--json").stdout)


def wait_for(condition, timeout=60.0):
    """Poll a condition (not a fixed sleep): what the service does happens in another process."""
    give_up = time.monotonic() + timeout
    while time.monotonic() < give_up:
        value = condition()
        if value:
            return value
        time.sleep(0.02)
    raise AssertionError("condition not met in time")


def test_the_first_check_starts_the_service_and_the_next_reuses_it(service_env):
    (service_env / "softmax.py").write_text(NO_SHIFT)
    assert not status()["running"]
    first = mlkata("check", "softmax", "--json")
    assert first.returncode == 1
    report = json.loads(first.stdout)
    assert [m["id"] for m in report["mistakes"]][:1] == ["no-max-shift"]
    running = status()
    assert running["running"] and running["service"]["checks"] == 1
    second = mlkata("check", "softmax")
    assert second.returncode == 1 and "no-max-shift" in second.stdout
    again = status()["service"]
    assert again["pid"] == running["service"]["pid"] and again["checks"] == 2
    folder = location.runtime_dir()
    assert (os.stat(folder).st_mode & 0o777) == 0o700
    assert (os.stat(location.socket_path()).st_mode & 0o777) == 0o600


def test_the_service_gives_the_in_process_verdict(service_env, monkeypatch):
    problem = get_problem("softmax")
    (service_env / "softmax.py").write_text(problem.solution)
    served = json.loads(mlkata("check", "softmax", "--json").stdout)
    monkeypatch.setenv("MLKATA_JUDGE_SERVICE", "off")
    local = json.loads(mlkata("check", "softmax", "--json").stdout)
    for data in (served, local):
        for key in ("judge_seconds", "time_since_start", "efficiency"):
            data.pop(key)
    assert served == local and served["passed"]


def test_a_usage_error_is_the_same_through_the_service(service_env):
    out = mlkata("check", "softmx", "--json")
    assert out.returncode == 2
    assert json.loads(out.stdout)["error"]["message"].startswith("No problem called 'softmx'")
    assert "Traceback" not in out.stderr and "softmax" in out.stderr


def test_a_service_killed_mid_check_is_replaced_and_the_check_still_answers(service_env):
    slow = ("import time\nimport numpy as np\n\ndef softmax(x, axis=-1):\n    time.sleep(0.05)\n"
            "    z = np.exp(x - x.max(axis=axis, keepdims=True))\n    return z / z.sum(axis=axis, keepdims=True)\n")
    (service_env / "softmax.py").write_text(slow)
    mlkata("judge", "start", check=True)
    old = status()["service"]["pid"]
    check = subprocess.Popen([MLKATA, "check", "softmax", "--json"], stdout=subprocess.PIPE, text=True)
    wait_for(lambda: status()["service"]["checking"] == 1)
    os.kill(old, signal.SIGKILL)
    out, _ = check.communicate(timeout=120)
    assert check.returncode == 0 and json.loads(out)["passed"]
    new = status()["service"]["pid"]
    assert new != old


def test_a_wedged_service_is_replaced(service_env, monkeypatch):
    mlkata("judge", "start", check=True)
    old = status()["service"]["pid"]
    os.kill(old, signal.SIGSTOP)
    try:
        monkeypatch.setattr(client, "HELLO_TIMEOUT", 0.5)
        with client.connect() as conn:
            assert conn.hello["pid"] != old
    finally:
        try:
            os.kill(old, signal.SIGCONT)
        except OSError:
            pass
    assert not client.alive(old)


def test_a_service_from_other_settings_is_replaced(service_env, monkeypatch):
    mlkata("judge", "start", check=True)
    old = status()["service"]["pid"]
    monkeypatch.setenv("MLKATA_DEBUG", "1")  # part of the handshake's configuration, like the build id
    with client.connect() as conn:
        assert conn.hello["pid"] != old and conn.hello["config"]["MLKATA_DEBUG"] == "1"
        assert conn.hello["build"] == protocol.build_id()
    client._wait_gone(old)


def test_judge_stop_and_status(service_env):
    started = mlkata("judge", "start")
    assert started.returncode == 0 and "running, pid" in started.stdout
    assert "running, pid" in mlkata("judge", "status").stdout
    stopped = mlkata("judge", "stop")
    assert "stopped" in stopped.stdout and not status()["running"]
    assert "not running" in mlkata("judge", "stop").stdout


def test_concurrent_checks_share_one_worker(service_env):
    (service_env / "softmax.py").write_text(NO_SHIFT)
    mlkata("judge", "start", check=True)
    checks = [subprocess.Popen([MLKATA, "check", "softmax", "--json"], stdout=subprocess.PIPE, text=True)
              for _ in range(4)]
    outs = [json.loads(c.communicate(timeout=120)[0]) for c in checks]
    assert all(o["mistakes"][0]["id"] == "no-max-shift" for o in outs)
    info = status()["service"]
    assert info["checks"] == 4 and info["worker_pid"]
    workers = subprocess.run(["pgrep", "-f", "mlkata.judge.worker", "-P", str(info["pid"])],
                             capture_output=True, text=True).stdout.split()
    assert len(workers) <= 1  # bwrap sits between the service and the worker in bwrap mode


@pytest.mark.skipif(os.geteuid() != 0, reason="needs root to act as another user")
def test_other_users_are_refused(service_env):
    mlkata("judge", "start", check=True)
    path = str(location.socket_path())

    def as_nobody(fn) -> str:
        read, write = os.pipe()
        pid = os.fork()
        if pid == 0:
            try:
                os.close(read)
                os.setgid(65534)
                os.setuid(65534)
                os.write(write, fn().encode())
            except BaseException as exc:  # noqa: BLE001
                os.write(write, f"raised {type(exc).__name__}".encode())
            finally:
                os._exit(0)
        os.close(write)
        os.waitpid(pid, 0)
        with os.fdopen(read) as f:
            return f.read()

    def dial() -> str:
        sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        sock.connect(path)
        protocol.send(sock, {"op": "hello"})
        return json.dumps(protocol.receive(sock, 10))

    assert as_nobody(dial) == "raised PermissionError"  # the 0700 folder keeps others out
    folder = location.runtime_dir()
    for level in (folder.parent, folder):
        os.chmod(level, 0o711)
    os.chmod(path, 0o666)
    try:
        answer = as_nobody(dial)  # and if it did not, the service itself refuses them
    finally:
        os.chmod(path, 0o600)
        for level in (folder.parent, folder):
            os.chmod(level, 0o700)
    answer = json.loads(answer)
    assert answer["event"] == "error" and answer["kind"] == "refused"


@pytest.mark.skipif(os.geteuid() != 0, reason="needs root to make a folder another user owns")
def test_an_unsafe_runtime_folder_falls_back_to_in_process_and_doctor_says_why(service_env, monkeypatch, tmp_path):
    (service_env / "softmax.py").write_text(NO_SHIFT)
    theirs = tmp_path / "theirs"
    theirs.mkdir(mode=0o777)
    os.chown(theirs, 65534, 65534)
    monkeypatch.setenv("MLKATA_RUNTIME_DIR", str(theirs))
    out = mlkata("check", "softmax", "--json")
    assert out.returncode == 1 and json.loads(out.stdout)["mistakes"][0]["id"] == "no-max-shift"
    doctor = mlkata("doctor").stdout
    assert "judge service: unavailable" in doctor and "belongs to uid 65534" in doctor
    monkeypatch.setenv("MLKATA_RUNTIME_DIR", str(tmp_path / "ours"))
    note = client.last_fallback()
    assert note is None  # the note lives in the unusable folder: only doctor's live probe can say it


def test_the_fallback_is_noted_when_the_service_cannot_start(service_env, monkeypatch):
    (service_env / "softmax.py").write_text(NO_SHIFT)
    monkeypatch.setattr(client, "START_TIMEOUT", 0.2)
    monkeypatch.setattr(client, "spawn", lambda *a, **k: None)  # a service that never comes up
    result = client.judge_file("softmax")
    assert result["event"] == "result" and result["report"]["mistakes"][0]["id"] == "no-max-shift"
    note = client.last_fallback()
    assert note and "did not start" in note["reason"]


class FakeClock:
    def __init__(self):
        self.now = 1000.0

    def __call__(self):
        return self.now


def test_the_service_idles_out_only_without_clients():
    clock = FakeClock()
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)

    class NoEngine:
        worker = None

    service = Service(listener, idle_seconds=900, engine=NoEngine(), clock=clock, warm=False)
    assert not service.idle_expired()
    clock.now += 899
    assert not service.idle_expired()
    service._touch(+1)  # a client connects (a watch session, the web app)
    clock.now += 5000
    assert not service.idle_expired()
    service._touch(-1)
    clock.now += 899
    assert not service.idle_expired()
    clock.now += 1
    assert service.idle_expired()
    listener.close()


def test_a_submission_is_refused_by_ancestry():
    """A submission runs in a child of the service's worker: the service refuses anything it started."""
    child = subprocess.Popen([sys.executable, "-c", "import sys; sys.stdin.read()"], stdin=subprocess.PIPE)
    try:
        assert descends_from(child.pid, os.getpid())  # the service's own descendant: refused
        assert descends_from(os.getpid(), os.getpid())
        assert not descends_from(os.getppid(), os.getpid())  # a process that is not its descendant: served
    finally:
        child.stdin.close()
        child.wait()


def test_a_relative_file_is_named_as_typed_through_the_service(service_env, tmp_path, monkeypatch):
    """The service reads an absolute path on the client's behalf; the report still names the file as typed."""
    folder = tmp_path / "mine"
    folder.mkdir()
    (folder / "softmax_try.py").write_text("def softmax(x, axis=-1)\n    return x\n")  # a syntax error
    monkeypatch.chdir(tmp_path)
    served = mlkata("check", "softmax", "mine/softmax_try.py", "--json")
    missing = mlkata("check", "softmax", "mine/nothing.py")
    assert missing.returncode == 2 and "No file at mine/nothing.py" in missing.stderr
    assert status()["running"]  # those went through the service
    monkeypatch.setenv("MLKATA_JUDGE_SERVICE", "off")
    local = mlkata("check", "softmax", "mine/softmax_try.py", "--json")
    for out in (served, local):
        error = json.loads(out.stdout)["error"]
        assert error["kind"] == "syntax-error" and "mine/softmax_try.py, line 1" in error["message"], error
