import math

import torch


def linear_beta_schedule(T, beta_start=1e-4, beta_end=0.02):
    i = torch.arange(T, dtype=torch.float64)
    return beta_start + (beta_end - beta_start) * i / (T - 1)


def cosine_beta_schedule(T, s=0.008, max_beta=0.999):
    u = torch.arange(T + 1, dtype=torch.float64) / T
    abar = torch.cos((u + s) / (1 + s) * (math.pi / 2)).pow(2)
    alphas = abar[1:] / abar[:-1]
    return torch.minimum(1 - alphas, torch.tensor(max_beta, dtype=torch.float64))


def q_sample(x0, t, noise, alphas_cumprod):
    abar = alphas_cumprod[t]
    x0d, nd = x0.double(), noise.double()
    return torch.einsum("b,b...->b...", abar.sqrt(), x0d) + torch.einsum("b,b...->b...", (1 - abar).sqrt(), nd)


def ddpm_loss(eps_model, x0, t, noise, alphas_cumprod):
    x_t = q_sample(x0, t, noise, alphas_cumprod).to(x0.dtype)
    diff = noise - eps_model(x_t, t)
    return diff.pow(2).sum() / diff.numel()


def p_sample_step(eps_pred, x_t, t, betas, noise, variance="beta"):
    alphas = 1 - betas
    abar = alphas.cumprod(0)
    beta_t, alpha_t, abar_t = betas[t + 1], alphas[t + 1], abar[t + 1]
    e, x = eps_pred.double(), x_t.double()
    mean = (x - beta_t / torch.sqrt(1 - abar_t) * e) / torch.sqrt(alpha_t)
    if t == 0:
        return mean
    if variance == "beta":
        sigma = beta_t.sqrt()
    elif variance == "posterior":
        sigma = (beta_t * (1 - abar[t]) / (1 - abar_t)).sqrt()
    else:
        raise ValueError(variance)
    return mean + sigma * noise.double()


def timestep_embedding(t, dim, max_period=10000):
    half = dim // 2
    freqs = torch.exp(-math.log(max_period) / (half - 1) * torch.arange(half, dtype=torch.float64))
    args = torch.einsum("b,f->bf", t.double(), freqs)
    out = torch.zeros(t.shape[0], dim, dtype=torch.float64)
    out[:, :half] = torch.sin(args)
    out[:, half:2 * half] = torch.cos(args)
    return out
