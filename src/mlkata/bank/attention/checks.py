"""Named checks for attention: inputs only; expected values come from the model answer.

q, k, v are standard normal, so q . k / sqrt(d) is of order 1 and the softmax is neither uniform
nor one-hot; every case has d >= 4 (no-scale and scale-by-d differ from sqrt(d)) and most have
Lq >= 2 (softmax over the wrong axis shows). Masks are bool, True = may attend.
"""

import numpy as np

from mlkata.kit import Case, Check, Efficiency

TOLERANCE = {"rtol": 1e-4, "atol": 2e-5}  # float32 arithmetic (even for float64 inputs) is fine
GRAD_TOLERANCE = {"rtol": 1e-4, "atol": 1e-4}
MASK_EXACT = {"rtol": 0.0, "atol": 0.0, "check_dtype": True}  # same bool values, and bool dtype
# Score gap of the "loud hidden keys" cases. exp(-x) underflows to 0 past x ~ 104 in float32 and
# ~ 745 in float64; the ordinary scores spread by a few units, so these gaps leave a wide margin.
GAP = {np.float32: 150.0, np.float64: 1000.0}


def _shape(x) -> str:
    return "[" + ", ".join(str(n) for n in x.shape) + "]"


def _label(q, k, v, mask=None, note="") -> str:
    text = f"{q.dtype} q {_shape(q)}, k {_shape(k)}, v {_shape(v)}"
    text += ", no mask" if mask is None else f", mask {_shape(mask)}"
    return text + note


def _attention(q, k, v, mask=None, note="") -> Case:
    args = {"q": q, "k": k, "v": v}
    if mask is not None:
        args["mask"] = mask
    return Case("attention", args, _label(q, k, v, mask, note))


def _random_mask(rng, shape, p=0.6) -> np.ndarray:
    """Random allowed-pattern in which every query keeps at least one key."""
    mask = rng.random(shape) < p
    rows = mask.reshape(-1, shape[-1])
    rows[~rows.any(axis=1), 0] = True  # a query left with no key gets key 0 back
    return rows.reshape(shape)


def _keys_of(lengths, Lk) -> np.ndarray:
    """[B, Lk] bool: the first lengths[b] keys of example b are real."""
    return np.arange(Lk)[None, :] < np.asarray(lengths)[:, None]


def _tril(L) -> np.ndarray:
    return np.tril(np.ones((L, L), dtype=bool))


