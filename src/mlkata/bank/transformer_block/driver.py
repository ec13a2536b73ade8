"""Builds the implementation's TransformerBlock, copies the case's weights into it and runs it.

Runs in the sandbox; holds no answers. Every weight and input comes from the case (float32 arrays);
the module's own random initialisation is overwritten before it is called.
"""

import torch

LAYERS = ("qkv", "out_proj", "linear1", "linear2", "norm1", "norm2")


def _build(impl, d_model, num_heads, d_ff, norm_first, activation, weights):
    module = impl.TransformerBlock(d_model, num_heads, d_ff, norm_first=norm_first, activation=activation)
    with torch.no_grad():
        for name in LAYERS:
            layer = getattr(module, name, None)
            for part in ("weight", "bias"):
                value = torch.from_numpy(weights[f"{name}.{part}"])
                param = getattr(layer, part, None)
                if not isinstance(param, torch.Tensor):
                    raise AttributeError(f"TransformerBlock has no `self.{name}.{part}`: the checks copy "
                                         f"weights into self.{name} (see the statement for its layer)")
                if tuple(param.shape) != tuple(value.shape):
                    raise ValueError(f"self.{name}.{part} has shape {tuple(param.shape)}, "
                                     f"expected {tuple(value.shape)}")
                param.copy_(value)
    return module.eval()


def _mask(key_padding_mask):
    return None if key_padding_mask is None else torch.from_numpy(key_padding_mask)


def forward(impl, d_model, num_heads, d_ff, norm_first, activation, weights, x,
            key_padding_mask=None, is_causal=False):
    """The block's output for x."""
    module = _build(impl, d_model, num_heads, d_ff, norm_first, activation, weights)
    with torch.no_grad():
        return module(torch.from_numpy(x), key_padding_mask=_mask(key_padding_mask), is_causal=is_causal)


def backward(impl, d_model, num_heads, d_ff, norm_first, activation, weights, x, grad_output,
             key_padding_mask=None, is_causal=False):
    """The output, and the gradients of sum(output * grad_output) w.r.t. x and every layer's parameters."""
    module = _build(impl, d_model, num_heads, d_ff, norm_first, activation, weights)
    x = torch.from_numpy(x).requires_grad_(True)
    out = module(x, key_padding_mask=_mask(key_padding_mask), is_causal=is_causal)
    (out * torch.from_numpy(grad_output)).sum().backward()
    grads = {"x": x.grad}
    for name in LAYERS:
        for part in ("weight", "bias"):
            param = getattr(getattr(module, name), part)
            grads[f"{name}.{part}"] = torch.zeros_like(param) if param.grad is None else param.grad
    return {"output": out.detach(), "grad": grads}
