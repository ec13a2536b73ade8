"""attention: the model answer against torch.nn.functional.scaled_dot_product_attention (the oracle),
and the mask helpers against independent constructions (torch.tril, loops over positions).

The oracle returns only the output; its attention weights are read off by attending over the
identity matrix as values (out = weights @ I = weights). Its bool masks mean what ours mean
(True = may attend). A query that may attend no key is compared with the contract (zero weights,
zero output) instead: the oracle gives zeros there in torch 2.13 and NaN in older versions.
"""

from __future__ import annotations

import math

import numpy as np
import pytest
import torch
import torch.nn.functional as F
from hypothesis import given, settings
from hypothesis import strategies as st

from judging import edited, judge, summary
from mlkata.problems.catalog import get_problem

PROBLEM = get_problem("attention")
CHECKS = {check.name: check for check in PROBLEM.checks}
solution = PROBLEM.load_module("solution.py")


# -- the oracle ----------------------------------------------------------------------------

def oracle(q, k, v, mask=None):
    """(out, weights) from F.scaled_dot_product_attention."""
    out = F.scaled_dot_product_attention(q, k, v, attn_mask=mask)
    eye = torch.eye(k.shape[-2], dtype=q.dtype).expand(*k.shape[:-2], -1, -1)
    weights = F.scaled_dot_product_attention(q, k, eye, attn_mask=mask)
    return out, weights


def visible(q, k, mask) -> torch.Tensor:
    """[..., Lq] bool: whether each query may attend at least one key."""
    shape = (*q.shape[:-1], k.shape[-2])
    full = torch.ones(shape, dtype=torch.bool) if mask is None else mask.expand(shape)
    return full.any(-1)


def assert_matches_oracle(q, k, v, mask=None, rtol=1e-10, atol=1e-12) -> None:
    out, weights = solution.scaled_dot_product_attention(q, k, v, mask)
    want_out, want_weights = oracle(q, k, v, mask)
    assert out.shape == (*q.shape[:-1], v.shape[-1]) and out.dtype == q.dtype
    assert weights.shape == (*q.shape[:-1], k.shape[-2]) and weights.dtype == q.dtype
    assert torch.isfinite(out).all() and torch.isfinite(weights).all(), "the model answer produced NaN/inf"
    seen = visible(q, k, mask)
    torch.testing.assert_close(out[seen], want_out[seen], rtol=rtol, atol=atol)
    torch.testing.assert_close(weights[seen], want_weights[seen], rtol=rtol, atol=atol)
    # queries that may attend no key: the contract's zeros; the oracle gives zeros or NaN there
    assert (out[~seen] == 0).all() and (weights[~seen] == 0).all()
    for got in (want_out[~seen], want_weights[~seen]):
        assert (torch.isnan(got) | (got == 0)).all()


# -- mask builders, independent of the model answer -----------------------------------------------

def tril(L) -> torch.Tensor:
    return torch.tril(torch.ones(L, L)).bool()


def loop_padding(lengths, L) -> torch.Tensor:
    out = torch.zeros(len(lengths), L, dtype=torch.bool)
    for b, n in enumerate(lengths.tolist()):
        out[b, :n] = True
    return out


def loop_combine(causal, padding) -> torch.Tensor:
    B, L = padding.shape
    out = torch.zeros(B, L, L, dtype=torch.bool)
    for b in range(B):
        for i in range(L):
            for j in range(L):
                out[b, i, j] = bool(causal[i, j]) and bool(padding[b, j])
    return out


# -- the bank's own cases against the oracle ----------------------------------------------------

def _bank_cases(call):
    for check in PROBLEM.checks:
        for i, case in enumerate(check.cases):
            if case.call == call:
                yield pytest.param(check, case, id=f"{check.name[:30]}-{i}")


def _tensors(case):
    a = case.args
    mask = a.get("mask")
    return (torch.from_numpy(a["q"]), torch.from_numpy(a["k"]), torch.from_numpy(a["v"]),
            None if mask is None else torch.from_numpy(mask))


