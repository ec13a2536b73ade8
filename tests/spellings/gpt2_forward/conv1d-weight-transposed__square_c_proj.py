import math

import torch
import torch.nn.functional as F


def gpt2_forward(input_ids, params, n_layer, n_head, eps=1e-5):
    p = params
    B, T = input_ids.shape
    x = p["transformer.wte.weight"][input_ids] + p["transformer.wpe.weight"][torch.arange(T)]
    C = x.size(-1)
    causal = torch.tril(torch.ones(T, T, dtype=torch.bool))
    for layer in range(n_layer):
        n = f"transformer.h.{layer}."
        h = F.layer_norm(x, (C,), p[n + "ln_1.weight"], p[n + "ln_1.bias"], eps)
        qkv = h @ p[n + "attn.c_attn.weight"] + p[n + "attn.c_attn.bias"]
        q, k, v = [t.reshape(B, T, n_head, C // n_head).permute(0, 2, 1, 3) for t in qkv.split(C, -1)]
        s = torch.matmul(q, k.transpose(-1, -2)) / math.sqrt(C // n_head)
        s = s.masked_fill(~causal, float("-inf"))
        y = torch.matmul(torch.softmax(s, -1), v).permute(0, 2, 1, 3).reshape(B, T, C)
        # output projection: a square [C, C] matrix, used like nn.Linear
        x = x + F.linear(y, p[n + "attn.c_proj.weight"], p[n + "attn.c_proj.bias"])
        h = F.layer_norm(x, (C,), p[n + "ln_2.weight"], p[n + "ln_2.bias"], eps)
        h = F.gelu(h @ p[n + "mlp.c_fc.weight"] + p[n + "mlp.c_fc.bias"], approximate="tanh")
        x = x + h @ p[n + "mlp.c_proj.weight"] + p[n + "mlp.c_proj.bias"]
    x = F.layer_norm(x, (C,), p["transformer.ln_f.weight"], p["transformer.ln_f.bias"], eps)
    return x @ p["transformer.wte.weight"].t()


@torch.no_grad()
def greedy_generate(input_ids, params, n_layer, n_head, max_new_tokens):
    seq = input_ids
    for _ in range(max_new_tokens):
        logits = gpt2_forward(seq, params, n_layer, n_head)
        seq = torch.cat([seq, logits[:, -1, :].argmax(dim=-1).unsqueeze(1)], dim=1)
    return seq
