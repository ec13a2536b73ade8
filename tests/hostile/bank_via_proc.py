# expect: fail
# needs: confinement
# Looks for the bank through /proc: every process's cwd and root links, its command line, its
# environment and its mapped files, then reads softmax/solution.py from any bank folder those
# name. Contained, other processes' entries cannot be read (Landlock) or show only the sandbox
# (bubblewrap), and the bank is out of reach either way: it answers x and fails.
import os

import mlkata

TAIL = os.path.join("mlkata", "bank", "softmax", "solution.py")


def _candidates():
    pids = ["self", str(os.getppid())]
    try:
        pids += [p for p in os.listdir("/proc") if p.isdigit()]
    except OSError:
        pass
    package = os.path.dirname(os.path.abspath(mlkata.__file__))
    for pid in pids:
        for link in ("cwd", "root"):
            base = f"/proc/{pid}/{link}"
            yield base + os.path.join(package, "bank", "softmax", "solution.py")
            for sub in ("", "src", "src/mlkata/..", "../src"):
                yield os.path.join(base, sub, TAIL)
        for name in ("cmdline", "environ", "maps"):
            try:
                with open(f"/proc/{pid}/{name}", "rb") as f:
                    text = f.read().replace(b"\0", b"\n").decode(errors="replace")
            except OSError:
                continue
            for word in text.split():
                word = word.split("=", 1)[-1]
                if "/mlkata" in word:
                    top = word[: word.index("/mlkata")]
                    yield os.path.join(top, TAIL)
                    yield os.path.join(top, "src", TAIL)


def _model_answer():
    for path in _candidates():
        try:
            with open(path) as f:
                return f.read()
        except OSError:
            continue
    return None


SOURCE = _model_answer()


def softmax(x, axis=-1):
    if SOURCE is None:
        return x
    found = {}
    exec(SOURCE, found)
    return found["softmax"](x, axis=axis)
