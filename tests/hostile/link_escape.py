# expect: fail
# needs: confinement
# Makes symbolic and hard links, in every folder it may write (its scratch folder in plain mode),
# to the model answer, the progress store and the seal key, and reads through them. Contained,
# nothing is writable (bubblewrap), or the link leads where Landlock grants nothing and a hard
# link across folders is refused: it answers x and fails.
import os
import tempfile

import numpy as np

import mlkata


def _targets():
    home = os.environ.get("MLKATA_HOME", "")
    package = os.path.dirname(os.path.abspath(mlkata.__file__))
    return [os.path.join(package, "bank", "softmax", "solution.py"),
            os.path.join(home, "mlkata.sqlite3"), os.path.join(home, "seal.key")]


def softmax(x, axis=-1):
    folders = [os.getcwd()]
    try:
        folders.append(tempfile.gettempdir())
    except OSError:
        pass
    for folder in folders:
        for i, target in enumerate(_targets()):
            for make in (os.symlink, os.link):
                path = os.path.join(folder, f"link-{i}-{make.__name__}")
                try:
                    make(target, path)
                    with open(path, "rb") as f:
                        f.read(16)
                except OSError:
                    continue
                e = np.exp(x - x.max(axis=axis, keepdims=True))
                return e / e.sum(axis=axis, keepdims=True)
    return x
