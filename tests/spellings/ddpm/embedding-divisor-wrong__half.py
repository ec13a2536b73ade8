import math

import torch


def linear_beta_schedule(T, beta_start=1e-4, beta_end=0.02):
    return torch.linspace(beta_start, beta_end, T, dtype=torch.float64)


def cosine_beta_schedule(T, s=0.008, max_beta=0.999):
    def alpha_bar(u):
        return math.cos((u + s) / (1 + s) * math.pi / 2) ** 2

    betas = []
    for i in range(T):
        betas.append(min(1 - alpha_bar((i + 1) / T) / alpha_bar(i / T), max_beta))
    return torch.tensor(betas, dtype=torch.float64)


def q_sample(x0, t, noise, alphas_cumprod):
    ab = alphas_cumprod.float()[t]
    while ab.dim() < x0.dim():
        ab = ab.unsqueeze(-1)
    return torch.sqrt(ab) * x0 + torch.sqrt(1.0 - ab) * noise


def ddpm_loss(eps_model, x0, t, noise, alphas_cumprod):
    xt = q_sample(x0, t, noise, alphas_cumprod)
    pred = eps_model(xt, t)
    return ((noise - pred) ** 2).mean()


def p_sample_step(eps_pred, x_t, t, betas, noise, variance="beta"):
    b = betas.float()
    a = 1.0 - b
    ab = torch.cumprod(a, 0)
    coef = b[t] / torch.sqrt(1.0 - ab[t])
    mean = (x_t - coef * eps_pred) / torch.sqrt(a[t])
    if t == 0:
        return mean
    if variance == "posterior":
        var = b[t] * (1.0 - ab[t - 1]) / (1.0 - ab[t])
    else:
        var = b[t]
    return mean + torch.sqrt(var) * noise


def timestep_embedding(t, dim, max_period=10000):
    half = dim // 2
    freqs = torch.exp(-math.log(max_period) * torch.arange(half, dtype=torch.float32) / half)
    args = t.float()[:, None] * freqs[None]
    emb = torch.cat([torch.sin(args), torch.cos(args)], dim=1)
    if dim % 2 == 1:
        emb = torch.cat([emb, torch.zeros(emb.shape[0], 1)], dim=1)
    return emb
