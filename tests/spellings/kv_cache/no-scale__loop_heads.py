import torch
import torch.nn as nn
import torch.nn.functional as F


class CausalSelfAttention(nn.Module):
    def __init__(self, d_model, num_heads):
        super().__init__()
        self.num_heads = num_heads
        self.qkv = nn.Linear(d_model, 3 * d_model)
        self.out_proj = nn.Linear(d_model, d_model)

    def forward(self, x, past_kv=None):
        B, T, D = x.shape
        hd = D // self.num_heads
        q, k, v = self.qkv(x).split(D, dim=-1)
        ks, vs, ys = [], [], []
        P = 0 if past_kv is None else past_kv[0].shape[2]
        mask = torch.ones(T, P + T, dtype=torch.bool).tril(P)
        for h in range(self.num_heads):
            qh = q[..., h * hd:(h + 1) * hd]
            kh = k[..., h * hd:(h + 1) * hd]
            vh = v[..., h * hd:(h + 1) * hd]
            if past_kv is not None:
                kh = torch.cat([past_kv[0][:, h], kh], dim=1)
                vh = torch.cat([past_kv[1][:, h], vh], dim=1)
            a = qh @ kh.transpose(1, 2)
            a = a.masked_fill(~mask, float("-inf"))
            ys.append(F.softmax(a, dim=-1) @ vh)
            ks.append(kh)
            vs.append(vh)
        return self.out_proj(torch.cat(ys, -1)), (torch.stack(ks, 1), torch.stack(vs, 1))