def checks(rng: np.random.Generator) -> list[Check]:
    def randn(*shape, dtype=np.float32):
        return rng.standard_normal(shape).astype(dtype)

    def qkv(lead, Lq, Lk, d, dv, dtype=np.float32):
        return randn(*lead, Lq, d, dtype=dtype), randn(*lead, Lk, d, dtype=dtype), randn(*lead, Lk, dv, dtype=dtype)

    def case(lead, Lq, Lk, d, dv, dtype=np.float32, mask=None, note=""):
        return _attention(*qkv(lead, Lq, Lk, d, dv, dtype), mask=mask, note=note)

    def loud(lead, Lq, Lk, d, dv, dtype, is_loud, mask, note):
        """Keys marked in is_loud ([..., Lk]) score GAP above every other key, for every query:
        coordinate 0 of every query is c, of a loud key c, of any other key 0, so that the loud
        keys gain c * c / sqrt(d) = GAP. The mask hides them from (most of) the queries."""
        q, k, v = qkv(lead, Lq, Lk, d, dv, dtype)
        c = np.sqrt(GAP[dtype] * np.sqrt(d))
        q[..., 0] = c
        k[..., 0] = np.where(is_loud, c, 0.0)
        return _attention(q, k, v, mask=mask, note=note)

    # -- queries that may attend no key ----------------------------------------------
    empty_rows = _random_mask(rng, (5, 6))
    empty_rows[[1, 3]] = False
    empty_example = _keys_of([4, 0, 2], 4)[:, None, None, :]  # [3, 1, 1, 4]: example 1 is padding only
    left_padded = _tril(5)[None, None] & (np.arange(5)[None, :] >= np.array([[2], [0]]))[:, None, None, :]
    empty_64 = _random_mask(rng, (2, 4, 5))
    empty_64[0, 2] = False
    empty_64[1, :] = False

    # -- hidden keys that score far above the visible ones ---------------------------
    pad_lengths = [3, 5]
    loud_padding = ~_keys_of(pad_lengths, 6)  # [2, 6]: the padding keys are the loud ones
    loud_cols = np.zeros(7, dtype=bool)
    loud_cols[[2, 5]] = True
    hide_loud = _random_mask(rng, (5, 7))
    hide_loud[:, [2, 5]] = False
    hide_loud[4, 5] = True  # the last query may see loud key 5: its weight goes there
    hide_loud[:, 0] = True  # everyone keeps a quiet key
    # one loud key per example, in the future of the early queries; the later queries see it and
    # put all their weight on it (two visible loud keys would make float32 rounding of scores ~150
    # matter: an absolute error of 1e-5 in a score is a relative error of 1e-5 in a weight)
    loud_causal = np.zeros((2, 2, 6), dtype=bool)
    loud_causal[0, :, 5] = True
    loud_causal[1, :, 3] = True

    padding_lengths = [np.array(x, dtype=np.int64) for x in ([3, 0, 5], [1], [2, 4, 4, 1], [0, 6, 3])]
    padding_L = [5, 1, 4, 6]
    comb_L = 6
    window = _tril(comb_L) & ~np.tril(np.ones((comb_L, comb_L), dtype=bool), k=-3)  # causal, last 3 keys

    return [
        Check("no mask: no leading dim, one and two (float32)", [
            case((), 5, 5, 8, 8), case((2,), 6, 6, 8, 5), case((2, 3), 4, 4, 16, 16),
        ], options=TOLERANCE),
        Check("float64 inputs", [
            case((), 4, 7, 6, 3, dtype=np.float64), case((2, 2), 5, 6, 4, 7, dtype=np.float64),
            case((3,), 4, 4, 8, 8, dtype=np.float64, mask=_random_mask(rng, (4, 4))),
        ], options=TOLERANCE),
        Check("Lq != Lk and d != dv", [
            case((3,), 4, 9, 16, 5), case((2, 2), 1, 6, 8, 4, note=" (a single query)"),
            case((), 7, 3, 4, 10),
        ], options=TOLERANCE),
        Check("mask [Lq, Lk] shared by every leading dim", [
            case((), 5, 6, 8, 4, mask=_random_mask(rng, (5, 6))),
            case((2,), 6, 6, 8, 8, mask=_tril(6), note=" (causal)"),
            case((2, 3), 4, 7, 8, 5, mask=_random_mask(rng, (4, 7), p=0.4)),
        ], options=TOLERANCE),
        Check("key masks broadcast over the queries ([B, 1, Lk], [B, 1, 1, Lk])", [
            case((3,), 5, 6, 8, 8, mask=_keys_of([6, 2, 4], 6)[:, None, :]),
            case((2, 2), 4, 5, 8, 6, mask=_keys_of([3, 5], 5)[:, None, None, :]),
            case((2, 3), 3, 6, 4, 4, mask=_random_mask(rng, (2, 1, 1, 6))),
        ], options=TOLERANCE),
        Check("full-shape and per-example masks ([B, H, Lq, Lk], [B, 1, Lq, Lk])", [
            case((2, 3), 5, 5, 8, 8, mask=_random_mask(rng, (2, 3, 5, 5))),
            case((2, 2), 4, 6, 8, 3, mask=_random_mask(rng, (2, 1, 4, 6), p=0.5)),
        ], options=TOLERANCE),
        Check("queries that may attend no key (zero weights, zero output)", [
            case((), 5, 6, 8, 4, mask=empty_rows, note=" (rows 1 and 3 all False)"),
            case((3, 2), 4, 4, 8, 8, mask=empty_example, note=" (example 1 is all padding)"),
            case((2, 2), 5, 5, 8, 8, mask=left_padded, note=" (causal, example 0 left-padded by 2)"),
            case((2,), 4, 5, 6, 6, dtype=np.float64, mask=empty_64, note=" (example 1 sees nothing)"),
        ], options=TOLERANCE),
        Check("hidden keys scoring far above the visible ones (150 in float32, 1000 in float64)", [
            loud((2,), 4, 6, 8, 8, np.float32, loud_padding, _keys_of(pad_lengths, 6)[:, None, :],
                 " (the padding keys are loud)"),
            loud((), 5, 7, 8, 6, np.float32, loud_cols, hide_loud, " (loud keys 2 and 5)"),
            loud((2, 2), 6, 6, 8, 8, np.float32, loud_causal, _tril(6), " (causal, a future key is loud)"),
            loud((2,), 4, 6, 8, 5, np.float64, loud_padding, _keys_of(pad_lengths, 6)[:, None, :],
                 " (the padding keys are loud)"),
        ], options=TOLERANCE),
        Check("gradients flow to q, k and v", [
            _backward(rng, (2,), 4, 5, 8, 6, None),
            _backward(rng, (2, 2), 5, 5, 8, 8, _tril(5), " (causal)"),
            _backward(rng, (3,), 4, 6, 8, 4, _keys_of([6, 3, 1], 6)[:, None, :]),
        ], options=GRAD_TOLERANCE),
        Check("causal_mask(L)", [Case("causal", {"L": L}, f"L={L}") for L in (1, 2, 5, 8)], options=MASK_EXACT),
        Check("padding_mask(lengths, L)", [
            Case("padding", {"lengths": lengths, "L": L}, f"lengths {lengths.tolist()} (int64), L={L}")
            for lengths, L in zip(padding_lengths, padding_L, strict=True)
        ], options=MASK_EXACT),
        Check("combine_masks(causal, padding)", [
            Case("combine", {"causal": _tril(comb_L), "padding": _keys_of([6, 4, 1, 0], comb_L)},
                 "causal [6, 6], padding of lengths [6, 4, 1, 0]"),
            Case("combine", {"causal": _tril(3), "padding": np.array([[True, False, True]])},
                 "causal [3, 3], padding [[True, False, True]]"),
            Case("combine", {"causal": window, "padding": _keys_of([5, 3], comb_L)},
                 "sliding-window causal [6, 6] (last 3 keys), padding of lengths [5, 3]"),
        ], options=MASK_EXACT),
        Check("decoder self-attention: causal_mask + padding_mask + combine_masks", [
            _decoder(rng, 3, 2, 6, 8, [6, 3, 1]),
            _decoder(rng, 3, 2, 5, 8, [5, 2, 0]),
        ], options=TOLERANCE),
    ]


