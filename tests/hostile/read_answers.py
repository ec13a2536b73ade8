# expect: fail
# needs: bwrap
# message: No such file
# Tries to read the model answer through the package path: bwrap hides the bank under an
# empty tmpfs, so the file is not there (mlkata.bank even loses its __init__.py there).
import os

import mlkata
import mlkata.bank


def softmax(x, axis=-1):
    bank = os.path.dirname(mlkata.bank.__file__) if mlkata.bank.__file__ else None
    bank = bank or os.path.join(os.path.dirname(mlkata.__file__), "bank")
    with open(os.path.join(bank, "softmax", "solution.py")) as f:
        f.read()
    return x
