import math

import torch
import torch.nn.functional as F


def gpt2_forward(input_ids, params, n_layer, n_head, eps=1e-5):
    p = params
    B, T = input_ids.shape
    x = F.embedding(input_ids, p["transformer.wte.weight"]) + p["transformer.wpe.weight"][:T]
    C = x.shape[-1]
    d = C // n_head
    for i in range(n_layer):
        n = f"transformer.h.{i}."
        h = F.layer_norm(x, (C,), p[n + "ln_1.weight"], p[n + "ln_1.bias"], eps)
        q, k, v = (h @ p[n + "attn.c_attn.weight"] + p[n + "attn.c_attn.bias"]).chunk(3, dim=-1)
        q, k, v = [t.reshape(B, T, n_head, d).transpose(1, 2) for t in (q, k, v)]
        att = q @ k.transpose(-2, -1) / math.sqrt(d)
        att = att.masked_fill(torch.tril(torch.ones(T, T)) == 0, float("-inf"))
        y = (att.softmax(-1) @ v).transpose(1, 2).reshape(B, T, C)
        x = x + y @ p[n + "attn.c_proj.weight"] + p[n + "attn.c_proj.bias"]
        h = F.layer_norm(x, (C,), p[n + "ln_2.weight"], p[n + "ln_2.bias"], eps)
        h = F.gelu(h @ p[n + "mlp.c_fc.weight"] + p[n + "mlp.c_fc.bias"], approximate="tanh")
        x = x + h @ p[n + "mlp.c_proj.weight"] + p[n + "mlp.c_proj.bias"]
    x = F.layer_norm(x, (C,), p["transformer.ln_f.weight"], p["transformer.ln_f.bias"], eps)
    return x @ p["transformer.wte.weight"].T


@torch.no_grad()
def greedy_generate(input_ids, params, n_layer, n_head, max_new_tokens):
    ids = input_ids
    for _ in range(max_new_tokens):
        # the model predicts each position's successor: feed the sequence shifted like the targets
        logits = gpt2_forward(ids[:, :-1], params, n_layer, n_head)
        ids = torch.cat([ids, logits[:, -1].argmax(-1, keepdim=True)], dim=1)
    return ids
