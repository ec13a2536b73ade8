import math

import torch
from torch import nn


class LoRALinear(nn.Module):
    def __init__(self, base: nn.Linear, r: int, alpha: float):
        super().__init__()
        self.base = base
        self.base.weight.requires_grad_(False)
        if self.base.bias is not None:
            self.base.bias.requires_grad_(False)
        self.r, self.alpha = r, alpha
        self.scaling = self.alpha / self.r
        A = torch.empty(r, base.in_features)
        nn.init.kaiming_uniform_(A, a=math.sqrt(5))
        self.lora_A = nn.Parameter(A)
        self.lora_B = nn.Parameter(torch.zeros(base.out_features, r))
        self.merged = False

    def _delta(self):
        # the product in float64, rounded once
        return (self.lora_B.double() @ self.lora_A.double() * self.scaling).to(self.base.weight.dtype)

    def forward(self, x):
        if self.merged:
            return self.base(x)
        low_rank = x.matmul(self.lora_A.t()).matmul(self.lora_B.t())
        return self.base(x) + low_rank * self.scaling

    @torch.no_grad()
    def merge(self):
        if not self.merged:
            self.base.weight.copy_(self.base.weight + self._delta())
            self.merged = True

    @torch.no_grad()
    def unmerge(self):
        if self.merged:
            self.base.weight.copy_(self.base.weight - self._delta())
            self.merged = False
