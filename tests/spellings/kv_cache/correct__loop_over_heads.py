import math

import torch
import torch.nn as nn
import torch.nn.functional as F


class CausalSelfAttention(nn.Module):
    def __init__(self, d_model, num_heads):
        super().__init__()
        self.d_model = d_model
        self.num_heads = num_heads
        self.qkv = nn.Linear(d_model, 3 * d_model)
        self.out_proj = nn.Linear(d_model, d_model)

    def forward(self, x, past_kv=None):
        B, T, D = x.shape
        hd = D // self.num_heads
        W, bias = self.qkv.weight, self.qkv.bias
        q_all = F.linear(x, W[:D], bias[:D])
        k_all = F.linear(x, W[D:2 * D], bias[D:2 * D])
        v_all = F.linear(x, W[2 * D:], bias[2 * D:])
        past = 0 if past_kv is None else past_kv[0].shape[2]
        keys, values, outs = [], [], []
        for h in range(self.num_heads):
            sl = slice(h * hd, (h + 1) * hd)
            qh, kh, vh = q_all[..., sl], k_all[..., sl], v_all[..., sl]
            if past_kv is not None:
                kh = torch.cat([past_kv[0][:, h], kh], dim=1)
                vh = torch.cat([past_kv[1][:, h], vh], dim=1)
            keys.append(kh)
            values.append(vh)
            s = torch.bmm(qh, kh.transpose(1, 2)) / math.sqrt(hd)  # (B, T, past + T)
            rows = torch.arange(T).unsqueeze(1) + past
            cols = torch.arange(past + T).unsqueeze(0)
            s = torch.where(cols > rows, torch.full_like(s, float("-inf")), s)
            outs.append(torch.bmm(torch.softmax(s, dim=2), vh))
        y = self.out_proj(torch.cat(outs, dim=-1))
        return y, (torch.stack(keys, dim=1), torch.stack(values, dim=1))
