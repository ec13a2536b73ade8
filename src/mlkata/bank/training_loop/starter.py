import math  # noqa: F401
import random  # noqa: F401

import numpy as np  # noqa: F401
import torch  # noqa: F401


def seed_everything(seed: int) -> None:
    """Seed Python's random, numpy's global generator and torch (CPU and CUDA)."""
    raise NotImplementedError


def lr_at(step, *, base_lr, warmup_steps, total_steps, min_lr=0.0) -> float:
    """The learning rate at step (0 <= step <= total_steps): linear warmup, then cosine down to min_lr."""
    raise NotImplementedError


def train_epoch(model, optimizer, batches, loss_fn, *, accum_steps=1, max_grad_norm=None, scheduler=None) -> float:
    """One pass over batches, a list of (inputs, targets); one optimizer step per accum_steps micro-batches.

    loss_fn(model(inputs), targets) is a micro-batch's mean loss. Returns the mean of those values.
    """
    raise NotImplementedError


def evaluate(model, batches, loss_fn) -> float:
    """Mean loss per example over batches, in eval mode and without autograd; restores the model's modes."""
    raise NotImplementedError


def save_checkpoint(path, model, optimizer, scheduler, step: int) -> None:
    """Write everything needed to resume training bit for bit from step."""
    raise NotImplementedError


def load_checkpoint(path, model, optimizer, scheduler) -> int:
    """Restore a checkpoint written by save_checkpoint into the given objects; return its step."""
    raise NotImplementedError
