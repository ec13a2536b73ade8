"""gpt2_forward: the model answer against transformers' GPT2LMHeadModel (the oracle).

The oracle is built from a tiny GPT2Config (no dropout, eps 1e-5, tied head) and loaded with the
same state dict: strict loading proves the names and Conv1D layouts the statement gives. Greedy
decoding is compared with its generate(do_sample=False) (eos disabled so that it never stops early).
"""

from __future__ import annotations

import warnings

import numpy as np
import pytest
import torch
from hypothesis import given, settings
from hypothesis import strategies as st

from mlkata.problems.catalog import get_problem

transformers = pytest.importorskip("transformers")

PROBLEM = get_problem("gpt2_forward")
CHECKS = {check.name: check for check in PROBLEM.checks}
SOLUTION = PROBLEM.load_module("solution.py")
HEAD, WTE = "lm_head.weight", "transformer.wte.weight"


def oracle_model(n_layer: int, n_head: int, C: int, V: int, P: int, state: dict, eps: float = 1e-5,
                 dtype=torch.float32):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        config = transformers.GPT2Config(
            vocab_size=V, n_positions=P, n_embd=C, n_layer=n_layer, n_head=n_head, layer_norm_epsilon=eps,
            resid_pdrop=0.0, embd_pdrop=0.0, attn_pdrop=0.0, bos_token_id=0, eos_token_id=None,
            pad_token_id=0, tie_word_embeddings=True)
        model = transformers.GPT2LMHeadModel(config)
    full = {name: torch.as_tensor(value) for name, value in state.items()}
    full.setdefault(HEAD, full[WTE])
    model = model.to(dtype)
    model.load_state_dict(full, strict=True)  # copies into the model's dtype
    return model.eval()


def random_state(gen, n_layer, C, V, P, dtype=torch.float64) -> dict:
    """A state dict with the bank's scales (far from GPT-2's std 0.02), without lm_head.weight."""
    def normal(*shape, std, mean=0.0):
        return (mean + torch.randn(*shape, generator=gen, dtype=torch.float64) * std).to(dtype)

    sd = {WTE: normal(V, C, std=1.5), "transformer.wpe.weight": normal(P, C, std=1.0)}
    for i in range(n_layer):
        h = f"transformer.h.{i}"
        for ln in ("ln_1", "ln_2"):
            sd[f"{h}.{ln}.weight"], sd[f"{h}.{ln}.bias"] = normal(C, std=0.3, mean=1.0), normal(C, std=0.2)
        layers = [("attn.c_attn", C, 3 * C, C ** -0.5), ("attn.c_proj", C, C, C ** -0.5),
                  ("mlp.c_fc", C, 4 * C, 2.5 * C ** -0.5), ("mlp.c_proj", 4 * C, C, (4 * C) ** -0.5)]
        for name, n_in, n_out, std in layers:
            sd[f"{h}.{name}.weight"] = normal(n_in, n_out, std=std)  # Conv1D: [in, out]
            sd[f"{h}.{name}.bias"] = normal(n_out, std=0.1 if name == "attn.c_attn" else 0.3)
    sd["transformer.ln_f.weight"], sd["transformer.ln_f.bias"] = normal(C, std=0.3, mean=1.0), normal(C, std=0.2)
    return sd


def sizes(state: dict) -> tuple[int, int, int, int]:
    """(n_layer, C, V, P) read off a state dict."""
    V, C = state[WTE].shape
    P = state["transformer.wpe.weight"].shape[0]
    n_layer = len({name.split(".")[2] for name in state if name.startswith("transformer.h.")})
    return n_layer, C, V, P


def oracle_logits(model, input_ids):
    with torch.no_grad():
        return model(input_ids).logits


# -- float64 against the oracle -------------------------------------------------------

CONFIGS = [(2, 4, 16, 61, 24), (3, 3, 24, 50, 16), (1, 1, 8, 97, 12), (2, 8, 32, 64, 32)]


@pytest.mark.parametrize(("n_layer", "n_head", "C", "V", "P"), CONFIGS)
@pytest.mark.parametrize("tied_key", [True, False])
def test_logits_and_gradients_match_oracle_float64(n_layer, n_head, C, V, P, tied_key):
    gen = torch.Generator().manual_seed(n_layer * 100 + C + V)
    state = random_state(gen, n_layer, C, V, P)
    model = oracle_model(n_layer, n_head, C, V, P, state, dtype=torch.float64)
    ids = torch.randint(0, V, (2, P), generator=gen)
    params = {name: value.clone().requires_grad_(True) for name, value in state.items()}
    if tied_key:
        params[HEAD] = params[WTE]
    ours = SOLUTION.gpt2_forward(ids, params, n_layer, n_head)
    want = model(ids).logits
    torch.testing.assert_close(ours, want, rtol=1e-10, atol=1e-10)
    grad_output = torch.randn(ours.shape, generator=gen, dtype=torch.float64)
    (ours * grad_output).sum().backward()
    (want * grad_output).sum().backward()
    oracle_params = dict(model.named_parameters())  # the tied head appears once, as wte
    for name in state:
        torch.testing.assert_close(params[name].grad, oracle_params[name].grad, rtol=1e-9, atol=1e-10, msg=name)


@settings(max_examples=25, deadline=None)
@given(n_layer=st.integers(1, 3), n_head=st.integers(1, 4), d=st.integers(1, 6), V=st.integers(2, 80),
       B=st.integers(1, 3), T=st.integers(1, 12), eps=st.sampled_from([1e-5, 1e-3, 0.1]),
       seed=st.integers(0, 2**31 - 1))
