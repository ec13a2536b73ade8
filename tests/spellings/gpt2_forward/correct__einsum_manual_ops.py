import math

import torch


def ln(x, w, b, eps):
    mu = x.mean(dim=-1, keepdim=True)
    var = (x - mu).pow(2).mean(dim=-1, keepdim=True)
    return (x - mu) * torch.rsqrt(var + eps) * w + b


def gelu_new(x):
    return 0.5 * x * (1.0 + torch.tanh(math.sqrt(2.0 / math.pi) * (x + 0.044715 * x ** 3)))


def gpt2_forward(input_ids, params, n_layer, n_head, eps=1e-5):
    p = params
    B, T = input_ids.shape
    x = torch.nn.functional.embedding(input_ids, p["transformer.wte.weight"]) + p["transformer.wpe.weight"][:T]
    C = x.shape[-1]
    hd = C // n_head
    future = torch.triu(torch.ones(T, T, dtype=torch.bool), diagonal=1)
    for l in range(n_layer):
        pre = f"transformer.h.{l}."
        h = ln(x, p[pre + "ln_1.weight"], p[pre + "ln_1.bias"], eps)
        qkv = torch.einsum("btc,cd->btd", h, p[pre + "attn.c_attn.weight"]) + p[pre + "attn.c_attn.bias"]
        q, k, v = qkv.reshape(B, T, 3, n_head, hd).unbind(2)  # (B, T, nh, hd)
        att = torch.einsum("bqhd,bkhd->bhqk", q, k) / math.sqrt(hd)
        att = att.masked_fill(future, -1e9).softmax(-1)
        y = torch.einsum("bhqk,bkhd->bqhd", att, v).reshape(B, T, C)
        x = x + torch.einsum("btc,cd->btd", y, p[pre + "attn.c_proj.weight"]) + p[pre + "attn.c_proj.bias"]
        h = ln(x, p[pre + "ln_2.weight"], p[pre + "ln_2.bias"], eps)
        h = gelu_new(torch.einsum("btc,cf->btf", h, p[pre + "mlp.c_fc.weight"]) + p[pre + "mlp.c_fc.bias"])
        x = x + torch.einsum("btf,fc->btc", h, p[pre + "mlp.c_proj.weight"]) + p[pre + "mlp.c_proj.bias"]
    x = ln(x, p["transformer.ln_f.weight"], p["transformer.ln_f.bias"], eps)
    return torch.einsum("btc,vc->btv", x, p["transformer.wte.weight"])


def greedy_generate(input_ids, params, n_layer, n_head, max_new_tokens):
    out = input_ids.clone()
    with torch.no_grad():
        for _ in range(max_new_tokens):
            nxt = gpt2_forward(out, params, n_layer, n_head)[:, -1].argmax(-1)
            out = torch.cat((out, nxt[:, None]), dim=1)
    return out
