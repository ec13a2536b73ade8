# expect: fail
# needs: confinement
# Searches every folder on sys.path, and the folders above the mlkata package, for the bank
# and runs the model answer it finds. Contained, the bank is an empty folder (bubblewrap) or
# cannot be opened (Landlock): it answers x itself and fails. (Like every file here that is
# after something, it returns the right answer only when it got it: `pass` means a breach.)
import os
import sys

import mlkata

LIMIT = 5_000  # entries looked at under each root, at most


def _model_answer():
    package = os.path.dirname(os.path.abspath(mlkata.__file__))
    roots = [p for p in sys.path if p and os.path.isdir(p)]
    roots += [package, os.path.dirname(package), os.path.dirname(os.path.dirname(package))]
    for root in roots:
        seen = 0
        for here, folders, files in os.walk(root):
            seen += len(folders) + len(files)
            if here.count(os.sep) - root.count(os.sep) >= 3 or seen > LIMIT:
                folders[:] = []
            if os.path.basename(here) == "softmax" and "solution.py" in files:
                try:
                    with open(os.path.join(here, "solution.py")) as f:
                        return f.read()
                except OSError:
                    pass
    return None


SOURCE = _model_answer()


def softmax(x, axis=-1):
    source = SOURCE
    if source is None:
        return x
    found = {}
    exec(source, found)
    return found["softmax"](x, axis=axis)
