import math

import torch
import torch.nn.functional as F
from torch import nn


class LoRALinear(nn.Module):
    def __init__(self, base: nn.Linear, r: int, alpha: float):
        super().__init__()
        self.base = base
        for _, p in base.named_parameters():
            p.requires_grad = False
        self.lora_A = nn.Parameter(torch.empty(r, base.in_features))
        self.lora_B = nn.Parameter(torch.zeros(base.out_features, r))
        nn.init.kaiming_uniform_(self.lora_A, a=math.sqrt(5))
        self.scaling = alpha / r
        self.merged = False

    def lora_path(self, x):
        return F.linear(F.linear(x, self.lora_A), self.lora_B) * self.scaling

    def forward(self, x):
        y = self.base(x)
        y = y + self.lora_path(x)
        return y

    def merge(self):
        if self.merged:
            return
        with torch.no_grad():
            self.base.weight.copy_(self.base.weight + self.scaling * self.lora_B @ self.lora_A)
        self.merged = True

    def unmerge(self):
        if not self.merged:
            return
        with torch.no_grad():
            self.base.weight.copy_(self.base.weight - self.scaling * self.lora_B @ self.lora_A)
        self.merged = False
