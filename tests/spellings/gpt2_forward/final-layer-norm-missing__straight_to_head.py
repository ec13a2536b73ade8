import math

import torch
import torch.nn.functional as F


def gpt2_forward(input_ids, params, n_layer, n_head, eps=1e-5):
    wte = params["transformer.wte.weight"]
    B, T = input_ids.shape
    x = F.embedding(input_ids, wte) + params["transformer.wpe.weight"][:T]
    C = x.shape[-1]
    for i in range(n_layer):
        g = lambda n, i=i: params[f"transformer.h.{i}.{n}"]  # noqa: E731
        h = F.layer_norm(x, (C,), g("ln_1.weight"), g("ln_1.bias"), eps)
        q, k, v = (h @ g("attn.c_attn.weight") + g("attn.c_attn.bias")).chunk(3, -1)
        q = q.view(B, T, n_head, -1).transpose(1, 2)
        k = k.view(B, T, n_head, -1).transpose(1, 2)
        v = v.view(B, T, n_head, -1).transpose(1, 2)
        s = (q @ k.transpose(-1, -2)) / math.sqrt(q.size(-1))
        s = s.masked_fill(torch.ones(T, T, dtype=torch.bool).tril().logical_not(), float("-inf"))
        y = (s.softmax(-1) @ v).transpose(1, 2).reshape(B, T, C)
        x = x + y @ g("attn.c_proj.weight") + g("attn.c_proj.bias")
        h = F.layer_norm(x, (C,), g("ln_2.weight"), g("ln_2.bias"), eps)
        x = x + F.gelu(h @ g("mlp.c_fc.weight") + g("mlp.c_fc.bias"), approximate="tanh") @ g("mlp.c_proj.weight") \
            + g("mlp.c_proj.bias")
    return x @ wte.T


def greedy_generate(input_ids, params, n_layer, n_head, max_new_tokens):
    ids = input_ids
    for _ in range(max_new_tokens):
        logits = gpt2_forward(ids, params, n_layer, n_head)
        ids = torch.cat((ids, logits[:, -1].argmax(dim=-1, keepdim=True)), dim=1)
    return ids
