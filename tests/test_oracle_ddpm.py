"""The ddpm model answer (and the correct spellings) against diffusers: DDPMScheduler's betas
("linear", "squaredcos_cap_v2"), add_noise, step with a fixed noise ("fixed_large" = variance "beta",
"fixed_small" = "posterior", clip_sample=False) and get_timestep_embedding, on every bank case and
on hypothesis-drawn ones. diffusers keeps its tables in float32, so the schedules are compared at
float32 tolerance, and q_sample and the step run on injected float64 tables in float64."""

from pathlib import Path

import numpy as np
import pytest
import torch
from diffusers import DDPMScheduler
from diffusers.models.embeddings import get_timestep_embedding
from hypothesis import given, settings
from hypothesis import strategies as st

from mlkata.problems.catalog import get_problem

PROBLEM = get_problem("ddpm")
SPELLINGS = Path(__file__).parent / "spellings" / "ddpm"
IMPLS = {"solution": PROBLEM.load_module("solution.py")}
for _path in sorted(SPELLINGS.glob("correct__*.py")):
    IMPLS[_path.stem] = PROBLEM.load_module(str(_path))
F64 = {"rtol": 1e-9, "atol": 1e-12}
F32 = {"rtol": 1e-5, "atol": 1e-6}


def scheduler(betas: torch.Tensor, variance: str = "beta") -> DDPMScheduler:
    """A DDPMScheduler over the given betas, its tables replaced by float64 ones."""
    s = DDPMScheduler(num_train_timesteps=len(betas), trained_betas=betas.numpy(), clip_sample=False,
                      variance_type="fixed_large" if variance == "beta" else "fixed_small")
    s.betas = betas.double()
    s.alphas = 1 - s.betas
    s.alphas_cumprod = torch.cumprod(s.alphas, dim=0)
    s.one = torch.tensor(1.0, dtype=torch.float64)
    return s


def oracle_step(eps_pred, x_t, t, betas, seed, variance):
    """diffusers' step, and the noise its generator drew (the same draw randn_tensor makes)."""
    noise = torch.randn(x_t.shape, generator=torch.Generator().manual_seed(seed), dtype=x_t.dtype)
    out = scheduler(betas, variance).step(eps_pred, t, x_t, generator=torch.Generator().manual_seed(seed))
    return out.prev_sample, noise


def close(got, expected, tol):
    torch.testing.assert_close(got.double(), expected.double(), rtol=tol["rtol"], atol=tol["atol"])


@pytest.fixture(params=list(IMPLS), ids=list(IMPLS))
def impl(request):
    return IMPLS[request.param]


def test_schedules_match_diffusers(impl):
    for T, lo, hi in [(10, 1e-4, 0.02), (1000, 1e-4, 0.02), (2, 0.1, 0.3)]:
        ours = impl.linear_beta_schedule(T, lo, hi)
        ref = DDPMScheduler(num_train_timesteps=T, beta_start=lo, beta_end=hi, beta_schedule="linear").betas
        assert ours.dtype == torch.float64 and ours.shape == (T,)
        close(ours, ref, F32)
    for T in [2, 10, 1000]:
        ours = impl.cosine_beta_schedule(T)
        assert ours.dtype == torch.float64
        close(ours, DDPMScheduler(num_train_timesteps=T, beta_schedule="squaredcos_cap_v2").betas, F32)
        assert ours.max() <= 0.999


def check_q_sample(impl, x0, t, noise, betas):
    s = scheduler(betas)
    got = impl.q_sample(x0, t, noise, s.alphas_cumprod)
    assert got.shape == x0.shape
    close(got, s.add_noise(x0.double(), noise.double(), t), F32 if x0.dtype == torch.float32 else F64)


def check_step(impl, eps_pred, x_t, t, betas, variance, seed=0):
    expected, noise = oracle_step(eps_pred.double(), x_t.double(), t, betas, seed, variance)
    got = impl.p_sample_step(eps_pred, x_t, t, betas, noise.to(x_t.dtype), variance=variance)
    close(got, expected, F32 if x_t.dtype == torch.float32 else F64)


