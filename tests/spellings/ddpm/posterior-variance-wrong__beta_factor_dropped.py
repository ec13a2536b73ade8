import math

import numpy as np
import torch


def linear_beta_schedule(T, beta_start=1e-4, beta_end=0.02):
    return torch.linspace(beta_start, beta_end, steps=T, dtype=torch.float64)


def cosine_beta_schedule(T, s=0.008, max_beta=0.999):
    steps = np.arange(T + 1, dtype=np.float64)
    f = np.cos((steps / T + s) / (1 + s) * np.pi / 2) ** 2
    betas = np.clip(1 - f[1:] / f[:-1], None, max_beta)
    return torch.from_numpy(betas)


def _bcast(v, x):
    return v.view([-1] + [1] * (x.ndim - 1))


def q_sample(x0, t, noise, alphas_cumprod):
    abar = alphas_cumprod[t].to(torch.float32)
    return _bcast(abar ** 0.5, x0) * x0 + _bcast((1 - abar) ** 0.5, x0) * noise


def ddpm_loss(eps_model, x0, t, noise, alphas_cumprod):
    x_t = q_sample(x0, t, noise, alphas_cumprod)
    eps_hat = eps_model(x_t, t)
    return torch.mean(torch.square(eps_hat - noise))


def p_sample_step(eps_pred, x_t, t, betas, noise, variance="beta"):
    betas = betas.tolist()
    abar = 1.0
    abars = []
    for b in betas:
        abar *= 1.0 - b
        abars.append(abar)
    beta_t = betas[t]
    mean = (x_t - beta_t / math.sqrt(1.0 - abars[t]) * eps_pred) / math.sqrt(1.0 - beta_t)
    if t == 0:
        return mean
    if variance == "posterior":
        sigma2 = (1.0 - abars[t - 1]) / (1.0 - abars[t])
    else:
        sigma2 = beta_t
    return mean + math.sqrt(sigma2) * noise


def timestep_embedding(t, dim, max_period=10000):
    half = dim // 2
    cols = []
    for i in range(half):
        cols.append(t.double() * math.exp(-math.log(max_period) * i / (half - 1)))
    args = torch.stack(cols, dim=1)
    parts = [torch.sin(args), torch.cos(args)]
    if dim % 2:
        parts.append(torch.zeros(t.shape[0], 1, dtype=torch.float64))
    return torch.cat(parts, dim=1).float()
