import torch
from torch import nn


class LoRALinear(nn.Module):
    def __init__(self, base: nn.Linear, r: int, alpha: float):
        super().__init__()
        self.base = base
        for param in base.parameters():
            param.requires_grad = False
        fan_in = base.in_features
        self.lora_A = nn.Parameter(torch.rand(r, fan_in) * 2 / fan_in ** 0.5 - 1 / fan_in ** 0.5)
        self.lora_B = nn.Parameter(torch.randn(base.out_features, r) * 0.01)
        self.scaling = alpha / r
        self.merged = False

    def forward(self, x):
        base_out = self.base(x)
        if self.merged:
            return base_out
        return base_out + torch.einsum("...i,ri,or->...o", x, self.lora_A, self.lora_B) * self.scaling

    def merge(self):
        if self.merged:
            return
        with torch.no_grad():
            self.base.weight += torch.einsum("or,ri->oi", self.lora_B, self.lora_A) * self.scaling
        self.merged = True

    def unmerge(self):
        if not self.merged:
            return
        with torch.no_grad():
            self.base.weight -= torch.einsum("or,ri->oi", self.lora_B, self.lora_A) * self.scaling
        self.merged = False
