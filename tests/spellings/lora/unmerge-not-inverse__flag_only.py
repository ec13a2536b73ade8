import math

import torch
from torch import nn


class LoRALinear(nn.Module):
    def __init__(self, base: nn.Linear, r: int, alpha: float):
        super().__init__()
        self.base = base.requires_grad_(False)
        self.lora_A = nn.Parameter(torch.empty(r, base.in_features))
        self.lora_B = nn.Parameter(torch.zeros(base.out_features, r))
        nn.init.kaiming_uniform_(self.lora_A, a=math.sqrt(5))
        self.scaling = alpha / r
        self.merged = False

    def forward(self, x):
        y = self.base(x)
        if not self.merged:
            y = y + self.scaling * torch.einsum("...i,ri->...r", x, self.lora_A) @ self.lora_B.T
        return y

    @torch.no_grad()
    def merge(self):
        if not self.merged:
            self.base.weight.add_(self.scaling * self.lora_B @ self.lora_A)
            self.merged = True

    def unmerge(self):
        # switch the adapter path back on
        self.merged = False
