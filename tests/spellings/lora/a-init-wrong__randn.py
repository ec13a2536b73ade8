import torch
from torch import nn


class LoRALinear(nn.Module):
    def __init__(self, base: nn.Linear, r: int, alpha: float):
        super().__init__()
        self.base = base.requires_grad_(False)
        self.lora_A = nn.Parameter(torch.randn(r, base.in_features))  # Gaussian A, as in the paper
        self.lora_B = nn.Parameter(torch.zeros(base.out_features, r))
        self.scaling = alpha / r
        self.merged = False

    def forward(self, x):
        if self.merged:
            return self.base(x)
        return self.base(x) + torch.einsum("...i,ri,or->...o", x, self.lora_A, self.lora_B) * self.scaling

    def merge(self):
        if self.merged:
            return
        with torch.no_grad():
            self.base.weight.add_(self.scaling * torch.einsum("or,ri->oi", self.lora_B, self.lora_A))
        self.merged = True

    def unmerge(self):
        if not self.merged:
            return
        with torch.no_grad():
            self.base.weight.sub_(self.scaling * torch.einsum("or,ri->oi", self.lora_B, self.lora_A))
        self.merged = False
