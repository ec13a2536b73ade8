"""Calls the implementation's reparameterize, gaussian_kl and vae_loss on the case's arrays, forward and
backward. Runs in the sandbox; holds no answers.

Gradients come from torch.autograd.grad with allow_unused=True: an input the result does not depend on
(or a result with no graph at all) gets a gradient of zeros, so a detached computation shows as wrong
values rather than as an error.
"""

import torch


def _t(a, grad: bool = False):
    return torch.from_numpy(a).clone().requires_grad_(grad)


def _grads(out, inputs: dict, weight) -> dict:
    """The gradients of sum(out * weight) with respect to each input (zeros where there is none)."""
    leaves = list(inputs.values())
    if out.requires_grad:
        found = torch.autograd.grad((out * weight).sum(), leaves, allow_unused=True)
    else:
        found = [None] * len(leaves)
    return {name: torch.zeros_like(x) if g is None else g for (name, x), g in zip(inputs.items(), found)}


def reparameterize(impl, mu, logvar, eps):
    with torch.no_grad():
        return impl.reparameterize(_t(mu), _t(logvar), _t(eps))


def reparameterize_backward(impl, mu, logvar, eps, grad_output):
    """z, and the gradients of sum(z * grad_output) with respect to mu and logvar."""
    inputs = {"mu": _t(mu, True), "logvar": _t(logvar, True)}
    z = impl.reparameterize(inputs["mu"], inputs["logvar"], _t(eps))
    return {"z": z.detach(), "grad": _grads(z, inputs, _t(grad_output))}


def kl(impl, mu, logvar):
    with torch.no_grad():
        return impl.gaussian_kl(_t(mu), _t(logvar))


def kl_backward(impl, mu, logvar, grad_output):
    """The KL, and the gradients of sum(kl * grad_output) with respect to mu and logvar."""
    inputs = {"mu": _t(mu, True), "logvar": _t(logvar, True)}
    out = impl.gaussian_kl(inputs["mu"], inputs["logvar"])
    return {"kl": out.detach(), "grad": _grads(out, inputs, _t(grad_output))}


def loss(impl, x, x_logits, mu, logvar):
    with torch.no_grad():
        return impl.vae_loss(_t(x), _t(x_logits), _t(mu), _t(logvar))


def loss_backward(impl, x, x_logits, mu, logvar):
    """The loss, and its gradients with respect to x_logits, mu and logvar."""
    inputs = {"x_logits": _t(x_logits, True), "mu": _t(mu, True), "logvar": _t(logvar, True)}
    out = impl.vae_loss(_t(x), inputs["x_logits"], inputs["mu"], inputs["logvar"])
    return {"loss": out.detach(), "grad": _grads(out, inputs, torch.ones_like(out))}
