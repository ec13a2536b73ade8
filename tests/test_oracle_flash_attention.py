"""flash_attention: the model answer against torch.nn.functional.scaled_dot_product_attention and
torch.logsumexp of the masked scores (the oracle), on the bank's cases and on random ones, values and
gradients; and the memory case's driver, which must catch a materialised score matrix and restore
the address-space limit it lowers.
"""

from __future__ import annotations

import math
import resource

import numpy as np
import pytest
import torch
import torch.nn.functional as F
from hypothesis import given, settings
from hypothesis import strategies as st

from mlkata.problems.catalog import get_problem

PROBLEM = get_problem("flash_attention")
CHECKS = {check.name: check for check in PROBLEM.checks}
solution = PROBLEM.load_module("solution.py")
driver = PROBLEM.load_module("driver.py")


# -- the oracle ----------------------------------------------------------------------------------

def oracle(q, k, v, causal=False):
    """(out, lse) from F.scaled_dot_product_attention and torch.logsumexp of the scaled, masked scores."""
    out = F.scaled_dot_product_attention(q, k, v, is_causal=causal)
    scores = q @ k.transpose(-2, -1) / math.sqrt(q.shape[-1])
    if causal:
        Lq, Lk = scores.shape[-2:]
        scores = scores.masked_fill(~torch.ones(Lq, Lk, dtype=torch.bool).tril(), float("-inf"))
    return out, torch.logsumexp(scores, dim=-1)


def _tensors(args, *names, dtype=torch.float64):
    return [torch.from_numpy(args[n]).to(dtype) for n in names]


def _cases(*calls):
    for check in PROBLEM.checks:
        for i, case in enumerate(check.cases):
            if case.call in calls:
                yield pytest.param(check, case, id=f"{check.name[:30]}-{i}")


def _blocks(args):
    return {"causal": args["causal"], "block_q": args["block_q"], "block_k": args["block_k"]}


# -- the bank's cases against the oracle ------------------------------------------------------------

@pytest.mark.parametrize(("check", "case"), list(_cases("forward", "backward")))
def test_bank_values_match_oracle(check, case):
    a = case.args
    q, k, v = _tensors(a, "q", "k", "v")
    out, lse = solution.flash_attention(q, k, v, **_blocks(a))
    want_out, want_lse = oracle(q, k, v, a["causal"])
    assert out.dtype == lse.dtype == torch.float64
    torch.testing.assert_close(out, want_out, rtol=1e-10, atol=1e-10)
    torch.testing.assert_close(lse, want_lse, rtol=1e-10, atol=1e-10)
    # the float32 model answer is within the check's tolerance of the float64 oracle
    out32, lse32 = solution.flash_attention(*_tensors(a, "q", "k", "v", dtype=torch.float32), **_blocks(a))
    assert out32.dtype == torch.float32
    tol = {"rtol": check.options["rtol"], "atol": check.options["atol"] / 4}
    torch.testing.assert_close(out32.double(), want_out, **tol)
    torch.testing.assert_close(lse32.double(), want_lse, **tol)


@pytest.mark.parametrize(("check", "case"), list(_cases("backward")))
def test_bank_gradients_match_oracle(check, case):
    a = case.args
    g_out, g_lse = _tensors(a, "grad_out", "grad_lse")
    grads = []
    for fn in (lambda q, k, v: solution.flash_attention(q, k, v, **_blocks(a)),
               lambda q, k, v: oracle(q, k, v, a["causal"])):
        leaves = [t.requires_grad_(True) for t in _tensors(a, "q", "k", "v")]
        out, lse = fn(*leaves)
        ((out * g_out).sum() + (lse * g_lse).sum()).backward()
        grads.append([t.grad for t in leaves])
    for got, want in zip(*grads, strict=True):
        torch.testing.assert_close(got, want, rtol=1e-9, atol=1e-10)


def test_memory_cases_sample_the_oracle():
    for case in CHECKS["memory: the [Lq, Lk] scores are never built"].cases:
        a = case.args
        q, k, v = _tensors(a, "q", "k", "v", dtype=torch.float32)
        got = driver.memory(solution, a["q"], a["k"], a["v"], **_blocks(a))
        assert got["within_budget"]
        want_out, want_lse = oracle(q, k, v, a["causal"])
        torch.testing.assert_close(got["out"], want_out[..., ::1024, :], rtol=1e-4, atol=2e-5)
        torch.testing.assert_close(got["lse"], want_lse[..., ::1024], rtol=1e-4, atol=2e-5)
        assert q.shape[0] * q.shape[1] * q.shape[2] * k.shape[2] * 4 >= 256 << 20  # several hundred MB


