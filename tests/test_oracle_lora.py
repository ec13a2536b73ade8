"""lora: the model answer against peft (the oracle).

peft wraps `model.lin` (an nn.Linear) given LoraConfig(r, lora_alpha=alpha, lora_dropout=0.0,
target_modules=["lin"]); its adapter lives in `lin.lora_A["default"].weight` [r, in] and
`lin.lora_B["default"].weight` [out, r]. Both sides get the same base weights and the same A and B.
"""

from __future__ import annotations

import copy
import math

import numpy as np
import pytest
import torch
from hypothesis import given, settings
from hypothesis import strategies as st
from peft import LoraConfig, get_peft_model
from torch import nn

from mlkata.problems.catalog import get_problem

PROBLEM = get_problem("lora")
Solution = PROBLEM.load_module("solution.py").LoRALinear


class Wrapper(nn.Module):
    def __init__(self, lin: nn.Linear):
        super().__init__()
        self.lin = lin

    def forward(self, x):
        return self.lin(x)


def make_pair(base: nn.Linear, r: int, alpha: float, A=None, B=None):
    """The model answer and peft's LoRA layer around copies of `base`, holding the same A and B."""
    ours = Solution(copy.deepcopy(base), r, alpha)
    peft_model = get_peft_model(Wrapper(copy.deepcopy(base)), LoraConfig(
        r=r, lora_alpha=alpha, lora_dropout=0.0, target_modules=["lin"]))
    dtype = base.weight.dtype
    ours, peft_model = ours.to(dtype), peft_model.to(dtype)
    layer = peft_model.base_model.model.lin
    if A is not None:
        with torch.no_grad():
            ours.lora_A.copy_(A)
            ours.lora_B.copy_(B)
            layer.lora_A["default"].weight.copy_(A)
            layer.lora_B["default"].weight.copy_(B)
    return ours, peft_model, layer


def random_setup(gen, fan_in, fan_out, r, bias, dtype=torch.float64):
    base = nn.Linear(fan_in, fan_out, bias=bias).to(dtype)
    with torch.no_grad():
        base.weight.copy_(torch.randn(fan_out, fan_in, generator=gen, dtype=dtype) / math.sqrt(fan_in))
        if bias:
            base.bias.copy_(torch.randn(fan_out, generator=gen, dtype=dtype))
    A = torch.randn(r, fan_in, generator=gen, dtype=dtype) / math.sqrt(fan_in)
    B = torch.randn(fan_out, r, generator=gen, dtype=dtype) / math.sqrt(r)
    return base, A, B


def trainable(module) -> list[str]:
    return sorted(name for name, p in module.named_parameters() if p.requires_grad)


@pytest.mark.parametrize(("fan_in", "fan_out", "r", "alpha", "bias"),
                         [(6, 5, 2, 4.0, True), (12, 8, 4, 2.0, False), (16, 16, 8, 16.0, True)])
def test_initial_state_matches_peft(fan_in, fan_out, r, alpha, bias):
    torch.manual_seed(0)
    base = nn.Linear(fan_in, fan_out, bias=bias)
    ours, peft_model, layer = make_pair(base, r, alpha)
    assert ours.scaling == layer.scaling["default"] == alpha / r
    assert torch.equal(ours.lora_B, torch.zeros(fan_out, r))
    assert torch.equal(layer.lora_B["default"].weight, torch.zeros(fan_out, r))
    bound = 1 / math.sqrt(fan_in)
    for A in (ours.lora_A, layer.lora_A["default"].weight):  # the same distribution: kaiming-uniform, a=sqrt(5)
        assert A.abs().max() <= bound and A.unique().numel() > 1 and A.abs().max() > bound / 2
    x = torch.randn(3, fan_in)
    with torch.no_grad():
        torch.testing.assert_close(ours(x), base(x), rtol=0, atol=0)
        torch.testing.assert_close(peft_model(x), base(x), rtol=0, atol=0)
    assert trainable(ours) == ["lora_A", "lora_B"]
    peft_trainable = trainable(peft_model)
    assert len(peft_trainable) == 2 and all("lora_" in name for name in peft_trainable)


@settings(max_examples=30, deadline=None)
@given(fan_in=st.integers(1, 9), fan_out=st.integers(1, 9), r=st.integers(1, 5),
       alpha=st.sampled_from([0.5, 1.0, 3.0, 8.0, 16.0]), bias=st.booleans(),
       lead=st.lists(st.integers(1, 3), min_size=1, max_size=3), seed=st.integers(0, 2**31 - 1))