def test_random_configurations_match_oracle(n_layer, n_head, d, V, B, T, eps, seed):
    gen = torch.Generator().manual_seed(seed)
    C, P = n_head * d, T + 3
    state = random_state(gen, n_layer, C, V, P)
    model = oracle_model(n_layer, n_head, C, V, P, state, eps=eps, dtype=torch.float64)
    ids = torch.randint(0, V, (B, T), generator=gen)
    torch.testing.assert_close(SOLUTION.gpt2_forward(ids, state, n_layer, n_head, eps=eps),
                               oracle_logits(model, ids), rtol=1e-10, atol=1e-10)


def test_greedy_generate_matches_oracle_generate():
    gen = torch.Generator().manual_seed(11)
    n_layer, n_head, C, V, P = 2, 4, 16, 61, 24
    state = random_state(gen, n_layer, C, V, P, dtype=torch.float32)
    model = oracle_model(n_layer, n_head, C, V, P, state)
    for T, N in [(1, 10), (3, 8), (6, 18)]:
        ids = torch.randint(0, V, (3, T), generator=gen)
        want = model.generate(ids, attention_mask=torch.ones_like(ids), max_new_tokens=N, do_sample=False)
        got = SOLUTION.greedy_generate(ids, state, n_layer, n_head, N)
        assert got.dtype == torch.int64 and torch.equal(got, want), (T, N)


# -- the bank's own cases against the oracle ----------------------------------------------

def _bank_cases():
    for check in PROBLEM.checks:
        for i, case in enumerate(check.cases):
            yield pytest.param(check, case, id=f"{check.name[:24]}-{i}")


@pytest.mark.parametrize(("check", "case"), list(_bank_cases()))
def test_bank_cases_match_oracle(check, case):
    """What the judge grades against (the model answer in float32) is what the oracle says."""
    a = case.args
    assert all(value.dtype == np.float32 for value in a["weights"].values())
    n_layer, C, V, P = sizes(a["weights"])
    assert n_layer == a["n_layer"]
    eps = a.get("eps", 1e-5)
    model = oracle_model(n_layer, a["n_head"], C, V, P, a["weights"], eps=eps)
    params = {name: torch.from_numpy(value) for name, value in a["weights"].items()}
    if a["with_lm_head"]:
        params[HEAD] = params[WTE]
    ids = torch.from_numpy(a["input_ids"])
    if case.call == "generate":
        want = model.generate(ids, attention_mask=torch.ones_like(ids), max_new_tokens=a["max_new_tokens"],
                              do_sample=False)
        assert torch.equal(SOLUTION.greedy_generate(ids, params, n_layer, a["n_head"], a["max_new_tokens"]), want)
        return
    with torch.no_grad():
        got = SOLUTION.gpt2_forward(ids, params, n_layer, a["n_head"], eps=eps)
        want = model(ids).logits
    torch.testing.assert_close(got, want, **check.options)


def test_greedy_cases_have_a_clear_top2_gap():
    """Every greedy step's winning logit leads the runner-up by far more than float32 noise (and 10x
    more than the logits' own tolerance, rtol 1e-4 of logits below 50), so any correct implementation
    picks the same token (checked in float64 along the float32 path)."""
    for case in CHECKS["greedy_generate"].cases:
        a = case.args
        state = {name: torch.from_numpy(value).double() for name, value in a["weights"].items()}
        ids32 = SOLUTION.greedy_generate(torch.from_numpy(a["input_ids"]),
                                         {n: torch.from_numpy(v) for n, v in a["weights"].items()},
                                         a["n_layer"], a["n_head"], a["max_new_tokens"])
        T = a["input_ids"].shape[1]
        logits = SOLUTION.gpt2_forward(ids32[:, :-1], state, a["n_layer"], a["n_head"])[:, T - 1:]
        top2 = logits.topk(2, dim=-1).values
        gap = top2[..., 0] - top2[..., 1]
        assert gap.min() > 0.01 and logits.abs().max() < 50, (case.label, gap.min().item())
        assert torch.equal(logits.argmax(-1), ids32[:, T:]), case.label


def test_bank_cases_expose_the_gelu_and_conv1d_mistakes():
    """c_fc's outputs reach |h| of 2-3 (exact and tanh GELU differ there); attn.c_proj is not symmetric."""
    for check in PROBLEM.checks:
        for case in check.cases:
            w = case.args["weights"]
            for i in range(case.args["n_layer"]):
                c_proj = w[f"transformer.h.{i}.attn.c_proj.weight"]
                assert not np.allclose(c_proj, c_proj.T)
            seen: list[torch.Tensor] = []
            params = {name: torch.from_numpy(value) for name, value in w.items()}
            original = SOLUTION._conv1d

            def spy(x, params, name, seen=seen, original=original):
                out = original(x, params, name)
                if name.endswith("mlp.c_fc"):
                    seen.append(out)
                return out

            SOLUTION._conv1d = spy
            try:
                SOLUTION.gpt2_forward(torch.from_numpy(case.args["input_ids"]), params, case.args["n_layer"],
                                      case.args["n_head"])
            finally:
                SOLUTION._conv1d = original
            h = torch.cat([s.flatten() for s in seen]).abs()
            assert ((h > 2) & (h < 3)).float().mean() > 0.1, case.label
