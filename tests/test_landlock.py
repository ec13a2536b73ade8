"""Landlock as plain mode uses it: what a confined process may read and write, whatever its uid
(these run as the test's own user, root included: no drop to nobody helps them)."""

import json
import os
import subprocess
import sys
import textwrap

import pytest

from mlkata.judge import landlock
from mlkata.problems.catalog import BANK_DIR

pytestmark = pytest.mark.skipif(landlock.abi() < 1, reason="this kernel has no Landlock")

PROBE = textwrap.dedent("""
    import json, os, sys
    from mlkata.judge import landlock

    hide, scratch, tries = json.loads(sys.argv[1])
    landlock.restrict(landlock.plan(hide), scratch)
    found = {}
    for name, how, path in tries:
        try:
            if how == "read":
                with open(path, "rb") as f:
                    f.read(1)
            elif how == "list":
                os.listdir(path)
            elif how == "write":
                with open(path, "wb") as f:
                    f.write(b"x")
            elif how == "import":
                __import__(path)
            found[name] = "ok"
        except OSError as exc:
            found[name] = type(exc).__name__
    print(json.dumps(found))
""")


def confined(hide: list[str], scratch: str, tries: list[tuple[str, str, str]]) -> dict[str, str]:
    """Run `tries` (name, read|list|write|import, path) in a fresh process confined by Landlock."""
    done = subprocess.run([sys.executable, "-c", PROBE, json.dumps([hide, scratch, tries])],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def test_the_plan_grants_the_package_but_never_the_bank():
    rules = landlock.plan([str(BANK_DIR)])
    bank = os.path.realpath(BANK_DIR)
    package = os.path.dirname(bank)
    assert not any(r.path == bank or r.path.startswith(bank + "/") for r in rules)
    granted = {r.path: r.access for r in rules}
    assert granted[os.path.join(package, "judge")] & landlock.READ_FILE
    assert granted[package] == landlock.READ_DIR  # names only: nothing below it through this rule
    assert not any(r.access & landlock.WRITE_FILE and r.path != os.devnull for r in rules)


def test_a_confined_process_reads_python_and_writes_only_its_scratch(tmp_path):
    home, scratch = tmp_path / "home", tmp_path / "scratch"
    home.mkdir()
    scratch.mkdir()
    (home / "mlkata.sqlite3").write_bytes(b"the user's progress")
    outside = tmp_path / "outside.txt"
    outside.write_text("a file of the user's")
    found = confined([str(BANK_DIR), str(home)], str(scratch), [
        ("bank", "read", str(BANK_DIR / "softmax" / "solution.py")),
        ("store", "read", str(home / "mlkata.sqlite3")),
        ("store-write", "write", str(home / "mlkata.sqlite3")),
        ("user-file", "read", str(outside)),
        ("user-write", "write", str(tmp_path / "new.txt")),
        ("tmp", "write", "/tmp/mlkata-landlock-probe"),
        ("parent-proc", "read", f"/proc/{os.getpid()}/environ"),
        ("other-proc-list", "list", "/proc"),
        ("own-proc", "read", "/proc/self/status"),
        ("numpy", "import", "numpy"),
        ("stdlib", "import", "email.mime.text"),
        ("system", "read", "/etc/hostname" if os.path.exists("/etc/hostname") else "/etc/passwd"),
        ("devnull", "write", os.devnull),
        ("scratch", "write", str(scratch / "notes.txt")),
    ])
    denied = {"bank", "store", "store-write", "user-file", "user-write", "tmp", "parent-proc", "other-proc-list"}
    assert {k for k, v in found.items() if v != "ok"} == denied, found
    assert (home / "mlkata.sqlite3").read_bytes() == b"the user's progress"
    assert not os.path.exists("/tmp/mlkata-landlock-probe")


def test_restrict_refuses_a_missing_scratch_folder(tmp_path):
    probe = ("import sys\nfrom mlkata.judge import landlock\n"
             f"try:\n    landlock.restrict([], {str(tmp_path / 'absent')!r})\n"
             "except OSError:\n    sys.exit(3)\n")
    assert subprocess.run([sys.executable, "-c", probe], timeout=60).returncode == 3