@pytest.mark.parametrize(("check", "case"), list(_bank_cases("attention")))
def test_bank_attention_cases_match_oracle(check, case):
    """What the judge grades against (the model answer, in the case's dtype) is what the oracle says."""
    q, k, v, mask = _tensors(case)
    assert q.shape[-1] >= 4, "no-scale and scale-by-d need d >= 4 to stand out"
    tight = {"rtol": 1e-10, "atol": 1e-12} if q.dtype == torch.float64 else {"rtol": 1e-5, "atol": 1e-6}
    assert_matches_oracle(q, k, v, mask, **tight)
    # the same case in float64 agrees within the check's tolerance: a float64 implementation passes
    q64, k64, v64 = q.double(), k.double(), v.double()
    out, weights = solution.scaled_dot_product_attention(q, k, v, mask)
    want_out, want_weights = solution.scaled_dot_product_attention(q64, k64, v64, mask)
    torch.testing.assert_close(out.double(), want_out, rtol=check.options["rtol"], atol=check.options["atol"])
    torch.testing.assert_close(weights.double(), want_weights, rtol=check.options["rtol"],
                               atol=check.options["atol"])


@pytest.mark.parametrize(("check", "case"), list(_bank_cases("backward")))
def test_bank_gradient_cases_match_oracle(check, case):
    a = case.args
    q, k, v, mask = _tensors(case)
    assert visible(q, k, mask).all(), "gradients are checked only where every query sees a key"
    grad_out, grad_w = torch.from_numpy(a["grad_out"]), torch.from_numpy(a["grad_weights"])

    def grads(fn):
        leaves = [x.double().clone().requires_grad_(True) for x in (q, k, v)]
        out, weights = fn(*leaves, mask)
        ((out * grad_out.double()).sum() + (weights * grad_w.double()).sum()).backward()
        return [x.grad for x in leaves]

    for got, want, name in zip(grads(solution.scaled_dot_product_attention), grads(oracle), "qkv", strict=True):
        torch.testing.assert_close(got, want, rtol=1e-9, atol=1e-11, msg=f"grad_{name}")
    # and the float32 gradients the judge compares are within the check's tolerance of float64's
    leaves = [x.clone().requires_grad_(True) for x in (q, k, v)]
    out, weights = solution.scaled_dot_product_attention(*leaves, mask)
    ((out * grad_out).sum() + (weights * grad_w).sum()).backward()
    for got, want in zip(leaves, grads(oracle), strict=True):
        torch.testing.assert_close(got.grad.double(), want, **{k_: check.options[k_] for k_ in ("rtol", "atol")})


@pytest.mark.parametrize(("check", "case"), list(_bank_cases("decoder_self_attention")))
def test_bank_decoder_cases_match_oracle(check, case):
    a = case.args
    q, k, v = (torch.from_numpy(a[n]) for n in "qkv")
    lengths = torch.from_numpy(a["lengths"])
    L = q.shape[-2]
    mask = (tril(L)[None] & loop_padding(lengths, L)[:, None, :])[:, None]  # [B, 1, L, L]
    built = solution.combine_masks(solution.causal_mask(L), solution.padding_mask(lengths, L))[:, None]
    assert torch.equal(built, mask)
    assert_matches_oracle(q, k, v, mask, rtol=1e-5, atol=1e-6)


def test_bank_helper_cases_match_independent_constructions():
    for check in PROBLEM.checks:
        for case in check.cases:
            a = case.args
            if case.call == "causal":
                got, want = solution.causal_mask(a["L"]), tril(a["L"])
            elif case.call == "padding":
                lengths = torch.from_numpy(a["lengths"])
                assert lengths.dtype == torch.int64
                got, want = solution.padding_mask(lengths, a["L"]), loop_padding(lengths, a["L"])
            elif case.call == "combine":
                causal, padding = torch.from_numpy(a["causal"]), torch.from_numpy(a["padding"])
                got, want = solution.combine_masks(causal, padding), loop_combine(causal, padding)
            else:
                continue
            assert got.dtype == torch.bool and torch.equal(got, want), case.label


