import math
import random

import numpy as np
import torch
from torch.nn.utils import clip_grad_norm_


def seed_everything(seed: int) -> None:
    torch.manual_seed(seed)
    torch.cuda.manual_seed_all(seed)
    np.random.seed(seed)
    random.seed(seed)


def lr_at(step, *, base_lr, warmup_steps, total_steps, min_lr=0.0) -> float:
    if step < warmup_steps:
        return step * base_lr / warmup_steps
    t = (step - warmup_steps) / max(1, total_steps - warmup_steps)
    return min_lr + (base_lr - min_lr) * (1 + math.cos(math.pi * t)) / 2


def train_epoch(model, optimizer, batches, loss_fn, *, accum_steps=1, max_grad_norm=None, scheduler=None) -> float:
    running = 0.0
    groups = [batches[i:i + accum_steps] for i in range(0, len(batches), accum_steps)]
    for group in groups:
        optimizer.zero_grad(set_to_none=True)
        group_loss = 0.0
        for inputs, targets in group:
            loss = loss_fn(model(inputs), targets)
            running += loss.item()
            group_loss = group_loss + loss
        (group_loss / len(group)).backward()
        if max_grad_norm is not None:
            clip_grad_norm_(model.parameters(), max_norm=max_grad_norm, foreach=True)
        optimizer.step()
        if scheduler is not None:
            scheduler.step()
    return running / len(batches)


def evaluate(model, batches, loss_fn) -> float:
    previous = [m.training for m in model.modules()]
    model.train(False)
    weighted, n = 0.0, 0
    with torch.no_grad():
        for inputs, targets in batches:
            loss = loss_fn(model(inputs), targets)
            weighted += loss.item() * len(inputs)
            n += len(inputs)
    for m, was in zip(model.modules(), previous):
        m.train(was)
    return weighted / n


def save_checkpoint(path, model, optimizer, scheduler, step: int) -> None:
    rng = {
        "random": random.getstate(),
        "numpy": np.random.get_state(),
        "torch": torch.random.get_rng_state(),
        "cuda": torch.cuda.get_rng_state_all() if torch.cuda.is_available() else [],
    }
    torch.save({"model": model.state_dict(), "opt": optimizer.state_dict(), "sched": scheduler.state_dict(),
                "rng": rng, "step": int(step)}, path)


def load_checkpoint(path, model, optimizer, scheduler) -> int:
    blob = torch.load(path, map_location="cpu", weights_only=False)
    model.load_state_dict(blob["model"])
    optimizer.load_state_dict(blob["opt"])
    scheduler.load_state_dict(blob["sched"])
    return blob["step"]
