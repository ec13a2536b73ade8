import math
import random

import numpy as np
import torch


def seed_everything(seed: int) -> None:
    random.seed(seed)
    np.random.seed(seed % 2**32)
    torch.random.manual_seed(seed)


def lr_at(step, *, base_lr, warmup_steps, total_steps, min_lr=0.0) -> float:
    if step >= warmup_steps:
        progress = min(1.0, (step - warmup_steps) / (total_steps - warmup_steps))
        return min_lr + (base_lr - min_lr) * (math.cos(math.pi * progress) + 1.0) * 0.5
    return base_lr * float(step) / float(warmup_steps)


def train_epoch(model, optimizer, batches, loss_fn, *, accum_steps=1, max_grad_norm=None, scheduler=None) -> float:
    total = 0.0
    n_groups = len(batches) // accum_steps
    for g in range(n_groups):
        for inputs, targets in batches[g * accum_steps:(g + 1) * accum_steps]:
            loss = loss_fn(model(inputs), targets)
            total += loss.item()
            loss.div(accum_steps).backward()
        if max_grad_norm is not None:
            grads = [p.grad for p in model.parameters() if p.grad is not None]
            norm = torch.linalg.vector_norm(torch.cat([g_.flatten() for g_ in grads]))
            scale = torch.clamp(max_grad_norm / (norm + 1e-6), max=1.0)
            for g_ in grads:
                g_.mul_(scale)
        optimizer.step()
        optimizer.zero_grad()
        if scheduler is not None:
            scheduler.step()
    return total / len(batches)


def evaluate(model, batches, loss_fn) -> float:
    flags = [(m, m.training) for m in model.modules()]
    model.eval()
    sums, count = [], 0
    for inputs, targets in batches:
        b = inputs.size(0)
        sums.append(loss_fn(model(inputs), targets).detach() * b)
        count += b
    for m, flag in flags:
        m.train(flag)
    return float(torch.stack(sums).sum() / count)


def save_checkpoint(path, model, optimizer, scheduler, step: int) -> None:
    payload = {
        "step": step,
        "weights": model.state_dict(),
        "optimizer": optimizer.state_dict(),
        "lr_scheduler": scheduler.state_dict(),
        "rng_states": (random.getstate(), np.random.get_state(), torch.get_rng_state()),
    }
    torch.save(payload, path)


def load_checkpoint(path, model, optimizer, scheduler) -> int:
    payload = torch.load(path, weights_only=False)
    model.load_state_dict(payload["weights"])
    optimizer.load_state_dict(payload["optimizer"])
    scheduler.load_state_dict(payload["lr_scheduler"])
    py_state, np_state, torch_state = payload["rng_states"]
    random.setstate(py_state)
    np.random.set_state(np_state)
    torch.set_rng_state(torch_state)
    return payload["step"]