# -- the checks test what they claim ---------------------------------------------------------------

def test_fully_masked_queries_only_where_the_check_says():
    fully = CHECKS["queries that may attend no key (zero weights, zero output)"]
    for check in PROBLEM.checks:
        for case in check.cases:
            if case.call not in ("attention", "backward"):
                continue
            q, k, _, mask = _tensors(case)
            empty = int((~visible(q, k, mask)).sum())
            assert (empty > 0) == (check is fully), (check.name, case.label)


def test_every_leading_rank_and_dtype_is_covered():
    ranks, dtypes, mask_ranks = set(), set(), set()
    for case in (c for check in PROBLEM.checks for c in check.cases if c.call == "attention"):
        q, k, v, mask = _tensors(case)
        ranks.add(q.dim() - 2)
        dtypes.add(q.dtype)
        mask_ranks.add(None if mask is None else mask.dim())
        assert q.shape[:-2] == k.shape[:-2] == v.shape[:-2]
    assert ranks == {0, 1, 2} and dtypes == {torch.float32, torch.float64}
    assert {None, 2, 3, 4} <= mask_ranks


def test_loud_cases_hide_keys_far_above_the_visible_ones():
    """The renormalised mask-after-softmax is exact in exact arithmetic: only a hidden key scoring
    beyond ~104 (float32) or ~745 (float64) above every visible one makes the visible ones underflow."""
    loud = CHECKS["hidden keys scoring far above the visible ones (150 in float32, 1000 in float64)"]
    assert {c.args["q"].dtype for c in loud.cases} == {np.dtype(np.float32), np.dtype(np.float64)}
    for case in loud.cases:
        q, k, _, mask = _tensors(case)
        scores = q.double() @ k.double().transpose(-2, -1) / math.sqrt(q.shape[-1])
        allowed = mask.expand(scores.shape)
        hidden_max = scores.masked_fill(allowed, -math.inf).amax(-1)
        visible_max = scores.masked_fill(~allowed, -math.inf).amax(-1)
        limit = 104 if q.dtype == torch.float32 else 745
        exposed = hidden_max - visible_max > limit
        assert allowed.any(-1).all()
        assert exposed.flatten(0, -1).float().mean() >= 0.5, case.label  # most queries are exposed


# -- random inputs -------------------------------------------------------------------------------

MASK_KINDS = ["none", "full", "lq-lk", "keys", "keys-4d", "per-example", "with-empty-rows"]


def _mask(kind, lead, Lq, Lk, gen) -> torch.Tensor | None:
    if kind == "none":
        return None
    if kind == "full":
        return torch.rand(*lead, Lq, Lk, generator=gen) < 0.6
    if kind == "lq-lk":
        return torch.rand(Lq, Lk, generator=gen) < 0.6
    if kind == "keys":  # [..., 1, Lk]
        return torch.rand(*lead, 1, Lk, generator=gen) < 0.6
    if kind == "keys-4d":  # [B, 1, 1, Lk] against [B, H, Lq, Lk] (or [1, Lk] without heads)
        lengths = torch.randint(0, Lk + 1, lead[:1] or (1,), generator=gen)
        keys = torch.arange(Lk)[None, :] < lengths[:, None]
        return keys.view(*lead[:1], *([1] * (len(lead) - 1)), 1, Lk) if lead else keys[0][None]
    if kind == "per-example":  # [B, 1, Lq, Lk] (or [Lq, Lk] without heads)
        shape = (*lead[:1], *([1] * (len(lead) - 1)), Lq, Lk)
        return torch.rand(*shape, generator=gen) < 0.5
    mask = torch.rand(*lead, Lq, Lk, generator=gen) < 0.5
    mask[..., 0, :] = False  # the first query of every slice sees nothing
    return mask


