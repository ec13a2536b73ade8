"""Named checks for multi_head_attention: inputs only; expected values come from the model answer.

Every case carries float32 weights and inputs drawn from the seeded rng; masks are bool arrays with
True = "may attend". Every case has H >= 2, L >= 2 and d_k >= 2, so head split/merge and scaling
bugs cannot hide.
"""

import numpy as np

from mlkata.kit import Case, Check, Efficiency

TOLERANCE = {"rtol": 1e-4, "atol": 2e-5}
GRAD_TOLERANCE = {"rtol": 1e-4, "atol": 1e-4}
GAP = 150.0  # logit gap for the "loud masked keys" cases: exp(-150) underflows to 0 in float32


def _weights(rng, d_model: int, bias: bool) -> dict:
    def normal(*shape, std):
        return (rng.standard_normal(shape) * std).astype(np.float32)

    std = 1.2 / np.sqrt(d_model)  # scores of order 1: softmax neither uniform nor one-hot
    return {
        "qkv_weight": normal(3 * d_model, d_model, std=std),
        "qkv_bias": normal(3 * d_model, std=0.1) if bias else None,
        "out_weight": normal(d_model, d_model, std=std),
        "out_bias": normal(d_model, std=0.5) if bias else None,
    }


def _describe(B, L, D, H, bias, attn_mask, key_padding_mask, is_causal) -> str:
    parts = [f"B={B} L={L} d_model={D} H={H}" + ("" if bias else " bias=False")]
    if attn_mask is not None:
        parts.append(f"attn_mask {tuple(attn_mask.shape)}")
    if key_padding_mask is not None:
        parts.append(f"key_padding_mask ({B}, {L})")
    if is_causal:
        parts.append("is_causal")
    return ", ".join(parts) if len(parts) > 1 else parts[0] + ", no mask"


def _case(rng, B, L, D, H, *, bias=True, attn_mask=None, key_padding_mask=None, is_causal=False,
          grad=False, weights=None, x=None, note="") -> Case:
    args = {
        "d_model": D, "num_heads": H, "bias": bias,
        "weights": _weights(rng, D, bias) if weights is None else weights,
        "x": rng.standard_normal((B, L, D)).astype(np.float32) if x is None else x,
        "attn_mask": attn_mask, "key_padding_mask": key_padding_mask, "is_causal": is_causal,
    }
    label = _describe(B, L, D, H, bias, attn_mask, key_padding_mask, is_causal) + note
    if grad:
        args["grad_output"] = rng.standard_normal((B, L, D)).astype(np.float32)
        return Case("backward", args, label + " (output and gradients)")
    return Case("forward", args, label)


def _attn_mask(rng, shape, p: float = 0.6) -> np.ndarray:
    """Random allowed-pattern where every query keeps at least its own key and key 0."""
    mask = rng.random(shape) < p
    L = shape[-1]
    mask[..., np.arange(L), np.arange(L)] = True
    mask[..., 0] = True
    return mask


def _right_padding(lengths, L: int) -> np.ndarray:
    return np.arange(L)[None, :] < np.asarray(lengths)[:, None]  # (B, L): True = real token


def _loud_keys(rng, B, L, D, H, loud: np.ndarray, bias: bool = True):
    """Weights and inputs where the keys marked `loud` (B, L) score GAP above every other key.

    Feature 0 of x is 1 for every token and feature 1 is 1 for loud tokens only; in every head the
    first query dimension reads feature 0 and the first key dimension reads feature 1, so the
    score of a loud key is GAP higher for every query. Features 0 and 1 feed nothing else."""
    d_k = D // H
    w = _weights(rng, D, bias)
    qkv = w["qkv_weight"]
    qkv[:, :2] = 0.0
    for h in range(H):
        qkv[h * d_k, :] = 0.0
        qkv[h * d_k, 0] = np.sqrt(GAP * np.sqrt(d_k))  # W_q, head h, first dimension
        qkv[D + h * d_k, :] = 0.0
        qkv[D + h * d_k, 1] = np.sqrt(GAP * np.sqrt(d_k))  # W_k, head h, first dimension
    if bias:
        w["qkv_bias"][[h * d_k for h in range(H)] + [D + h * d_k for h in range(H)]] = 0.0
    x = rng.standard_normal((B, L, D)).astype(np.float32)
    x[..., 0] = 1.0
    x[..., 1] = loud.astype(np.float32)
    return w, x


