import math

import torch
import torch.nn.functional as F


def linear_beta_schedule(T, beta_start=1e-4, beta_end=0.02):
    return torch.linspace(beta_start, beta_end, T, dtype=torch.float64)


def cosine_beta_schedule(T, s=0.008, max_beta=0.999):
    x = torch.linspace(0, T, T + 1, dtype=torch.float64)
    ac = torch.cos(((x / T) + s) / (1 + s) * math.pi * 0.5) ** 2
    ac = ac / ac[0]
    betas = 1 - (ac[1:] / ac[:-1])
    return torch.clip(betas, 0, max_beta)


def extract(a, t, shape):
    out = a.gather(0, t)
    return out.reshape(t.shape[0], *((1,) * (len(shape) - 1)))


def q_sample(x0, t, noise, alphas_cumprod):
    sqrt_ac = extract(torch.sqrt(alphas_cumprod), t, x0.shape).to(x0.dtype)
    sqrt_omac = extract(torch.sqrt(1.0 - alphas_cumprod), t, x0.shape).to(x0.dtype)
    return sqrt_ac * x0 + sqrt_omac * noise


def ddpm_loss(eps_model, x0, t, noise, alphas_cumprod):
    x_noisy = q_sample(x0, t, noise, alphas_cumprod)
    return F.mse_loss(eps_model(x_noisy, t), noise, reduction="mean")


def _tables(betas):
    alphas = 1.0 - betas
    alphas_cumprod = torch.cumprod(alphas, dim=0)
    alphas_cumprod_prev = F.pad(alphas_cumprod[:-1], (1, 0), value=1.0)
    posterior_variance = betas * (1.0 - alphas_cumprod) / (1.0 - alphas_cumprod_prev)
    return alphas, alphas_cumprod, posterior_variance


def p_sample_step(eps_pred, x_t, t, betas, noise, variance="beta"):
    alphas, alphas_cumprod, posterior_variance = _tables(betas)
    sqrt_recip_alpha = float(1.0 / torch.sqrt(alphas[t]))
    eps_coef = float(betas[t] / torch.sqrt(1.0 - alphas_cumprod[t]))
    model_mean = sqrt_recip_alpha * (x_t - eps_coef * eps_pred)
    if t > 0:
        var = betas[t] if variance == "beta" else posterior_variance[t]
        model_mean = model_mean + float(torch.sqrt(var)) * noise
    return model_mean


def timestep_embedding(t, dim, max_period=10000):
    half = dim // 2
    exponent = torch.arange(half, dtype=torch.float64) / (half - 1)
    freqs = float(max_period) ** (-exponent)
    args = t[:, None].double() * freqs[None, :]
    emb = torch.cat((args.sin(), args.cos()), dim=-1)
    if dim % 2:
        emb = F.pad(emb, (0, 1, 0, 0))
    return emb.to(torch.float32)
