import math

import torch
import torch.nn.functional as F


def _ln(x, p, name, eps):
    return F.layer_norm(x, x.shape[-1:], p[f"{name}.weight"], p[f"{name}.bias"], eps)


def _fc(x, p, name):
    return x @ p[f"{name}.weight"] + p[f"{name}.bias"]


def gpt2_forward(input_ids, params, n_layer, n_head, eps=1e-5):
    B, T = input_ids.shape
    x = params["transformer.wte.weight"][input_ids] + params["transformer.wpe.weight"][:T]
    C = x.shape[-1]
    d = C // n_head
    for i in range(n_layer):
        b = f"transformer.h.{i}"
        q, k, v = _fc(_ln(x, params, f"{b}.ln_1", eps), params, f"{b}.attn.c_attn").split(C, -1)
        q, k, v = (t.view(B, T, n_head, d).transpose(1, 2) for t in (q, k, v))
        s = q @ k.transpose(-2, -1) / math.sqrt(d)
        s = s.masked_fill(torch.ones(T, T, dtype=torch.bool).triu(1), float("-inf"))
        y = (F.softmax(s, -1) @ v).transpose(1, 2).reshape(B, T, C)
        x = x + _fc(y, params, f"{b}.attn.c_proj")
        h = F.gelu(_fc(_ln(x, params, f"{b}.ln_2", eps), params, f"{b}.mlp.c_fc"))
        x = x + _fc(h, params, f"{b}.mlp.c_proj")
    x = _ln(x, params, "transformer.ln_f", eps)
    return x @ params["transformer.wte.weight"].T


def greedy_generate(input_ids, params, n_layer, n_head, max_new_tokens):
    ids = input_ids
    with torch.no_grad():
        for _ in range(max_new_tokens):
            nxt = gpt2_forward(ids, params, n_layer, n_head)[:, -1, :].argmax(-1, keepdim=True)
            ids = torch.cat([ids, nxt], dim=1)
    return ids
