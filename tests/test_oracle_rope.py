"""rope: the model answer against Hugging Face's Llama rotary embedding (the oracle):
`LlamaRotaryEmbedding` for the cos/sin tables and `apply_rotary_pos_emb` for the rotation,
on the bank's cases and on random ones; and float64 tables, computed here, within each check's
tolerance, so that a float64 implementation passes too.
"""

from __future__ import annotations

import numpy as np
import pytest
import torch
from hypothesis import given, settings
from hypothesis import strategies as st
from transformers import LlamaConfig
from transformers.models.llama.modeling_llama import LlamaRotaryEmbedding, apply_rotary_pos_emb

from mlkata.problems.catalog import get_problem

PROBLEM = get_problem("rope")
CHECKS = {check.name: check for check in PROBLEM.checks}
solution = PROBLEM.load_module("solution.py")


# -- the oracle ----------------------------------------------------------------------------------

def oracle_table(positions: torch.Tensor, head_dim: int, base: float = 10000.0):
    """cos, sin from LlamaRotaryEmbedding, shaped as positions + [head_dim]."""
    config = LlamaConfig(hidden_size=head_dim, num_attention_heads=1, head_dim=head_dim, max_position_embeddings=4096,
                         rope_parameters={"rope_type": "default", "rope_theta": base})
    batched = positions if positions.dim() == 2 else positions[None]
    cos, sin = LlamaRotaryEmbedding(config)(torch.zeros(1, dtype=torch.float32), batched)
    return (cos, sin) if positions.dim() == 2 else (cos[0], sin[0])


def oracle_apply(x: torch.Tensor, cos: torch.Tensor, sin: torch.Tensor) -> torch.Tensor:
    """apply_rotary_pos_emb on x (as the query); a [T, d] table gets its batch axis first."""
    if cos.dim() == 2:
        cos, sin = cos[None], sin[None]
    out, _ = apply_rotary_pos_emb(x, x, cos, sin, unsqueeze_dim=1)
    return out


def exact_table(positions: torch.Tensor, head_dim: int, base: float = 10000.0):
    """The tables in float64 throughout (no float32 angles)."""
    inv_freq = base ** (-torch.arange(0, head_dim, 2, dtype=torch.float64) / head_dim)
    angles = positions.double()[..., None] * inv_freq
    angles = torch.cat((angles, angles), dim=-1)
    return angles.cos(), angles.sin()


# -- the bank's own cases against the oracle ------------------------------------------------------

def _cases(*calls):
    for check in PROBLEM.checks:
        for i, case in enumerate(check.cases):
            if case.call in calls:
                yield pytest.param(check, case, id=f"{check.name[:30]}-{i}")


def _tolerance(check) -> dict:
    return {"rtol": check.options["rtol"], "atol": check.options["atol"]}


@pytest.mark.parametrize(("check", "case"), list(_cases("cos_sin")))
def test_bank_tables_match_oracle(check, case):
    a = case.args
    positions, head_dim, base = torch.from_numpy(a["positions"]), a["head_dim"], a.get("base", 10000.0)
    assert positions.dtype == torch.int64
    cos, sin = solution.rope_cos_sin(positions, head_dim, base)
    want_cos, want_sin = oracle_table(positions, head_dim, base)
    assert cos.dtype == sin.dtype == torch.float32 and cos.shape == (*positions.shape, head_dim)
    torch.testing.assert_close(cos, want_cos, rtol=1e-6, atol=1e-6)
    torch.testing.assert_close(sin, want_sin, rtol=1e-6, atol=1e-6)
    if check.compare == "allclose":  # a float64 implementation is within the check's tolerance
        exact_cos, exact_sin = exact_table(positions, head_dim, base)
        torch.testing.assert_close(cos.double(), exact_cos, **_tolerance(check))
        torch.testing.assert_close(sin.double(), exact_sin, **_tolerance(check))


