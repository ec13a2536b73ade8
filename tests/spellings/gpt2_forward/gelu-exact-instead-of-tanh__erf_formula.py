import math

import torch


def layernorm(x, g, b, eps):
    m = x.mean(-1, keepdim=True)
    v = x.var(-1, keepdim=True, unbiased=False)
    return g * (x - m) / torch.sqrt(v + eps) + b


def gelu(x):
    return x * 0.5 * (1.0 + torch.erf(x / math.sqrt(2.0)))


def gpt2_forward(input_ids, params, n_layer, n_head, eps=1e-5):
    P = params
    B, T = input_ids.shape
    h = P["transformer.wte.weight"][input_ids] + P["transformer.wpe.weight"][:T]
    C = h.shape[-1]
    hs = C // n_head
    allowed = torch.tril(torch.ones(T, T)).bool()
    for l in range(n_layer):
        k_ = lambda s, l=l: P[f"transformer.h.{l}.{s}"]  # noqa: E731
        a = layernorm(h, k_("ln_1.weight"), k_("ln_1.bias"), eps)
        qkv = a @ k_("attn.c_attn.weight") + k_("attn.c_attn.bias")
        q, k, v = qkv.view(B, T, 3, n_head, hs).permute(2, 0, 3, 1, 4)
        w = torch.einsum("bhid,bhjd->bhij", q, k) / hs ** 0.5
        w = torch.where(allowed, w, float("-inf")).softmax(-1)
        o = torch.einsum("bhij,bhjd->bihd", w, v).reshape(B, T, C)
        h = h + o @ k_("attn.c_proj.weight") + k_("attn.c_proj.bias")
        m = layernorm(h, k_("ln_2.weight"), k_("ln_2.bias"), eps)
        m = gelu(m @ k_("mlp.c_fc.weight") + k_("mlp.c_fc.bias"))
        h = h + m @ k_("mlp.c_proj.weight") + k_("mlp.c_proj.bias")
    h = layernorm(h, P["transformer.ln_f.weight"], P["transformer.ln_f.bias"], eps)
    return h @ P["transformer.wte.weight"].T


def greedy_generate(input_ids, params, n_layer, n_head, max_new_tokens):
    out = input_ids
    for _ in range(max_new_tokens):
        with torch.no_grad():
            logits = gpt2_forward(out, params, n_layer, n_head)
        out = torch.cat([out, logits[:, -1].argmax(-1)[:, None]], dim=-1)
    return out
