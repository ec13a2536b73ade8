import torch
from torch import nn


class TransformerBlock(nn.Module):
    def __init__(self, d_model, num_heads, d_ff, norm_first=True, activation="relu"):
        super().__init__()
        self.heads = num_heads
        self.norm_first = norm_first
        self.qkv = nn.Linear(d_model, 3 * d_model)
        self.out_proj = nn.Linear(d_model, d_model)
        self.linear1 = nn.Linear(d_model, d_ff)
        self.linear2 = nn.Linear(d_ff, d_model)
        self.norm1 = nn.LayerNorm(d_model)
        self.norm2 = nn.LayerNorm(d_model)
        acts = {"relu": nn.ReLU(), "gelu": nn.GELU(approximate="tanh")}
        self.activation = acts[activation]

    def _mha(self, x, pad, causal):
        b, t, c = x.shape
        hd = c // self.heads
        q, k, v = self.qkv(x).reshape(b, t, 3, self.heads, hd).permute(2, 0, 3, 1, 4).unbind(0)
        s = torch.einsum("bhid,bhjd->bhij", q, k) / hd ** 0.5
        keep = torch.ones(b, 1, t, t, dtype=torch.bool)
        if pad is not None:
            keep = keep & pad[:, None, None, :]
        if causal:
            keep = keep & (torch.arange(t)[:, None] >= torch.arange(t)[None, :])
        p = torch.softmax(s.masked_fill(~keep, float("-inf")), -1)
        p = torch.where(keep.any(-1, keepdim=True), p, 0.0)
        return self.out_proj(torch.einsum("bhij,bhjd->bihd", p, v).reshape(b, t, c))

    def forward(self, x, key_padding_mask=None, is_causal=False):
        ffn = lambda z: self.linear2(self.activation(self.linear1(z)))  # noqa: E731
        if self.norm_first:
            x = x + self._mha(self.norm1(x), key_padding_mask, is_causal)
            return x + ffn(self.norm2(x))
        x = self.norm1(x + self._mha(x, key_padding_mask, is_causal))
        return self.norm2(x + ffn(x))
