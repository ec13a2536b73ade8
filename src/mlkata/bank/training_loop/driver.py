"""Hands the implementation small instrumented models, optimizers and data, and reports what it did.

Runs in the sandbox; holds no answers. Every model is built here from a seed (torch's generator is
seeded before each build and before each call), so runs are deterministic. A forward pre-hook
records, at every call of the model, every submodule's `training` flag and whether autograd is on;
an optimizer step pre-hook records the learning rate and the global gradient norm at every step.
"""

import io
import os
import random
import tempfile

import numpy as np
import torch
import torch.nn.functional as F
from torch import nn


def _cache_folder_missing() -> bool:
    """Whether torch._dynamo (imported by torch.optim) would fail to find or make its cache folder."""
    folder = os.environ.get("TORCHINDUCTOR_CACHE_DIR")
    if folder is not None:
        return not os.path.isdir(folder)
    try:
        tempfile.gettempdir()
    except OSError:
        return True
    return False


# The sandbox has no writable temporary folder: point the cache at a folder that exists (nothing is
# written there; torch only checks that it exists).
if _cache_folder_missing():
    os.environ["TORCHINDUCTOR_CACHE_DIR"] = os.path.dirname(torch.__file__)

DISTURB = 987_654  # the global generators are set from this before a call that must not depend on them


def _disturb(offset: int = 0) -> None:
    random.seed(DISTURB + offset)
    np.random.seed(DISTURB + offset)
    torch.manual_seed(DISTURB + offset)


def _model(seed: int, sizes, dropout: float) -> nn.Module:
    """An MLP sizes[0] -> ... -> sizes[-1] with ReLU (and Dropout when dropout > 0) between the layers."""
    torch.manual_seed(seed)
    layers = []
    for i, (a, b) in enumerate(zip(sizes[:-1], sizes[1:])):
        layers.append(nn.Linear(a, b))
        if i < len(sizes) - 2:
            layers.append(nn.ReLU())
            if dropout > 0:
                layers.append(nn.Dropout(dropout))
    return nn.Sequential(*layers)


def _batches(xs, ys):
    return [(torch.from_numpy(x), torch.from_numpy(y)) for x, y in zip(xs, ys)]


def _probe(model: nn.Module) -> list:
    """Records (every submodule's training flag, torch.is_grad_enabled()) at each call of the model."""
    log = []
    model.register_forward_pre_hook(
        lambda module, args: log.append(([m.training for m in model.modules()], torch.is_grad_enabled())))
    return log


def _optimizer(model, kind: str, lr: float):
    if kind == "sgd":
        return torch.optim.SGD(model.parameters(), lr=lr)
    if kind == "momentum":
        return torch.optim.SGD(model.parameters(), lr=lr, momentum=0.9)
    return torch.optim.Adam(model.parameters(), lr=lr)


def _warmup(steps: int):
    return lambda s: min(1.0, (s + 1) / steps) if steps else 1.0


def _params(model) -> dict:
    return {name: p.detach().clone() for name, p in model.named_parameters()}


def train_epoch(impl, seed, sizes, xs, ys, optimizer="momentum", lr=0.1, accum_steps=1, max_grad_norm=None,
                scheduler_warmup=None, dropout=0.0):
    """One call of train_epoch: the loss it returns, the parameters after it, and what each optimizer step saw."""
    model = _model(seed, sizes, dropout).train()
    opt = _optimizer(model, optimizer, lr)
    steps = []
    def record(optim, args, kwargs):
        grads = [p.grad for p in model.parameters() if p.grad is not None]
        norm = torch.linalg.vector_norm(torch.stack([torch.linalg.vector_norm(g) for g in grads])) if grads else 0.0
        steps.append((float(norm), optim.param_groups[0]["lr"]))
    opt.register_step_pre_hook(record)
    sched = None
    if scheduler_warmup is not None:
        sched = torch.optim.lr_scheduler.LambdaLR(opt, _warmup(scheduler_warmup))
    torch.manual_seed(seed + 1)  # dropout draws
    loss = impl.train_epoch(model, opt, _batches(xs, ys), F.mse_loss, accum_steps=accum_steps,
                            max_grad_norm=max_grad_norm, scheduler=sched)
    return {
        "loss": float(loss),
        "optimizer_steps": len(steps),
        "grad_norm_at_step": np.array([s[0] for s in steps]),
        "lr_at_step": np.array([s[1] for s in steps]),
        "params_after": _params(model),
    }


def _eval_run(impl, seed, sizes, xs, ys, dropout, arrive):
    """Calls evaluate on a model that arrives in mode `arrive` ("train", "eval" or "mixed")."""
    model = _model(seed, sizes, dropout)
    model.train(arrive != "eval")
    if arrive == "mixed":  # the last hidden layer's dropout (or ReLU) frozen in eval mode
        model[-2].eval()
    before = [m.training for m in model.modules()]
    log = _probe(model)
    torch.manual_seed(seed + 1)
    loss = impl.evaluate(model, _batches(xs, ys), F.mse_loss)
    return model, before, log, loss


