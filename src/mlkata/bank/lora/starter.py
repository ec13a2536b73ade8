import math  # noqa: F401  (for math.sqrt)

import torch  # noqa: F401
import torch.nn as nn


class LoRALinear(nn.Module):
    """A frozen nn.Linear plus a trainable low-rank update.

    Attributes the checks use:
        self.base     the wrapped nn.Linear, its parameters frozen
        self.lora_A   nn.Parameter (r, in_features), random (kaiming-uniform, a=sqrt(5))
        self.lora_B   nn.Parameter (out_features, r), zeros
        self.scaling  alpha / r
    """

    def __init__(self, base: nn.Linear, r: int, alpha: float):
        super().__init__()
        raise NotImplementedError

    def forward(self, x):
        """x (..., in_features) -> (..., out_features): base(x) + scaling * (x @ A^T) @ B^T."""
        raise NotImplementedError

    def merge(self) -> None:
        """Fold the update into base.weight; forward is then base(x) alone. A second merge changes nothing."""
        raise NotImplementedError

    def unmerge(self) -> None:
        """Undo merge. Unmerging a layer that is not merged changes nothing."""
        raise NotImplementedError