def test_forward_gradients_merge_and_unmerge_match_peft(fan_in, fan_out, r, alpha, bias, lead, seed):
    gen = torch.Generator().manual_seed(seed)
    base, A, B = random_setup(gen, fan_in, fan_out, r, bias)
    ours, peft_model, layer = make_pair(base, r, alpha, A, B)
    x = torch.randn(*lead, fan_in, generator=gen, dtype=torch.float64)
    g = torch.randn(*lead, fan_out, generator=gen, dtype=torch.float64)

    def run(module, a, b):
        xs = x.clone().requires_grad_(True)
        out = module(xs)
        (out * g).sum().backward()
        return [out.detach(), xs.grad, a.grad, b.grad]

    got = run(ours, ours.lora_A, ours.lora_B)
    want = run(peft_model, layer.lora_A["default"].weight, layer.lora_B["default"].weight)
    for a, b in zip(got, want, strict=True):
        torch.testing.assert_close(a, b, rtol=1e-10, atol=1e-12)

    with torch.no_grad():
        before = ours(x)
        ours.merge()
        layer.merge()
        torch.testing.assert_close(ours.base.weight, layer.base_layer.weight, rtol=1e-12, atol=1e-12)
        torch.testing.assert_close(ours(x), before, rtol=1e-10, atol=1e-12)
        torch.testing.assert_close(peft_model(x), before, rtol=1e-10, atol=1e-12)
        ours.merge()  # a second merge changes nothing (peft warns and skips it)
        torch.testing.assert_close(ours.base.weight, layer.base_layer.weight, rtol=1e-12, atol=1e-12)
        ours.unmerge()
        layer.unmerge()
        torch.testing.assert_close(ours.base.weight, base.weight, rtol=1e-10, atol=1e-12)
        torch.testing.assert_close(layer.base_layer.weight, base.weight, rtol=1e-10, atol=1e-12)
        ours.unmerge()  # unmerging an unmerged layer changes nothing (peft warns and skips it)
        torch.testing.assert_close(ours.base.weight, base.weight, rtol=1e-10, atol=1e-12)
        torch.testing.assert_close(ours(x), peft_model(x), rtol=1e-10, atol=1e-12)
        if bias:
            torch.testing.assert_close(ours.base.bias, base.bias, rtol=0, atol=0)


# -- the bank's own cases against the oracle ----------------------------------------------

def _bank_cases():
    for check in PROBLEM.checks:
        for i, case in enumerate(check.cases):
            yield pytest.param(check, case, id=f"{check.name[:24]}-{i}")


@pytest.mark.parametrize(("check", "case"), list(_bank_cases()))
def test_bank_cases_match_peft_float32(check, case):
    """What the judge grades against (the model answer in float32) is what peft says."""
    a = case.args
    weight = torch.from_numpy(a["weight"])
    fan_out, fan_in = weight.shape
    r, alpha = a["r"], a["alpha"]
    base = nn.Linear(fan_in, fan_out, bias=a["bias"] is not None)
    with torch.no_grad():
        base.weight.copy_(weight)
        if a["bias"] is not None:
            base.bias.copy_(torch.from_numpy(a["bias"]))
    if "A" not in a:
        ours, peft_model, layer = make_pair(base, r, alpha)
        assert trainable(ours) == ["lora_A", "lora_B"] and ours.scaling == layer.scaling["default"]
        if "x" in a:
            x = torch.from_numpy(a["x"])
            with torch.no_grad():
                torch.testing.assert_close(ours(x), peft_model(x), rtol=0, atol=0)
        return
    assert alpha != r, "merge-missing-scaling hides at alpha = r"
    A, B = torch.from_numpy(a["A"]), torch.from_numpy(a["B"])
    ours, peft_model, layer = make_pair(base, r, alpha, A, B)
    x = torch.from_numpy(a["x"])
    tol = {"rtol": check.options["rtol"], "atol": check.options["atol"]}
    if case.call == "steps":
        with torch.no_grad():
            for op in a["ops"]:
                getattr(ours, op)()
                if op == "merge" and not layer.merged or op == "unmerge" and layer.merged:
                    getattr(layer, op)()
                torch.testing.assert_close(ours.base.weight, layer.base_layer.weight, **tol)
                torch.testing.assert_close(ours(x), peft_model(x), **tol)
        return
    with torch.no_grad():
        torch.testing.assert_close(ours(x), peft_model(x), **tol)
    if case.call == "backward":
        g = torch.from_numpy(a["grad_output"])
        for module in (ours, peft_model):
            module(x).mul(g).sum().backward()
        torch.testing.assert_close(ours.lora_A.grad, layer.lora_A["default"].weight.grad, **tol)
        torch.testing.assert_close(ours.lora_B.grad, layer.lora_B["default"].weight.grad, **tol)


def test_bank_configurations_expose_the_scaling_mistakes():
    configs = {(a["r"], a["alpha"]) for check in PROBLEM.checks for case in check.cases
               for a in [case.args] if "A" in a}
    assert any(r > 1 for r, _ in configs), "scaling-ignores-r hides at r = 1"
    assert all(alpha != r for r, alpha in configs)
    assert np.isfinite([alpha / r for r, alpha in configs]).all()
