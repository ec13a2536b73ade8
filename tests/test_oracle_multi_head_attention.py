"""multi_head_attention: the model answer against torch.nn.MultiheadAttention (the oracle).

The oracle's traps, handled here once:
- its boolean masks mean the OPPOSITE (True = may NOT attend), so every mask is inverted;
- a 3-D attn_mask is [B*H, L, L] (batch-major, heads inner): repeat_interleave over heads;
- `is_causal` is only a hint to it: the causal mask is passed explicitly;
- a query that may attend no key comes back as NaN (fast path) or zeros, depending on the
  path taken: those rows are compared with the contract (out_proj.bias) instead.
"""

from __future__ import annotations

import math

import numpy as np
import pytest
import torch
from hypothesis import given, settings
from hypothesis import strategies as st
from torch import nn

from mlkata.problems.catalog import get_problem

PROBLEM = get_problem("multi_head_attention")
CHECKS = {check.name: check for check in PROBLEM.checks}


Solution = PROBLEM.load_module("solution.py").MultiHeadSelfAttention


# -- the oracle ------------------------------------------------------------------

def make_pair(D: int, H: int, bias: bool, weights: dict | None = None, dtype=torch.float64, seed: int = 0):
    """The model answer and an nn.MultiheadAttention holding the same weights."""
    ours = Solution(D, H, bias=bias)
    oracle = nn.MultiheadAttention(D, H, bias=bias, batch_first=True)
    gen = torch.Generator().manual_seed(seed)
    with torch.no_grad():
        if weights is None:
            weights = {
                "qkv_weight": torch.randn(3 * D, D, generator=gen) / math.sqrt(D),
                "qkv_bias": torch.randn(3 * D, generator=gen) * 0.1 if bias else None,
                "out_weight": torch.randn(D, D, generator=gen) / math.sqrt(D),
                "out_bias": torch.randn(D, generator=gen) * 0.5 if bias else None,
            }
        weights = {k: None if v is None else torch.as_tensor(v) for k, v in weights.items()}
        ours.qkv.weight.copy_(weights["qkv_weight"])
        ours.out_proj.weight.copy_(weights["out_weight"])
        oracle.in_proj_weight.copy_(weights["qkv_weight"])
        oracle.out_proj.weight.copy_(weights["out_weight"])
        if bias:
            ours.qkv.bias.copy_(weights["qkv_bias"])
            ours.out_proj.bias.copy_(weights["out_bias"])
            oracle.in_proj_bias.copy_(weights["qkv_bias"])
            oracle.out_proj.bias.copy_(weights["out_bias"])
    return ours.to(dtype), oracle.to(dtype)


def oracle_forward(oracle: nn.MultiheadAttention, x, attn_mask=None, key_padding_mask=None, is_causal=False):
    L, H = x.shape[1], oracle.num_heads
    blocked = None  # torch's convention: True = may NOT attend
    if attn_mask is not None:
        blocked = ~attn_mask
        if blocked.dim() == 3:
            blocked = blocked.repeat_interleave(H, dim=0)  # (B*H, L, L), example b at rows b*H .. b*H+H-1
    if is_causal:
        future = torch.ones(L, L, dtype=torch.bool).triu(diagonal=1)
        blocked = future if blocked is None else blocked | future
    padding = None if key_padding_mask is None else ~key_padding_mask
    out, _ = oracle(x, x, x, attn_mask=blocked, key_padding_mask=padding, need_weights=False)
    return out


def allowed_pairs(B, L, attn_mask=None, key_padding_mask=None, is_causal=False) -> np.ndarray:
    """(B, L, L) bool, built independently of the model answer: True where query i may attend key j."""
    allowed = np.ones((B, L, L), dtype=bool)
    if attn_mask is not None:
        allowed &= np.asarray(attn_mask)
    if key_padding_mask is not None:
        allowed &= np.asarray(key_padding_mask)[:, None, :]
    if is_causal:
        allowed &= np.tril(np.ones((L, L), dtype=bool))
    return allowed


