import math  # noqa: F401  (for math.sqrt)

import torch
import torch.nn.functional as F  # noqa: F401  (F.layer_norm, F.softmax, F.gelu are allowed)


def gpt2_forward(input_ids: torch.Tensor, params: dict[str, torch.Tensor], n_layer: int, n_head: int,
                 eps: float = 1e-5) -> torch.Tensor:
    """input_ids int64 (B, T) -> logits (B, T, vocab).

    params is a GPT2LMHeadModel state dict with Hugging Face's names, e.g.
        transformer.wte.weight (V, C), transformer.wpe.weight (n_positions, C),
        transformer.h.{i}.ln_1.weight / .bias, transformer.h.{i}.attn.c_attn.weight (C, 3C), ...
    It may lack lm_head.weight: the head is tied to transformer.wte.weight.
    """
    # token + position embeddings        # (B, T, C)
    # n_layer pre-norm blocks            # (B, T, C)
    # final layer norm, tied head        # (B, T, V)
    raise NotImplementedError


def greedy_generate(input_ids: torch.Tensor, params: dict[str, torch.Tensor], n_layer: int, n_head: int,
                    max_new_tokens: int) -> torch.Tensor:
    """Greedy decoding with eps 1e-5: (B, T) int64 -> (B, T + max_new_tokens) int64."""
    raise NotImplementedError
