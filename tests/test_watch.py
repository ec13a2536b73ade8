"""`mlkata watch` as a user runs it: a real process, a real save, a real Ctrl-C."""

import os
import signal
import subprocess
import sys
import threading
import time

from mlkata.problems.catalog import get_problem


def _wait_for(lines: list[str], text: str, timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if any(text in line for line in lines):
            return True
        time.sleep(0.05)
    return False


def test_watch_rechecks_on_save_and_stops_cleanly_on_ctrl_c(tmp_path):
    softmax = get_problem("softmax")
    file = tmp_path / "softmax.py"
    file.write_text(softmax.starter)
    env = dict(os.environ, COLUMNS="100", TERM="dumb")
    proc = subprocess.Popen([sys.executable, "-m", "mlkata", "watch", "softmax", str(file)],
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env)
    lines: list[str] = []
    reader = threading.Thread(target=lambda: lines.extend(proc.stdout), daemon=True)
    reader.start()
    try:
        assert _wait_for(lines, "Watching", 90), "".join(lines)
        assert any("not implemented yet" in line for line in lines)
        time.sleep(0.3)
        file.write_text(softmax.solution)
        assert _wait_for(lines, "PASSED", 60), "".join(lines)
        proc.send_signal(signal.SIGINT)
        assert proc.wait(timeout=20) == 0
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    reader.join(timeout=5)
    output = "".join(lines)
    assert "Stopped watching." in output
    assert "Traceback" not in output