def checks(rng: np.random.Generator) -> list[Check]:
    def case(B, L, D, H, **kw):
        return _case(rng, B, L, D, H, **kw)

    # -- queries that see no key at all ---------------------------------------
    all_padded = _right_padding([4, 0, 2], 4)  # example 1 is padding only
    left_padded = np.arange(6)[None, :] >= np.array([[2], [0]])  # example 0: 2 pad tokens on the left
    empty_rows = _attn_mask(rng, (5, 5))
    empty_rows[[1, 3]] = False
    causal_empty = _attn_mask(rng, (2, 4, 4))
    causal_empty[1, 0, 0] = False  # query 0 of example 1: its only causal key is hidden

    # -- masked keys that score far above the visible ones -----------------------
    gap_pad = _right_padding([3, 5], 6)
    w_pad, x_pad = _loud_keys(rng, 2, 6, 8, 2, ~gap_pad)
    gap_causal = np.zeros((2, 6), dtype=bool)
    gap_causal[:, 3:] = True  # the later half is loud: the future of the early queries
    w_causal, x_causal = _loud_keys(rng, 2, 6, 12, 3, gap_causal)
    loud = np.zeros((2, 5), dtype=bool)
    loud[:, [2, 4]] = True
    gap_mask = _attn_mask(rng, (2, 5, 5))
    gap_mask[:, :3, 2] = False  # queries 0-2 may not see loud key 2,
    gap_mask[:, :4, 4] = False  # queries 0-3 may not see loud key 4
    w_mask, x_mask = _loud_keys(rng, 2, 5, 8, 2, loud, bias=False)

    return [
        Check("no mask, random shapes", [
            case(2, 5, 8, 2), case(1, 7, 12, 3), case(3, 4, 16, 4), case(2, 6, 8, 2, bias=False),
            case(2, 3, 12, 2),
        ], options=TOLERANCE),
        Check("attn_mask [L, L] (shared by the batch)", [
            case(2, 5, 8, 2, attn_mask=_attn_mask(rng, (5, 5))),
            case(1, 6, 12, 3, attn_mask=_attn_mask(rng, (6, 6), p=0.4), bias=False),
        ], options=TOLERANCE),
        Check("attn_mask [B, L, L] (one per example)", [
            case(3, 5, 8, 2, attn_mask=_attn_mask(rng, (3, 5, 5))),
            case(2, 4, 16, 4, attn_mask=_attn_mask(rng, (2, 4, 4), p=0.5)),
        ], options=TOLERANCE),
        Check("key_padding_mask", [
            case(3, 6, 8, 2, key_padding_mask=_right_padding([6, 3, 1], 6)),
            case(2, 5, 12, 3, key_padding_mask=np.array([[1, 0, 1, 1, 0], [0, 1, 1, 0, 1]], dtype=bool)),
        ], options=TOLERANCE),
        Check("is_causal", [
            case(2, 6, 8, 2, is_causal=True), case(1, 5, 12, 3, is_causal=True, bias=False),
        ], options=TOLERANCE),
        Check("masks combined", [
            case(3, 5, 8, 2, key_padding_mask=_right_padding([5, 2, 4], 5), is_causal=True),
            case(2, 6, 12, 2, attn_mask=_attn_mask(rng, (6, 6)), is_causal=True),
            case(2, 5, 8, 2, attn_mask=_attn_mask(rng, (2, 5, 5)), key_padding_mask=_right_padding([5, 3], 5)),
            case(2, 6, 16, 4, attn_mask=_attn_mask(rng, (2, 6, 6)), key_padding_mask=_right_padding([4, 6], 6),
                 is_causal=True),
        ], options=TOLERANCE),
        Check("queries that may attend no key (their output row is out_proj.bias)", [
            case(3, 4, 8, 2, key_padding_mask=all_padded, note=" (example 1 is all padding)"),
            case(2, 6, 8, 2, key_padding_mask=left_padded, is_causal=True, note=" (left padding)"),
            case(2, 5, 12, 3, attn_mask=empty_rows, bias=False, note=" (rows 1 and 3 all False)"),
            case(2, 4, 8, 2, attn_mask=causal_empty, is_causal=True, note=" (example 1, query 0 sees nothing)"),
        ], options=TOLERANCE),
        Check("masked keys score ~150 above the visible ones", [
            _case(rng, 2, 6, 8, 2, key_padding_mask=gap_pad, weights=w_pad, x=x_pad),
            _case(rng, 2, 6, 12, 3, is_causal=True, weights=w_causal, x=x_causal),
            _case(rng, 2, 5, 8, 2, attn_mask=gap_mask, bias=False, weights=w_mask, x=x_mask),
        ], options=TOLERANCE),
        Check("gradients (backward through your module)", [
            case(2, 5, 8, 2, grad=True),
            case(2, 6, 12, 3, key_padding_mask=_right_padding([6, 4], 6), is_causal=True, grad=True),
            case(2, 5, 8, 2, attn_mask=_attn_mask(rng, (5, 5)), bias=False, grad=True),
        ], options=GRAD_TOLERANCE),
    ]


def efficiency(rng: np.random.Generator) -> Efficiency:
    B, L, D, H = 8, 128, 128, 8
    args = {
        "d_model": D, "num_heads": H, "bias": True, "weights": _weights(rng, D, True),
        "x": rng.standard_normal((B, L, D)).astype(np.float32),
        "attn_mask": None, "key_padding_mask": _right_padding(rng.integers(L // 2, L + 1, size=B), L),
        "is_causal": True,
    }
    return Efficiency(Case("forward", args, f"B={B} L={L} d_model={D} H={H}, key_padding_mask, is_causal"),
                      repeats=3)
