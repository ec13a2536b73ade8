"""Builds the implementation's CausalSelfAttention, copies the case's weights into it and runs it:
a plain forward, a sequence fed in chunks that chain the returned cache, or one call with a given past.

Runs in the sandbox; holds no answers. Weights and inputs are float32 arrays from the case.
"""

import torch


def _linear(module, name: str, weight, bias) -> None:
    layer = getattr(module, name, None)
    want = f"self.{name} = nn.Linear({weight.shape[1]}, {weight.shape[0]})"
    if layer is None or not isinstance(getattr(layer, "weight", None), torch.Tensor):
        raise AttributeError(f"CausalSelfAttention has no linear layer `{name}`: the checks need {want}")
    if tuple(layer.weight.shape) != tuple(weight.shape) or layer.bias is None:
        raise ValueError(f"self.{name} does not match {want} (with a bias)")
    layer.weight.copy_(torch.from_numpy(weight))
    layer.bias.copy_(torch.from_numpy(bias))


def _build(impl, d_model, num_heads, weights):
    module = impl.CausalSelfAttention(d_model, num_heads)
    with torch.no_grad():
        _linear(module, "qkv", weights["qkv_weight"], weights["qkv_bias"])
        _linear(module, "out_proj", weights["out_weight"], weights["out_bias"])
    return module.eval()


def _cache(present):
    k, v = present
    return {"k": k.detach(), "v": v.detach()}


def forward(impl, d_model, num_heads, weights, x):
    """The output of one call without a past."""
    module = _build(impl, d_model, num_heads, weights)
    with torch.no_grad():
        y, _ = module(torch.from_numpy(x))
    return y


def _run_chunks(module, x, chunks):
    """Feeds x (B, T, D) in consecutive chunks of the given lengths, each call given the last cache."""
    outputs, past, start = [], None, 0
    for n in chunks:
        y, past = module(x[:, start:start + n], past_kv=past)
        outputs.append(y)
        start += n
    return outputs, past


def chunks(impl, d_model, num_heads, weights, x, chunks):
    """Every call's output, concatenated along the sequence: (B, T, D)."""
    module = _build(impl, d_model, num_heads, weights)
    with torch.no_grad():
        outputs, _ = _run_chunks(module, torch.from_numpy(x), chunks)
    return torch.cat(outputs, dim=1)


def cache(impl, d_model, num_heads, weights, x, chunks):
    """The cache returned by the last call of a chunked run."""
    module = _build(impl, d_model, num_heads, weights)
    with torch.no_grad():
        _, present = _run_chunks(module, torch.from_numpy(x), chunks)
    return _cache(present)


def with_past(impl, d_model, num_heads, weights, x, past_k, past_v):
    """One call given a past (k, v) built by the checks."""
    module = _build(impl, d_model, num_heads, weights)
    with torch.no_grad():
        y, _ = module(torch.from_numpy(x), past_kv=(torch.from_numpy(past_k), torch.from_numpy(past_v)))
    return y


def backward(impl, d_model, num_heads, weights, x, grad_output, past_k=None, past_v=None):
    """The output, and the gradients of sum(y * grad_output) w.r.t. x, the past and every weight."""
    module = _build(impl, d_model, num_heads, weights)
    x = torch.from_numpy(x).requires_grad_(True)
    past = None
    if past_k is not None:
        past = (torch.from_numpy(past_k).requires_grad_(True), torch.from_numpy(past_v).requires_grad_(True))
    y, _ = module(x, past_kv=past)
    (y * torch.from_numpy(grad_output)).sum().backward()
    grads = {"x": x.grad, "qkv.weight": module.qkv.weight.grad, "qkv.bias": module.qkv.bias.grad,
             "out_proj.weight": module.out_proj.weight.grad, "out_proj.bias": module.out_proj.bias.grad}
    if past is not None:
        grads["past_k"], grads["past_v"] = past[0].grad, past[1].grad
    return {"output": y.detach(), "grad": grads}
