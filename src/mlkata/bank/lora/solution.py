import math

import torch
import torch.nn as nn


class LoRALinear(nn.Module):
    """A frozen nn.Linear plus a trainable low-rank update: y = base(x) + scaling * x A^T B^T."""

    def __init__(self, base: nn.Linear, r: int, alpha: float):
        super().__init__()
        self.base = base
        for p in self.base.parameters():
            p.requires_grad_(False)  # weight and bias: only the adapter trains
        self.r = r
        self.scaling = alpha / r
        self.lora_A = nn.Parameter(torch.empty(r, base.in_features))  # (r, in)
        self.lora_B = nn.Parameter(torch.zeros(base.out_features, r))  # (out, r): the update starts at 0
        nn.init.kaiming_uniform_(self.lora_A, a=math.sqrt(5))  # |A| <= 1 / sqrt(in), as nn.Linear and peft
        self.merged = False

    def forward(self, x):
        y = self.base(x)  # (..., out)
        if self.merged:
            return y  # the update already lives in base.weight
        return y + self.scaling * (x @ self.lora_A.T) @ self.lora_B.T  # (..., r) -> (..., out)

    def delta_weight(self):
        return self.scaling * self.lora_B @ self.lora_A  # (out, in)

    @torch.no_grad()
    def merge(self):
        if self.merged:
            return
        self.base.weight += self.delta_weight()
        self.merged = True

    @torch.no_grad()
    def unmerge(self):
        if not self.merged:
            return
        self.base.weight -= self.delta_weight()
        self.merged = False
