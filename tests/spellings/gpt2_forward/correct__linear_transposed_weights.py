import math

import torch
import torch.nn.functional as F


def _proj(x, w, b):
    # Conv1D stores [in, out]; F.linear wants [out, in]
    return F.linear(x, w.t(), b)


def _block(x, p, prefix, n_head, eps):
    B, T, C = x.shape
    h = F.layer_norm(x, (C,), p[prefix + "ln_1.weight"], p[prefix + "ln_1.bias"], eps)
    q, k, v = _proj(h, p[prefix + "attn.c_attn.weight"], p[prefix + "attn.c_attn.bias"]).split(C, dim=2)
    q, k, v = (t.view(B, T, n_head, C // n_head).transpose(1, 2) for t in (q, k, v))
    w = q @ k.transpose(-1, -2) * (1.0 / math.sqrt(k.size(-1)))
    w = w.masked_fill(torch.tril(torch.ones(T, T)) == 0, float("-inf"))
    y = (F.softmax(w, dim=-1) @ v).transpose(1, 2).contiguous().view(B, T, C)
    x = x + _proj(y, p[prefix + "attn.c_proj.weight"], p[prefix + "attn.c_proj.bias"])
    h = F.layer_norm(x, (C,), p[prefix + "ln_2.weight"], p[prefix + "ln_2.bias"], eps)
    h = F.gelu(_proj(h, p[prefix + "mlp.c_fc.weight"], p[prefix + "mlp.c_fc.bias"]), approximate="tanh")
    return x + _proj(h, p[prefix + "mlp.c_proj.weight"], p[prefix + "mlp.c_proj.bias"])


def gpt2_forward(input_ids, params, n_layer, n_head, eps=1e-5):
    T = input_ids.size(1)
    wte, wpe = params["transformer.wte.weight"], params["transformer.wpe.weight"]
    x = F.embedding(input_ids, wte) + F.embedding(torch.arange(T), wpe)
    for i in range(n_layer):
        x = _block(x, params, f"transformer.h.{i}.", n_head, eps)
    x = F.layer_norm(x, (x.size(-1),), params["transformer.ln_f.weight"], params["transformer.ln_f.bias"], eps)
    return F.linear(x, wte)


def greedy_generate(input_ids, params, n_layer, n_head, max_new_tokens):
    ids = input_ids
    with torch.no_grad():
        while ids.size(1) < input_ids.size(1) + max_new_tokens:
            logits = gpt2_forward(ids, params, n_layer, n_head)
            ids = torch.cat([ids, torch.argmax(logits[:, -1, :], dim=-1, keepdim=True)], dim=1)
    return ids
