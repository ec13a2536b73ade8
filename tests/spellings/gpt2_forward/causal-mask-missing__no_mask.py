import math

import torch
import torch.nn.functional as F


def gpt2_forward(input_ids, params, n_layer, n_head, eps=1e-5):
    def ln(x, n):
        return F.layer_norm(x, x.shape[-1:], params[n + ".weight"], params[n + ".bias"], eps)

    def proj(x, n):
        return x @ params[n + ".weight"] + params[n + ".bias"]

    B, T = input_ids.shape
    x = params["transformer.wte.weight"][input_ids] + params["transformer.wpe.weight"][:T]
    C = x.shape[-1]
    for i in range(n_layer):
        b = f"transformer.h.{i}"
        q, k, v = proj(ln(x, b + ".ln_1"), b + ".attn.c_attn").split(C, dim=-1)
        q = q.view(B, T, n_head, -1).transpose(1, 2)
        k = k.view(B, T, n_head, -1).transpose(1, 2)
        v = v.view(B, T, n_head, -1).transpose(1, 2)
        att = F.softmax(q @ k.transpose(-2, -1) / math.sqrt(C // n_head), dim=-1)
        x = x + proj((att @ v).transpose(1, 2).reshape(B, T, C), b + ".attn.c_proj")
        x = x + proj(F.gelu(proj(ln(x, b + ".ln_2"), b + ".mlp.c_fc"), approximate="tanh"), b + ".mlp.c_proj")
    return ln(x, "transformer.ln_f") @ params["transformer.wte.weight"].T


def greedy_generate(input_ids, params, n_layer, n_head, max_new_tokens):
    ids = input_ids
    for _ in range(max_new_tokens):
        ids = torch.cat([ids, gpt2_forward(ids, params, n_layer, n_head)[:, -1].argmax(-1, keepdim=True)], dim=1)
    return ids
