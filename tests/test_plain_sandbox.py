"""Plain mode (MLKATA_SANDBOX=plain): how it describes itself, the private scratch folder, the
drop to nobody, and a plain mode without Landlock saying plainly that it is unconfined."""

import json
import os
import subprocess
import sys
import textwrap

import pytest

from mlkata.judge import landlock, sandbox
from mlkata.judge.engine import Engine
from mlkata.judge.supervisor import SandboxMode, WorkerFailure, choose_mode
from mlkata.problems.catalog import get_problem

SOFTMAX = get_problem("softmax")


def test_each_mode_describes_its_confinement():
    bwrap = SandboxMode("bwrap", seccomp=True, nobody=True)
    assert bwrap.confined and bwrap.warning() is None and "bubblewrap" in bwrap.describe()
    locked = SandboxMode("plain", seccomp=True, landlock=7, nobody=True)
    assert locked.confined and locked.warning() is None
    assert "Landlock ABI 7" in locked.describe() and "uid nobody" in locked.describe()
    bare = SandboxMode("plain", seccomp=True)
    assert not bare.confined and "UNCONFINED" in bare.describe() and "UNCONFINED" in bare.warning()
    none = SandboxMode("none", seccomp=False)
    assert "UNCONFINED" in none.describe() and "debugging" in none.warning()
    for mode in (locked, bare, none):
        assert "bubblewrap" not in mode.describe()


def test_an_unknown_mode_is_refused(monkeypatch):
    monkeypatch.setenv("MLKATA_SANDBOX", "chroot")
    with pytest.raises(WorkerFailure, match="auto, bwrap, plain, none"):
        choose_mode()
    monkeypatch.setenv("MLKATA_SANDBOX", "Plain")
    assert choose_mode() == "plain"


@pytest.fixture(scope="module")
def plain_engine():
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("MLKATA_SANDBOX", "plain")  # read when the worker starts
        engine = Engine(("numpy",))
        engine.worker.ready()
    try:
        yield engine
    finally:
        engine.close()


TEMPFILE_USER = textwrap.dedent("""
    import os, tempfile
    import numpy as np

    def softmax(x, axis=-1):
        left = [n for n in os.listdir(tempfile.gettempdir()) if n.startswith("kept-") and n != f"kept-{os.getpid()}"]
        assert not left, left
        with tempfile.NamedTemporaryFile(prefix="work-") as f:  # created, written, deleted
            np.save(f, x)
        with open(os.path.join(os.getcwd(), f"kept-{os.getpid()}"), "w") as f:
            f.write("stays until the check ends")
        assert os.getcwd() == tempfile.gettempdir() == os.environ["TMPDIR"]
        e = np.exp(x - x.max(axis=axis, keepdims=True))
        return e / e.sum(axis=axis, keepdims=True)
""")


def test_plain_mode_gives_each_check_a_fresh_scratch_folder(plain_engine):
    """Correct code that uses temporary files passes; what one check leaves, the next does not see."""
    for _ in range(2):
        report = plain_engine.check(SOFTMAX, TEMPFILE_USER)
        assert report.passed and report.error is None, (report.error, [c.message for c in report.checks])


def test_plain_mode_says_what_confines_it(plain_engine):
    report = plain_engine.check(SOFTMAX, SOFTMAX.solution)
    assert report.passed
    if landlock.abi():
        assert f"Landlock ABI {landlock.abi()}" in report.sandbox
    else:
        assert "UNCONFINED" in report.sandbox


def test_plain_mode_without_landlock_says_unconfined(monkeypatch):
    monkeypatch.setenv("MLKATA_SANDBOX", "plain")
    monkeypatch.setenv("MLKATA_LANDLOCK", "off")  # as on a kernel without it, or macOS
    with Engine(("numpy",)) as engine:
        report = engine.check(SOFTMAX, SOFTMAX.solution)
        mode = engine.worker.mode
    assert report.passed and mode.kind == "plain" and not mode.confined
    assert "UNCONFINED" in report.sandbox and "model answers" in report.sandbox
    assert "UNCONFINED" in mode.warning()


DROP = textwrap.dedent("""
    import json, os
    from mlkata.judge import sandbox

    dropped = sandbox.drop_root(keep_read=True)
    with open("/proc/self/status") as f:
        caps = [int(line.split()[1], 16) for line in f if line.startswith("CapEff:")][0]
    print(json.dumps([dropped, os.getuid(), os.geteuid(), caps]))
""")


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="only a root worker drops to nobody")
def test_root_drops_to_nobody_keeping_only_the_power_to_read():
    """Even where the interpreter lives in a folder nobody may enter (a 0700 home): the child is
    nobody, with CAP_DAC_READ_SEARCH alone, so it still imports; Landlock limits what it reads."""
    done = subprocess.run([sys.executable, "-c", DROP], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    dropped, uid, euid, caps = json.loads(done.stdout)
    assert dropped and uid == euid == sandbox.NOBODY
    assert caps == 1 << sandbox.CAP_DAC_READ_SEARCH


@pytest.mark.parametrize("problem_id", ["attention", "beam_search", "kmeans"])
def test_model_answers_pass_in_plain_mode(plain_engine, problem_id):
    """torch, plain Python and the RNG, imported inside the confined child (the worker preloads numpy only)."""
    problem = get_problem(problem_id)
    report = plain_engine.check(problem, problem.solution)
    assert report.passed and report.error is None, (report.error, report.output[-500:])
