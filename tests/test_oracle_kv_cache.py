"""kv_cache: the model answer against torch's own attention (the oracle).

- a call without a past must equal nn.MultiheadAttention with a causal mask (its bool masks mean
  True = may NOT attend), holding the same weights;
- a call with a past must equal F.scaled_dot_product_attention on the concatenated keys and
  values with an explicit bottom-right causal mask, and a sequence fed in chunks must equal
  the oracle's single forward; the returned cache must be F.linear of the inputs with W_k / W_v.
"""

from __future__ import annotations

import math

import numpy as np
import pytest
import torch
import torch.nn.functional as F
from hypothesis import given, settings
from hypothesis import strategies as st
from torch import nn

from mlkata.problems.catalog import get_problem

PROBLEM = get_problem("kv_cache")
Solution = PROBLEM.load_module("solution.py").CausalSelfAttention


def make_pair(D: int, H: int, weights: dict | None = None, dtype=torch.float64, seed: int = 0):
    """The model answer and an nn.MultiheadAttention holding the same weights."""
    ours = Solution(D, H)
    oracle = nn.MultiheadAttention(D, H, batch_first=True)
    gen = torch.Generator().manual_seed(seed)
    if weights is None:
        weights = {"qkv_weight": torch.randn(3 * D, D, generator=gen) / math.sqrt(D),
                   "qkv_bias": torch.randn(3 * D, generator=gen) * 0.1,
                   "out_weight": torch.randn(D, D, generator=gen) / math.sqrt(D),
                   "out_bias": torch.randn(D, generator=gen) * 0.5}
    w = {k: torch.as_tensor(v) for k, v in weights.items()}
    with torch.no_grad():
        ours.qkv.weight.copy_(w["qkv_weight"])
        ours.qkv.bias.copy_(w["qkv_bias"])
        ours.out_proj.weight.copy_(w["out_weight"])
        ours.out_proj.bias.copy_(w["out_bias"])
        oracle.in_proj_weight.copy_(w["qkv_weight"])
        oracle.in_proj_bias.copy_(w["qkv_bias"])
        oracle.out_proj.weight.copy_(w["out_weight"])
        oracle.out_proj.bias.copy_(w["out_bias"])
    return ours.to(dtype), oracle.to(dtype)


def oracle_full(oracle: nn.MultiheadAttention, x):
    L = x.shape[1]
    future = torch.ones(L, L, dtype=torch.bool).triu(diagonal=1)
    out, _ = oracle(x, x, x, attn_mask=future, need_weights=False)
    return out


