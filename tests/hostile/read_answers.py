# expect: fail
# needs: confinement
# Tries to read the model answer through the package path and run it: bubblewrap hides the bank
# under an empty tmpfs (mlkata.bank even loses its __init__.py there), Landlock never grants it.
# It answers x and fails; it would pass only with the answer in hand.
import importlib
import os

import mlkata


def softmax(x, axis=-1):
    bank = os.path.join(os.path.dirname(mlkata.__file__), "bank")
    try:
        package = importlib.import_module("mlkata.bank")
        bank = os.path.dirname(package.__file__) if package.__file__ else bank
    except (ImportError, OSError):  # Landlock: its __init__.py cannot be read
        pass
    try:
        with open(os.path.join(bank, "softmax", "solution.py")) as f:
            source = f.read()
    except OSError:
        return x
    found = {}
    exec(source, found)
    return found["softmax"](x, axis=axis)
