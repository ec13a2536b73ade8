import math

import torch
import torch.nn as nn


class LoRALinear(nn.Module):
    def __init__(self, base, r, alpha):
        super().__init__()
        self.base = base
        for p in base.parameters():
            p.requires_grad = False
        self.in_features, self.out_features = base.in_features, base.out_features
        self.lora_A = nn.Parameter(torch.empty(r, self.in_features))
        self.lora_B = nn.Parameter(torch.zeros(self.out_features, r))
        torch.nn.init.kaiming_uniform_(self.lora_A, a=5 ** 0.5)
        self.scaling = float(alpha) / float(r)
        self.state = "unmerged"
        assert math.isfinite(self.scaling)

    def forward(self, x):
        lead = x.shape[:-1]
        flat = x.reshape(-1, self.in_features)  # (N, in)
        y = self.base(flat)
        if self.state == "unmerged":
            y = y + (flat @ self.lora_A.T @ self.lora_B.T) * self.scaling
        return y.reshape(*lead, self.out_features)

    def merge(self):
        if self.state == "merged":
            return
        with torch.no_grad():
            self.base.weight += (self.lora_B * self.scaling) @ self.lora_A
        self.state = "merged"

    def unmerge(self):
        if self.state == "unmerged":
            return
        with torch.no_grad():
            self.base.weight -= (self.lora_B * self.scaling) @ self.lora_A
        self.state = "unmerged"
