"""Named checks for sampling: inputs only; expected values come from the model answer.

The *_probs functions are compared value by value, with the set of zeros compared exactly.
sample() is judged statistically (see `sampled_like`): its draws are summarised as per-row
frequencies and compared with the distribution that the model answer's *_probs functions
compose to, never with the model answer's own draws, since two correct samplers given the same
seed may consume the generator differently and draw different tokens.

Logits near 1e4 are compared value by value only where float32 arithmetic is exact enough: they
hold values that float32 represents exactly (so casting float64 logits to float32 loses nothing) and
are divided by T = 1 or 0.5 only, since (1e4 + x) / T for another T rounds x by ~1e-3 in float32,
more than the tolerance, whichever order of operations an implementation picks.

No case puts a tie at the top-p boundary, a cumulative mass within 0.01 of p, a tie at the k-th
value (except in the check that accepts either tie rule) or a tie for the maximum where the
answer must be greedy: those are outside the contract.
"""

import math

import numpy as np

from mlkata.kit import Case, Check, Efficiency, Mismatch, allclose, describe

PROBS_TOLERANCE = {"rtol": 1e-5, "atol": 1e-6}  # float32 or float64 arithmetic both pass
FALSE_REJECTION = 1e-9  # per row of a sampling case: the chance that a correct sampler fails
DRAWS = 4000  # draws per row in the batched sampling cases
V = 8  # vocabulary of the sampling cases: small, so every kept token is drawn often


# -- comparators ---------------------------------------------------------------------------------

def probs_close(got, expected, rtol: float = 1e-5, atol: float = 1e-6, path: str = "output") -> Mismatch | None:
    """Probabilities within tolerance (any float dtype), and exactly 0 where, and only where,
    the answer is 0: a filtered token must get probability 0, not 1e-9."""
    mismatch = allclose(got, expected, rtol=rtol, atol=atol, check_dtype=False, path=path)
    if mismatch is not None or not isinstance(expected, np.ndarray):
        return mismatch
    g, e = np.asarray(got, dtype=np.float64), np.asarray(expected, dtype=np.float64)
    wrong = (g == 0) != (e == 0)
    if wrong.any():
        idx = tuple(int(i) for i in np.argwhere(wrong)[0])
        what = ("0, but that token is kept" if g[idx] == 0
                else f"{g[idx]:.3g}, but that token is filtered out (exactly 0)")
        return Mismatch("value", f"{path}: {int(wrong.sum())} entries are zero where they should not be or "
                                 f"nonzero where they should be 0; first at {idx}: got {what}")
    return None


def _exactly_k(g: np.ndarray, e: np.ndarray, k: int, rtol: float, atol: float) -> bool:
    """Whether g is a correct 'keep exactly k' answer for a row whose keep-all-ties answer is e."""
    kept, allowed = g > 0, e > 0
    if kept.sum() != k or (kept & ~allowed).any():
        return False
    tie = e[allowed].min()  # the k-th value: every kept token above it must be kept
    if (allowed & (e > tie * (1 + 1e-9)) & ~kept).any():
        return False
    renormalised = np.where(kept, e, 0.0) / e[kept].sum()
    return bool(np.allclose(g, renormalised, rtol=rtol, atol=atol))


def top_k_either(got, expected, rtol: float = 1e-5, atol: float = 1e-6, path: str = "output") -> Mismatch | None:
    """top_k_probs with a tie at the k-th value: the model answer keeps every tied token; an answer
    that keeps exactly k tokens (all those above the tie, any of the tied ones) is accepted too."""
    if not isinstance(got, dict) or "probs" not in got:
        return Mismatch("structure", f"{path}: expected the driver's dict, got {describe(got)}")
    mismatch = probs_close(got["probs"], expected["probs"], rtol, atol, f"{path}['probs']")
    if mismatch is None or mismatch.kind in ("none", "type", "shape", "nan"):
        return mismatch
    g = np.atleast_2d(np.asarray(got["probs"], dtype=np.float64))
    e = np.atleast_2d(np.asarray(expected["probs"], dtype=np.float64))
    if all(_exactly_k(gr, er, expected["k"], rtol, atol) for gr, er in zip(g, e, strict=True)):
        return None
    return Mismatch(mismatch.kind, mismatch.message + " (either tie rule is accepted: keep every token tied "
                                                      "with the k-th value, or exactly k tokens)")


