# expect: fail
# needs: confinement
# Reads the seal key kept in the data folder: with it, a forged cache bundle or journal line
# would verify. Contained, the data folder is hidden (bubblewrap) or cannot be opened
# (Landlock), and the key is 0600 for another uid anyway: it answers x and fails.
import os

import numpy as np


def _homes():  # the data folder in use: MLKATA_HOME, else the platform's default
    if os.environ.get("MLKATA_HOME"):
        return [os.environ["MLKATA_HOME"]]
    import platformdirs

    return [platformdirs.user_data_dir("mlkata")]


def softmax(x, axis=-1):
    for home in _homes():
        try:
            with open(os.path.join(home, "seal.key"), "rb") as f:
                if len(f.read()) == 32:
                    e = np.exp(x - x.max(axis=axis, keepdims=True))
                    return e / e.sum(axis=axis, keepdims=True)
        except OSError:
            pass
    return x
