"""Wraps an nn.Linear built from the case's weights in the implementation's LoRALinear and runs it:
its state at initialisation, a forward or backward with the case's A and B, and sequences of
merge/unmerge calls.

Runs in the sandbox; holds no answers. Weights and inputs are float32 arrays from the case.
"""

import torch
import torch.nn as nn


def _base(weight, bias):
    out_features, in_features = weight.shape
    base = nn.Linear(in_features, out_features, bias=bias is not None)
    with torch.no_grad():
        base.weight.copy_(torch.from_numpy(weight))
        if bias is not None:
            base.bias.copy_(torch.from_numpy(bias))
    return base


def _param(module, name: str, shape):
    p = getattr(module, name, None)
    if not isinstance(p, nn.Parameter):
        raise AttributeError(f"LoRALinear needs an nn.Parameter `self.{name}` of shape {tuple(shape)}")
    if tuple(p.shape) != tuple(shape):
        raise ValueError(f"self.{name} has shape {tuple(p.shape)}, expected {tuple(shape)}")
    return p


def _build(impl, r, alpha, weight, bias, A=None, B=None):
    module = impl.LoRALinear(_base(weight, bias), r, alpha)
    if A is not None:
        with torch.no_grad():
            _param(module, "lora_A", A.shape).copy_(torch.from_numpy(A))
            _param(module, "lora_B", B.shape).copy_(torch.from_numpy(B))
    return module


def init_state(impl, r, alpha, weight, bias):
    """What a fresh layer looks like: shapes, B zero, A random within its bound, the scaling."""
    out_features, in_features = weight.shape
    torch.manual_seed(0)
    module = _build(impl, r, alpha, weight, bias)
    A = _param(module, "lora_A", (r, in_features)).detach()
    B = _param(module, "lora_B", (out_features, r)).detach()
    bound = 1.0 / in_features ** 0.5
    return {
        "lora_B is all zero": bool((B == 0).all()),
        "lora_A has distinct entries": bool(A.unique().numel() > 1),
        "lora_A within 1/sqrt(in_features)": bool((A.abs() <= bound * (1 + 1e-6)).all()),
        "scaling": float(module.scaling),
    }


def init_forward(impl, r, alpha, weight, bias, x):
    """A fresh layer's output."""
    torch.manual_seed(0)
    module = _build(impl, r, alpha, weight, bias)
    with torch.no_grad():
        return module(torch.from_numpy(x))


def trainable(impl, r, alpha, weight, bias):
    """The names of the parameters that would train, sorted."""
    module = _build(impl, r, alpha, weight, bias)
    return sorted(name for name, p in module.named_parameters() if p.requires_grad)


def forward(impl, r, alpha, weight, bias, A, B, x):
    module = _build(impl, r, alpha, weight, bias, A, B)
    with torch.no_grad():
        return module(torch.from_numpy(x))


def backward(impl, r, alpha, weight, bias, A, B, x, grad_output):
    """The output, and the gradients of sum(output * grad_output) w.r.t. x, lora_A and lora_B."""
    module = _build(impl, r, alpha, weight, bias, A, B)
    x = torch.from_numpy(x).requires_grad_(True)
    out = module(x)
    (out * torch.from_numpy(grad_output)).sum().backward()
    return {"output": out.detach(), "grad": {"x": x.grad, "lora_A": module.lora_A.grad, "lora_B": module.lora_B.grad}}


def steps(impl, r, alpha, weight, bias, A, B, x, ops):
    """After each call in ops ("merge" / "unmerge"): base.weight and the output for x."""
    module = _build(impl, r, alpha, weight, bias, A, B)
    weights, outputs = [], []
    for op in ops:
        getattr(module, op)()
        weights.append(module.base.weight.detach().clone())
        with torch.no_grad():
            outputs.append(module(torch.from_numpy(x)))
    return {"base.weight": weights, "output": outputs}
