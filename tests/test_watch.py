"""`mlkata watch`: the loop through the library API with injected file changes (what each screen
shows), and once as a user runs it: a real process, a real save, a real Ctrl-C."""

import io
import os
import queue
import signal
import subprocess
import sys
import threading
import time

from rich.console import Console
from watchfiles import Change

from mlkata.cli.watch import watch_file
from mlkata.problems.catalog import get_problem

CLEAR = "\x1b[2J"
SOFTMAX = get_problem("softmax")


def terminal(height: int = 60) -> Console:
    return Console(file=io.StringIO(), force_terminal=True, color_system=None, width=100, height=height)


def screens(console: Console) -> list[list[str]]:
    """What each check left on the screen (the console clears it before each), as lines."""
    parts = console.file.getvalue().split(CLEAR)[1:]
    return [[line for line in part.removeprefix("\x1b[H").splitlines() if line.strip()] for part in parts]


def test_each_save_rechecks_a_deletion_clears_the_report_and_ctrl_c_stops(engine, tmp_path):
    file = tmp_path / "softmax.py"
    file.write_text(SOFTMAX.starter)

    def changes():
        file.write_text(SOFTMAX.solution)
        yield {(Change.modified, str(file))}
        yield {(Change.added, str(tmp_path / "notes.py"))}  # another file: no re-check
        file.unlink()
        yield {(Change.deleted, str(file))}
        file.write_text(SOFTMAX.mistake("no-max-shift").source)
        yield {(Change.added, str(file))}
        raise KeyboardInterrupt

    console = terminal()
    watch_file(console, SOFTMAX, file, engine=engine, changes=changes())
    starter, passed, deleted, mistake = screens(console)
    assert "Not implemented yet" in "\n".join(starter) and starter[-2].startswith("FAILED")
    n = len(SOFTMAX.checks)
    assert passed[-2].startswith(f"PASSED · {n}/{n} checks · ") and "the model answer" in passed[-2]
    assert "was deleted" in deleted[0] and not any("PASSED" in line for line in deleted)
    assert "Mistake: no-max-shift" in mistake[-3]  # the summary, above the Watching line and the stop
    assert [s[-1].startswith("Watching") for s in (starter, passed, deleted)] == [True] * 3
    assert mistake[-1] == "Stopped watching." and mistake[-2].startswith("Watching")


def test_a_report_taller_than_the_window_keeps_the_verdict_and_the_mistake_in_view(engine, tmp_path):
    file = tmp_path / "softmax.py"
    file.write_text(SOFTMAX.mistake("no-max-shift").source)
    console = terminal(height=24)
    watch_file(console, SOFTMAX, file, engine=engine, changes=iter(()))
    [screen] = screens(console)
    assert len(screen) - 1 <= 24  # "Stopped watching." is printed after the screen
    assert screen[-3].startswith("FAILED · ") and "Mistake: no-max-shift" in screen[-3]
    shown = "\n".join(screen)
    assert "Exponentiates the raw logits [no-max-shift]" in shown and "other checks passed" in shown


def test_watch_rechecks_on_save_and_stops_cleanly_on_ctrl_c(tmp_path):
    file = tmp_path / "softmax.py"
    file.write_text(SOFTMAX.starter)
    env = dict(os.environ, COLUMNS="100", TERM="dumb")
    proc = subprocess.Popen([sys.executable, "-m", "mlkata", "watch", "softmax", str(file)],
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env)
    lines: queue.Queue[str] = queue.Queue()
    seen: list[str] = []
    reader = threading.Thread(target=lambda: [lines.put(line) for line in proc.stdout], daemon=True)
    reader.start()

    def wait_for(text: str, timeout: float) -> bool:
        deadline = time.monotonic() + timeout
        while (left := deadline - time.monotonic()) > 0:
            try:
                seen.append(lines.get(timeout=left))
            except queue.Empty:
                return False
            if text in seen[-1]:
                return True
        return False

    try:
        assert wait_for("Watching", 90), "".join(seen)
        assert any("Not implemented yet" in line for line in seen)
        for _ in range(10):  # the watcher may start just after the line above: save again until it sees one
            file.write_text(SOFTMAX.solution)
            if wait_for("PASSED", 6):
                break
        assert any("PASSED" in line for line in seen), "".join(seen)
        assert wait_for("Watching", 30)
        proc.send_signal(signal.SIGINT)
        assert proc.wait(timeout=20) == 0
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    reader.join(timeout=5)
    while not lines.empty():
        seen.append(lines.get())
    output = "".join(seen)
    assert "Stopped watching." in output
    assert "Traceback" not in output