def tv_bound(draws: int, support: int, delta: float = FALSE_REJECTION) -> float:
    """A total-variation distance that n iid draws from p exceed with probability <= delta.

    TV(freq, p) = max over token sets A of freq(A) - p(A). For one fixed A, freq(A) is a mean of
    n iid indicators, so Hoeffding gives P(freq(A) - p(A) >= t) <= exp(-2 n t^2); a union over
    the 2^K subsets of the K tokens with p > 0 (the others are never drawn) gives
    P(TV >= t) <= 2^K exp(-2 n t^2) (Bretagnolle-Huber-Carol). Solving for delta:
    t = sqrt((K ln 2 + ln(1/delta)) / (2 n)). With n = 4000 and K <= 8: t <= 0.058."""
    return math.sqrt((support * math.log(2) + math.log(1 / delta)) / (2 * draws))


def _fits(freq: np.ndarray | None, dist: np.ndarray | None, n: int) -> bool:
    """Whether draws summarised by freq [R, V] are consistent with dist [R, V] (see sampled_like)."""
    if freq is None or dist is None or dist.shape != freq.shape or not np.isfinite(dist).all():
        return False
    return all(f[p == 0].sum() == 0 and 0.5 * np.abs(f - p).sum() <= tv_bound(n, int((p > 0).sum()))
               for f, p in zip(freq, dist, strict=True))


def sampled_like(got, expected, path: str = "output", **_) -> Mismatch | None:
    """sample()'s draws, judged against a distribution, never against the reference's own draws.

    The expected side is the model answer's output: its `distribution` is what
    temperature_probs -> top_k_probs -> top_p_probs compose to, i.e. exactly the law sample()
    must draw from. A row fails when any draw lands on a token of probability 0 (zero tolerance:
    a filtered token must never be drawn) or when the total-variation distance between the
    frequencies and the distribution exceeds tv_bound(n, K): a correct sampler, however it
    consumes the generator, fails a row with probability <= 1e-9. Where a case catches a mistake,
    the mistake either puts >= 1.8% of its mass on filtered tokens (4000 draws then include some
    except with probability < e^-70) or sits >= 0.13 away in TV, well over twice the bound.

    In diagnosis the expected side may be a mistake variant whose bug lives in sample() itself
    (the filters applied in the wrong order), so that its *_probs no longer describe its draws.
    When the expected side's own draws do not fit its distribution, the submission's draws are
    compared with those draws instead: two samples of one law differ by at most twice the
    bound. The model answer's draws always fit its distribution (tests/test_oracle_sampling.py
    asserts it for every case), so the pass/fail verdict only ever uses the first rule."""
    if not isinstance(got, dict) or "returned" not in got:
        return Mismatch("structure", f"{path}: expected the driver's dict, got {describe(got)}")
    if got["returned"] != expected["returned"]:
        return Mismatch("type", f"sample returned {got['returned']}; expected {expected['returned']}")
    n = expected["draws_per_row"]
    freq, ref_freq, dist = got["frequencies"], expected["frequencies"], expected["distribution"]
    if freq is None or ref_freq is None:  # both returned the same wrong thing (diagnosis only)
        return None
    freq, ref_freq = np.asarray(freq, dtype=np.float64), np.asarray(ref_freq, dtype=np.float64)
    dist = None if dist is None else np.asarray(dist, dtype=np.float64)
    if _fits(ref_freq, dist, n):
        reference, slack, against = dist, 1, "the expected distribution"
    else:
        reference, slack, against = ref_freq, 2, "the reference's frequencies"
    for r, (f, p) in enumerate(zip(freq, reference, strict=True)):
        where = "" if len(freq) == 1 else f"row {r}: "
        outside = (f > 0) & (p == 0)
        if outside.any() and slack == 1:
            token, count = int(np.argmax(outside)), round(float(f[outside].sum()) * n)
            return Mismatch("value", f"{where}{count} of your {n} draws are tokens of "
                                     f"probability 0 after temperature, top-k and top-p (first: token {token}, "
                                     f"drawn {round(float(f[token]) * n)} times); expected probabilities "
                                     f"{_fmt(p)}, your frequencies {_fmt(f)}")
        bound = slack * tv_bound(n, int((p > 0).sum()))
        distance = 0.5 * float(np.abs(f - p).sum())
        if distance > bound:
            return Mismatch("value", f"{where}your {n} draws are {distance:.3f} away (total variation) from "
                                     f"{against} {_fmt(p)}: your frequencies {_fmt(f)}; a correct sampler "
                                     f"stays within {bound:.3f} except with probability {FALSE_REJECTION:g}")
    return None


