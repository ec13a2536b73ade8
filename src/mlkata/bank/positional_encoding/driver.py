"""Calls the implementation's sinusoidal_positions. Runs in the sandbox; holds no answers."""

import numpy as np


def positions(impl, L, d, base):
    return np.asarray(impl.sinusoidal_positions(L, d, base=base))


def positions_default_base(impl, L, d):
    return np.asarray(impl.sinusoidal_positions(L, d))