def assert_matches_oracle(ours, oracle, x, masks: dict, rtol: float, atol: float) -> None:
    B, L, D = x.shape
    with torch.no_grad():
        got = ours(x, **masks)
        want = oracle_forward(oracle, x, **masks)
    assert got.shape == (B, L, D) and got.dtype == x.dtype
    assert torch.isfinite(got).all(), "the model answer produced NaN/inf"
    empty = torch.from_numpy(~allowed_pairs(B, L, **masks).any(-1))  # (B, L): queries that see no key
    torch.testing.assert_close(got[~empty], want[~empty], rtol=rtol, atol=atol)
    bias = ours.out_proj.bias if ours.out_proj.bias is not None else torch.zeros(D, dtype=x.dtype)
    torch.testing.assert_close(got[empty], bias.detach().expand(int(empty.sum()), D), rtol=0, atol=0)
    # the oracle gives NaN (fast path) or the bias (newer SDPA) there; never anything else
    fm = want[empty]
    assert (torch.isnan(fm) | torch.isclose(fm, bias.detach().expand_as(fm))).all()


def gradients(module, x, masks: dict, grad_output, names: dict[str, str]) -> dict[str, torch.Tensor]:
    x = x.clone().requires_grad_(True)
    module.zero_grad()
    if isinstance(module, nn.MultiheadAttention):
        out = oracle_forward(module, x, **masks)
    else:
        out = module(x, **masks)
    (out * grad_output).sum().backward()
    params = dict(module.named_parameters())
    return {"x": x.grad, **{key: params[name].grad for key, name in names.items() if name in params}}


OURS_PARAMS = {"qkv.weight": "qkv.weight", "qkv.bias": "qkv.bias",
               "out_proj.weight": "out_proj.weight", "out_proj.bias": "out_proj.bias"}
ORACLE_PARAMS = {"qkv.weight": "in_proj_weight", "qkv.bias": "in_proj_bias",
                 "out_proj.weight": "out_proj.weight", "out_proj.bias": "out_proj.bias"}


# -- mask builders (torch, from a seeded generator) -----------------------------------

def _random_mask(gen, shape, p=0.6) -> torch.Tensor:
    mask = torch.rand(shape, generator=gen) < p
    L = shape[-1]
    idx = torch.arange(L)
    mask[..., idx, idx] = True  # every query keeps its own key
    return mask


def _right_padding(lengths, L) -> torch.Tensor:
    return torch.arange(L)[None, :] < torch.tensor(lengths)[:, None]


def masks_for(kind: str, B: int, L: int, gen) -> dict:
    lengths = [max(1, L - (b % 3)) for b in range(B)]
    if kind == "none":
        return {}
    if kind == "attn2d":
        return {"attn_mask": _random_mask(gen, (L, L))}
    if kind == "attn3d":
        return {"attn_mask": _random_mask(gen, (B, L, L))}
    if kind == "padding":
        return {"key_padding_mask": _right_padding(lengths, L)}
    if kind == "causal":
        return {"is_causal": True}
    if kind == "padding+causal":
        return {"key_padding_mask": _right_padding(lengths, L), "is_causal": True}
    if kind == "attn2d+causal":
        return {"attn_mask": _random_mask(gen, (L, L)), "is_causal": True}
    if kind == "attn3d+padding+causal":
        mask = _random_mask(gen, (B, L, L))
        mask[..., 0] = True
        return {"attn_mask": mask, "key_padding_mask": _right_padding(lengths, L), "is_causal": True}
    # the rest have queries that may attend no key
    if kind == "all-padding-example":
        padding = _right_padding(lengths, L)
        padding[B - 1] = False
        return {"key_padding_mask": padding}
    if kind == "left-padding+causal":
        pads = torch.tensor([min(b + 1, L - 1) for b in range(B)])
        return {"key_padding_mask": torch.arange(L)[None, :] >= pads[:, None], "is_causal": True}
    if kind == "empty-attn-rows":
        mask = _random_mask(gen, (B, L, L))
        mask[:, 1] = False
        mask[0, L - 1] = False
        return {"attn_mask": mask}
    raise ValueError(kind)


