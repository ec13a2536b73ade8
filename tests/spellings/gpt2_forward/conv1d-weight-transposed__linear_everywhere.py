import math

import torch
import torch.nn.functional as F


def gpt2_forward(input_ids, params, n_layer, n_head, eps=1e-5):
    def lin(x, name):
        return F.linear(x, params[name + ".weight"], params[name + ".bias"])

    def norm(x, name):
        return F.layer_norm(x, x.shape[-1:], params[name + ".weight"], params[name + ".bias"], eps)

    B, T = input_ids.shape
    wte = params["transformer.wte.weight"]
    x = wte[input_ids] + params["transformer.wpe.weight"][:T]
    C = x.shape[-1]
    for i in range(n_layer):
        pre = f"transformer.h.{i}"
        q, k, v = lin(norm(x, pre + ".ln_1"), pre + ".attn.c_attn").split(C, dim=-1)
        q = q.view(B, T, n_head, -1).transpose(1, 2)
        k = k.view(B, T, n_head, -1).transpose(1, 2)
        v = v.view(B, T, n_head, -1).transpose(1, 2)
        att = q @ k.transpose(-2, -1) / math.sqrt(q.shape[-1])
        att = att.masked_fill(torch.ones(T, T).tril() == 0, float("-inf")).softmax(-1)
        y = (att @ v).transpose(1, 2).reshape(B, T, C)
        x = x + lin(y, pre + ".attn.c_proj")
        h = F.gelu(lin(norm(x, pre + ".ln_2"), pre + ".mlp.c_fc"), approximate="tanh")
        x = x + lin(h, pre + ".mlp.c_proj")
    return norm(x, "transformer.ln_f") @ wte.T


def greedy_generate(input_ids, params, n_layer, n_head, max_new_tokens):
    ids = input_ids
    for _ in range(max_new_tokens):
        ids = torch.cat([ids, gpt2_forward(ids, params, n_layer, n_head)[:, -1].argmax(-1, keepdim=True)], 1)
    return ids