def _backward(rng, lead, Lq, Lk, d, dv, mask, note="") -> Case:
    def randn(*shape):
        return rng.standard_normal(shape).astype(np.float32)

    q, k, v = randn(*lead, Lq, d), randn(*lead, Lk, d), randn(*lead, Lk, dv)
    args = {"q": q, "k": k, "v": v, "grad_out": randn(*lead, Lq, dv), "grad_weights": randn(*lead, Lq, Lk),
            "mask": mask}
    return Case("backward", args, _label(q, k, v, mask, note) + " (outputs and gradients)")


def _decoder(rng, B, H, L, d, lengths) -> Case:
    def randn(*shape):
        return rng.standard_normal(shape).astype(np.float32)

    args = {"q": randn(B, H, L, d), "k": randn(B, H, L, d), "v": randn(B, H, L, d),
            "lengths": np.array(lengths, dtype=np.int64)}
    return Case("decoder_self_attention", args,
                f"q, k, v [{B}, {H}, {L}, {d}], lengths {lengths}: mask = combine_masks(causal_mask({L}), "
                f"padding_mask(lengths, {L}))[:, None]")


def efficiency(rng: np.random.Generator) -> Efficiency:
    B, H, L, d = 4, 4, 128, 32

    def randn(*shape):
        return rng.standard_normal(shape).astype(np.float32)

    mask = _tril(L)[None, None] & _keys_of(rng.integers(L // 2, L + 1, size=B), L)[:, None, None, :]
    args = {"q": randn(B, H, L, d), "k": randn(B, H, L, d), "v": randn(B, H, L, d), "mask": mask}
    label = f"q, k, v [{B}, {H}, {L}, {d}], causal + padding mask [{B}, 1, {L}, {L}]"
    return Efficiency(Case("attention", args, label), repeats=3)
