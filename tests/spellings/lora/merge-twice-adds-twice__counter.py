import math

import torch
from torch import nn


class LoRALinear(nn.Module):
    def __init__(self, base: nn.Linear, r: int, alpha: float):
        super().__init__()
        self.base = base
        self.base.requires_grad_(False)
        self.lora_A = nn.Parameter(torch.empty(r, base.in_features))
        self.lora_B = nn.Parameter(torch.zeros(base.out_features, r))
        nn.init.kaiming_uniform_(self.lora_A, a=math.sqrt(5))
        self.scaling = alpha / r
        self.merges = 0  # how many times the update is in the weight

    def forward(self, x):
        out = self.base(x)
        if self.merges == 0:
            out = out + torch.einsum("...r,or->...o", x @ self.lora_A.T, self.lora_B) * self.scaling
        return out

    def merge(self):
        with torch.no_grad():
            self.base.weight.add_(self.lora_B @ self.lora_A, alpha=self.scaling)
        self.merges += 1

    def unmerge(self):
        if self.merges == 0:
            return
        with torch.no_grad():
            self.base.weight.sub_(self.lora_B @ self.lora_A, alpha=self.scaling)
        self.merges -= 1
