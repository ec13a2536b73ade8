"""Named checks for transformer_block: inputs only; expected values come from the model answer.

Every case carries float32 weights and inputs from the seeded rng. The weights are drawn so that
each mistake shows: linear1's outputs reach |h| of 2-3 (where exact and tanh GELU differ), norm1
and norm2 hold different random gains and shifts, and x is far from normalised (so adding norm(x)
instead of x, or normalising twice, changes the values). Masks are bool with True = real token.
"""

import numpy as np

from mlkata.kit import Case, Check, Efficiency

TOLERANCE = {"rtol": 1e-4, "atol": 2e-5}
GRAD_TOLERANCE = {"rtol": 1e-4, "atol": 1e-4}


def _weights(rng, D: int, d_ff: int) -> dict:
    def normal(*shape, std, mean=0.0):
        return (mean + rng.standard_normal(shape) * std).astype(np.float32)

    return {
        "qkv.weight": normal(3 * D, D, std=1.2 / np.sqrt(D)), "qkv.bias": normal(3 * D, std=0.1),
        "out_proj.weight": normal(D, D, std=1.0 / np.sqrt(D)), "out_proj.bias": normal(D, std=0.3),
        "linear1.weight": normal(d_ff, D, std=2.5 / np.sqrt(D)), "linear1.bias": normal(d_ff, std=0.3),
        "linear2.weight": normal(D, d_ff, std=1.0 / np.sqrt(d_ff)), "linear2.bias": normal(D, std=0.3),
        "norm1.weight": normal(D, std=0.3, mean=1.0), "norm1.bias": normal(D, std=0.2),
        "norm2.weight": normal(D, std=0.3, mean=1.0), "norm2.bias": normal(D, std=0.2),
    }


def _padding(lengths, L: int, left: bool = False) -> np.ndarray:
    """(B, L) bool, True = real token; padding on the right (or on the left)."""
    pos = np.arange(L)[None, :]
    lengths = np.asarray(lengths)[:, None]
    return pos >= L - lengths if left else pos < lengths


def _case(rng, B, L, D, H, d_ff, *, norm_first, activation, key_padding_mask=None, is_causal=False,
          grad=False, note="") -> Case:
    x = rng.standard_normal((B, L, D)) * 1.5 + rng.standard_normal(D) * 0.5  # not normalised
    args = {
        "d_model": D, "num_heads": H, "d_ff": d_ff, "norm_first": norm_first, "activation": activation,
        "weights": _weights(rng, D, d_ff), "x": x.astype(np.float32),
        "key_padding_mask": key_padding_mask, "is_causal": is_causal,
    }
    label = f"B={B} L={L} d_model={D} H={H} d_ff={d_ff}, norm_first={norm_first}, {activation}"
    if key_padding_mask is not None:
        label += f", key_padding_mask ({B}, {L})"
    if is_causal:
        label += ", is_causal"
    label += note
    if grad:
        args["grad_output"] = rng.standard_normal((B, L, D)).astype(np.float32)
        return Case("backward", args, label + " (output and gradients)")
    return Case("forward", args, label)


def checks(rng: np.random.Generator) -> list[Check]:
    def case(B, L, D, H, d_ff, **kw):
        return _case(rng, B, L, D, H, d_ff, **kw)

    pre = {"norm_first": True}
    post = {"norm_first": False}
    return [
        Check("pre-norm (norm_first=True), relu", [
            case(2, 5, 8, 2, 16, **pre, activation="relu"), case(1, 6, 12, 3, 24, **pre, activation="relu"),
            case(3, 4, 16, 4, 32, **pre, activation="relu"),
        ], options=TOLERANCE),
        Check("pre-norm (norm_first=True), exact GELU", [
            case(2, 5, 8, 2, 16, **pre, activation="gelu"), case(2, 4, 12, 3, 20, **pre, activation="gelu"),
        ], options=TOLERANCE),
        Check("post-norm (norm_first=False), relu", [
            case(2, 5, 8, 2, 16, **post, activation="relu"), case(1, 6, 12, 3, 24, **post, activation="relu"),
            case(3, 4, 16, 4, 32, **post, activation="relu"),
        ], options=TOLERANCE),
        Check("post-norm (norm_first=False), exact GELU", [
            case(2, 5, 8, 2, 16, **post, activation="gelu"), case(2, 4, 12, 3, 20, **post, activation="gelu"),
        ], options=TOLERANCE),
        Check("key_padding_mask and is_causal", [
            case(3, 6, 8, 2, 16, **pre, activation="relu", key_padding_mask=_padding([6, 3, 1], 6)),
            case(2, 5, 12, 3, 24, **post, activation="gelu", is_causal=True),
            case(3, 5, 8, 2, 16, **pre, activation="gelu", key_padding_mask=_padding([5, 2, 4], 5), is_causal=True),
            case(2, 6, 16, 4, 32, **post, activation="relu", key_padding_mask=_padding([4, 6], 6)),
        ], options=TOLERANCE),
        Check("queries that may attend no key (their attention output is zero)", [
            case(2, 6, 8, 2, 16, **pre, activation="relu", key_padding_mask=_padding([6, 4], 6, left=True),
                 is_causal=True, note=" (left padding)"),
            case(3, 4, 12, 3, 24, **post, activation="gelu", key_padding_mask=_padding([4, 0, 2], 4),
                 note=" (example 1 is all padding)"),
        ], options=TOLERANCE),
        Check("gradients (backward through your block)", [
            case(2, 5, 8, 2, 16, **pre, activation="gelu", key_padding_mask=_padding([5, 3], 5), grad=True),
            case(2, 5, 12, 3, 24, **post, activation="relu", is_causal=True, grad=True),
            case(1, 4, 8, 2, 16, **pre, activation="relu", grad=True),
            case(2, 4, 8, 2, 12, **post, activation="gelu", grad=True),
        ], options=GRAD_TOLERANCE),
    ]


def efficiency(rng: np.random.Generator) -> Efficiency:
    B, L, D, H, d_ff = 8, 128, 128, 8, 512
    case = _case(rng, B, L, D, H, d_ff, norm_first=True, activation="gelu",
                 key_padding_mask=_padding(rng.integers(L // 2, L + 1, size=B), L), is_causal=True)
    return Efficiency(case, repeats=3)
