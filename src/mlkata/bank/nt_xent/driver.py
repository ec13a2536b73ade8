"""Calls the implementation's nt_xent_loss on the case's arrays, forward and backward.
Runs in the sandbox; holds no answers.

The gradients come from torch.autograd.grad with allow_unused=True: an input the loss does not depend
on (or a loss with no graph) gets zeros, so it shows as wrong values rather than as an error.
"""

import torch


def _t(a, grad: bool = False):
    return torch.from_numpy(a).clone().requires_grad_(grad)


def loss(impl, z1, z2, temperature=None):
    with torch.no_grad():
        if temperature is None:
            return impl.nt_xent_loss(_t(z1), _t(z2))
        return impl.nt_xent_loss(_t(z1), _t(z2), temperature=temperature)


def loss_backward(impl, z1, z2, temperature):
    """The loss and its gradients with respect to z1 and z2."""
    a, b = _t(z1, True), _t(z2, True)
    out = impl.nt_xent_loss(a, b, temperature=temperature)
    if out.requires_grad:
        found = torch.autograd.grad(out, [a, b], allow_unused=True)
    else:
        found = (None, None)
    grads = [torch.zeros_like(x) if g is None else g for x, g in zip((a, b), found)]
    return {"loss": out.detach(), "grad": {"z1": grads[0], "z2": grads[1]}}