@pytest.mark.parametrize(("check", "case"), list(_cases("apply")))
def test_bank_apply_cases_match_oracle(check, case):
    a = case.args
    x, cos, sin = (torch.from_numpy(a[n]) for n in ("x", "cos", "sin"))
    assert torch.equal(cos[..., : cos.shape[-1] // 2], cos[..., cos.shape[-1] // 2 :]), "a table of the contract's form"
    torch.testing.assert_close(solution.apply_rope(x, cos, sin), oracle_apply(x, cos, sin), rtol=1e-6, atol=1e-6)


@pytest.mark.parametrize(("check", "case"), list(_cases("rope", "backward")))
def test_bank_end_to_end_cases_match_oracle(check, case):
    a = case.args
    x, positions, base = torch.from_numpy(a["x"]), torch.from_numpy(a["positions"]), a.get("base", 10000.0)
    head_dim = x.shape[-1]
    got = solution.apply_rope(x, *solution.rope_cos_sin(positions, head_dim, base))
    torch.testing.assert_close(got, oracle_apply(x, *oracle_table(positions, head_dim, base)), rtol=1e-6, atol=1e-6)
    # a float64 implementation is within the check's tolerance
    exact = oracle_apply(x.double(), *exact_table(positions, head_dim, base))
    torch.testing.assert_close(got.double(), exact, **_tolerance(check))
    if case.call == "backward":
        g = torch.from_numpy(a["grad_output"])
        leaf = x.clone().requires_grad_(True)
        (solution.apply_rope(leaf, *solution.rope_cos_sin(positions, head_dim)) * g).sum().backward()
        want = x.double().requires_grad_(True)
        (oracle_apply(want, *exact_table(positions, head_dim)) * g.double()).sum().backward()
        torch.testing.assert_close(leaf.grad.double(), want.grad, **_tolerance(check))


# -- the checks test what they claim ----------------------------------------------------------------

def test_property_checks_hold_for_the_model_answer():
    for case in CHECKS["position 0 is the identity"].cases:
        x, positions = torch.from_numpy(case.args["x"]), torch.from_numpy(case.args["positions"])
        assert (positions == 0).all()
        assert torch.equal(solution.apply_rope(x, *solution.rope_cos_sin(positions, x.shape[-1])), x)
    for case in CHECKS["the norm of every vector is kept"].cases:
        x, positions = torch.from_numpy(case.args["x"]), torch.from_numpy(case.args["positions"])
        y = solution.apply_rope(x, *solution.rope_cos_sin(positions, x.shape[-1]))
        torch.testing.assert_close(y.norm(dim=-1), x.norm(dim=-1), rtol=1e-6, atol=1e-6)
    check = CHECKS["q_m . k_n depends only on m - n"]
    for case in check.cases:
        a = case.args
        q, k = torch.from_numpy(a["q"]).double(), torch.from_numpy(a["k"]).double()
        pq, pk = torch.from_numpy(a["positions_q"]), torch.from_numpy(a["positions_k"])

        def scores(shift, q=q, k=k, pq=pq, pk=pk):
            rq = oracle_apply(q, *exact_table(pq + shift, q.shape[-1]))
            rk = oracle_apply(k, *exact_table(pk + shift, k.shape[-1]))
            return rq @ rk.transpose(-2, -1)

        torch.testing.assert_close(scores(a["shift"]), scores(0), rtol=1e-9, atol=1e-9)
        assert a["shift"] > 0 and len(pq) >= 2 and len(pk) >= 2


def test_cases_expose_what_the_hard_spots_need():
    """Positions that are not 0..T-1 (positions-ignored), head_dim > 2 (freq-exponent-missing-2),
    B != H and B == H per-example tables (table-missing-head-axis), near-limit positions only
    where the tolerance is loose."""
    offset = [c for c in CHECKS["cos, sin for positions that do not start at 0 (decoding with a cache)"].cases]
    assert all(c.args["positions"].min() > 0 for c in offset)
    assert all(c.args["head_dim"] > 2 for c in offset)
    batched = CHECKS["apply_rope with a [B, T, head_dim] table (one per example)"].cases
    shapes = {(c.args["x"].shape[0] == c.args["x"].shape[1]) for c in batched}
    assert shapes == {True, False}
    for check in PROBLEM.checks:
        for case in check.cases:
            positions = case.args.get("positions", case.args.get("positions_q"))
            if positions is None:
                continue
            limit = 512 if check.options.get("atol", 0) >= 2e-4 else 64
            assert positions.max() < limit, (check.name, case.label)


# -- random inputs ----------------------------------------------------------------------------------

@settings(max_examples=60, deadline=None)
@given(
    batch=st.integers(0, 3), T=st.integers(1, 7), half=st.integers(1, 32), H=st.integers(1, 3),
    base=st.sampled_from([10000.0, 500.0, 1e6]), seed=st.integers(0, 2**31 - 1),
)
def test_random_inputs_match_oracle(batch, T, half, H, base, seed):
    gen = torch.Generator().manual_seed(seed)
    head_dim = 2 * half
    shape = (batch, T) if batch else (T,)
    positions = torch.randint(0, 512, shape, generator=gen)
    cos, sin = solution.rope_cos_sin(positions, head_dim, base)
    want_cos, want_sin = oracle_table(positions, head_dim, base)
    torch.testing.assert_close(cos, want_cos, rtol=1e-6, atol=1e-6)
    torch.testing.assert_close(sin, want_sin, rtol=1e-6, atol=1e-6)
    x = torch.randn(max(batch, 1), H, T, head_dim, generator=gen)
    torch.testing.assert_close(solution.apply_rope(x, cos, sin), oracle_apply(x, want_cos, want_sin),
                               rtol=1e-6, atol=1e-6)


def test_gradients_match_oracle_float64():
    gen = torch.Generator().manual_seed(3)
    for positions in (torch.tensor([4, 0, 9]), torch.tensor([[1, 2, 3], [7, 8, 9]])):
        x = torch.randn(2, 2, 3, 16, generator=gen, dtype=torch.float64)
        g = torch.randn(2, 2, 3, 16, generator=gen, dtype=torch.float64)
        cos, sin = exact_table(positions, 16)
        grads = []
        for fn in (solution.apply_rope, oracle_apply):
            leaf = x.clone().requires_grad_(True)
            (fn(leaf, cos, sin) * g).sum().backward()
            grads.append(leaf.grad)
        torch.testing.assert_close(grads[0], grads[1], rtol=1e-12, atol=1e-12)
        assert not np.allclose(grads[0].numpy(), g.numpy())  # the rotation shows in the gradient
