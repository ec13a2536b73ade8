import math

import torch
import torch.nn.functional as F


def _residual(x, fn, g, b, eps):
    # Add & Norm, as in "Attention is all you need"
    return F.layer_norm(x + fn(x), x.shape[-1:], g, b, eps)


def gpt2_forward(input_ids, params, n_layer, n_head, eps=1e-5):
    W = params
    B, T = input_ids.shape
    x = F.embedding(input_ids, W["transformer.wte.weight"]) + W["transformer.wpe.weight"][:T]
    C = x.shape[-1]

    def attn(z, pre):
        qkv = z @ W[pre + "c_attn.weight"] + W[pre + "c_attn.bias"]
        q, k, v = qkv.view(B, T, 3, n_head, C // n_head).permute(2, 0, 3, 1, 4)
        s = q @ k.transpose(-1, -2) / math.sqrt(C // n_head)
        s = s + torch.full((T, T), float("-inf")).triu(1)
        y = (s.softmax(-1) @ v).transpose(1, 2).reshape(B, T, C)
        return y @ W[pre + "c_proj.weight"] + W[pre + "c_proj.bias"]

    def mlp(z, pre):
        h = F.gelu(z @ W[pre + "c_fc.weight"] + W[pre + "c_fc.bias"], approximate="tanh")
        return h @ W[pre + "c_proj.weight"] + W[pre + "c_proj.bias"]

    for i in range(n_layer):
        pre = f"transformer.h.{i}."
        x = _residual(x, lambda z, pre=pre: attn(z, pre + "attn."), W[pre + "ln_1.weight"], W[pre + "ln_1.bias"], eps)
        x = _residual(x, lambda z, pre=pre: mlp(z, pre + "mlp."), W[pre + "ln_2.weight"], W[pre + "ln_2.bias"], eps)
    x = F.layer_norm(x, (C,), W["transformer.ln_f.weight"], W["transformer.ln_f.bias"], eps)
    return x @ W["transformer.wte.weight"].T


def greedy_generate(input_ids, params, n_layer, n_head, max_new_tokens):
    ids = input_ids
    with torch.no_grad():
        for _ in range(max_new_tokens):
            ids = torch.cat([ids, gpt2_forward(ids, params, n_layer, n_head)[:, -1].argmax(-1)[:, None]], dim=1)
    return ids