def evaluate_loss(impl, seed, sizes, xs, ys, dropout=0.5, arrive="train"):
    """The value evaluate returns."""
    return float(_eval_run(impl, seed, sizes, xs, ys, dropout, arrive)[3])


def evaluate_mode_inside(impl, seed, sizes, xs, ys, dropout=0.5, arrive="train"):
    """Every submodule's training flag at each forward call inside evaluate (all False is right)."""
    _, _, log, _ = _eval_run(impl, seed, sizes, xs, ys, dropout, arrive)
    return np.array([flags for flags, _ in log], dtype=bool)


def evaluate_grad_enabled(impl, seed, sizes, xs, ys, dropout=0.5, arrive="train"):
    """torch.is_grad_enabled() at each forward call inside evaluate, and whether any parameter got a .grad."""
    model, _, log, _ = _eval_run(impl, seed, sizes, xs, ys, dropout, arrive)
    return {"grad_enabled_in_forward": np.array([grad for _, grad in log], dtype=bool),
            "any_param_grad": any(p.grad is not None for p in model.parameters())}


def evaluate_mode_after(impl, seed, sizes, xs, ys, dropout=0.5, arrive="train"):
    """Every submodule's training flag before and after evaluate (they must agree)."""
    model, before, _, _ = _eval_run(impl, seed, sizes, xs, ys, dropout, arrive)
    return {"before": np.array(before), "after": np.array([m.training for m in model.modules()])}


def _train_steps(model, opt, sched, xs, ys, start, n, use_rng):
    """The driver's own plain loop: one SGD-style step per batch. With use_rng, numpy picks the batch
    and Python's random scales its inputs (torch's generator drives the model's dropout)."""
    for k in range(start, start + n):
        i = int(np.random.randint(len(xs))) if use_rng else k % len(xs)
        scale = 1.0 + random.random() if use_rng else 1.0
        loss = F.mse_loss(model(torch.from_numpy(xs[i]) * scale), torch.from_numpy(ys[i]))
        opt.zero_grad()
        loss.backward()
        opt.step()
        sched.step()


def _draws() -> dict:
    return {"python": random.random(), "numpy": float(np.random.rand()), "torch": float(torch.rand(()))}


def resume(impl, seed, sizes, xs, ys, save_at, total, optimizer="momentum", lr=0.05, warmup=0, dropout=0.0,
           use_rng=False):
    """Trains `total` steps straight through, and again with a save at `save_at`, disturbed generators,
    a fresh model / optimizer / scheduler and a load; reports whether the two runs agree bit for bit."""
    def build(model_seed):
        model = _model(model_seed, sizes, dropout).train()
        opt = _optimizer(model, optimizer, lr)
        return model, opt, torch.optim.lr_scheduler.LambdaLR(opt, _warmup(warmup))

    def seed_all():
        random.seed(seed)
        np.random.seed(seed)
        torch.manual_seed(seed)

    model, opt, sched = build(seed)
    seed_all()
    _train_steps(model, opt, sched, xs, ys, 0, total, use_rng)
    straight, straight_draws = _params(model), _draws()

    model, opt, sched = build(seed)
    seed_all()
    _train_steps(model, opt, sched, xs, ys, 0, save_at, use_rng)
    path = io.BytesIO()  # the sandbox has no writable disk: the checkpoint lives in memory
    impl.save_checkpoint(path, model, opt, sched, save_at)
    _train_steps(model, opt, sched, xs, ys, save_at, 2, use_rng)  # the old run goes on a little
    _disturb()
    model, opt, sched = build(seed + 17)
    _disturb(1)
    path.seek(0)
    step = impl.load_checkpoint(path, model, opt, sched)
    step = int(step)
    _train_steps(model, opt, sched, xs, ys, step, total - step, use_rng)
    resumed, resumed_draws = _params(model), _draws()
    diff = max(float((resumed[k] - straight[k]).abs().max()) for k in straight)
    return {
        "returned_step": step,
        "params_bitwise_equal": all(torch.equal(resumed[k], straight[k]) for k in straight),
        "max_param_difference": diff,
        "next_draw_equal": {k: resumed_draws[k] == straight_draws[k] for k in straight_draws},
    }


def seed_everything(impl, seed):
    """Three draws from each global generator right after seed_everything(seed) (the generators are
    set elsewhere before the call)."""
    _disturb(seed)
    impl.seed_everything(seed)
    return {"python": np.array([random.random() for _ in range(3)]), "numpy": np.random.rand(3),
            "torch": torch.rand(3, dtype=torch.float64)}


def lr_at(impl, steps, base_lr, warmup_steps, total_steps, min_lr=None):
    """lr_at at every step in steps."""
    kw = {} if min_lr is None else {"min_lr": min_lr}
    return np.array([float(impl.lr_at(s, base_lr=base_lr, warmup_steps=warmup_steps, total_steps=total_steps, **kw))
                     for s in steps])