def same_draws(got, expected, path: str = "output", **_) -> Mismatch | None:
    """Two runs of sample() with generators built from one seed must draw the same tokens: the
    driver compares them and explains where they differ. A correct sampler is deterministic given
    its rng whatever way it consumes it, so this never rejects one. A sampler that draws from
    np.random instead repeats its draws by chance with probability prod(sum_i p_i^2) over the rows or
    calls: about 1e-53 for the 64 rows and 1e-28 for the 40 calls of the bank's two cases."""
    if not isinstance(got, dict) or "reproducible" not in got:
        return Mismatch("structure", f"{path}: expected the driver's dict, got {describe(got)}")
    if got["reproducible"] == expected["reproducible"]:
        return None
    if got["reproducible"]:  # only in diagnosis, against a variant that ignores rng
        return Mismatch("value", f"{path}: the two runs drew the same tokens")
    return Mismatch("value", got["detail"])


def _fmt(row: np.ndarray) -> str:
    return "[" + ", ".join(f"{x:.3f}" for x in row) + "]"


def greedy_tokens(got, expected, path: str = "output", **_) -> Mismatch | None:
    """Draws where one token per row survives the filters: they must be exactly the argmax."""
    if not isinstance(got, dict) or "returned" not in got:
        return Mismatch("structure", f"{path}: expected the driver's dict, got {describe(got)}")
    if got["returned"] != expected["returned"]:
        return Mismatch("type", f"sample returned {got['returned']}; expected {expected['returned']}")
    if got["tokens"] is None or expected["tokens"] is None:  # the same wrong return (diagnosis only)
        return None
    g, e = np.asarray(got["tokens"]), np.asarray(expected["tokens"])
    wrong = g != e
    if wrong.any():
        call, row = (int(i) for i in np.argwhere(wrong)[0])
        where = f"call {call}" + ("" if e.shape[1] == 1 else f", row {row}")
        return Mismatch("value", f"{int(wrong.sum())} of {e.size} draws differ from the argmax; first at {where}: "
                                 f"drew token {int(g[call, row])}, but only token {int(e[call, row])} survives "
                                 f"the filters")
    return None


# -- inputs --------------------------------------------------------------------------------------

def _softmax(x: np.ndarray) -> np.ndarray:
    e = np.exp(x - x.max(axis=-1, keepdims=True))
    return e / e.sum(axis=-1, keepdims=True)


def _clear_of_boundaries(logits: np.ndarray, p: float | None = None, margin: float = 0.01) -> bool:
    """No two logits of a row within 1e-3 of each other (no ties, no near-ties at the k-th value
    or the maximum) and, for top-p, no cumulative mass of the sorted row within `margin` of p."""
    rows = np.atleast_2d(np.asarray(logits, dtype=np.float64))
    with np.errstate(invalid="ignore"):
        gaps = np.diff(np.sort(rows, axis=-1), axis=-1)  # -inf - -inf is nan, never < 1e-3
    if (gaps < 1e-3).any():
        return False
    if p is None:
        return True
    cum = np.cumsum(-np.sort(-_softmax(rows), axis=-1), axis=-1)
    return bool((np.abs(cum - p) > margin).all())


def _draw_logits(rng, shape, scale=1.5, offset=0.0, dtype=np.float64, p=None) -> np.ndarray:
    """Logits clear of the contract's boundaries; with an offset, values float32 represents exactly, so
    that an implementation computing in float32 is judged on its arithmetic, not on rounding its input."""
    while True:
        x = offset + scale * rng.standard_normal(shape)
        x = (x.astype(np.float32) if offset else x).astype(dtype)
        if _clear_of_boundaries(x, p):
            return x


