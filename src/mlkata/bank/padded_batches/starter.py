import torch
import torch.nn.functional as F  # noqa: F401  (F.cross_entropy is allowed)


def pad_batch(seqs: list[list[int]], pad_id: int, side: str = "right") -> tuple[torch.Tensor, torch.Tensor]:
    """Pads token lists of different lengths into one batch.

    seqs:   B lists of token ids (a list may be empty).
    pad_id: the id written at padded positions (it may also occur as a real token).
    side:   "right" (tokens first, then padding) or "left" (padding first).
    return: (ids int64 [B, L_max], mask bool [B, L_max]), mask True at real tokens.
    """
    raise NotImplementedError


def masked_mean(x: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
    """Mean over the real tokens of each row.

    x:      float32 [B, L, d].
    mask:   bool [B, L], True = real token.
    return: [B, d]; a row with no real token gives zeros (and zero gradients).
    """
    raise NotImplementedError


def masked_token_loss(logits: torch.Tensor, targets: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
    """Mean cross-entropy over the real tokens of the batch.

    logits:  float32 [B, L, V].
    targets: int64 [B, L], ids in [0, V) (padded positions hold some valid id too).
    mask:    bool [B, L], True = real token; at least one is True.
    return:  a 0-dim tensor: the sum of the real tokens' cross-entropies / the number of real tokens.
    """
    raise NotImplementedError
