import math

import torch
import torch.nn.functional as F


def _layer_norm(x, params, name, eps):
    return F.layer_norm(x, x.shape[-1:], params[f"{name}.weight"], params[f"{name}.bias"], eps)


def _conv1d(x, params, name):
    """HF's Conv1D is a linear layer whose weight is stored [in, out]: y = x @ W + b."""
    return x @ params[f"{name}.weight"] + params[f"{name}.bias"]


def _attention(x, params, name, n_head):
    B, T, C = x.shape
    d = C // n_head
    q, k, v = _conv1d(x, params, f"{name}.c_attn").split(C, dim=-1)  # (B, T, C) each
    q = q.view(B, T, n_head, d).transpose(1, 2)  # (B, nh, T, d)
    k = k.view(B, T, n_head, d).transpose(1, 2)  # (B, nh, T, d)
    v = v.view(B, T, n_head, d).transpose(1, 2)  # (B, nh, T, d)
    scores = (q @ k.transpose(-2, -1)) / math.sqrt(d)  # (B, nh, T, T)
    causal = torch.ones(T, T, dtype=torch.bool, device=x.device).tril()
    scores = scores.masked_fill(~causal, float("-inf"))
    y = F.softmax(scores, dim=-1) @ v  # (B, nh, T, d)
    y = y.transpose(1, 2).contiguous().view(B, T, C)  # (B, T, C)
    return _conv1d(y, params, f"{name}.c_proj")


def _mlp(x, params, name):
    h = _conv1d(x, params, f"{name}.c_fc")  # (B, T, 4C)
    h = F.gelu(h, approximate="tanh")  # GPT-2's "gelu_new"
    return _conv1d(h, params, f"{name}.c_proj")  # (B, T, C)


def gpt2_forward(input_ids: torch.Tensor, params: dict[str, torch.Tensor], n_layer: int, n_head: int,
                 eps: float = 1e-5) -> torch.Tensor:
    """input_ids int64 (B, T) -> logits (B, T, vocab), from a GPT2LMHeadModel state dict (HF names)."""
    B, T = input_ids.shape
    wte = params["transformer.wte.weight"]  # (V, C)
    positions = torch.arange(T, device=input_ids.device)  # (T,)
    x = wte[input_ids] + params["transformer.wpe.weight"][positions]  # (B, T, C)
    for i in range(n_layer):
        block = f"transformer.h.{i}"
        x = x + _attention(_layer_norm(x, params, f"{block}.ln_1", eps), params, f"{block}.attn", n_head)
        x = x + _mlp(_layer_norm(x, params, f"{block}.ln_2", eps), params, f"{block}.mlp")
    x = _layer_norm(x, params, "transformer.ln_f", eps)
    return x @ wte.T  # the head is tied to the token embedding: (B, T, V)


@torch.no_grad()
def greedy_generate(input_ids: torch.Tensor, params: dict[str, torch.Tensor], n_layer: int, n_head: int,
                    max_new_tokens: int) -> torch.Tensor:
    """Appends the most likely next token max_new_tokens times: (B, T) -> (B, T + max_new_tokens)."""
    ids = input_ids
    for _ in range(max_new_tokens):
        logits = gpt2_forward(ids, params, n_layer, n_head)  # (B, T', V)
        next_id = logits[:, -1, :].argmax(dim=-1, keepdim=True)  # (B, 1)
        ids = torch.cat([ids, next_id], dim=1)
    return ids
