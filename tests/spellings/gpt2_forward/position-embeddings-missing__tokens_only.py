import math

import torch
import torch.nn.functional as F


def gpt2_forward(input_ids, params, n_layer, n_head, eps=1e-5):
    wte = params["transformer.wte.weight"]
    x = F.embedding(input_ids, wte)
    B, T, C = x.shape
    d = C // n_head
    mask = torch.ones(T, T, dtype=torch.bool).tril()
    for i in range(n_layer):
        pfx = "transformer.h." + str(i) + "."
        h = F.layer_norm(x, (C,), params[pfx + "ln_1.weight"], params[pfx + "ln_1.bias"], eps)
        qkv = h @ params[pfx + "attn.c_attn.weight"] + params[pfx + "attn.c_attn.bias"]
        q, k, v = qkv[..., :C], qkv[..., C:2 * C], qkv[..., 2 * C:]
        q = q.reshape(B, T, n_head, d).transpose(1, 2)
        k = k.reshape(B, T, n_head, d).transpose(1, 2)
        v = v.reshape(B, T, n_head, d).transpose(1, 2)
        att = torch.softmax((q @ k.transpose(-2, -1) / math.sqrt(d)).masked_fill(~mask, float("-inf")), dim=-1)
        x = x + (att @ v).transpose(1, 2).reshape(B, T, C) @ params[pfx + "attn.c_proj.weight"] \
            + params[pfx + "attn.c_proj.bias"]
        h = F.layer_norm(x, (C,), params[pfx + "ln_2.weight"], params[pfx + "ln_2.bias"], eps)
        h = F.gelu(h @ params[pfx + "mlp.c_fc.weight"] + params[pfx + "mlp.c_fc.bias"], approximate="tanh")
        x = x + h @ params[pfx + "mlp.c_proj.weight"] + params[pfx + "mlp.c_proj.bias"]
    x = F.layer_norm(x, (C,), params["transformer.ln_f.weight"], params["transformer.ln_f.bias"], eps)
    return x @ wte.T


def greedy_generate(input_ids, params, n_layer, n_head, max_new_tokens):
    ids = input_ids
    with torch.no_grad():
        for _ in range(max_new_tokens):
            ids = torch.cat([ids, gpt2_forward(ids, params, n_layer, n_head)[:, -1].argmax(-1, keepdim=True)], 1)
    return ids
