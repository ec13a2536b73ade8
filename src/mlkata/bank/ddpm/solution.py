import math

import torch
import torch.nn.functional as F


def linear_beta_schedule(T: int, beta_start: float = 1e-4, beta_end: float = 0.02) -> torch.Tensor:
    """DDPM's linear schedule: T betas evenly spaced from beta_start to beta_end, float64 [T]."""
    return torch.linspace(beta_start, beta_end, T, dtype=torch.float64)


def cosine_beta_schedule(T: int, s: float = 0.008, max_beta: float = 0.999) -> torch.Tensor:
    """Nichol & Dhariwal's cosine schedule, float64 [T]: beta_t = 1 - abar(t + 1) / abar(t), clipped."""
    steps = torch.arange(T + 1, dtype=torch.float64) / T  # [T + 1], 0 .. 1
    f = torch.cos((steps + s) / (1 + s) * math.pi / 2) ** 2  # [T + 1], abar up to the factor f(0)
    betas = 1 - f[1:] / f[:-1]  # [T]; the last one is 1 up to rounding
    return betas.clamp(max=max_beta)


def _per_example(values: torch.Tensor, t: torch.Tensor, x: torch.Tensor) -> torch.Tensor:
    """values[t] shaped to broadcast against x: [B] -> [B, 1, ..., 1], in x's dtype."""
    out = values.to(x.device)[t].to(x.dtype)  # [B]
    return out.view(-1, *([1] * (x.dim() - 1)))  # [B, 1, ..., 1]


def q_sample(x0: torch.Tensor, t: torch.Tensor, noise: torch.Tensor, alphas_cumprod: torch.Tensor) -> torch.Tensor:
    """x_t = sqrt(abar_t) x0 + sqrt(1 - abar_t) noise, for every example's own t."""
    sqrt_abar = _per_example(alphas_cumprod.sqrt(), t, x0)  # [B, 1, ..., 1]
    sqrt_one_minus_abar = _per_example((1 - alphas_cumprod).sqrt(), t, x0)  # [B, 1, ..., 1]
    return sqrt_abar * x0 + sqrt_one_minus_abar * noise


def ddpm_loss(eps_model, x0: torch.Tensor, t: torch.Tensor, noise: torch.Tensor,
              alphas_cumprod: torch.Tensor) -> torch.Tensor:
    """The simple DDPM objective: the model predicts the noise that made x_t."""
    x_t = q_sample(x0, t, noise, alphas_cumprod)  # [B, ...]
    return F.mse_loss(eps_model(x_t, t), noise)


def p_sample_step(eps_pred: torch.Tensor, x_t: torch.Tensor, t: int, betas: torch.Tensor,
                  noise: torch.Tensor, variance: str = "beta") -> torch.Tensor:
    """One reverse step x_t -> x_{t-1} from the model's noise prediction."""
    alphas = 1 - betas  # [T]
    alphas_cumprod = torch.cumprod(alphas, dim=0)  # [T]
    beta_t = betas[t].item()
    abar_t = alphas_cumprod[t].item()
    abar_prev = alphas_cumprod[t - 1].item() if t > 0 else 1.0
    mean = (x_t - beta_t / math.sqrt(1 - abar_t) * eps_pred) / math.sqrt(alphas[t].item())
    if t == 0:
        return mean  # the last step returns the mean: no noise
    if variance == "beta":
        var = beta_t
    elif variance == "posterior":
        var = beta_t * (1 - abar_prev) / (1 - abar_t)
    else:
        raise ValueError(f"variance must be 'beta' or 'posterior', got {variance!r}")
    return mean + math.sqrt(var) * noise


def timestep_embedding(t: torch.Tensor, dim: int, max_period: float = 10000) -> torch.Tensor:
    """Sinusoidal embedding of the timesteps, float32 [B, dim]: all sines first, then all cosines."""
    half = dim // 2
    i = torch.arange(half, dtype=torch.float64, device=t.device)  # [half]
    freqs = torch.exp(-math.log(max_period) * i / (half - 1))  # [half], 1 down to 1 / max_period
    args = t.to(torch.float64)[:, None] * freqs[None, :]  # [B, half]
    emb = torch.cat([torch.sin(args), torch.cos(args)], dim=-1)  # [B, 2 * half]
    if dim % 2:
        emb = F.pad(emb, (0, 1))  # [B, dim]: a zero column last
    return emb.float()
