import math

import torch
from torch import nn


class LoRALinear(nn.Module):
    def __init__(self, base: nn.Linear, r: int, alpha: float):
        super().__init__()
        base.requires_grad_(False)
        self.base = base
        self.scaling = alpha / r
        self.lora_A = nn.Parameter(torch.empty(r, base.in_features))
        self.lora_B = nn.Parameter(torch.zeros(base.out_features, r))
        nn.init.kaiming_uniform_(self.lora_A, a=math.sqrt(5))
        self.merged = False

    def get_delta(self):
        return torch.mm(self.lora_B, self.lora_A)

    def forward(self, x):
        if self.merged:
            return self.base(x)
        return self.base(x) + torch.matmul(torch.matmul(x, self.lora_A.T), self.lora_B.T) * self.scaling

    def merge(self):
        if self.merged:
            return
        self.base.weight.data = self.base.weight.data + self.get_delta().detach()
        self.merged = True

    def unmerge(self):
        if not self.merged:
            return
        self.base.weight.data = self.base.weight.data - self.get_delta().detach()
        self.merged = False
