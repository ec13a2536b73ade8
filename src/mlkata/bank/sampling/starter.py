import numpy as np


def temperature_probs(logits: np.ndarray, temperature: float) -> np.ndarray:
    """softmax(logits / temperature) over the last axis.

    logits:      [V] or [B, V], float32 or float64, entries up to 1e4 in magnitude.
    temperature: a float > 0.
    return:      probabilities, same shape as logits; every row sums to 1.
    """
    raise NotImplementedError


def top_k_probs(logits: np.ndarray, k: int) -> np.ndarray:
    """Keep the k largest logits of each row and renormalise.

    k:      1 <= k <= V.
    return: same shape as logits; the kept tokens get softmax(logits) restricted to them and
            renormalised, every other token exactly 0; every row sums to 1.
    """
    raise NotImplementedError


def top_p_probs(logits: np.ndarray, p: float) -> np.ndarray:
    """Nucleus filtering: keep the smallest set of most probable tokens whose probability
    mass is >= p, and renormalise.

    p:      0 < p < 1.
    return: same shape as logits; tokens outside the set exactly 0; every row sums to 1.
    """
    raise NotImplementedError


def sample(logits: np.ndarray, rng: np.random.Generator, temperature: float = 1.0,
           top_k: int | None = None, top_p: float | None = None) -> int | np.ndarray:
    """Draw one token id per row: temperature first, then top-k, then top-p, then sample.

    rng:    the only source of randomness to use (rng.random, rng.choice, rng.gumbel, ...).
    return: an int for logits [V]; an integer array [B] for logits [B, V].
    """
    raise NotImplementedError
