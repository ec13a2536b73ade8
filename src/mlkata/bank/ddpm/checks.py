"""Named checks for ddpm: inputs only; expected values come from the model answer.

Schedules are float64 by contract and compared at 1e-9 relative, with their dtype as its own check.
Everything else takes float32 tensors and is compared at float32 tolerance, whatever dtype comes back.
The schedules handed to q_sample and p_sample_step take large steps (betas up to 0.5 over a few
timesteps), so a timestep off by one, or alphas instead of their cumulative product, moves every value.

What shows each mistake: the reverse step is checked in three parts (the mean with zero noise, the
noise term alone at t > 0 in both variance modes, and t = 0, where no noise is added); the posterior
variance shows only in the noise term in "posterior" mode. The t handed to eps_model is recorded by the
driver's noise model. The default max_beta clips the last cosine beta, which is 1 without the clip.
"""

import numpy as np

from mlkata.kit import Case, Check, Efficiency

SCHEDULE = {"rtol": 1e-9, "atol": 1e-14}
TOLERANCE = {"rtol": 1e-4, "atol": 2e-5}
EMBEDDING = {"rtol": 1e-4, "atol": 3e-4}  # float32 angles up to ~1000 are off by ~1e-4


def _alphas_cumprod(betas: np.ndarray) -> np.ndarray:
    return np.cumprod(1.0 - betas)


def _betas(T: int, lo: float = 0.05, hi: float = 0.5) -> np.ndarray:
    return np.linspace(lo, hi, T)  # float64 [T], steps large enough that every timestep differs


def _normal(rng, *shape) -> np.ndarray:
    return rng.standard_normal(shape).astype(np.float32)


def _q(rng, shape, T, t=None, grad=False) -> Case:
    B = shape[0]
    t = rng.integers(0, T, size=B) if t is None else np.asarray(t)
    args = {"x0": _normal(rng, *shape), "t": t.astype(np.int64), "noise": _normal(rng, *shape),
            "alphas_cumprod": _alphas_cumprod(_betas(T))}
    label = f"x0 {list(shape)}, T={T}, t={t.tolist()}"
    if grad:
        args["grad_output"] = _normal(rng, *shape)
        return Case("q_sample_backward", args, label + " (gradients w.r.t. x0 and noise)")
    return Case("q_sample", args, label)


def _loss(rng, shape, T, t, call="loss") -> Case:
    features = int(np.prod(shape[1:]))
    args = {"x0": _normal(rng, *shape), "t": np.asarray(t, dtype=np.int64), "noise": _normal(rng, *shape),
            "alphas_cumprod": _alphas_cumprod(_betas(T)),
            "weight": (rng.standard_normal((features, features)) / np.sqrt(features)).astype(np.float32),
            "scale": (rng.standard_normal(features) * 0.3).astype(np.float32)}
    return Case(call, args, f"x0 {list(shape)}, T={T}, t={list(t)}; eps_model(x, t) = x @ W + c * t")


def _step(rng, shape, T, t, variance, call="step", schedule="large") -> Case:
    betas = _betas(T) if schedule == "large" else np.linspace(1e-4, 0.02, T)
    args = {"eps_pred": _normal(rng, *shape), "x_t": _normal(rng, *shape), "t": int(t), "betas": betas,
            "noise": _normal(rng, *shape), "variance": variance}
    mode = "default variance" if variance is None else f'variance="{variance}"'
    label = f"x_t {list(shape)}, T={T} ({schedule} betas), t={t}, {mode}"
    if call == "step_zero_noise":
        args["noise"] = np.zeros(shape, dtype=np.float32)
        return Case("step", args, label + ", noise = 0")
    if call == "step_backward":
        args["grad_output"] = _normal(rng, *shape)
        return Case(call, args, label + " (gradients w.r.t. eps_pred and x_t)")
    return Case(call, args, label)


def _emb(t, dim, max_period=None) -> Case:
    args = {"t": np.asarray(t, dtype=np.int64), "dim": dim, "max_period": max_period}
    text = "" if max_period is None else f", max_period={max_period}"
    return Case("embedding", args, f"timestep_embedding(t={list(t)}, dim={dim}{text})")


