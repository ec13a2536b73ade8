import math
import random

import numpy as np
import torch


def seed_everything(seed: int) -> None:
    random.seed(seed)
    np.random.seed(seed)
    torch.manual_seed(seed)
    if torch.cuda.is_available():
        torch.cuda.manual_seed_all(seed)


def lr_at(step, *, base_lr, warmup_steps, total_steps, min_lr=0.0) -> float:
    if warmup_steps > 0 and step < warmup_steps:
        return base_lr * (step / warmup_steps)
    decay_steps = total_steps - warmup_steps
    frac = (step - warmup_steps) / decay_steps
    return min_lr + 0.5 * (base_lr - min_lr) * (1 + math.cos(math.pi * frac))


def _global_clip(params, max_norm):
    grads = [p.grad for p in params if p.grad is not None]
    total = torch.sqrt(sum((g.detach() ** 2).sum() for g in grads))
    coef = max_norm / (total + 1e-6)
    if coef < 1:
        for g in grads:
            g.mul_(coef)


def train_epoch(model, optimizer, batches, loss_fn, *, accum_steps=1, max_grad_norm=None, scheduler=None) -> float:
    losses = []
    micro = 0
    for x, y in batches:
        out = model(x)
        loss = loss_fn(out, y)
        losses.append(loss.item())
        scaled = loss / accum_steps
        scaled.backward()
        micro += 1
        if micro == accum_steps:
            if max_grad_norm is not None:
                _global_clip(list(model.parameters()), max_grad_norm)
            optimizer.step()
            if scheduler is not None:
                scheduler.step()
            optimizer.zero_grad()
            micro = 0
    return sum(losses) / len(losses)


@torch.inference_mode()
def _eval_loop(model, batches, loss_fn):
    num, den = 0.0, 0
    for x, y in batches:
        num += float(loss_fn(model(x), y))
        den += 1
    return num / den


def evaluate(model, batches, loss_fn) -> float:
    saved = {name: m.training for name, m in model.named_modules()}
    model.eval()
    try:
        result = _eval_loop(model, batches, loss_fn)
    finally:
        for name, m in model.named_modules():
            m.training = saved[name]
    return result


def save_checkpoint(path, model, optimizer, scheduler, step: int) -> None:
    ckpt = {
        "step": step,
        "model_state": model.state_dict(),
        "optim_state": optimizer.state_dict(),
        "sched_state": scheduler.state_dict(),
        "py_rng": random.getstate(),
        "np_rng": np.random.get_state(),
        "torch_rng": torch.get_rng_state(),
    }
    if torch.cuda.is_available():
        ckpt["cuda_rng"] = torch.cuda.get_rng_state_all()
    torch.save(ckpt, path)


def load_checkpoint(path, model, optimizer, scheduler) -> int:
    ckpt = torch.load(path, weights_only=False)
    model.load_state_dict(ckpt["model_state"])
    optimizer.load_state_dict(ckpt["optim_state"])
    scheduler.load_state_dict(ckpt["sched_state"])
    random.setstate(ckpt["py_rng"])
    np.random.set_state(ckpt["np_rng"])
    torch.set_rng_state(ckpt["torch_rng"])
    if "cuda_rng" in ckpt and torch.cuda.is_available():
        torch.cuda.set_rng_state_all(ckpt["cuda_rng"])
    return ckpt["step"]
