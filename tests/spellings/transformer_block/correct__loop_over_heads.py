import torch
import torch.nn as nn
import torch.nn.functional as F


class TransformerBlock(nn.Module):
    def __init__(self, d_model, num_heads, d_ff, norm_first=True, activation="relu"):
        super().__init__()
        self.d_model = d_model
        self.num_heads = num_heads
        self.norm_first = norm_first
        self.activation = activation
        self.qkv = nn.Linear(d_model, 3 * d_model)
        self.out_proj = nn.Linear(d_model, d_model)
        self.linear1 = nn.Linear(d_model, d_ff)
        self.linear2 = nn.Linear(d_ff, d_model)
        self.norm1 = nn.LayerNorm(d_model)
        self.norm2 = nn.LayerNorm(d_model)

    def self_attention(self, x, key_padding_mask, is_causal):
        B, L, D = x.shape
        dk = D // self.num_heads
        q, k, v = torch.chunk(self.qkv(x), 3, dim=-1)
        visible = torch.ones(B, L, L, dtype=torch.bool)
        if key_padding_mask is not None:
            visible = visible & key_padding_mask.unsqueeze(1)
        if is_causal:
            visible = visible & torch.tril(torch.ones(L, L, dtype=torch.bool))
        heads = []
        for h in range(self.num_heads):
            sl = slice(h * dk, (h + 1) * dk)
            s = torch.bmm(q[..., sl], k[..., sl].transpose(1, 2)) * dk ** -0.5  # (B, L, L)
            s = s.masked_fill(~visible, -1e9)
            w = F.softmax(s, dim=-1) * visible.any(-1, keepdim=True)
            heads.append(torch.bmm(w, v[..., sl]))
        return self.out_proj(torch.cat(heads, dim=-1))

    def feed_forward(self, x):
        h = self.linear1(x)
        h = F.gelu(h, approximate="none") if self.activation == "gelu" else h.clamp(min=0)
        return self.linear2(h)

    def forward(self, x, key_padding_mask=None, is_causal=False):
        if not self.norm_first:
            y = self.norm1(x + self.self_attention(x, key_padding_mask, is_causal))
            return self.norm2(y + self.feed_forward(y))
        y = x + self.self_attention(self.norm1(x), key_padding_mask, is_causal)
        return y + self.feed_forward(self.norm2(y))