def check_embedding(impl, t, dim, max_period=10000):
    expected = get_timestep_embedding(t, dim, flip_sin_to_cos=False, downscale_freq_shift=1, max_period=max_period)
    got = impl.timestep_embedding(t, dim, max_period)
    assert got.shape == (len(t), dim)
    tol = {"rtol": 1e-4, "atol": 3e-4}  # diffusers' angles are float32: off by ~1e-4 near t = 1000
    close(got, expected, tol)
    # and against the formula in float64
    half = dim // 2
    freqs = np.exp(-np.log(max_period) * np.arange(half) / (half - 1))
    args = t.numpy().astype(np.float64)[:, None] * freqs
    exact = np.concatenate([np.sin(args), np.cos(args), np.zeros((len(t), dim % 2))], axis=1)
    close(got, torch.from_numpy(exact), {"rtol": 1e-5, "atol": 1e-5 if got.dtype == torch.float64 else 3e-4})


def _bank_cases(*calls):
    for check in PROBLEM.checks:
        for case in check.cases:
            if case.call in calls:
                yield pytest.param(case, id=f"{check.name}: {case.label}")


@pytest.mark.parametrize("case", list(_bank_cases("q_sample", "q_sample_backward")))
def test_bank_q_sample_cases(impl, case):
    a = case.args
    betas = torch.from_numpy(1 - a["alphas_cumprod"] / np.concatenate([[1.0], a["alphas_cumprod"][:-1]]))
    check_q_sample(impl, torch.from_numpy(a["x0"]), torch.from_numpy(a["t"]), torch.from_numpy(a["noise"]), betas)


@pytest.mark.parametrize("case", list(_bank_cases("step", "step_noise_term", "step_backward")))
def test_bank_step_cases(impl, case):
    a = case.args
    check_step(impl, torch.from_numpy(a["eps_pred"]), torch.from_numpy(a["x_t"]), a["t"],
               torch.from_numpy(a["betas"]), a["variance"] or "beta")


@pytest.mark.parametrize("case", list(_bank_cases("embedding")))
def test_bank_embedding_cases(impl, case):
    a = case.args
    check_embedding(impl, torch.from_numpy(a["t"]), a["dim"], a["max_period"] or 10000)


def test_loss_is_the_noise_regression():
    impl = IMPLS["solution"]
    torch.manual_seed(0)
    betas = torch.linspace(0.05, 0.5, 8, dtype=torch.float64)
    s = scheduler(betas)
    x0, noise, t = torch.randn(4, 3, 2), torch.randn(4, 3, 2), torch.tensor([0, 7, 2, 5])
    model = torch.nn.Conv1d(3, 3, 1)
    seen = []

    def eps_model(x, tt):
        seen.append(tt)
        return model(x)

    loss = impl.ddpm_loss(eps_model, x0, t, noise, s.alphas_cumprod)
    expected = torch.nn.functional.mse_loss(model(s.add_noise(x0, noise, t).float()), noise)
    close(loss, expected, F32)
    assert torch.equal(torch.as_tensor(seen[0]), t)


@settings(max_examples=40, deadline=None)
@given(T=st.integers(2, 60), B=st.integers(1, 4), trailing=st.lists(st.integers(1, 4), min_size=1, max_size=3),
       data=st.data(), seed=st.integers(0, 2**16), f64=st.booleans())
def test_random_q_sample_and_step(T, B, trailing, data, seed, f64):
    impl = IMPLS["solution"]
    g = torch.Generator().manual_seed(seed)
    dtype = torch.float64 if f64 else torch.float32
    shape = (B, *trailing)
    betas = torch.sort(torch.rand(T, generator=g, dtype=torch.float64) * 0.3 + 1e-4).values
    t = torch.tensor(data.draw(st.lists(st.integers(0, T - 1), min_size=B, max_size=B)))
    x0, noise = torch.randn(shape, generator=g, dtype=dtype), torch.randn(shape, generator=g, dtype=dtype)
    check_q_sample(impl, x0, t, noise, betas)
    step_t = data.draw(st.integers(0, T - 1))
    for variance in ("beta", "posterior"):
        check_step(impl, x0, noise, step_t, betas, variance, seed)


@settings(max_examples=40, deadline=None)
@given(dim=st.integers(4, 40), ts=st.lists(st.integers(0, 999), min_size=1, max_size=5),
       max_period=st.sampled_from([10000, 100, 1000]))
def test_random_embeddings(dim, ts, max_period):
    check_embedding(IMPLS["solution"], torch.tensor(ts), dim, max_period)


@settings(max_examples=20, deadline=None)
@given(T=st.integers(2, 2000))
def test_random_schedule_lengths(T):
    impl = IMPLS["solution"]
    close(impl.cosine_beta_schedule(T), DDPMScheduler(num_train_timesteps=T, beta_schedule="squaredcos_cap_v2").betas,
          F32)
    close(impl.linear_beta_schedule(T), DDPMScheduler(num_train_timesteps=T).betas, F32)
