import torch
import torch.nn.functional as F


def _heads(qkv, C, n_head, T):
    d = C // n_head
    out = []
    for h in range(n_head):
        q = qkv[:, :, h * d:(h + 1) * d]
        k = qkv[:, :, C + h * d:C + (h + 1) * d]
        v = qkv[:, :, 2 * C + h * d:2 * C + (h + 1) * d]
        w = torch.bmm(q, k.transpose(1, 2))
        w = w.masked_fill(torch.triu(torch.ones(T, T, dtype=torch.bool), diagonal=1), float("-inf"))
        out.append(torch.bmm(F.softmax(w, dim=-1), v))
    return torch.cat(out, dim=-1)


def gpt2_forward(input_ids, params, n_layer, n_head, eps=1e-5):
    T = input_ids.shape[1]
    wte = params["transformer.wte.weight"]
    x = wte[input_ids] + params["transformer.wpe.weight"][:T]
    C = wte.shape[1]
    for i in range(n_layer):
        pre = f"transformer.h.{i}."
        h = F.layer_norm(x, (C,), params[pre + "ln_1.weight"], params[pre + "ln_1.bias"], eps)
        y = _heads(h @ params[pre + "attn.c_attn.weight"] + params[pre + "attn.c_attn.bias"], C, n_head, T)
        x = x + y @ params[pre + "attn.c_proj.weight"] + params[pre + "attn.c_proj.bias"]
        h = F.layer_norm(x, (C,), params[pre + "ln_2.weight"], params[pre + "ln_2.bias"], eps)
        h = F.gelu(h @ params[pre + "mlp.c_fc.weight"] + params[pre + "mlp.c_fc.bias"], approximate="tanh")
        x = x + h @ params[pre + "mlp.c_proj.weight"] + params[pre + "mlp.c_proj.bias"]
    x = F.layer_norm(x, (C,), params["transformer.ln_f.weight"], params["transformer.ln_f.bias"], eps)
    return x @ wte.T


def greedy_generate(input_ids, params, n_layer, n_head, max_new_tokens):
    seq = input_ids
    for _ in range(max_new_tokens):
        with torch.no_grad():
            last = gpt2_forward(seq, params, n_layer, n_head)[:, -1]
        seq = torch.cat([seq, last.argmax(dim=-1, keepdim=True)], dim=1)
    return seq