def _sampling_rows(rng, shape, temperature=1.0, top_k=None, top_p=None, scale=1.5, offset=0.0,
                   dtype=np.float64) -> np.ndarray:
    """Logits for a sampling case, clear of the contract's boundaries on the distribution that
    top-p actually sees (tempered, then top-k), and where the token that crosses p holds at least
    15% of the nucleus: dropping it moves the law by >= 0.15 in total variation, far beyond the
    0.053-0.058 that 4000 correct draws may wander. Rows are drawn one at a time: rejecting a whole
    batch whenever any of its rows misses would take exponentially many tries in the batch size."""
    if len(shape) == 2:
        return np.stack([_sampling_rows(rng, shape[1:], temperature, top_k, top_p, scale, offset, dtype)
                         for _ in range(shape[0])])
    while True:
        x = (offset + scale * rng.standard_normal(shape)).astype(dtype)
        scores = np.atleast_2d(x.astype(np.float64)) / temperature
        if top_k is not None:
            kth = np.sort(scores, axis=-1)[:, [-top_k]]
            scores = np.where(scores < kth, -np.inf, scores)
        if not _clear_of_boundaries(x) or (top_p is not None and not _clear_of_boundaries(scores, top_p)):
            continue
        if top_p is None:
            return x
        sorted_probs = -np.sort(-_softmax(scores), axis=-1)
        cum = np.cumsum(sorted_probs, axis=-1)
        crossing = (cum < top_p).sum(axis=-1)  # index of the token that makes the total reach p
        rows = np.arange(len(cum))
        if (sorted_probs[rows, crossing] / cum[rows, crossing] >= 0.15).all():
            return x


def _dominant(rng, shape, p: float, boost: float) -> np.ndarray:
    """Logits where one random token per row alone holds more than p + 0.01 of the mass."""
    while True:
        x = rng.standard_normal(shape)
        rows = np.atleast_2d(x)  # a view: boosting it boosts x
        rows[np.arange(len(rows)), rng.integers(rows.shape[-1], size=len(rows))] += boost
        if _clear_of_boundaries(x, p) and (_softmax(rows).max(axis=-1) > p + 0.01).all():
            return x


def _label(function: str, x: np.ndarray, **params) -> str:
    shown = ", ".join(f"{k}={v}" for k, v in params.items() if v is not None)
    return f"{function}: logits {x.dtype} {x.shape}" + (f", {shown}" if shown else "")


def _probs(call: str, x: np.ndarray, **params) -> Case:
    return Case(call, {"logits": x, **params}, _label(call, x, **params))


def _rows(rng_seed: int, x: np.ndarray, temperature=1.0, top_k=None, top_p=None, draws=DRAWS) -> Case:
    args = {"rows": x, "seed": rng_seed, "draws": draws, "temperature": temperature, "top_k": top_k, "top_p": top_p}
    label = _label("sample", x, temperature=temperature, top_k=top_k, top_p=top_p)
    return Case("sample_rows", args, f"{label}, {draws} draws per row (each row repeated in one batch)")


def _calls(rng_seed: int, x: np.ndarray, draws: int, temperature=1.0, top_k=None, top_p=None) -> Case:
    args = {"logits": x, "seed": rng_seed, "draws": draws, "temperature": temperature, "top_k": top_k, "top_p": top_p}
    label = _label("sample", x, temperature=temperature, top_k=top_k, top_p=top_p)
    return Case("sample_calls", args, f"{label}, {draws} calls with one generator")


def _greedy(rng_seed: int, x: np.ndarray, calls: int, temperature=1.0, top_k=None, top_p=None) -> Case:
    args = {"logits": x, "seed": rng_seed, "calls": calls, "temperature": temperature, "top_k": top_k, "top_p": top_p}
    return Case("greedy", args, _label("sample", x, temperature=temperature, top_k=top_k, top_p=top_p)
                + f", {calls} calls")


def _reproducible(rng_seed: int, x: np.ndarray, calls: int, temperature=1.0, top_k=None, top_p=None) -> Case:
    args = {"logits": x, "seed": rng_seed, "calls": calls, "temperature": temperature, "top_k": top_k, "top_p": top_p}
    return Case("reproducible", args, _label("sample", x, temperature=temperature, top_k=top_k, top_p=top_p)
                + f": {calls} call{'s' if calls > 1 else ''}, twice, with generators seeded alike")


def _unchanged(function: str, x: np.ndarray, **params) -> Case:
    return Case("input_after_call", {"function": function, "logits": x, **params},
                _label(function, x, **params) + ": the logits after the call")


