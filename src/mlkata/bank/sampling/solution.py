import numpy as np


def _softmax(scores: np.ndarray) -> np.ndarray:
    """Softmax over the last axis; entries of -inf get probability exactly 0."""
    shifted = scores - scores.max(axis=-1, keepdims=True)  # [..., V]; each row's max is now 0
    exps = np.exp(shifted)
    return exps / exps.sum(axis=-1, keepdims=True)


def _top_k_filter(scores: np.ndarray, k: int) -> np.ndarray:
    """Scores below the k-th largest of their row become -inf (every score tied with it is kept)."""
    kth = np.sort(scores, axis=-1)[..., -k, None]  # [..., 1] the k-th largest score of each row
    return np.where(scores < kth, -np.inf, scores)  # [..., V]


def _top_p_filter(scores: np.ndarray, p: float) -> np.ndarray:
    """Scores outside the nucleus (smallest most-probable set with mass >= p) become -inf."""
    probs = _softmax(scores)  # [..., V]
    order = np.argsort(-probs, axis=-1)  # [..., V] token ids, most probable first
    sorted_probs = np.take_along_axis(probs, order, axis=-1)  # [..., V] descending
    mass_before = np.cumsum(sorted_probs, axis=-1) - sorted_probs  # mass of the more probable tokens
    drop_sorted = mass_before >= p  # p was reached without this token; the crossing token stays
    drop = np.empty_like(drop_sorted)
    np.put_along_axis(drop, order, drop_sorted, axis=-1)  # back to vocabulary order
    return np.where(drop, -np.inf, scores)  # [..., V]


def temperature_probs(logits: np.ndarray, temperature: float) -> np.ndarray:
    """softmax(logits / T) over the last axis; logits [V] or [B, V] -> same shape."""
    return _softmax(logits / temperature)


def top_k_probs(logits: np.ndarray, k: int) -> np.ndarray:
    """The k most probable tokens of each row, renormalised; 0 elsewhere."""
    return _softmax(_top_k_filter(logits, k))  # softmax over the survivors = their renormalised probs


def top_p_probs(logits: np.ndarray, p: float) -> np.ndarray:
    """The nucleus of each row (smallest most-probable set with mass >= p), renormalised; 0 elsewhere."""
    return _softmax(_top_p_filter(logits, p))


def sample(logits: np.ndarray, rng: np.random.Generator, temperature: float = 1.0,
           top_k: int | None = None, top_p: float | None = None) -> int | np.ndarray:
    """One token id per row: an int for logits [V], an int array [B] for logits [B, V]."""
    scores = logits / temperature  # [..., V] temperature first (a new array: logits stay untouched)
    if top_k is not None:
        scores = _top_k_filter(scores, top_k)  # then top-k on the tempered scores
    if top_p is not None:
        scores = _top_p_filter(scores, top_p)  # then the nucleus of what top-k left
    # Gumbel-max trick: with G iid Gumbel(0, 1), argmax(scores + G) is an exact draw from
    # softmax(scores); a filtered token (-inf) can never win.
    tokens = np.argmax(scores + rng.gumbel(size=scores.shape), axis=-1)  # [...] int64
    return int(tokens) if tokens.ndim == 0 else tokens
