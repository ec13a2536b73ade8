import torch
import torch.nn as nn
import torch.nn.functional as F


class TransformerBlock(nn.Module):
    def __init__(self, d_model, num_heads, d_ff, norm_first=True, activation="relu"):
        super().__init__()
        self.num_heads = num_heads
        self.norm_first = norm_first
        self.activation = activation
        self.qkv = nn.Linear(d_model, 3 * d_model)
        self.out_proj = nn.Linear(d_model, d_model)
        self.linear1 = nn.Linear(d_model, d_ff)
        self.linear2 = nn.Linear(d_ff, d_model)
        self.norm1 = nn.LayerNorm(d_model)
        self.norm2 = nn.LayerNorm(d_model)

    def attention(self, x, key_padding_mask, is_causal):
        B, L, D = x.shape
        H = self.num_heads
        q, k, v = self.qkv(x).reshape(B, L, 3, H, D // H).unbind(2)
        scores = torch.einsum("blhd,bmhd->bhlm", q, k)
        ok = torch.ones(B, 1, L, L, dtype=torch.bool)
        if key_padding_mask is not None:
            ok = ok & key_padding_mask[:, None, None, :]
        if is_causal:
            ok = ok & torch.ones(L, L, dtype=torch.bool).tril()
        w = F.softmax(scores.masked_fill(~ok, float("-inf")), dim=-1)
        w = w.masked_fill(~ok.any(-1, keepdim=True), 0.0)
        return self.out_proj(torch.einsum("bhlm,bmhd->blhd", w, v).reshape(B, L, D))

    def ffn(self, x):
        h = self.linear1(x)
        return self.linear2(F.gelu(h) if self.activation == "gelu" else F.relu(h))

    def forward(self, x, key_padding_mask=None, is_causal=False):
        if self.norm_first:
            x = x + self.attention(self.norm1(x), key_padding_mask, is_causal)
            return x + self.ffn(self.norm2(x))
        x = self.norm1(x + self.attention(x, key_padding_mask, is_causal))
        return self.norm2(x + self.ffn(x))
