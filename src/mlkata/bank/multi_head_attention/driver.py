"""Builds the implementation's MultiHeadSelfAttention, copies the case's weights into it and runs it.

Runs in the sandbox; holds no answers. Every weight and input comes from the case (float32 arrays);
the module's own random initialisation is overwritten before it is called.
"""

import torch


def _linear(module, name: str, weight, bias) -> None:
    layer = getattr(module, name, None)
    shape = tuple(weight.shape)
    expected = f"self.{name} = nn.Linear({shape[1]}, {shape[0]}, bias={bias is not None})"
    if layer is None or not isinstance(getattr(layer, "weight", None), torch.Tensor):
        raise AttributeError(f"MultiHeadSelfAttention has no linear layer `{name}`: the checks need {expected}")
    if tuple(layer.weight.shape) != shape:
        raise ValueError(f"self.{name}.weight has shape {tuple(layer.weight.shape)}, expected {shape} ({expected})")
    if (layer.bias is None) != (bias is None):
        raise ValueError(f"self.{name} {'lacks' if bias is not None else 'has'} a bias; expected {expected}")
    layer.weight.copy_(torch.from_numpy(weight))
    if bias is not None:
        layer.bias.copy_(torch.from_numpy(bias))


def _build(impl, d_model, num_heads, bias, qkv_weight, qkv_bias, out_weight, out_bias):
    module = impl.MultiHeadSelfAttention(d_model, num_heads, bias=bias)
    with torch.no_grad():
        _linear(module, "qkv", qkv_weight, qkv_bias)
        _linear(module, "out_proj", out_weight, out_bias)
    return module.eval()


def _masks(attn_mask, key_padding_mask):
    return (None if attn_mask is None else torch.from_numpy(attn_mask),
            None if key_padding_mask is None else torch.from_numpy(key_padding_mask))


def forward(impl, d_model, num_heads, bias, weights, x, attn_mask=None, key_padding_mask=None, is_causal=False):
    """The module's output for x."""
    module = _build(impl, d_model, num_heads, bias, **weights)
    attn_mask, key_padding_mask = _masks(attn_mask, key_padding_mask)
    with torch.no_grad():
        return module(torch.from_numpy(x), attn_mask=attn_mask, key_padding_mask=key_padding_mask,
                      is_causal=is_causal)


def backward(impl, d_model, num_heads, bias, weights, x, grad_output, attn_mask=None, key_padding_mask=None,
             is_causal=False):
    """The output, and the gradients of sum(output * grad_output) w.r.t. x and every weight."""
    module = _build(impl, d_model, num_heads, bias, **weights)
    attn_mask, key_padding_mask = _masks(attn_mask, key_padding_mask)
    x = torch.from_numpy(x).requires_grad_(True)
    out = module(x, attn_mask=attn_mask, key_padding_mask=key_padding_mask, is_causal=is_causal)
    (out * torch.from_numpy(grad_output)).sum().backward()
    grads = {"x": x.grad, "qkv.weight": module.qkv.weight.grad, "out_proj.weight": module.out_proj.weight.grad}
    if bias:
        grads["qkv.bias"] = module.qkv.bias.grad
        grads["out_proj.bias"] = module.out_proj.bias.grad
    return {"output": out.detach(), "grad": grads}
