"""Calls the implementation's DDPM functions. Runs in the sandbox; holds no answers.

Arrays arrive as numpy and are handed over as fresh torch tensors of the same dtype. The noise model
for ddpm_loss is built here from the case's weights and records every input it is called with.
"""

import torch


def _tensor(x):
    return torch.tensor(x)  # a copy: the case's own array is never touched


class RecordingEpsModel(torch.nn.Module):
    """eps(x, t) = (x flattened @ W) reshaped + c * t: depends on x_t and t, records both."""

    def __init__(self, weight, scale):
        super().__init__()
        self.weight = torch.nn.Parameter(_tensor(weight))  # [F, F]
        self.scale = torch.nn.Parameter(_tensor(scale))  # [F]
        self.seen_x, self.seen_t = [], []

    def forward(self, x, t):
        self.seen_x.append(x.detach().to(torch.float64).clone())
        t = torch.as_tensor(t)
        self.seen_t.append(t.detach().to(torch.float64).clone())
        flat = x.reshape(x.shape[0], -1)  # [B, F]
        out = flat @ self.weight.to(flat.dtype) + self.scale.to(flat.dtype) * t.to(flat.dtype).reshape(-1, 1)
        return out.reshape(x.shape).to(torch.float32)


def linear(impl, T, beta_start=None, beta_end=None):
    if beta_start is None:
        return impl.linear_beta_schedule(T)
    return impl.linear_beta_schedule(T, beta_start, beta_end)


def cosine(impl, T, s=None, max_beta=None):
    kwargs = {k: v for k, v in (("s", s), ("max_beta", max_beta)) if v is not None}
    return impl.cosine_beta_schedule(T, **kwargs)


def q_sample(impl, x0, t, noise, alphas_cumprod):
    with torch.no_grad():
        return impl.q_sample(_tensor(x0), _tensor(t), _tensor(noise), _tensor(alphas_cumprod))


def q_sample_backward(impl, x0, t, noise, alphas_cumprod, grad_output):
    """Gradients of sum(x_t * grad_output) w.r.t. x0 and noise."""
    x0, noise = _tensor(x0).requires_grad_(True), _tensor(noise).requires_grad_(True)
    out = impl.q_sample(x0, _tensor(t), noise, _tensor(alphas_cumprod))
    (out * _tensor(grad_output)).sum().backward()
    return {"grad_x0": x0.grad, "grad_noise": noise.grad}


def loss(impl, x0, t, noise, alphas_cumprod, weight, scale):
    """The loss, what the model was called with, and the gradients of the loss w.r.t. its parameters."""
    model = RecordingEpsModel(weight, scale)
    value = impl.ddpm_loss(model, _tensor(x0), _tensor(t), _tensor(noise), _tensor(alphas_cumprod))
    value.backward()
    return {"loss": value.detach().reshape(()).double().item(), "model_calls": len(model.seen_x),
            "grad_weight": model.weight.grad, "grad_scale": model.scale.grad}


def loss_model_inputs(impl, x0, t, noise, alphas_cumprod, weight, scale):
    """The x_t and t that ddpm_loss handed to the noise model (float64 copies)."""
    model = RecordingEpsModel(weight, scale)
    with torch.no_grad():
        impl.ddpm_loss(model, _tensor(x0), _tensor(t), _tensor(noise), _tensor(alphas_cumprod))
    if len(model.seen_x) != 1:
        raise RuntimeError(f"ddpm_loss called eps_model {len(model.seen_x)} times, expected once")
    return {"x_t": model.seen_x[0], "t": model.seen_t[0]}


def _step(impl, eps_pred, x_t, t, betas, noise, variance):
    if variance is None:
        return impl.p_sample_step(eps_pred, x_t, t, betas, noise)
    return impl.p_sample_step(eps_pred, x_t, t, betas, noise, variance=variance)


def step(impl, eps_pred, x_t, t, betas, noise, variance=None):
    with torch.no_grad():
        return _step(impl, _tensor(eps_pred), _tensor(x_t), t, _tensor(betas), _tensor(noise), variance)


def step_noise_term(impl, eps_pred, x_t, t, betas, noise, variance=None):
    """The part of x_{t-1} that the noise adds: step(noise) - step(zeros)."""
    with torch.no_grad():
        args = _tensor(eps_pred), _tensor(x_t), t, _tensor(betas)
        noisy = _step(impl, *args, _tensor(noise), variance)
        plain = _step(impl, *args, torch.zeros_like(_tensor(noise)), variance)
    return noisy.double() - plain.double()


def step_backward(impl, eps_pred, x_t, t, betas, noise, grad_output, variance=None):
    """Gradients of sum(x_{t-1} * grad_output) w.r.t. eps_pred and x_t."""
    eps_pred, x_t = _tensor(eps_pred).requires_grad_(True), _tensor(x_t).requires_grad_(True)
    out = _step(impl, eps_pred, x_t, t, _tensor(betas), _tensor(noise), variance)
    (out * _tensor(grad_output)).sum().backward()
    return {"grad_eps_pred": eps_pred.grad, "grad_x_t": x_t.grad}


def embedding(impl, t, dim, max_period=None):
    with torch.no_grad():
        if max_period is None:
            return impl.timestep_embedding(_tensor(t), dim)
        return impl.timestep_embedding(_tensor(t), dim, max_period)
