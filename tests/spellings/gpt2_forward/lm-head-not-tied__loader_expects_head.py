import math

import torch
import torch.nn.functional as F


def load(params, n_layer):
    """Groups the state dict: embeddings, one dict per block, final norm and the output head."""
    blocks = []
    for i in range(n_layer):
        pre = f"transformer.h.{i}."
        blocks.append({k[len(pre):]: v for k, v in params.items() if k.startswith(pre)})
    return {
        "wte": params["transformer.wte.weight"], "wpe": params["transformer.wpe.weight"], "blocks": blocks,
        "ln_f": (params["transformer.ln_f.weight"], params["transformer.ln_f.bias"]),
        "head": params["lm_head.weight"],
    }


def gpt2_forward(input_ids, params, n_layer, n_head, eps=1e-5):
    m = load(params, n_layer)
    B, T = input_ids.shape
    x = m["wte"][input_ids] + m["wpe"][:T]
    C = x.shape[-1]
    d = C // n_head
    causal = torch.ones(T, T).tril().bool()
    for blk in m["blocks"]:
        h = F.layer_norm(x, (C,), blk["ln_1.weight"], blk["ln_1.bias"], eps)
        qkv = (h @ blk["attn.c_attn.weight"] + blk["attn.c_attn.bias"]).view(B, T, 3, n_head, d)
        q, k, v = qkv.permute(2, 0, 3, 1, 4)
        att = torch.einsum("bhqd,bhkd->bhqk", q, k) / math.sqrt(d)
        att = att.masked_fill(~causal, float("-inf")).softmax(dim=-1)
        y = torch.einsum("bhqk,bhkd->bqhd", att, v).reshape(B, T, C)
        x = x + y @ blk["attn.c_proj.weight"] + blk["attn.c_proj.bias"]
        h = F.layer_norm(x, (C,), blk["ln_2.weight"], blk["ln_2.bias"], eps)
        x = x + F.gelu(h @ blk["mlp.c_fc.weight"] + blk["mlp.c_fc.bias"], approximate="tanh") \
            @ blk["mlp.c_proj.weight"] + blk["mlp.c_proj.bias"]
    x = F.layer_norm(x, (C,), *m["ln_f"], eps)
    return x @ m["head"].T


def greedy_generate(input_ids, params, n_layer, n_head, max_new_tokens):
    ids = input_ids
    for _ in range(max_new_tokens):
        with torch.no_grad():
            nxt = gpt2_forward(ids, params, n_layer, n_head)[:, -1].argmax(-1)
        ids = torch.cat([ids, nxt.unsqueeze(1)], dim=1)
    return ids
