import torch
from torch import nn


class TransformerBlock(nn.Module):
    def __init__(self, d_model, num_heads, d_ff, norm_first=True, activation="relu"):
        super().__init__()
        self.heads = num_heads
        self.post_norm = norm_first  # wrong way round
        self.qkv = nn.Linear(d_model, 3 * d_model)
        self.out_proj = nn.Linear(d_model, d_model)
        self.linear1 = nn.Linear(d_model, d_ff)
        self.linear2 = nn.Linear(d_ff, d_model)
        self.norm1 = nn.LayerNorm(d_model)
        self.norm2 = nn.LayerNorm(d_model)
        self.act = nn.GELU() if activation == "gelu" else nn.ReLU()

    def _sa(self, x, kpm, causal):
        b, t, c = x.shape
        d = c // self.heads
        qkv = self.qkv(x).reshape(b, t, 3, self.heads, d).permute(2, 0, 3, 1, 4)
        q, k, v = qkv.unbind(0)
        w = torch.einsum("bhid,bhjd->bhij", q, k) / d ** 0.5
        allow = torch.ones(t, t, dtype=torch.bool)
        if causal:
            allow = torch.tril(allow)
        allow = allow.expand(b, 1, t, t)
        if kpm is not None:
            allow = allow & kpm[:, None, None]
        w = w.masked_fill(~allow, float("-inf")).softmax(-1)
        w = torch.nan_to_num(w)
        out = torch.einsum("bhij,bhjd->bihd", w, v).reshape(b, t, c)
        return self.out_proj(out)

    def forward(self, x, key_padding_mask=None, is_causal=False):
        if self.post_norm:
            x = self.norm1(x + self._sa(x, key_padding_mask, is_causal))
            x = self.norm2(x + self.linear2(self.act(self.linear1(x))))
        else:
            x = x + self._sa(self.norm1(x), key_padding_mask, is_causal)
            x = x + self.linear2(self.act(self.linear1(self.norm2(x))))
        return x
