import math
import random

import numpy as np
import torch


def seed_everything(seed: int) -> None:
    for seeder in (random.seed, np.random.seed, torch.manual_seed):
        seeder(seed)


def lr_at(step, *, base_lr, warmup_steps, total_steps, min_lr=0.0) -> float:
    if step < warmup_steps:
        return base_lr * step / warmup_steps
    ratio = (step - warmup_steps) / (total_steps - warmup_steps)
    factor = 0.5 * (1.0 + math.cos(math.pi * ratio))
    min_ratio = min_lr / base_lr
    return base_lr * (min_ratio + (1.0 - min_ratio) * factor)


def train_epoch(model, optimizer, batches, loss_fn, *, accum_steps=1, max_grad_norm=None, scheduler=None) -> float:
    params = [p for p in model.parameters() if p.requires_grad]
    seen = []
    for i, (inputs, targets) in enumerate(batches):
        if i % accum_steps == 0:
            optimizer.zero_grad()
        loss = loss_fn(model(inputs), targets)
        loss.backward()
        seen.append(float(loss.detach()))
        if i % accum_steps == accum_steps - 1:
            for p in params:
                if p.grad is not None:
                    p.grad.div_(accum_steps)
            if max_grad_norm is not None:
                torch.nn.utils.clip_grad_norm_(params, max_grad_norm)
            optimizer.step()
            if scheduler:
                scheduler.step()
    return float(np.mean(seen))


def evaluate(model, batches, loss_fn) -> float:
    modes = {m: m.training for m in model.modules()}
    model.eval()
    per_batch = []
    with torch.inference_mode():
        for inputs, targets in batches:
            per_batch.append(loss_fn(model(inputs), targets).item())
    for m, mode in modes.items():
        m.training = mode
    return float(np.mean(per_batch))


def save_checkpoint(path, model, optimizer, scheduler, step: int) -> None:
    state = dict(step=step, model=model.state_dict(), optimizer=optimizer.state_dict(),
                 scheduler=scheduler.state_dict(), python_rng=random.getstate(),
                 numpy_rng=np.random.get_state(), torch_rng=torch.get_rng_state())
    if torch.cuda.is_available():
        state["cuda_rng"] = torch.cuda.get_rng_state_all()
    torch.save(state, path)


def load_checkpoint(path, model, optimizer, scheduler) -> int:
    state = torch.load(path, weights_only=False)
    model.load_state_dict(state["model"])
    optimizer.load_state_dict(state["optimizer"])
    scheduler.load_state_dict(state["scheduler"])
    random.setstate(state["python_rng"])
    np.random.set_state(state["numpy_rng"])
    torch.set_rng_state(state["torch_rng"])
    if "cuda_rng" in state:
        torch.cuda.set_rng_state_all(state["cuda_rng"])
    return int(state["step"])
