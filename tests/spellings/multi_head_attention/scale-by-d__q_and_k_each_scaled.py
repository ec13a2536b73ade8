import torch
import torch.nn as nn


class MultiHeadSelfAttention(nn.Module):
    def __init__(self, d_model, num_heads, bias=True):
        super().__init__()
        self.H = num_heads
        self.qkv = nn.Linear(d_model, 3 * d_model, bias=bias)
        self.out_proj = nn.Linear(d_model, d_model, bias=bias)

    def forward(self, x, attn_mask=None, key_padding_mask=None, is_causal=False):
        B, L, D = x.shape
        H, dk = self.H, D // self.H
        proj = self.qkv(x).view(B, L, 3, H, dk).permute(2, 0, 3, 1, 4)  # (3, B, H, L, dk)
        q = proj[0].reshape(B * H, L, dk) / dk ** 0.5
        k = proj[1].reshape(B * H, L, dk) / dk ** 0.5
        v = proj[2].reshape(B * H, L, dk)
        s = torch.bmm(q, k.transpose(1, 2))  # (B*H, L, L)

        allow = torch.ones(B, L, L, dtype=torch.bool, device=x.device)
        if attn_mask is not None:
            allow = allow & attn_mask
        if key_padding_mask is not None:
            allow = allow & key_padding_mask[:, None, :]
        if is_causal:
            i = torch.arange(L, device=x.device)
            allow = allow & (i[None, :] <= i[:, None])
        allow = allow.repeat_interleave(H, dim=0)  # (B*H, L, L), batch-major like q

        # softmax over the visible keys, by hand
        s = s.masked_fill(~allow, float("-inf"))
        m = s.amax(dim=-1, keepdim=True).clamp_min(-1e30)  # an empty row has max -inf
        e = torch.exp(s - m)
        z = e.sum(dim=-1, keepdim=True)
        p = e / z.clamp_min(1e-30)  # empty row: 0 / tiny = 0
        o = torch.bmm(p, v)  # (B*H, L, dk)
        o = o.view(B, H, L, dk).transpose(1, 2).reshape(B, L, D)
        return self.out_proj(o)