@settings(max_examples=80, deadline=None)
@given(
    lead=st.lists(st.integers(1, 3), min_size=0, max_size=2).map(tuple),
    Lq=st.integers(1, 7), Lk=st.integers(1, 7), d=st.integers(1, 9), dv=st.integers(1, 6),
    dtype=st.sampled_from([torch.float32, torch.float64]), kind=st.sampled_from(MASK_KINDS),
    seed=st.integers(0, 2**31 - 1),
)
def test_random_inputs_match_oracle(lead, Lq, Lk, d, dv, dtype, kind, seed):
    gen = torch.Generator().manual_seed(seed)
    q = torch.randn(*lead, Lq, d, generator=gen, dtype=dtype) * 2
    k = torch.randn(*lead, Lk, d, generator=gen, dtype=dtype) * 2
    v = torch.randn(*lead, Lk, dv, generator=gen, dtype=dtype)
    tol = {"rtol": 1e-10, "atol": 1e-12} if dtype == torch.float64 else {"rtol": 1e-5, "atol": 1e-6}
    assert_matches_oracle(q, k, v, _mask(kind, lead, Lq, Lk, gen), **tol)


@settings(max_examples=40, deadline=None)
@given(L=st.integers(1, 9), lengths=st.lists(st.integers(0, 9), min_size=1, max_size=4), data=st.data())
def test_random_helpers_match_independent_constructions(L, lengths, data):
    lengths = torch.tensor([min(n, L) for n in lengths], dtype=torch.int64)
    causal = solution.causal_mask(L)
    assert causal.dtype == torch.bool and torch.equal(causal, tril(L))
    i = torch.arange(L)
    assert torch.equal(causal, i[None, :] <= i[:, None])
    padding = solution.padding_mask(lengths, L)
    assert padding.dtype == torch.bool and torch.equal(padding, loop_padding(lengths, L))
    assert torch.equal(padding.sum(-1), lengths)
    other = torch.tensor(data.draw(st.lists(st.booleans(), min_size=L * L, max_size=L * L))).view(L, L)
    for base in (causal, other):
        combined = solution.combine_masks(base, padding)
        assert combined.shape == (len(lengths), L, L) and combined.dtype == torch.bool
        assert torch.equal(combined, loop_combine(base, padding))


def test_gradients_with_masks_match_oracle_float64():
    gen = torch.Generator().manual_seed(5)
    for lead, Lq, Lk, kind in [((2, 3), 5, 6, "full"), ((3,), 4, 4, "lq-lk"), ((), 6, 3, "none")]:
        mask = _mask(kind, lead, Lq, Lk, gen)
        if mask is not None:
            mask[..., 0] = True  # every query sees key 0
        q, k, v = (torch.randn(*lead, n, c, generator=gen, dtype=torch.float64) for n, c in
                   ((Lq, 8), (Lk, 8), (Lk, 5)))
        g_out = torch.randn(*lead, Lq, 5, generator=gen, dtype=torch.float64)
        g_w = torch.randn(*lead, Lq, Lk, generator=gen, dtype=torch.float64)

        def grads(fn, q=q, k=k, v=v, mask=mask, g_out=g_out, g_w=g_w):
            leaves = [x.clone().requires_grad_(True) for x in (q, k, v)]
            out, weights = fn(*leaves, mask)
            ((out * g_out).sum() + (weights * g_w).sum()).backward()
            return [x.grad for x in leaves]

        for got, want in zip(grads(solution.scaled_dot_product_attention), grads(oracle), strict=True):
            torch.testing.assert_close(got, want, rtol=1e-9, atol=1e-11)


def test_fully_masked_queries_have_zero_gradients_not_nan():
    """Not graded (the statement leaves it out), but the model answer's backward is clean there too."""
    q, k, v = (torch.randn(2, 4, 6, dtype=torch.float64, requires_grad=True) for _ in range(3))
    mask = torch.rand(2, 4, 4) < 0.6
    mask[:, 1] = False
    out, weights = solution.scaled_dot_product_attention(q, k, v, mask)
    (out.sum() + weights.sum()).backward()
    assert all(torch.isfinite(x.grad).all() for x in (q, k, v))
    assert (q.grad[:, 1] == 0).all()


# -- other correct answers pass, other spellings of a mistake are named as it ------------------------

