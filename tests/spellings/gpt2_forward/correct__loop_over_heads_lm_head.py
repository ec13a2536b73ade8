import math

import torch
from torch.nn import functional as F


def gpt2_forward(input_ids, params, n_layer, n_head, eps=1e-5):
    wte = params["transformer.wte.weight"]
    head = params.get("lm_head.weight", wte)  # the same tensor when present
    B, T = input_ids.shape
    C = wte.shape[1]
    d = C // n_head
    pos = torch.arange(T)
    x = wte[input_ids] + params["transformer.wpe.weight"][pos][None]
    mask = pos[None, :] <= pos[:, None]  # (T, T): key j visible to query i
    for layer in range(n_layer):
        g = lambda name, layer=layer: params[f"transformer.h.{layer}.{name}"]  # noqa: E731
        a = F.layer_norm(x, (C,), g("ln_1.weight"), g("ln_1.bias"), eps)
        qkv = a @ g("attn.c_attn.weight") + g("attn.c_attn.bias")
        heads = []
        for i in range(n_head):
            q = qkv[..., i * d:(i + 1) * d]
            k = qkv[..., C + i * d:C + (i + 1) * d]
            v = qkv[..., 2 * C + i * d:2 * C + (i + 1) * d]
            s = (q @ k.transpose(1, 2)) / math.sqrt(d)
            s = torch.where(mask, s, torch.tensor(float("-inf")))
            heads.append(torch.softmax(s, -1) @ v)
        x = x + torch.cat(heads, -1) @ g("attn.c_proj.weight") + g("attn.c_proj.bias")
        m = F.layer_norm(x, (C,), g("ln_2.weight"), g("ln_2.bias"), eps)
        m = F.gelu(m @ g("mlp.c_fc.weight") + g("mlp.c_fc.bias"), approximate="tanh")
        x = x + m @ g("mlp.c_proj.weight") + g("mlp.c_proj.bias")
    x = F.layer_norm(x, (C,), params["transformer.ln_f.weight"], params["transformer.ln_f.bias"], eps)
    return F.linear(x, head)


@torch.inference_mode()
def greedy_generate(input_ids, params, n_layer, n_head, max_new_tokens):
    B, T = input_ids.shape
    out = torch.empty(B, T + max_new_tokens, dtype=torch.long)
    out[:, :T] = input_ids
    for t in range(T, T + max_new_tokens):
        out[:, t] = gpt2_forward(out[:, :t], params, n_layer, n_head)[:, -1].argmax(-1)
    return out
