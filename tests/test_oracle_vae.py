"""vae: the model answer against torch.distributions (Normal, kl_divergence, a reparameterised rsample)
and F.binary_cross_entropy_with_logits, on the bank's cases and on random inputs."""

from __future__ import annotations

import numpy as np
import pytest
import torch
import torch.nn.functional as F
from hypothesis import given, settings
from hypothesis import strategies as st
from torch.distributions import Normal, kl_divergence

from judging import judge
from mlkata.problems.catalog import get_problem

PROBLEM = get_problem("vae")
solution = PROBLEM.load_module("solution.py")


def oracle_kl(mu, logvar):
    q = Normal(mu, torch.exp(0.5 * logvar))
    prior = Normal(torch.zeros_like(mu), torch.ones_like(mu))
    return kl_divergence(q, prior).sum(-1)  # [B]


def oracle_loss(x, x_logits, mu, logvar):
    recon = F.binary_cross_entropy_with_logits(x_logits, x, reduction="none").flatten(1).sum(1)  # [B]
    return (recon + oracle_kl(mu, logvar)).mean()


def oracle_sample(mu, logvar, eps):
    """rsample's formula, loc + scale * eps, on a Normal built from mu and logvar, with the given noise."""
    q = Normal(mu, torch.exp(0.5 * logvar))
    return q.loc + q.scale * eps


def _t(a):
    return torch.from_numpy(np.asarray(a)).double()


def _grads(fn, *leaves, weight=None):
    leaves = [x.clone().requires_grad_(True) for x in leaves]
    out = fn(*leaves)
    (out * (torch.ones_like(out) if weight is None else weight)).sum().backward()
    return out.detach(), [x.grad for x in leaves]


def assert_all_close(mu, logvar, eps, x, x_logits):
    tol = {"rtol": 1e-10, "atol": 1e-10}
    torch.testing.assert_close(solution.reparameterize(mu, logvar, eps), oracle_sample(mu, logvar, eps), **tol)
    kl, kl_grads = _grads(solution.gaussian_kl, mu, logvar)
    want, want_grads = _grads(oracle_kl, mu, logvar)
    torch.testing.assert_close(kl, want, **tol)
    for got, exp in zip(kl_grads, want_grads, strict=True):
        torch.testing.assert_close(got, exp, **tol)
    loss, loss_grads = _grads(lambda lg, m, lv: solution.vae_loss(x, lg, m, lv), x_logits, mu, logvar)
    want, want_grads = _grads(lambda lg, m, lv: oracle_loss(x, lg, m, lv), x_logits, mu, logvar)
    torch.testing.assert_close(loss, want, **tol)
    for got, exp in zip(loss_grads, want_grads, strict=True):
        torch.testing.assert_close(got, exp, **tol)


def test_rsample_is_the_reparameterised_sample():
    """torch's own reparameterised sampler, with its noise replayed, gives the model answer's z."""
    mu, logvar = torch.randn(3, 4, dtype=torch.float64), torch.rand(3, 4, dtype=torch.float64) * 4 - 3
    torch.manual_seed(7)
    z = Normal(mu, torch.exp(0.5 * logvar)).rsample()
    torch.manual_seed(7)
    eps = torch.randn(3, 4, dtype=torch.float64)
    torch.testing.assert_close(solution.reparameterize(mu, logvar, eps), z, rtol=1e-12, atol=1e-12)


def test_bank_cases_match_the_oracle():
    seen = set()
    for check in PROBLEM.checks:
        for case in check.cases:
            a = {k: _t(v) for k, v in case.args.items()}
            seen.add(case.call)
            if case.call.startswith("reparameterize"):
                got = solution.reparameterize(a["mu"], a["logvar"], a["eps"])
                torch.testing.assert_close(got, oracle_sample(a["mu"], a["logvar"], a["eps"]))
            elif case.call.startswith("kl"):
                torch.testing.assert_close(solution.gaussian_kl(a["mu"], a["logvar"]), oracle_kl(a["mu"], a["logvar"]))
            else:
                args = (a["x"], a["x_logits"], a["mu"], a["logvar"])
                torch.testing.assert_close(solution.vae_loss(*args), oracle_loss(*args), rtol=1e-10, atol=1e-10)
    assert seen == {"reparameterize", "reparameterize_backward", "kl", "kl_backward", "loss", "loss_backward"}


def test_large_logits_cost_their_magnitude():
    """A confidently wrong pixel costs |logit|: the reason for the logit form (binary_cross_entropy clamps at 100)."""
    x = torch.tensor([[0.0, 1.0, 0.0, 1.0]])
    logits = torch.tensor([[300.0, -150.0, 45.0, -30.0]])
    zero = torch.zeros(1, 2)
    assert solution.vae_loss(x, logits, zero, zero).item() == pytest.approx(525.0, rel=1e-6)


@settings(max_examples=60, deadline=None)
@given(B=st.integers(1, 5), d=st.integers(1, 6), feat=st.lists(st.integers(1, 4), min_size=1, max_size=3),
       scale=st.sampled_from([1.0, 5.0, 60.0]), seed=st.integers(0, 2**31 - 1))
def test_random_inputs_match_the_oracle(B, d, feat, scale, seed):
    gen = torch.Generator().manual_seed(seed)
    mu = torch.randn(B, d, generator=gen, dtype=torch.float64) * 2
    logvar = torch.rand(B, d, generator=gen, dtype=torch.float64) * 6 - 4
    eps = torch.randn(B, d, generator=gen, dtype=torch.float64)
    x = torch.rand(B, *feat, generator=gen, dtype=torch.float64)
    x_logits = torch.randn(B, *feat, generator=gen, dtype=torch.float64) * scale
    assert_all_close(mu, logvar, eps, x, x_logits)


# -- other correct answers pass, other spellings of a mistake are named as it ------------------------

@pytest.fixture(scope="module")
def judged():
    return judge(PROBLEM)


EINSUM_MANUAL_BCE = '''
import torch
import torch.nn.functional as F


def reparameterize(mu, logvar, eps):
    return mu + eps * torch.exp(logvar).sqrt()


def gaussian_kl(mu, logvar):
    return torch.einsum("bd->b", 0.5 * (mu.square() + logvar.exp() - 1 - logvar))


def vae_loss(x, x_logits, mu, logvar):
    bce = torch.where(x_logits > 0, x_logits, torch.zeros_like(x_logits)) - x_logits * x
    bce = bce + torch.log1p(torch.exp(-torch.abs(x_logits)))
    return bce.flatten(start_dim=1).sum(dim=1).mean() + gaussian_kl(mu, logvar).mean()
'''


def test_another_correct_answer_passes_every_check(judged):
    assert judged.failing_cases(EINSUM_MANUAL_BCE, "einsum-manual-bce") == []


def test_a_clamped_bce_is_named_even_at_one_magnitude_of_100(judged):
    """binary_cross_entropy clamps the log at -100: logits of 100 alone would hide it; the bank mixes magnitudes."""
    source = EINSUM_MANUAL_BCE.replace(
        "    bce = torch.where(x_logits > 0, x_logits, torch.zeros_like(x_logits)) - x_logits * x\n"
        "    bce = bce + torch.log1p(torch.exp(-torch.abs(x_logits)))\n",
        "    bce = F.binary_cross_entropy(torch.sigmoid(x_logits), x, reduction='none')\n")
    ranked = judged.ranked(source, "sigmoid-bce")
    assert ranked and ranked[0].family == "reconstruction-from-probabilities"