FULL_KINDS = ["none", "attn2d", "attn3d", "padding", "causal", "padding+causal", "attn2d+causal",
              "attn3d+padding+causal"]
EMPTY_KINDS = ["all-padding-example", "left-padding+causal", "empty-attn-rows"]
ALL_KINDS = FULL_KINDS + EMPTY_KINDS
SHAPES = [(2, 5, 8, 2, True), (1, 7, 12, 3, True), (3, 4, 16, 4, False), (2, 9, 32, 8, True), (2, 2, 4, 2, True)]


# -- tests -------------------------------------------------------------------------------

@pytest.mark.parametrize("kind", ALL_KINDS)
@pytest.mark.parametrize(("B", "L", "D", "H", "bias"), SHAPES)
def test_forward_matches_oracle_float64(B, L, D, H, bias, kind):
    gen = torch.Generator().manual_seed(1000 * B + 100 * L + D + 7 * ALL_KINDS.index(kind))
    ours, oracle = make_pair(D, H, bias, seed=L * D)
    x = torch.randn(B, L, D, generator=gen, dtype=torch.float64)
    assert_matches_oracle(ours, oracle, x, masks_for(kind, B, L, gen), rtol=1e-10, atol=1e-12)


@pytest.mark.parametrize("kind", FULL_KINDS)
@pytest.mark.parametrize(("B", "L", "D", "H", "bias"), SHAPES[:4])
def test_gradients_match_oracle_float64(B, L, D, H, bias, kind):
    gen = torch.Generator().manual_seed(7 + L * D)
    ours, oracle = make_pair(D, H, bias, seed=D)
    x = torch.randn(B, L, D, generator=gen, dtype=torch.float64)
    grad_output = torch.randn(B, L, D, generator=gen, dtype=torch.float64)
    masks = masks_for(kind, B, L, gen)
    assert allowed_pairs(B, L, **masks).any(-1).all()
    got = gradients(ours, x, masks, grad_output, OURS_PARAMS)
    want = gradients(oracle, x, masks, grad_output, ORACLE_PARAMS)
    assert got.keys() == want.keys()
    for name in got:
        torch.testing.assert_close(got[name], want[name], rtol=1e-9, atol=1e-11, msg=name)


@settings(max_examples=40, deadline=None)
@given(
    B=st.integers(1, 3), L=st.integers(2, 8), H=st.integers(2, 4), d_k=st.integers(2, 5), bias=st.booleans(),
    kind=st.sampled_from(ALL_KINDS), seed=st.integers(0, 2**31 - 1),
)
def test_random_configurations_match_oracle(B, L, H, d_k, bias, kind, seed):
    gen = torch.Generator().manual_seed(seed)
    ours, oracle = make_pair(H * d_k, H, bias, seed=seed)
    x = torch.randn(B, L, H * d_k, generator=gen, dtype=torch.float64) * 2
    assert_matches_oracle(ours, oracle, x, masks_for(kind, B, L, gen), rtol=1e-10, atol=1e-12)


def test_default_dtype_float32_within_check_tolerance():
    gen = torch.Generator().manual_seed(3)
    ours, oracle = make_pair(32, 4, True, dtype=torch.float32)
    x = torch.randn(3, 10, 32, generator=gen)
    masks = {"key_padding_mask": _right_padding([10, 6, 1], 10), "is_causal": True}
    assert_matches_oracle(ours, oracle, x, masks, rtol=1e-4, atol=2e-5)


# -- the bank's own cases against the oracle ----------------------------------------------

def _bank_cases():
    for check in PROBLEM.checks:
        for i, case in enumerate(check.cases):
            yield pytest.param(check, case, id=f"{check.name[:24]}-{i}")


