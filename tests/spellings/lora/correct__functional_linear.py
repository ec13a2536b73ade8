import math

import torch
import torch.nn.functional as F
from torch import nn


class LoRALinear(nn.Module):
    def __init__(self, base: nn.Linear, r: int, alpha: float):
        super().__init__()
        base.requires_grad_(False)
        self.base = base
        self.scaling = alpha / r
        self.lora_A = nn.Parameter(torch.empty(r, base.in_features))
        nn.init.kaiming_uniform_(self.lora_A, a=math.sqrt(5))
        self.lora_B = nn.Parameter(base.weight.new_zeros(base.out_features, r))
        self.is_merged = False

    def forward(self, x):
        out = self.base(x)
        if not self.is_merged:
            out = out + F.linear(F.linear(x, self.lora_A), self.lora_B) * self.scaling
        return out

    def merge(self):
        if not self.is_merged:
            self.base.weight.data.add_(self.scaling * (self.lora_B.data @ self.lora_A.data))
            self.is_merged = True

    def unmerge(self):
        if self.is_merged:
            self.base.weight.data.sub_(self.scaling * (self.lora_B.data @ self.lora_A.data))
            self.is_merged = False
