"""nt_xent: the model answer against an independent formulation (pytorch-metric-learning is not a
dependency): the definition written anchor by anchor, in numpy float64 for values and in torch (same
loop) for gradients, on the bank's cases and on random inputs."""

from __future__ import annotations

import numpy as np
import pytest
import torch
from hypothesis import given, settings
from hypothesis import strategies as st

from judging import judge
from mlkata.problems.catalog import get_problem

PROBLEM = get_problem("nt_xent")
solution = PROBLEM.load_module("solution.py")


def oracle_value(z1: np.ndarray, z2: np.ndarray, temperature: float) -> float:
    """The statement's l_i, one anchor at a time, in float64."""
    z = np.concatenate([z1, z2]).astype(np.float64)
    n2, n = len(z), len(z1)
    losses = []
    for i in range(n2):
        cos = [z[i] @ z[k] / (np.linalg.norm(z[i]) * np.linalg.norm(z[k])) for k in range(n2)]
        logits = np.array([cos[k] / temperature for k in range(n2) if k != i])
        top = logits.max()
        log_denominator = top + np.log(np.exp(logits - top).sum())
        losses.append(log_denominator - cos[(i + n) % n2] / temperature)
    return float(np.mean(losses))


def oracle_torch(z1, z2, temperature):
    """The same loop in torch (differentiable): cosines from torch.nn.functional.cosine_similarity."""
    z = torch.cat([z1, z2])
    n2, n = z.shape[0], z1.shape[0]
    total = 0.0
    for i in range(n2):
        cos = torch.nn.functional.cosine_similarity(z[i : i + 1], z, dim=1)  # [2N]
        others = torch.cat([cos[:i], cos[i + 1 :]]) / temperature
        total = total + torch.logsumexp(others, 0) - cos[(i + n) % n2] / temperature
    return total / n2


def test_bank_cases_match_the_oracle():
    calls = set()
    for check in PROBLEM.checks:
        for case in check.cases:
            a = case.args
            calls.add(case.call)
            t = a.get("temperature", 0.5)
            got = solution.nt_xent_loss(torch.from_numpy(a["z1"]).double(), torch.from_numpy(a["z2"]).double(), t)
            assert got.item() == pytest.approx(oracle_value(a["z1"], a["z2"], t), rel=1e-9, abs=1e-12), case.label
    assert calls == {"loss", "loss_backward"}


def test_default_temperature_is_one_half():
    z1, z2 = torch.randn(4, 5, dtype=torch.float64), torch.randn(4, 5, dtype=torch.float64)
    assert solution.nt_xent_loss(z1, z2).item() == pytest.approx(oracle_value(z1.numpy(), z2.numpy(), 0.5), rel=1e-9)


@settings(max_examples=60, deadline=None)
@given(N=st.integers(2, 6), d=st.integers(1, 8), temperature=st.sampled_from([0.05, 0.1, 0.5, 1.0, 3.0]),
       scale=st.sampled_from([0.01, 1.0, 50.0]), seed=st.integers(0, 2**31 - 1))
def test_random_inputs_match_the_oracle(N, d, temperature, scale, seed):
    gen = torch.Generator().manual_seed(seed)
    z1 = torch.randn(N, d, generator=gen, dtype=torch.float64) * scale
    z2 = z1 + torch.randn(N, d, generator=gen, dtype=torch.float64) * scale
    got = solution.nt_xent_loss(z1, z2, temperature)
    assert got.dim() == 0
    assert got.item() == pytest.approx(oracle_value(z1.numpy(), z2.numpy(), temperature), rel=1e-9, abs=1e-12)


@pytest.mark.parametrize(("N", "d", "temperature"), [(2, 3, 0.5), (4, 6, 0.1), (5, 2, 2.0)])
def test_gradients_match_the_oracle(N, d, temperature):
    gen = torch.Generator().manual_seed(N * 10 + d)
    z1 = torch.randn(N, d, generator=gen, dtype=torch.float64)
    z2 = torch.randn(N, d, generator=gen, dtype=torch.float64)

    def grads(fn):
        a, b = z1.clone().requires_grad_(True), z2.clone().requires_grad_(True)
        fn(a, b, temperature).backward()
        return a.grad, b.grad

    for got, want in zip(grads(solution.nt_xent_loss), grads(oracle_torch), strict=True):
        torch.testing.assert_close(got, want, rtol=1e-9, atol=1e-12)
    assert torch.autograd.gradcheck(lambda a, b: solution.nt_xent_loss(a, b, temperature),
                                    (z1.clone().requires_grad_(True), z2.clone().requires_grad_(True)))


# -- the checks test what they claim; another correct answer passes ------------------------------------

def test_unit_norm_check_has_unit_rows():
    check = next(c for c in PROBLEM.checks if c.name == "unit-norm inputs")
    for case in check.cases:
        for z in (case.args["z1"], case.args["z2"]):
            np.testing.assert_allclose(np.linalg.norm(z.astype(np.float64), axis=1), 1.0, rtol=1e-6)


@pytest.fixture(scope="module")
def judged():
    return judge(PROBLEM)


SYMMETRIC_INFO_NCE = '''
import torch
import torch.nn.functional as F


def nt_xent_loss(z1, z2, temperature=0.5):
    n = z1.shape[0]
    z = F.normalize(torch.cat([z1, z2]), dim=1)
    sim = torch.einsum("ik,jk->ij", z, z).div(temperature)
    sim = sim - torch.eye(2 * n, dtype=sim.dtype) * 1e12
    half = torch.arange(n)
    logprob = sim.log_softmax(dim=1)
    return -(logprob[half, half + n].sum() + logprob[half + n, half].sum()) / (2 * n)
'''


def test_another_correct_answer_passes_every_check(judged):
    assert judged.failing_cases(SYMMETRIC_INFO_NCE, "symmetric-info-nce") == []


def test_a_missing_normalisation_on_unit_rows_shows_in_the_gradient_only(judged):
    source = SYMMETRIC_INFO_NCE.replace("F.normalize(torch.cat([z1, z2]), dim=1)", "torch.cat([z1, z2])")
    failing = judged.failing_cases(source, "unnormalised")
    assert not any(label.startswith("unit-norm inputs") for label in failing)
    assert any(label.startswith("gradients") and "(4, 5)" in label for label in failing)
    ranked = judged.ranked(source, "unnormalised")
    assert ranked and ranked[0].family == "no-normalization"