def _case_inputs(case):
    a = case.args
    masks = {}
    if a["attn_mask"] is not None:
        masks["attn_mask"] = torch.from_numpy(a["attn_mask"])
    if a["key_padding_mask"] is not None:
        masks["key_padding_mask"] = torch.from_numpy(a["key_padding_mask"])
    if a["is_causal"]:
        masks["is_causal"] = True
    return torch.from_numpy(a["x"]), masks


@pytest.mark.parametrize(("check", "case"), list(_bank_cases()))
def test_bank_cases_match_oracle_float32(check, case):
    """What the judge grades against (the model answer in float32) is what the oracle says."""
    a = case.args
    assert a["x"].dtype == np.float32 and all(w is None or w.dtype == np.float32 for w in a["weights"].values())
    D, H = a["d_model"], a["num_heads"]
    B, L, _ = a["x"].shape
    assert H >= 2 and L >= 2 and D // H >= 2, "split/merge/scale bugs need H, L, d_k >= 2"
    ours, oracle = make_pair(D, H, a["bias"], weights=a["weights"], dtype=torch.float32)
    x, masks = _case_inputs(case)
    assert_matches_oracle(ours, oracle, x, masks, rtol=check.options["rtol"], atol=check.options["atol"])
    if case.call == "backward":
        grad_output = torch.from_numpy(a["grad_output"])
        got = gradients(ours, x, masks, grad_output, OURS_PARAMS)
        want = gradients(oracle, x, masks, grad_output, ORACLE_PARAMS)
        for name in got:
            torch.testing.assert_close(got[name], want[name], rtol=check.options["rtol"],
                                       atol=check.options["atol"], msg=name)


def test_bank_checks_cover_what_they_claim():
    def empty_queries(case):
        a = case.args
        B, L, _ = a["x"].shape
        return int((~allowed_pairs(B, L, a["attn_mask"], a["key_padding_mask"], a["is_causal"]).any(-1)).sum())

    fully_masked = CHECKS["queries that may attend no key (their output row is out_proj.bias)"]
    assert all(empty_queries(case) > 0 for case in fully_masked.cases)
    others = [case for check in PROBLEM.checks if check is not fully_masked for case in check.cases]
    assert all(empty_queries(case) == 0 for case in others), "fully masked queries only where the check says so"
    gradient_cases = [case for case in others if case.call == "backward"]
    assert gradient_cases and all(case.call == "forward" for case in fully_masked.cases)


def test_gap_cases_have_hidden_keys_far_above_visible_ones():
    """The renormalised mask-after-softmax is exact in exact arithmetic: only a hidden key that
    scores far above every visible one (visible probabilities underflow) exposes it."""
    gap = CHECKS["masked keys score ~150 above the visible ones"]
    for case in gap.cases:
        a = case.args
        D, H = a["d_model"], a["num_heads"]
        B, L, _ = a["x"].shape
        d_k = D // H
        w = a["weights"]
        qkv = a["x"].astype(np.float64) @ w["qkv_weight"].T.astype(np.float64)
        if w["qkv_bias"] is not None:
            qkv += w["qkv_bias"]
        q = qkv[..., :D].reshape(B, L, H, d_k).transpose(0, 2, 1, 3)
        k = qkv[..., D : 2 * D].reshape(B, L, H, d_k).transpose(0, 2, 1, 3)
        scores = q @ k.transpose(0, 1, 3, 2) / math.sqrt(d_k)  # (B, H, L, L)
        allowed = allowed_pairs(B, L, a["attn_mask"], a["key_padding_mask"], a["is_causal"])[:, None]
        hidden_max = np.where(~allowed, scores, -np.inf).max(-1)
        visible_max = np.where(allowed, scores, -np.inf).max(-1)
        exposed = hidden_max - visible_max > 104  # exp(-104) underflows to 0 in float32
        assert exposed.any(axis=(1, 2)).all(), case.label  # in every example, some queries are exposed