def checks(rng: np.random.Generator) -> list[Check]:
    lin = [Case("linear", {"T": 10}, "linear_beta_schedule(10)"),
           Case("linear", {"T": 1000}, "linear_beta_schedule(1000)"),
           Case("linear", {"T": 2, "beta_start": 0.1, "beta_end": 0.3}, "linear_beta_schedule(2, 0.1, 0.3)"),
           Case("linear", {"T": 7, "beta_start": 1e-3, "beta_end": 0.05}, "linear_beta_schedule(7, 1e-3, 0.05)")]
    cos = [Case("cosine", {"T": 10}, "cosine_beta_schedule(10)"),
           Case("cosine", {"T": 1000}, "cosine_beta_schedule(1000)"),
           Case("cosine", {"T": 2}, "cosine_beta_schedule(2)"),
           Case("cosine", {"T": 8, "s": 0.02, "max_beta": 0.5}, "cosine_beta_schedule(8, s=0.02, max_beta=0.5)"),
           Case("cosine", {"T": 50, "s": 0.0, "max_beta": 0.9}, "cosine_beta_schedule(50, s=0, max_beta=0.9)")]
    return [
        Check("linear_beta_schedule", lin, options=SCHEDULE),
        Check("cosine_beta_schedule (the last betas are clipped at max_beta)", cos, options=SCHEDULE),
        Check("schedules are float64", [lin[0], cos[0]], compare="same_dtype"),
        Check("q_sample", [
            _q(rng, (4, 3, 2, 2), 8, t=[0, 7, 3, 5]), _q(rng, (3, 5), 6, t=[2, 2, 4]), _q(rng, (6, 2, 3), 10),
            _q(rng, (2, 8), 1000, t=[0, 999]),
        ], options=TOLERANCE),
        Check("q_sample gradients", [_q(rng, (3, 2, 4), 8, t=[1, 6, 3], grad=True)], options=TOLERANCE),
        Check("ddpm_loss value", [
            _loss(rng, (4, 2, 3), 8, [0, 3, 7, 5]), _loss(rng, (3, 5), 6, [5, 1, 2]),
        ], options=TOLERANCE),
        Check("what ddpm_loss hands to eps_model (x_t and t)", [
            _loss(rng, (4, 2, 3), 8, [0, 3, 7, 5], call="loss_model_inputs"),
            _loss(rng, (3, 4), 5, [4, 1, 2], call="loss_model_inputs"),
        ], options=TOLERANCE),
        Check("p_sample_step mean (noise = 0)", [
            _step(rng, (3, 2, 2), 8, 5, "beta", call="step_zero_noise"),
            _step(rng, (2, 6), 10, 9, "posterior", call="step_zero_noise"),
            _step(rng, (4, 3), 6, 1, None, call="step_zero_noise"),
            _step(rng, (2, 5), 1000, 500, "beta", call="step_zero_noise", schedule="linear"),
        ], options=TOLERANCE),
        Check("p_sample_step noise term at t > 0", [
            _step(rng, (3, 4), 8, 4, "beta", call="step_noise_term"),
            _step(rng, (2, 2, 3), 8, 6, None, call="step_noise_term"),
            _step(rng, (3, 4), 8, 3, "posterior", call="step_noise_term"),
            _step(rng, (2, 5), 10, 1, "posterior", call="step_noise_term"),
        ], options=TOLERANCE),
        Check("p_sample_step at t = 0 (no noise is added)", [
            _step(rng, (3, 4), 8, 0, "beta"), _step(rng, (2, 3), 6, 0, None),
            _step(rng, (2, 4), 8, 0, "posterior"),
        ], options=TOLERANCE),
        Check("p_sample_step gradients", [
            _step(rng, (3, 4), 8, 4, "posterior", call="step_backward"),
            _step(rng, (2, 3), 6, 0, "beta", call="step_backward"),
        ], options=TOLERANCE),
        Check("timestep_embedding", [
            _emb([0, 1, 5, 17], 8), _emb([3, 999, 250], 16), _emb([2, 40], 4), _emb([7, 12, 0], 32, 100),
        ], options=EMBEDDING),
        Check("timestep_embedding, odd dim (a zero column last)", [
            _emb([0, 3, 11], 7), _emb([500, 6], 9, 1000),
        ], options=EMBEDDING),
    ]


def efficiency(rng: np.random.Generator) -> Efficiency:
    # 64 images of 3 x 32 x 32: a Python loop over examples or elements costs ~100x
    return Efficiency(_q(rng, (64, 3, 32, 32), 1000), repeats=3)