def checks(rng: np.random.Generator) -> list[Check]:
    def logits(*shape, **kw):
        return _draw_logits(rng, shape, **kw)

    def sampling(*shape, **kw):
        return _sampling_rows(rng, shape, **kw)

    def seed() -> int:
        return int(rng.integers(2**31))

    # ties at the k-th value: row 0 of the first case ties three tokens at the 3rd value,
    # row 1 has none; the [V] case ties two tokens across the 2nd and 3rd places
    ties = np.array([[0.5, 2.0, 0.5, -1.0, 0.5, 1.2, -0.3, 0.1],
                     [0.4, -0.6, 1.7, 0.9, -1.1, 0.2, 1.3, -0.2]])
    ties_v = np.array([0.3, 1.1, -0.2, 0.3, -0.5, 0.0])
    # the vocabulary sorted by increasing probability, and a shuffle with the favourite last
    ascending = np.sort(logits(2, 10, scale=1.0, p=0.6), axis=-1)
    favourite_last = logits(2, 9, scale=1.2, p=0.8)
    rows, top = np.arange(2), favourite_last.argmax(axis=-1)
    favourite_last[rows, top], favourite_last[rows, -1] = favourite_last[rows, -1], favourite_last[rows, top]
    # where the order of the filters matters (see statement): the right order keeps {4, 7} for
    # row A and {0, 2, 3} for row B; temperature after filtering keeps {7} and {0, 1, 2, 3};
    # top-p before top-k keeps {0, 3, 4, 7} for row A
    order_a = np.array([[0.6, -1.2, 0.3, 0.8, 1.3, 0.1, 0.5, 2.6]])
    order_b = np.array([[0.7, 0.6, 1.4, 1.1, -1.5, 0.4, 0.5, 0.0]])

    return [
        Check("temperature_probs", [
            _probs("temperature_probs", logits(10), temperature=0.7),
            _probs("temperature_probs", logits(3, 10), temperature=1.0),
            _probs("temperature_probs", logits(4, 7), temperature=2.5),
            _probs("temperature_probs", logits(2, 12, scale=2.0), temperature=0.3),
        ], compare="probs_close", options=PROBS_TOLERANCE),
        Check("top_k_probs", [
            _probs("top_k_probs", logits(10), k=3),
            _probs("top_k_probs", logits(3, 9), k=1),
            _probs("top_k_probs", logits(4, 8), k=6),  # not k = V/2 + 1: the k smallest would be the k - 1 largest
            _probs("top_k_probs", logits(2, 6), k=6),
        ], compare="probs_close", options=PROBS_TOLERANCE),
        Check("top_k_probs: ties at the k-th value (either tie rule accepted)", [
            Case("top_k_ties", {"logits": ties, "k": 3}, _label("top_k_probs", ties, k=3) + ", row 0 ties 3 tokens "
                                                                                          "at the 3rd value"),
            Case("top_k_ties", {"logits": ties_v, "k": 2}, _label("top_k_probs", ties_v, k=2) + ", 2 tokens tie "
                                                                                              "for 2nd place"),
        ], compare="top_k_either", options=PROBS_TOLERANCE),
        Check("top_p_probs", [
            _probs("top_p_probs", logits(10, p=0.5), p=0.5),
            _probs("top_p_probs", logits(3, 10, p=0.9), p=0.9),
            _probs("top_p_probs", logits(4, 8, scale=2.0, p=0.3), p=0.3),
            _probs("top_p_probs", logits(2, 12, p=0.75), p=0.75),
        ], compare="probs_close", options=PROBS_TOLERANCE),
        Check("top_p_probs: vocabulary not ordered by probability", [
            _probs("top_p_probs", ascending, p=0.6),
            _probs("top_p_probs", favourite_last, p=0.8),
        ], compare="probs_close", options=PROBS_TOLERANCE),
        Check("top_p_probs: the most probable token alone reaches p", [
            _probs("top_p_probs", _dominant(rng, (2, 8), p=0.6, boost=4.0), p=0.6),
            _probs("top_p_probs", _dominant(rng, (7,), p=0.9, boost=6.0), p=0.9),
        ], compare="probs_close", options=PROBS_TOLERANCE),
        Check("float32 logits", [
            _probs("temperature_probs", logits(3, 9, dtype=np.float32), temperature=0.8),
            _probs("top_k_probs", logits(3, 9, dtype=np.float32), k=4),
            _probs("top_p_probs", logits(3, 9, dtype=np.float32, p=0.7), p=0.7),
        ], compare="probs_close", options=PROBS_TOLERANCE),
        Check("large logits (|logits| ~ 1e4)", [
            _probs("temperature_probs", logits(3, 8, offset=1e4), temperature=0.5),
            _probs("temperature_probs", logits(2, 8, offset=-1e4, dtype=np.float32), temperature=1.0),
            _probs("top_k_probs", logits(3, 8, offset=1e4, dtype=np.float32), k=3),
            _probs("top_p_probs", logits(3, 8, offset=-1e4, p=0.8), p=0.8),
        ], compare="probs_close", options=PROBS_TOLERANCE),
        Check("leaves its input unchanged", [
            _unchanged("temperature_probs", logits(3, 8), temperature=2.0),
            _unchanged("top_k_probs", logits(3, 8), k=3),
            _unchanged("top_p_probs", logits(3, 8, p=0.7), p=0.7),
            Case("input_after_call", {"function": "sample", "logits": logits(3, 8, p=0.7), "seed": seed(),
                                      "temperature": 0.7, "top_k": 5, "top_p": 0.7},
                 "sample: logits float64 (3, 8), temperature=0.7, top_k=5, top_p=0.7: the logits after the call"),
        ], compare="exact"),
        Check("sample: plain softmax sampling", [
            _rows(seed(), sampling(2, V, scale=1.0)),
            _calls(seed(), sampling(V, scale=1.0), draws=500),
        ], compare="sampled_like"),
        Check("sample: temperature", [
            _rows(seed(), sampling(2, V, scale=1.0), temperature=0.5),
            _rows(seed(), sampling(2, V), temperature=2.0),
        ], compare="sampled_like"),
        Check("sample: top_k", [
            _rows(seed(), sampling(2, V), top_k=3),
            _rows(seed(), sampling(2, V), temperature=1.5, top_k=2),
        ], compare="sampled_like"),
        Check("sample: top_p", [
            _rows(seed(), sampling(2, V, top_p=0.7), top_p=0.7),
            _rows(seed(), sampling(2, V, top_p=0.9, scale=2.0), top_p=0.9),
        ], compare="sampled_like"),
        Check("sample: temperature, then top-k, then top-p (cases where the order matters)", [
            _rows(seed(), order_a, temperature=2.0, top_k=4, top_p=0.6),
            _rows(seed(), order_b, temperature=0.5, top_k=5, top_p=0.8),
        ], compare="sampled_like"),
        Check("sample: [V] logits, one int per call", [
            _calls(seed(), sampling(V, temperature=0.8, top_k=5, top_p=0.8), draws=600, temperature=0.8, top_k=5,
                   top_p=0.8),
        ], compare="sampled_like"),
        Check("sample: large and float32 logits", [
            _rows(seed(), sampling(2, V, top_p=0.9, scale=1.0, offset=1e4, dtype=np.float32), top_p=0.9),
            _rows(seed(), sampling(2, V, temperature=0.7, top_k=6, top_p=0.8, offset=-1e4), temperature=0.7,
                  top_k=6, top_p=0.8),
        ], compare="sampled_like"),
        Check("sample: top_k=1 and a tiny top_p are greedy", [
            _greedy(seed(), logits(6, 40, scale=2.0), calls=2, top_k=1),
            _greedy(seed(), logits(6, 40, scale=2.0), calls=2, top_p=1e-6),
            _greedy(seed(), logits(40, scale=2.0), calls=3, temperature=0.7, top_k=1),
            _greedy(seed(), logits(40, scale=2.0), calls=3, temperature=1.3, top_k=10, top_p=1e-6),
            _greedy(seed(), logits(4, 50, offset=1e4, dtype=np.float32), calls=2, top_k=1),
        ], compare="greedy_tokens"),
        # last, so that the rng draws of the cases above do not depend on it
        Check("sample: the same seed gives the same draws (all randomness comes from rng)", [
            _reproducible(seed(), sampling(64, V, scale=0.5), calls=1),
            _reproducible(seed(), sampling(V, scale=1.0, top_k=6, top_p=0.9), calls=40, top_k=6, top_p=0.9),
        ], compare="same_draws"),
    ]


def efficiency(rng: np.random.Generator) -> Efficiency:
    x = rng.standard_normal((64, 512)) * 2.0
    args = {"logits": x, "seed": 0, "temperature": 0.8, "top_k": 50, "top_p": 0.9}
    return Efficiency(Case("draw", args, "sample: logits (64, 512), temperature=0.8, top_k=50, top_p=0.9"),
                      repeats=3)
