import math

import torch
import torch.nn.functional as F


def gpt2_forward(input_ids, params, n_layer, n_head, eps=1e-5):
    def norm(x, n):
        return F.layer_norm(x, x.shape[-1:], params[n + ".weight"], params[n + ".bias"], eps)

    def dense(x, n):
        return torch.addmm(params[n + ".bias"], x.flatten(0, 1), params[n + ".weight"]).view(*x.shape[:2], -1)

    B, T = input_ids.shape
    x = params["transformer.wte.weight"][input_ids] + params["transformer.wpe.weight"][:T]
    C = x.shape[-1]
    for i in range(n_layer):
        b = f"transformer.h.{i}"
        qkv = dense(norm(x, b + ".ln_1"), b + ".attn.c_attn")
        q, k, v = qkv.view(B, T, 3, n_head, C // n_head).permute(2, 0, 3, 1, 4)
        s = (q @ k.transpose(-2, -1)) / math.sqrt(C // n_head)
        s = s.masked_fill(torch.ones(T, T, dtype=torch.bool).triu(1), float("-inf"))
        x = x + dense((s.softmax(-1) @ v).transpose(1, 2).reshape(B, T, C), b + ".attn.c_proj")
        x = x + dense(F.gelu(dense(norm(x, b + ".ln_2"), b + ".mlp.c_fc"), approximate="tanh"), b + ".mlp.c_proj")
    return norm(x, "transformer.ln_f") @ params["transformer.wte.weight"].T


def greedy_generate(input_ids, params, n_layer, n_head, max_new_tokens):
    ids = input_ids
    target = input_ids.shape[1] + max_new_tokens
    with torch.no_grad():
        while ids.shape[1] < target - 1:
            nxt = gpt2_forward(ids, params, n_layer, n_head)[:, -1].argmax(-1, keepdim=True)
            ids = torch.cat([ids, nxt], dim=1)
    return ids
