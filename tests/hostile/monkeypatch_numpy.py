# expect: fail
# Replaces numpy's comparison functions in its own process, then returns wrong values:
# comparisons happen in the engine's process, so nothing changes.
import numpy as np
import numpy.testing

np.allclose = lambda *a, **k: True
np.isclose = lambda a, b, *r, **k: np.ones(np.broadcast(a, b).shape, dtype=bool)
np.array_equal = lambda *a, **k: True
np.testing.assert_allclose = lambda *a, **k: None
numpy.testing.assert_array_equal = lambda *a, **k: None


def softmax(x, axis=-1):
    return np.zeros_like(x)
