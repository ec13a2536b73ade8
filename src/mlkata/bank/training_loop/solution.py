import math
import random

import numpy as np
import torch


def seed_everything(seed: int) -> None:
    """Seed every global generator a training run draws from."""
    random.seed(seed)
    np.random.seed(seed)
    torch.manual_seed(seed)  # seeds the CPU generator and every CUDA device


def lr_at(step, *, base_lr, warmup_steps, total_steps, min_lr=0.0) -> float:
    """Linear warmup from 0 to base_lr, then half a cosine from base_lr down to min_lr at total_steps."""
    if step < warmup_steps:
        return base_lr * step / warmup_steps
    progress = (step - warmup_steps) / max(1, total_steps - warmup_steps)  # 0 -> 1
    cosine = 0.5 * (1.0 + math.cos(math.pi * progress))  # 1 -> 0
    return min_lr + (base_lr - min_lr) * cosine


def train_epoch(model, optimizer, batches, loss_fn, *, accum_steps=1, max_grad_norm=None, scheduler=None) -> float:
    """One pass over batches with gradient accumulation; returns the mean micro-batch loss."""
    total = 0.0
    optimizer.zero_grad(set_to_none=True)
    for i, (inputs, targets) in enumerate(batches):
        loss = loss_fn(model(inputs), targets)  # mean over this micro-batch
        (loss / accum_steps).backward()  # the group's gradient is the mean of its micro-batches'
        total += loss.item()
        if (i + 1) % accum_steps == 0:
            if max_grad_norm is not None:
                torch.nn.utils.clip_grad_norm_(model.parameters(), max_grad_norm)  # one global norm
            optimizer.step()
            if scheduler is not None:
                scheduler.step()  # once per optimizer step
            optimizer.zero_grad(set_to_none=True)
    return total / len(batches)


def evaluate(model, batches, loss_fn) -> float:
    """Mean loss per example, in eval mode and without autograd; every submodule's mode is restored."""
    modes = [(module, module.training) for module in model.modules()]
    model.eval()
    total, count = 0.0, 0
    with torch.no_grad():
        for inputs, targets in batches:
            n = inputs.shape[0]
            total += loss_fn(model(inputs), targets).item() * n  # batch mean -> batch sum
            count += n
    for module, training in modes:
        module.train(training)
    return total / count


def save_checkpoint(path, model, optimizer, scheduler, step: int) -> None:
    """Everything a resumed run needs to continue bit for bit."""
    torch.save({
        "step": step,
        "model": model.state_dict(),
        "optimizer": optimizer.state_dict(),
        "scheduler": scheduler.state_dict(),
        "rng": {
            "python": random.getstate(),
            "numpy": np.random.get_state(),
            "torch": torch.get_rng_state(),
            "cuda": torch.cuda.get_rng_state_all() if torch.cuda.is_available() else None,
        },
    }, path)


def load_checkpoint(path, model, optimizer, scheduler) -> int:
    """Restore what save_checkpoint wrote; returns the step it was saved at."""
    state = torch.load(path, weights_only=False)
    model.load_state_dict(state["model"])
    optimizer.load_state_dict(state["optimizer"])
    scheduler.load_state_dict(state["scheduler"])
    rng = state["rng"]
    random.setstate(rng["python"])
    np.random.set_state(rng["numpy"])
    torch.set_rng_state(rng["torch"])
    if rng["cuda"] is not None and torch.cuda.is_available():
        torch.cuda.set_rng_state_all(rng["cuda"])
    return state["step"]
