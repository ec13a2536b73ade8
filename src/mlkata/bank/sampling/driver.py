"""Calls the implementation's sampling functions. Runs in the sandbox; holds no answers.

Random generators cannot cross into the sandbox, so the sampling cases carry integer seeds and
the generators are built here. A sampling case returns what sample() drew, summarised as
per-row frequencies, together with the distribution that the same implementation's
temperature_probs, top_k_probs and top_p_probs compose to (applied in the contract's order):
the comparator judges a submission's draws against the model answer's distribution.
"""

import numpy as np


def temperature_probs(impl, logits, temperature):
    return impl.temperature_probs(logits, temperature)


def top_k_probs(impl, logits, k):
    return impl.top_k_probs(logits, k)


def top_p_probs(impl, logits, p):
    return impl.top_p_probs(logits, p)


def top_k_ties(impl, logits, k):
    """top_k_probs where the k-th value is tied: k travels along for the comparator."""
    return {"k": k, "probs": impl.top_k_probs(logits, k)}


def input_after_call(impl, function, logits, seed=0, **kwargs):
    """The caller's logits after one call of `function`: they must be left as they were."""
    if function == "sample":
        impl.sample(logits, np.random.default_rng(seed), **kwargs)
    else:
        getattr(impl, function)(logits, **kwargs)
    return logits


def _what(result) -> str:
    """A short description of a returned value, for the report."""
    if isinstance(result, np.ndarray):
        return f"an array of dtype {result.dtype} and shape {result.shape}"
    return f"a {type(result).__name__}"


def _token(result, V: int) -> tuple[int | None, str]:
    """(token, "an int") when `result` is one valid token id for a [V] input, else (None, what it is)."""
    if isinstance(result, np.ndarray) and result.ndim == 0:
        result = result[()]
    if isinstance(result, bool | np.bool_) or not isinstance(result, int | np.integer):
        return None, _what(result)
    if not 0 <= int(result) < V:
        return None, f"token id {int(result)}, outside [0, {V})"
    return int(result), "an int"


def _tokens(result, B: int, V: int) -> tuple[np.ndarray | None, str]:
    """(tokens, description) when `result` is an integer array [B] of valid ids, else (None, what it is)."""
    if not isinstance(result, np.ndarray) or result.shape != (B,) or result.dtype.kind not in "iu":
        return None, _what(result)
    if result.size and (result.min() < 0 or result.max() >= V):
        bad = result[(result < 0) | (result >= V)][0]
        return None, f"token id {int(bad)}, outside [0, {V})"
    return result.astype(np.int64), f"an integer array of shape ({B},)"


def _distribution(impl, rows, temperature, top_k, top_p):
    """temperature_probs, then top_k_probs, then top_p_probs, each applied to the log of the
    previous probabilities (a shift of the tempered logits; filtered tokens become -inf).

    None when the implementation cannot compose them: a submission's own distribution is never
    used to judge it, only the model answer's (and, in diagnosis, a mistake's)."""
    try:
        with np.errstate(all="ignore"):
            probs = impl.temperature_probs(rows.copy(), temperature)
            if top_k is not None:
                probs = impl.top_k_probs(np.log(probs), top_k)
            if top_p is not None:
                probs = impl.top_p_probs(np.log(probs), top_p)
        probs = np.asarray(probs, dtype=np.float64)
    except Exception:  # noqa: BLE001 - any failure just means "no distribution"
        return None
    return probs if probs.shape == rows.shape else None


def sample_rows(impl, rows, seed, draws, temperature=1.0, top_k=None, top_p=None):
    """One batched call of sample() on every row of `rows` [R, V] repeated `draws` times."""
    R, V = rows.shape
    batch = np.repeat(rows, draws, axis=0)  # [R * draws, V]: row r occupies one contiguous block
    result = impl.sample(batch, np.random.default_rng(seed), temperature=temperature, top_k=top_k, top_p=top_p)
    tokens, returned = _tokens(result, R * draws, V)
    frequencies = None
    if tokens is not None:
        counts = np.stack([np.bincount(block, minlength=V) for block in tokens.reshape(R, draws)])
        frequencies = counts / draws  # [R, V]
    return {"returned": returned, "draws_per_row": draws, "frequencies": frequencies,
            "distribution": _distribution(impl, rows, temperature, top_k, top_p)}


def sample_calls(impl, logits, seed, draws, temperature=1.0, top_k=None, top_p=None):
    """`draws` calls of sample() on one [V] row, all with the same generator."""
    V = logits.shape[0]
    rng = np.random.default_rng(seed)
    counts = np.zeros(V, dtype=np.int64)
    returned = "an int"
    for _ in range(draws):
        token, returned = _token(impl.sample(logits.copy(), rng, temperature=temperature, top_k=top_k,
                                             top_p=top_p), V)
        if token is None:
            break
        counts[token] += 1
    return {"returned": returned, "draws_per_row": draws,
            "frequencies": counts[None, :] / draws if returned == "an int" else None,
            "distribution": _distribution(impl, logits[None, :], temperature, top_k, top_p)}


def greedy(impl, logits, seed, calls, temperature=1.0, top_k=None, top_p=None):
    """`calls` draws (one generator) where the filters leave one token per row: the draws themselves."""
    rng = np.random.default_rng(seed)
    V = logits.shape[-1]
    tokens, returned = [], ""
    for _ in range(calls):
        result = impl.sample(logits.copy(), rng, temperature=temperature, top_k=top_k, top_p=top_p)
        if logits.ndim == 1:
            token, returned = _token(result, V)
            token = None if token is None else np.array([token])
        else:
            token, returned = _tokens(result, logits.shape[0], V)
        if token is None:
            return {"returned": returned, "tokens": None}
        tokens.append(token)
    return {"returned": returned, "tokens": np.stack(tokens)}  # [calls, B] (B = 1 for a [V] row)


def reproducible(impl, logits, seed, calls, temperature=1.0, top_k=None, top_p=None):
    """`calls` draws with np.random.default_rng(seed), then `calls` more with a second generator
    built from the same seed: with rng as the only source of randomness, both runs draw the same."""
    runs = []
    for _ in range(2):
        rng = np.random.default_rng(seed)
        runs.append([np.asarray(impl.sample(logits.copy(), rng, temperature=temperature, top_k=top_k,
                                            top_p=top_p)).tolist() for _ in range(calls)])
    if runs[0] == runs[1]:
        return {"reproducible": True, "detail": ""}
    call = next(i for i, (a, b) in enumerate(zip(*runs, strict=True)) if a != b)
    shape = "x".join(str(n) for n in logits.shape)
    return {"reproducible": False, "detail": (
        f"two runs of sample() on the same [{shape}] logits ({calls} call{'s' if calls > 1 else ''} each), each "
        f"with a generator made by np.random.default_rng({seed}), drew different tokens (first at call {call}). "
        "Every random number "
        "must come from the rng argument: np.random.choice, np.random.random or an unseeded default_rng() "
        "draw from a state the caller does not control")}


def draw(impl, logits, seed, temperature=1.0, top_k=None, top_p=None):
    """One call of sample() (the timed efficiency case)."""
    return impl.sample(logits, np.random.default_rng(seed), temperature=temperature, top_k=top_k, top_p=top_p)