# -- the memory driver ------------------------------------------------------------------------------

class _Materialises:
    @staticmethod
    def flash_attention(q, k, v, causal=False, block_q=64, block_k=64):
        scores = q @ k.transpose(-2, -1) / math.sqrt(q.shape[-1])
        return torch.softmax(scores, dim=-1) @ v, torch.logsumexp(scores, dim=-1)


def test_memory_driver_catches_materialised_scores_and_restores_the_limit():
    a = CHECKS["memory: the [Lq, Lk] scores are never built"].cases[0].args
    before = resource.getrlimit(resource.RLIMIT_AS)
    got = driver.memory(_Materialises, a["q"], a["k"], a["v"], **_blocks(a))
    assert got["within_budget"] is False and got["scores_mb"] == 512 and got["budget_mb"] == 128
    assert resource.getrlimit(resource.RLIMIT_AS) == before
    message = PROBLEM.comparator("memory_budget")(got, {"within_budget": True, "out": None, "lse": None})
    assert message is not None and "materialised" in message.message


# -- the checks expose the hard spots ---------------------------------------------------------------

def _block_maxima(q, k, block_k):
    s = q.double() @ k.double().transpose(-2, -1) / math.sqrt(q.shape[-1])  # (B, H, Lq, Lk)
    return [s[..., j:j + block_k].amax(-1) for j in range(0, s.shape[-1], block_k)]


def test_cases_expose_what_the_hard_spots_need():
    # an earlier key block's max ~90 above a later one's: a tile's own max overflows exp
    for case in CHECKS["logits of magnitude ~1e3"].cases:
        a = case.args
        maxima = _block_maxima(*_tensors(a, "q", "k"), a["block_k"])
        drop = max((maxima[i] - maxima[j]).max().item() for i in range(len(maxima)) for j in range(i + 1, len(maxima)))
        assert drop > 90, case.label
        assert np.array_equal(a["q"], np.round(a["q"])) and a["q"].shape[-1] == 16  # exact scores
    # causal with block_q > block_k: rows that see no key inside a visited block
    causal = [c.args for c in CHECKS["causal"].cases]
    assert any(a["block_q"] > a["block_k"] for a in causal) and any(a["block_q"] < a["block_k"] for a in causal)
    # ragged last blocks, one key block, block_k = 1, Lq != Lk
    ragged = [c.args for c in CHECKS["ragged last blocks"].cases]
    assert all(a["q"].shape[2] % a["block_q"] and a["k"].shape[2] % a["block_k"] for a in ragged)
    assert all(c.args["block_k"] >= c.args["k"].shape[2] for c in CHECKS["one key block (block_k >= Lk)"].cases)
    assert all(c.args["block_k"] == 1 for c in CHECKS["block_k = 1"].cases)
    assert all(c.args["q"].shape[2] != c.args["k"].shape[2] for c in CHECKS["Lq != Lk"].cases)


# -- random inputs ----------------------------------------------------------------------------------

@settings(max_examples=60, deadline=None)
@given(
    B=st.integers(1, 2), H=st.integers(1, 3), Lq=st.integers(1, 40), Lk=st.integers(1, 40),
    d=st.sampled_from([1, 4, 8, 16]), block_q=st.integers(1, 48), block_k=st.integers(1, 48),
    causal=st.booleans(), scale=st.sampled_from([1.0, 10.0]), seed=st.integers(0, 2**31 - 1),
)
def test_random_inputs_match_oracle(B, H, Lq, Lk, d, block_q, block_k, causal, scale, seed):
    if causal:
        Lk = Lq
    gen = torch.Generator().manual_seed(seed)
    q = torch.randn(B, H, Lq, d, generator=gen, dtype=torch.float64) * scale
    k = torch.randn(B, H, Lk, d, generator=gen, dtype=torch.float64) * scale
    v = torch.randn(B, H, Lk, d, generator=gen, dtype=torch.float64)
    out, lse = solution.flash_attention(q, k, v, causal=causal, block_q=block_q, block_k=block_k)
    want_out, want_lse = oracle(q, k, v, causal)
    torch.testing.assert_close(out, want_out, rtol=1e-9, atol=1e-10)
    torch.testing.assert_close(lse, want_lse, rtol=1e-9, atol=1e-10)
