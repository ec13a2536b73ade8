import math

import torch
import torch.nn.functional as F


def gpt2_forward(input_ids, params, n_layer, n_head, eps=1e-5):
    p = params
    B, T = input_ids.shape
    x = p["transformer.wte.weight"][input_ids] + p["transformer.wpe.weight"][:T]
    C = x.shape[-1]
    d = C // n_head
    mask = torch.ones(T, T, dtype=torch.bool).tril()
    for i in range(n_layer):
        n = f"transformer.h.{i}."
        q, k, v = (x @ p[n + "attn.c_attn.weight"] + p[n + "attn.c_attn.bias"]).split(C, -1)
        q, k, v = (t.view(B, T, n_head, d).transpose(1, 2) for t in (q, k, v))
        a = (q @ k.transpose(-2, -1) / math.sqrt(d)).masked_fill(~mask, float("-inf")).softmax(-1)
        y = (a @ v).transpose(1, 2).reshape(B, T, C) @ p[n + "attn.c_proj.weight"] + p[n + "attn.c_proj.bias"]
        x = F.layer_norm(x + y, (C,), p[n + "ln_1.weight"], p[n + "ln_1.bias"], eps)
        m = F.gelu(x @ p[n + "mlp.c_fc.weight"] + p[n + "mlp.c_fc.bias"], approximate="tanh")
        m = m @ p[n + "mlp.c_proj.weight"] + p[n + "mlp.c_proj.bias"]
        x = F.layer_norm(x + m, (C,), p[n + "ln_2.weight"], p[n + "ln_2.bias"], eps)
    x = F.layer_norm(x, (C,), p["transformer.ln_f.weight"], p["transformer.ln_f.bias"], eps)
    return x @ p["transformer.wte.weight"].T


@torch.no_grad()
def greedy_generate(input_ids, params, n_layer, n_head, max_new_tokens):
    ids = input_ids
    for _ in range(max_new_tokens):
        ids = torch.cat([ids, gpt2_forward(ids, params, n_layer, n_head)[:, -1].argmax(-1, keepdim=True)], 1)
    return ids
