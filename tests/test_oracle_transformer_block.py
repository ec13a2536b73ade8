"""transformer_block: the model answer against torch.nn.TransformerEncoderLayer (the oracle).

The oracle's traps, handled here once:
- its boolean masks mean the OPPOSITE (True = may NOT attend): the padding mask is inverted;
- in eval mode it takes a fused fast path that treats `is_causal` only as a hint and gives NaN
  for a query that sees no key, so it runs in train mode (dropout=0.0, so nothing is random)
  with the causal mask passed explicitly as `src_mask`;
- its attention keeps the projections as in_proj_weight / in_proj_bias (rows [W_q; W_k; W_v]),
  the same layout as our qkv.
"""

from __future__ import annotations

import numpy as np
import pytest
import torch
from hypothesis import given, settings
from hypothesis import strategies as st
from torch import nn

from mlkata.problems.catalog import get_problem

PROBLEM = get_problem("transformer_block")
Solution = PROBLEM.load_module("solution.py").TransformerBlock

# our parameter name -> the oracle's
NAMES = {
    "qkv.weight": "self_attn.in_proj_weight", "qkv.bias": "self_attn.in_proj_bias",
    "out_proj.weight": "self_attn.out_proj.weight", "out_proj.bias": "self_attn.out_proj.bias",
    **{f"{layer}.{part}": f"{layer}.{part}" for layer in ("linear1", "linear2", "norm1", "norm2")
       for part in ("weight", "bias")},
}


def random_weights(gen, D: int, d_ff: int) -> dict[str, torch.Tensor]:
    """Weights away from the default init: GELU inputs of a few units, norms with different params."""
    def normal(*shape, std, mean=0.0):
        return mean + torch.randn(*shape, generator=gen, dtype=torch.float64) * std

    return {
        "qkv.weight": normal(3 * D, D, std=D ** -0.5), "qkv.bias": normal(3 * D, std=0.1),
        "out_proj.weight": normal(D, D, std=D ** -0.5), "out_proj.bias": normal(D, std=0.3),
        "linear1.weight": normal(d_ff, D, std=2.5 * D ** -0.5), "linear1.bias": normal(d_ff, std=0.3),
        "linear2.weight": normal(D, d_ff, std=d_ff ** -0.5), "linear2.bias": normal(D, std=0.3),
        "norm1.weight": normal(D, std=0.3, mean=1.0), "norm1.bias": normal(D, std=0.2),
        "norm2.weight": normal(D, std=0.3, mean=1.0), "norm2.bias": normal(D, std=0.2),
    }


def make_pair(D, H, d_ff, norm_first, activation, weights, dtype=torch.float64):
    ours = Solution(D, H, d_ff, norm_first=norm_first, activation=activation)
    oracle = nn.TransformerEncoderLayer(D, H, d_ff, dropout=0.0, activation=activation, batch_first=True,
                                        norm_first=norm_first)
    ours_params, oracle_params = dict(ours.named_parameters()), dict(oracle.named_parameters())
    assert set(ours_params) == set(NAMES) and set(oracle_params) == set(NAMES.values())
    with torch.no_grad():
        for name, value in weights.items():
            value = torch.as_tensor(value)
            ours_params[name].copy_(value)
            oracle_params[NAMES[name]].copy_(value)
    return ours.to(dtype), oracle.to(dtype).train()


def oracle_forward(oracle, x, key_padding_mask=None, is_causal=False):
    L = x.shape[1]
    src_mask = torch.ones(L, L, dtype=torch.bool).triu(1) if is_causal else None  # True = blocked
    padding = None if key_padding_mask is None else ~key_padding_mask
    return oracle(x, src_mask=src_mask, src_key_padding_mask=padding)


def assert_same(got, want, rtol, atol):
    assert got.shape == want.shape
    assert torch.isfinite(got).all() and torch.isfinite(want).all()
    torch.testing.assert_close(got, want, rtol=rtol, atol=atol)


def gradients(module, x, masks, grad_output, oracle: bool):
    x = x.clone().requires_grad_(True)
    module.zero_grad()
    out = oracle_forward(module, x, **masks) if oracle else module(x, **masks)
    (out * grad_output).sum().backward()
    params = dict(module.named_parameters())
    return {"x": x.grad, **{name: params[NAMES[name] if oracle else name].grad for name in NAMES}}


def masks_for(kind: str, B: int, L: int) -> dict:
    lengths = torch.tensor([max(1, L - (b % 3)) for b in range(B)])
    right = torch.arange(L)[None, :] < lengths[:, None]
    if kind == "none":
        return {}
    if kind == "padding":
        return {"key_padding_mask": right}
    if kind == "causal":
        return {"is_causal": True}
    if kind == "padding+causal":
        return {"key_padding_mask": right, "is_causal": True}
    if kind == "left-padding+causal":  # the first query of every padded example sees no key
        pads = torch.tensor([min(b + 1, L - 1) for b in range(B)])
        return {"key_padding_mask": torch.arange(L)[None, :] >= pads[:, None], "is_causal": True}
    raise ValueError(kind)


