import torch


def linear_beta_schedule(T: int, beta_start: float = 1e-4, beta_end: float = 0.02) -> torch.Tensor:
    """float64 [T]: T betas evenly spaced from beta_start to beta_end (torch.linspace)."""
    raise NotImplementedError


def cosine_beta_schedule(T: int, s: float = 0.008, max_beta: float = 0.999) -> torch.Tensor:
    """float64 [T]: beta_t = min(1 - abar((t + 1) / T) / abar(t / T), max_beta),
    abar(u) = cos((u + s) / (1 + s) * pi / 2) ** 2."""
    raise NotImplementedError


def q_sample(x0: torch.Tensor, t: torch.Tensor, noise: torch.Tensor, alphas_cumprod: torch.Tensor) -> torch.Tensor:
    """x0 [B, ...], t int64 [B] (0-based), noise like x0, alphas_cumprod float64 [T].
    return: x_t like x0, sqrt(abar_t) * x0 + sqrt(1 - abar_t) * noise per example."""
    raise NotImplementedError


def ddpm_loss(eps_model, x0: torch.Tensor, t: torch.Tensor, noise: torch.Tensor,
              alphas_cumprod: torch.Tensor) -> torch.Tensor:
    """Scalar: mean over all elements of (noise - eps_model(x_t, t)) ** 2, x_t from q_sample."""
    raise NotImplementedError


def p_sample_step(eps_pred: torch.Tensor, x_t: torch.Tensor, t: int, betas: torch.Tensor,
                  noise: torch.Tensor, variance: str = "beta") -> torch.Tensor:
    """One reverse step x_t -> x_{t-1}, [B, ...].
    mean = (x_t - beta_t / sqrt(1 - abar_t) * eps_pred) / sqrt(alpha_t); add sigma_t * noise unless t == 0,
    sigma_t ** 2 = beta_t ("beta") or beta_t * (1 - abar_{t-1}) / (1 - abar_t) ("posterior")."""
    raise NotImplementedError


def timestep_embedding(t: torch.Tensor, dim: int, max_period: float = 10000) -> torch.Tensor:
    """[B, dim]: cat(sin(t * f), cos(t * f)), f_i = exp(-ln(max_period) * i / (half - 1)), half = dim // 2;
    odd dim: a zero column last."""
    raise NotImplementedError
