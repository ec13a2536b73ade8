import math

import torch
import torch.nn.functional as F
from torch import nn


class LoRALinear(nn.Module):
    def __init__(self, base: nn.Linear, r: int, alpha: float):
        super().__init__()
        self.base = base
        self.lora_A = nn.Parameter(torch.empty(r, base.in_features))
        self.lora_B = nn.Parameter(torch.zeros(base.out_features, r))
        nn.init.kaiming_uniform_(self.lora_A, a=math.sqrt(5))
        self.scaling = alpha / r
        self._merged = False

    def forward(self, x):
        w = self.base.weight
        if not self._merged:
            w = w + self.scaling * self.lora_B @ self.lora_A
        return F.linear(x, w, self.base.bias)

    def merge(self):
        if self._merged:
            return
        with torch.no_grad():
            self.base.weight.add_(self.scaling * self.lora_B @ self.lora_A)
        self._merged = True

    def unmerge(self):
        if not self._merged:
            return
        with torch.no_grad():
            self.base.weight.sub_(self.scaling * self.lora_B @ self.lora_A)
        self._merged = False
