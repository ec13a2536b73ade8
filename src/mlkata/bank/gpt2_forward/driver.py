"""Builds a GPT-2 state dict from the case's arrays and calls the implementation.

Runs in the sandbox; holds no answers. A "tied with key" case puts `lm_head.weight` in the dict as
the very tensor of `transformer.wte.weight`, as a tied GPT2LMHeadModel's state_dict() does, so
using either name gives the same values and the same gradients.
"""

import torch

HEAD = "lm_head.weight"
WTE = "transformer.wte.weight"


def _params(weights, with_lm_head, requires_grad=False):
    params = {name: torch.from_numpy(value).requires_grad_(requires_grad) for name, value in weights.items()}
    if with_lm_head:
        params[HEAD] = params[WTE]
    return params


def forward(impl, input_ids, weights, n_layer, n_head, with_lm_head, eps=None):
    """The logits for input_ids (eps passed only when the case sets it)."""
    params = _params(weights, with_lm_head)
    extra = {} if eps is None else {"eps": eps}
    with torch.no_grad():
        return impl.gpt2_forward(torch.from_numpy(input_ids), params, n_layer, n_head, **extra)


def backward(impl, input_ids, weights, n_layer, n_head, with_lm_head, grad_output):
    """The logits, and the gradients of sum(logits * grad_output) w.r.t. every tensor of the state dict."""
    params = _params(weights, with_lm_head, requires_grad=True)
    logits = impl.gpt2_forward(torch.from_numpy(input_ids), params, n_layer, n_head)
    (logits * torch.from_numpy(grad_output)).sum().backward()
    grads = {name: torch.zeros_like(params[name]) if params[name].grad is None else params[name].grad
             for name in weights}
    return {"logits": logits.detach(), "grad": grads}


def generate(impl, input_ids, weights, n_layer, n_head, with_lm_head, max_new_tokens):
    """The greedy continuation, prompt included."""
    params = _params(weights, with_lm_head)
    with torch.no_grad():
        return impl.greedy_generate(torch.from_numpy(input_ids), params, n_layer, n_head, max_new_tokens)