@pytest.fixture(scope="module")
def judged():
    return judge(PROBLEM)


PLAIN = '''
import math
import torch


def scaled_dot_product_attention(q, k, v, mask=None):
    d = q.size(-1)
    scores = q @ k.transpose(-2, -1) / math.sqrt(d)
    if mask is not None:
        scores = scores.masked_fill(~mask, float("-inf"))
    w = torch.softmax(scores, dim=-1)
    w = torch.nan_to_num(w, nan=0.0)
    return w @ v, w


def causal_mask(L):
    return torch.tril(torch.ones(L, L, dtype=torch.bool))


def padding_mask(lengths, L):
    return torch.arange(L)[None, :] < lengths[:, None]


def combine_masks(causal, padding):
    return causal[None, :, :] & padding[:, None, :]
'''

# einsum, a finite fill, hidden keys zeroed after the softmax; a Python loop for padding_mask
EINSUM_FINITE_FILL = '''
import torch


def scaled_dot_product_attention(q, k, v, mask=None):
    scores = torch.einsum("...id,...jd->...ij", q, k) * q.shape[-1] ** -0.5
    if mask is not None:
        scores = scores.masked_fill(mask == 0, -1e9)
    weights = scores.softmax(-1)
    if mask is not None:
        weights = weights.masked_fill(~mask, 0.0)
    return torch.einsum("...ij,...jd->...id", weights, v), weights


def causal_mask(L):
    i = torch.arange(L)
    return i[:, None] >= i[None, :]


def padding_mask(lengths, L):
    m = torch.zeros(lengths.shape[0], L, dtype=torch.bool)
    for b in range(lengths.shape[0]):
        m[b, : int(lengths[b])] = True
    return m


def combine_masks(causal, padding):
    return torch.logical_and(causal.unsqueeze(0), padding.unsqueeze(1))
'''

# a hand-written softmax whose maximum is taken over the visible keys only
MANUAL_SOFTMAX = '''
import math
import torch


def scaled_dot_product_attention(q, k, v, mask=None):
    s = (q @ k.mT) / math.sqrt(q.shape[-1])
    if mask is None:
        mask = torch.ones(s.shape[-2:], dtype=torch.bool)
    s = s.masked_fill(~mask, float("-inf"))
    m = s.amax(dim=-1, keepdim=True)
    m = torch.where(torch.isfinite(m), m, torch.zeros_like(m))
    e = torch.exp(s - m)
    w = e / e.sum(-1, keepdim=True).clamp_min(torch.finfo(s.dtype).tiny)
    return w @ v, w


def causal_mask(L):
    m = torch.zeros(L, L, dtype=torch.bool)
    for i in range(L):
        for j in range(i + 1):
            m[i, j] = True
    return m


def padding_mask(lengths, L):
    return torch.stack([torch.arange(L) < n for n in lengths])


def combine_masks(causal, padding):
    return (causal.unsqueeze(0) * padding.unsqueeze(1)).bool()
'''

# float32 arithmetic whatever the input dtype, an additive -1e4 bias (as older HF code does)
FLOAT32_ADDITIVE = '''
import math
import torch


def scaled_dot_product_attention(q, k, v, mask=None):
    dtype = q.dtype
    q, k, v = q.float(), k.float(), v.float()
    s = q @ k.transpose(-2, -1) / math.sqrt(q.shape[-1])
    if mask is not None:
        s = s + (1.0 - mask.float()) * -10000.0
    w = torch.softmax(s, -1)
    if mask is not None:
        w = w * mask.any(-1, keepdim=True).float()
    return (w @ v).to(dtype), w.to(dtype)


def causal_mask(L):
    return torch.tril(torch.ones(L, L)).to(torch.bool)


def padding_mask(lengths, L):
    return torch.arange(L).repeat(lengths.numel(), 1) < lengths.view(-1, 1)


def combine_masks(causal, padding):
    return causal.unsqueeze(0).logical_and(padding.unsqueeze(1))
'''

