import math

import torch
import torch.nn.functional as F


def gpt2_forward(input_ids, params, n_layer, n_head, eps=1e-5):
    B, T = input_ids.shape
    x = params["transformer.wte.weight"][input_ids] + params["transformer.wpe.weight"][:T]
    C = x.shape[-1]
    for i in range(n_layer):
        pre = f"transformer.h.{i}."
        h = F.layer_norm(x, (C,), params[pre + "ln_1.weight"], params[pre + "ln_1.bias"], eps)
        q, k, v = (h @ params[pre + "attn.c_attn.weight"] + params[pre + "attn.c_attn.bias"]).split(C, -1)
        q = q.view(B, T, n_head, -1).transpose(1, 2)
        k = k.view(B, T, n_head, -1).transpose(1, 2)
        v = v.view(B, T, n_head, -1).transpose(1, 2)
        s = q @ k.transpose(-2, -1) / math.sqrt(C // n_head)
        s = s.masked_fill(~torch.ones(T, T, dtype=torch.bool).tril(), float("-inf"))
        y = (s.softmax(-1) @ v).transpose(1, 2).reshape(B, T, C)
        x = x + y @ params[pre + "attn.c_proj.weight"] + params[pre + "attn.c_proj.bias"]
        h = F.layer_norm(x, (C,), params[pre + "ln_2.weight"], params[pre + "ln_2.bias"], eps)
        h = F.gelu(h @ params[pre + "mlp.c_fc.weight"] + params[pre + "mlp.c_fc.bias"], approximate="tanh")
        x = x + h @ params[pre + "mlp.c_proj.weight"] + params[pre + "mlp.c_proj.bias"]
    x = F.layer_norm(x, (C,), params["transformer.ln_f.weight"], params["transformer.ln_f.bias"], eps)
    return F.linear(x, params["lm_head.weight"])


def greedy_generate(input_ids, params, n_layer, n_head, max_new_tokens):
    ids = input_ids
    with torch.no_grad():
        for _ in range(max_new_tokens):
            ids = torch.cat([ids, gpt2_forward(ids, params, n_layer, n_head)[:, -1].argmax(-1, keepdim=True)], 1)
    return ids
