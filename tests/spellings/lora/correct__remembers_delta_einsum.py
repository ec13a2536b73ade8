import math

import torch
import torch.nn as nn


class LoRALinear(nn.Module):
    """Remembers exactly what merge added and takes that away again."""

    def __init__(self, base, r, alpha):
        super().__init__()
        self.base = base
        for param in self.base.parameters():
            param.requires_grad = False
        self.lora_A = nn.Parameter(torch.zeros(r, base.in_features))
        self.lora_B = nn.Parameter(torch.zeros(base.out_features, r))
        bound = 1 / math.sqrt(base.in_features)
        with torch.no_grad():
            self.lora_A.uniform_(-bound, bound)
        self.scaling = alpha / r
        self._added = None

    def forward(self, x):
        y = self.base(x)
        if self._added is None:
            h = torch.einsum("...i,ri->...r", x, self.lora_A)
            y = y + self.scaling * torch.einsum("...r,or->...o", h, self.lora_B)
        return y

    def merge(self):
        if self._added is not None:
            return
        with torch.no_grad():
            self._added = torch.einsum("or,ri->oi", self.lora_B, self.lora_A) * self.scaling
            self.base.weight.add_(self._added)

    def unmerge(self):
        if self._added is None:
            return
        with torch.no_grad():
            self.base.weight.sub_(self._added)
        self._added = None