# in-place edits of the scores (fine: autograd does not need them), bmm over flattened leading dims
INPLACE_SCORES_BMM = '''
import math
import torch


def scaled_dot_product_attention(q, k, v, mask=None):
    *lead, Lq, d = q.shape
    Lk, dv = k.shape[-2], v.shape[-1]
    s = torch.bmm(q.reshape(-1, Lq, d), k.reshape(-1, Lk, d).transpose(1, 2))
    s /= math.sqrt(d)
    if mask is not None:
        m = torch.broadcast_to(mask, (*lead, Lq, Lk)).reshape(-1, Lq, Lk)
        s.masked_fill_(~m, float("-inf"))
        w = torch.softmax(s, -1)
        w = torch.where(m.any(-1, keepdim=True), w, torch.zeros_like(w))
    else:
        w = torch.softmax(s, -1)
    out = torch.bmm(w, v.reshape(-1, Lk, dv))
    return out.reshape(*lead, Lq, dv), w.reshape(*lead, Lq, Lk)


def causal_mask(L):
    return ~torch.triu(torch.ones(L, L, dtype=torch.bool), diagonal=1)


def padding_mask(lengths, L):
    return torch.arange(L).expand(len(lengths), -1) < lengths[:, None]


def combine_masks(causal, padding):
    out = causal.repeat(padding.shape[0], 1, 1)
    out &= padding[:, None, :]
    return out
'''

ALTERNATIVES = {"plain": PLAIN, "einsum-finite-fill": EINSUM_FINITE_FILL, "manual-softmax": MANUAL_SOFTMAX,
                "float32-additive": FLOAT32_ADDITIVE, "inplace-scores-bmm": INPLACE_SCORES_BMM}


@pytest.mark.parametrize("name", list(ALTERNATIVES))
def test_other_correct_answers_pass_every_check(judged, name):
    assert judged.failing_cases(ALTERNATIVES[name], name) == []


# other ways to write a catalogued mistake, as edits of PLAIN
SPELLINGS = {
    "fully-masked-uniform": [('float("-inf")', "-1e9"), ("    w = torch.nan_to_num(w, nan=0.0)\n", "")],
    "fully-masked-nan": [("    w = torch.nan_to_num(w, nan=0.0)\n", "")],
    "mask-after-softmax-no-renorm": [
        ('    if mask is not None:\n        scores = scores.masked_fill(~mask, float("-inf"))\n'
         "    w = torch.softmax(scores, dim=-1)\n", "    w = torch.softmax(scores, dim=-1)\n    w = w * mask\n")],
    "inplace-on-softmax-output": [("    w = torch.nan_to_num(w, nan=0.0)\n", "    w[torch.isnan(w)] = 0.0\n")],
    "causal-mask-excludes-diagonal": [("torch.ones(L, L, dtype=torch.bool))",
                                       "torch.ones(L, L, dtype=torch.bool), diagonal=-1)")],
    "padding-on-both-axes": [("causal[None, :, :] & padding[:, None, :]",
                              "padding[:, :, None] & causal[None, :, :] & padding[:, None, :]")],
    "scale-by-d": [("/ math.sqrt(d)", "/ d")],
}


@pytest.mark.parametrize("mistake_id", list(SPELLINGS))
def test_other_spellings_of_a_mistake_are_diagnosed_as_it(judged, mistake_id):
    ranked = judged.ranked(edited(PLAIN, SPELLINGS[mistake_id]), mistake_id)
    assert ranked and ranked[0].mistake_id == mistake_id, summary(ranked)


def test_a_forward_runtime_error_is_not_taken_for_a_backward_one(judged):
    """k.T on batched tensors raises a RuntimeError in the forward pass; the driver re-raises a failed
    backward as BackwardError, so the in-place mistake (which only breaks backward) is not named."""
    outcomes = judged.run(edited(PLAIN, [("k.transpose(-2, -1)", "k.T")]), "k-dot-T")
    assert any(not o.ok and o.error["type"] == "RuntimeError" for o in outcomes)
    ranked = judged.rank(outcomes)
    assert "inplace-on-softmax-output" not in [m.mistake_id for m in ranked]
