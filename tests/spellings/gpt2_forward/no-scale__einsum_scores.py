import torch
import torch.nn.functional as F


def gpt2_forward(input_ids, params, n_layer, n_head, eps=1e-5):
    P = params
    B, T = input_ids.shape
    x = P["transformer.wte.weight"][input_ids] + P["transformer.wpe.weight"][:T]
    C = x.shape[-1]
    keep = torch.ones(T, T, dtype=torch.bool).tril()
    for i in range(n_layer):
        g = lambda s, i=i: P[f"transformer.h.{i}.{s}"]  # noqa: E731
        h = F.layer_norm(x, (C,), g("ln_1.weight"), g("ln_1.bias"), eps)
        qkv = h @ g("attn.c_attn.weight") + g("attn.c_attn.bias")
        q, k, v = qkv.view(B, T, 3, n_head, C // n_head).unbind(2)
        s = torch.einsum("bihd,bjhd->bhij", q, k)
        a = s.masked_fill(~keep, float("-inf")).softmax(-1)
        y = torch.einsum("bhij,bjhd->bihd", a, v).reshape(B, T, C)
        x = x + y @ g("attn.c_proj.weight") + g("attn.c_proj.bias")
        h = F.layer_norm(x, (C,), g("ln_2.weight"), g("ln_2.bias"), eps)
        x = x + F.gelu(h @ g("mlp.c_fc.weight") + g("mlp.c_fc.bias"), approximate="tanh") @ g("mlp.c_proj.weight") \
            + g("mlp.c_proj.bias")
    x = F.layer_norm(x, (C,), P["transformer.ln_f.weight"], P["transformer.ln_f.bias"], eps)
    return x @ P["transformer.wte.weight"].T


def greedy_generate(input_ids, params, n_layer, n_head, max_new_tokens):
    ids = input_ids
    with torch.no_grad():
        for _ in range(max_new_tokens):
            ids = torch.cat([ids, gpt2_forward(ids, params, n_layer, n_head)[:, -1].argmax(-1, keepdim=True)], 1)
    return ids