def oracle_kv(oracle: nn.MultiheadAttention, x):
    """The oracle's projected keys and values of x, (B, H, T, d_k) each."""
    B, T, D = x.shape
    H = oracle.num_heads
    W, b = oracle.in_proj_weight, oracle.in_proj_bias

    def heads(t):
        return t.view(B, T, H, D // H).transpose(1, 2)

    return heads(F.linear(x, W[D:2 * D], b[D:2 * D])), heads(F.linear(x, W[2 * D:], b[2 * D:]))


def oracle_with_past(oracle: nn.MultiheadAttention, x, past_k, past_v):
    """SDPA over the past and the new keys, with query i allowed keys j <= T_past + i."""
    B, T, D = x.shape
    H = oracle.num_heads
    W, b = oracle.in_proj_weight, oracle.in_proj_bias
    q = F.linear(x, W[:D], b[:D]).view(B, T, H, D // H).transpose(1, 2)
    k_new, v_new = oracle_kv(oracle, x)
    k, v = torch.cat([past_k, k_new], 2), torch.cat([past_v, v_new], 2)
    P = past_k.shape[2]
    allowed = torch.arange(P + T)[None, :] <= (P + torch.arange(T))[:, None]
    y = F.scaled_dot_product_attention(q, k, v, attn_mask=allowed)
    return oracle.out_proj(y.transpose(1, 2).reshape(B, T, D))


def run_chunks(module, x, chunks):
    outputs, past, start = [], None, 0
    for n in chunks:
        y, past = module(x[:, start:start + n], past_kv=past)
        outputs.append(y)
        start += n
    return torch.cat(outputs, 1), past


def chunkings(total: int, gen) -> list[int]:
    sizes, left = [], total
    while left:
        n = int(torch.randint(1, left + 1, (1,), generator=gen))
        sizes.append(n)
        left -= n
    return sizes


@pytest.mark.parametrize(("B", "T", "D", "H"), [(2, 5, 8, 2), (1, 9, 12, 3), (3, 4, 16, 4), (2, 1, 8, 2)])
def test_full_forward_matches_oracle_float64(B, T, D, H):
    gen = torch.Generator().manual_seed(B * T * D)
    ours, oracle = make_pair(D, H, seed=D)
    x = torch.randn(B, T, D, generator=gen, dtype=torch.float64)
    with torch.no_grad():
        y, (k, v) = ours(x)
        want_k, want_v = oracle_kv(oracle, x)
        torch.testing.assert_close(y, oracle_full(oracle, x), rtol=1e-10, atol=1e-12)
        torch.testing.assert_close(k, want_k, rtol=1e-12, atol=1e-12)
        torch.testing.assert_close(v, want_v, rtol=1e-12, atol=1e-12)


@settings(max_examples=40, deadline=None)
@given(B=st.integers(1, 3), T=st.integers(2, 10), H=st.integers(1, 4), d_k=st.integers(1, 5),
       seed=st.integers(0, 2**31 - 1))
def test_random_chunked_runs_match_the_oracle_forward(B, T, H, d_k, seed):
    gen = torch.Generator().manual_seed(seed)
    D = H * d_k
    ours, oracle = make_pair(D, H, seed=seed)
    x = torch.randn(B, T, D, generator=gen, dtype=torch.float64) * 2
    with torch.no_grad():
        y, (k, v) = run_chunks(ours, x, chunkings(T, gen))
        want_k, want_v = oracle_kv(oracle, x)
        torch.testing.assert_close(y, oracle_full(oracle, x), rtol=1e-10, atol=1e-12)
        torch.testing.assert_close(k, want_k, rtol=1e-12, atol=1e-12)
        torch.testing.assert_close(v, want_v, rtol=1e-12, atol=1e-12)


@settings(max_examples=30, deadline=None)
@given(B=st.integers(1, 3), P=st.integers(1, 6), T=st.integers(1, 5), H=st.integers(1, 3),
       d_k=st.integers(1, 4), seed=st.integers(0, 2**31 - 1))
def test_random_past_and_gradients_match_sdpa(B, P, T, H, d_k, seed):
    gen = torch.Generator().manual_seed(seed)
    D = H * d_k
    ours, oracle = make_pair(D, H, seed=seed)
    x = torch.randn(B, T, D, generator=gen, dtype=torch.float64)
    past = [torch.randn(B, H, P, d_k, generator=gen, dtype=torch.float64) for _ in range(2)]
    g = torch.randn(B, T, D, generator=gen, dtype=torch.float64)

    def grads(fn, module, names):
        xs = x.clone().requires_grad_(True)
        ps = [p.clone().requires_grad_(True) for p in past]
        module.zero_grad()
        out = fn(xs, *ps)
        (out * g).sum().backward()
        params = dict(module.named_parameters())
        return out.detach(), [xs.grad, ps[0].grad, ps[1].grad] + [params[n].grad for n in names]

    got, got_grads = grads(lambda xs, pk, pv: ours(xs, past_kv=(pk, pv))[0], ours,
                           ["qkv.weight", "qkv.bias", "out_proj.weight", "out_proj.bias"])
    want, want_grads = grads(lambda xs, pk, pv: oracle_with_past(oracle, xs, pk, pv), oracle,
                             ["in_proj_weight", "in_proj_bias", "out_proj.weight", "out_proj.bias"])
    torch.testing.assert_close(got, want, rtol=1e-10, atol=1e-12)
    for a, b in zip(got_grads, want_grads, strict=True):
        torch.testing.assert_close(a, b, rtol=1e-9, atol=1e-11)


# -- the bank's own cases against the oracle ----------------------------------------------

def _bank_cases():
    for check in PROBLEM.checks:
        for i, case in enumerate(check.cases):
            yield pytest.param(check, case, id=f"{check.name[:24]}-{i}")


@pytest.mark.parametrize(("check", "case"), list(_bank_cases()))
def test_bank_cases_match_oracle_float32(check, case):
    """What the judge grades against (the model answer in float32) is what the oracle says."""
    a = case.args
    assert a["x"].dtype == np.float32 and all(w.dtype == np.float32 for w in a["weights"].values())
    D, H = a["d_model"], a["num_heads"]
    assert H >= 2 and D // H >= 2
    ours, oracle = make_pair(D, H, weights=a["weights"], dtype=torch.float32)
    x = torch.from_numpy(a["x"])
    tol = {"rtol": check.options["rtol"], "atol": check.options["atol"]}
    with torch.no_grad():
        if case.call == "forward":
            torch.testing.assert_close(ours(x)[0], oracle_full(oracle, x), **tol)
        elif case.call in ("chunks", "cache"):
            assert len(a["chunks"]) == 1 or len(a["chunks"]) >= 3, "a lost cache needs two calls after the first"
            y, (k, v) = run_chunks(ours, x, a["chunks"])
            want_k, want_v = oracle_kv(oracle, x)
            torch.testing.assert_close(y, oracle_full(oracle, x), **tol)
            torch.testing.assert_close(k, want_k, **tol)
            torch.testing.assert_close(v, want_v, **tol)
        elif case.call == "with_past":
            past_k, past_v = torch.from_numpy(a["past_k"]), torch.from_numpy(a["past_v"])
            got, _ = ours(x, past_kv=(past_k, past_v))
            torch.testing.assert_close(got, oracle_with_past(oracle, x, past_k, past_v), **tol)
    if case.call == "backward":
        _assert_gradients_match(ours, oracle, x, a.get("past_k"), a.get("past_v"),
                                torch.from_numpy(a["grad_output"]), tol)


def _assert_gradients_match(ours, oracle, x, past_k, past_v, grad_output, tol) -> None:
    def run(module, names, fn):
        xs = x.clone().requires_grad_(True)
        past = [] if past_k is None else [torch.from_numpy(p).requires_grad_(True) for p in (past_k, past_v)]
        module.zero_grad()
        out = fn(xs, *past)
        (out * grad_output).sum().backward()
        params = dict(module.named_parameters())
        return [out.detach(), xs.grad] + [p.grad for p in past] + [params[n].grad for n in names]

    if past_k is None:
        got = run(ours, OURS, lambda xs: ours(xs)[0])
        want = run(oracle, ORACLE, lambda xs: oracle_full(oracle, xs))
    else:
        got = run(ours, OURS, lambda xs, pk, pv: ours(xs, past_kv=(pk, pv))[0])
        want = run(oracle, ORACLE, lambda xs, pk, pv: oracle_with_past(oracle, xs, pk, pv))
    for a, b in zip(got, want, strict=True):
        torch.testing.assert_close(a, b, **tol)


OURS = ["qkv.weight", "qkv.bias", "out_proj.weight", "out_proj.bias"]
ORACLE = ["in_proj_weight", "in_proj_bias", "out_proj.weight", "out_proj.bias"]
