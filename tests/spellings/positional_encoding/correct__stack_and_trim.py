import numpy as np


def sinusoidal_positions(L, d, base=10000.0):
    n_pairs = (d + 1) // 2
    inv_freq = base ** (-2.0 * np.arange(n_pairs) / d)
    theta = np.outer(np.arange(L), inv_freq)                 # [L, n_pairs]
    table = np.stack([np.sin(theta), np.cos(theta)], axis=-1)  # [L, n_pairs, 2]
    return table.reshape(L, 2 * n_pairs)[:, :d]