KINDS = ["none", "padding", "causal", "padding+causal", "left-padding+causal"]
CONFIGS = [(True, "relu"), (True, "gelu"), (False, "relu"), (False, "gelu")]


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize(("norm_first", "activation"), CONFIGS)
def test_forward_and_gradients_match_oracle_float64(norm_first, activation, kind):
    B, L, D, H, d_ff = 3, 6, 12, 3, 20
    gen = torch.Generator().manual_seed(17 * KINDS.index(kind) + 3 * CONFIGS.index((norm_first, activation)))
    ours, oracle = make_pair(D, H, d_ff, norm_first, activation, random_weights(gen, D, d_ff))
    x = torch.randn(B, L, D, generator=gen, dtype=torch.float64) * 1.5 + 0.5
    masks = masks_for(kind, B, L)
    with torch.no_grad():
        assert_same(ours(x, **masks), oracle_forward(oracle, x, **masks), rtol=1e-10, atol=1e-12)
    grad_output = torch.randn(B, L, D, generator=gen, dtype=torch.float64)
    got = gradients(ours, x, masks, grad_output, oracle=False)
    want = gradients(oracle, x, masks, grad_output, oracle=True)
    for name in got:
        torch.testing.assert_close(got[name], want[name], rtol=1e-9, atol=1e-11, msg=name)


def test_fully_masked_queries_get_zero_attention_output():
    """The contract, checked apart from the oracle: left padding under a causal mask leaves
    query 0 of example 1 with no key; its attention sublayer then adds exactly out_proj.bias."""
    gen = torch.Generator().manual_seed(5)
    D, H, d_ff = 8, 2, 16
    ours, _ = make_pair(D, H, d_ff, True, "relu", random_weights(gen, D, d_ff))
    x = torch.randn(2, 4, D, generator=gen, dtype=torch.float64)
    mask = torch.tensor([[1, 1, 1, 1], [0, 0, 1, 1]], dtype=torch.bool)
    with torch.no_grad():
        attn = ours._attention(ours.norm1(x), mask, True)
    torch.testing.assert_close(attn[1, :2], ours.out_proj.bias.detach().expand(2, D), rtol=0, atol=0)


@settings(max_examples=30, deadline=None)
@given(B=st.integers(1, 3), L=st.integers(1, 7), H=st.integers(1, 4), d_k=st.integers(1, 5),
       d_ff=st.integers(1, 24), norm_first=st.booleans(), activation=st.sampled_from(["relu", "gelu"]),
       kind=st.sampled_from(KINDS), seed=st.integers(0, 2**31 - 1))
def test_random_configurations_match_oracle(B, L, H, d_k, d_ff, norm_first, activation, kind, seed):
    gen = torch.Generator().manual_seed(seed)
    D = H * d_k
    ours, oracle = make_pair(D, H, d_ff, norm_first, activation, random_weights(gen, D, d_ff))
    x = torch.randn(B, L, D, generator=gen, dtype=torch.float64) * 2
    masks = masks_for(kind, B, L)
    with torch.no_grad():
        assert_same(ours(x, **masks), oracle_forward(oracle, x, **masks), rtol=1e-10, atol=1e-12)


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
    ours, oracle = make_pair(a["d_model"], a["num_heads"], a["d_ff"], a["norm_first"], a["activation"],
                             a["weights"], dtype=torch.float32)
    x = torch.from_numpy(a["x"])
    masks = {"is_causal": a["is_causal"]}
    if a["key_padding_mask"] is not None:
        masks["key_padding_mask"] = torch.from_numpy(a["key_padding_mask"])
    with torch.no_grad():
        assert_same(ours(x, **masks), oracle_forward(oracle, x, **masks), **check.options)
    if case.call == "backward":
        grad_output = torch.from_numpy(a["grad_output"])
        got = gradients(ours, x, masks, grad_output, oracle=False)
        want = gradients(oracle, x, masks, grad_output, oracle=True)
        for name in got:
            torch.testing.assert_close(got[name], want[name], **check.options, msg=name)


def test_bank_cases_expose_gelu_and_norm_mistakes():
    """The hard spots: linear1's outputs reach |h| of 2-3 in GELU cases (exact vs tanh differ there),
    and norm1 and norm2 never hold equal parameters."""
    for check in PROBLEM.checks:
        for case in check.cases:
            w = case.args["weights"]
            assert not np.allclose(w["norm1.weight"], w["norm2.weight"])
            assert not np.allclose(w["norm1.bias"], w["norm2.bias"])
            if case.args["activation"] == "gelu":
                ours, _ = make_pair(case.args["d_model"], case.args["num_heads"], case.args["d_ff"],
                                    case.args["norm_first"], "gelu", w, dtype=torch.float32)
                seen: list[torch.Tensor] = []
                ours.linear1.register_forward_hook(lambda mod, inp, out, seen=seen: seen.append(out.detach()))
                kpm = case.args["key_padding_mask"]
                with torch.no_grad():
                    ours(torch.from_numpy(case.args["x"]), None if kpm is None else torch.from_numpy(kpm),
                         case.args["is_causal"])
                h = seen[0]
                assert ((h.abs() > 2) & (h.abs() < 3)).float().mean() > 0.1, case.label
