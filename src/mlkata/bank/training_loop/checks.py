"""Named checks for training_loop: inputs only; expected values come from the model answer.

The driver builds the models (small MLPs seeded from the case), optimizers and schedulers, and
observes the submission: the global gradient norm and learning rate at every optimizer step, the
parameters afterwards, the modes and autograd state inside every forward of evaluate, and whether
a run resumed from a checkpoint matches an uninterrupted one bit for bit.
"""

import numpy as np

from mlkata.kit import Case, Check, Efficiency

TOLERANCE = {"rtol": 1e-4, "atol": 2e-5}  # float32 models; other valid orders of operations differ ~1e-7
LR_TOLERANCE = {"rtol": 1e-9, "atol": 1e-15}
SIZES = [4, 8, 3]
CLIP = 2.0  # binds on the first step's global norm (~2.35) while every tensor's own norm stays under it (<= 1.74)


def _data(rng, batch_sizes, d_in=4, d_out=3):
    xs = [rng.standard_normal((n, d_in)).astype(np.float32) for n in batch_sizes]
    ys = [(3 * rng.standard_normal((n, d_out))).astype(np.float32) for n in batch_sizes]
    return xs, ys


def _train(rng, batch_sizes, label, seed=3, **kw) -> Case:
    xs, ys = _data(rng, batch_sizes)
    return Case("train_epoch", {"seed": seed, "sizes": SIZES, "xs": xs, "ys": ys, **kw},
                f"micro-batches {batch_sizes}, " + label)


def _eval(rng, batch_sizes, arrive, dropout=0.5, call="evaluate_loss") -> Case:
    xs, ys = _data(rng, batch_sizes)
    label = f"batches of {batch_sizes}, dropout {dropout}, model arrives in {arrive} mode"
    if arrive == "mixed":
        label = f"batches of {batch_sizes}, dropout {dropout}, model in train mode with its last dropout in eval mode"
    return Case(call, {"seed": 5, "sizes": [4, 8, 8, 3], "xs": xs, "ys": ys, "dropout": dropout,
                       "arrive": arrive}, label)


def _resume(rng, label, **kw) -> Case:
    xs, ys = _data(rng, [4, 4, 4, 4])
    return Case("resume", {"seed": 11, "sizes": [4, 8, 8, 3], "xs": xs, "ys": ys, "save_at": 4, "total": 9, **kw},
                label)


def _lr(label, **kw) -> Case:
    return Case("lr_at", {"steps": list(range(kw["total_steps"] + 1)), **kw}, label)


def checks(rng: np.random.Generator) -> list[Check]:
    return [
        Check("seed_everything seeds Python's random, numpy and torch", [
            Case("seed_everything", {"seed": 0}, "seed 0"),
            Case("seed_everything", {"seed": 1234}, "seed 1234"),
        ], compare="exact"),
        Check("lr_at: warmup then cosine", [
            _lr("base_lr 1e-3, warmup 10, total 60, min_lr 0 (default)", base_lr=1e-3, warmup_steps=10,
                total_steps=60),
            _lr("base_lr 0.5, warmup 4, total 20, min_lr 0.05", base_lr=0.5, warmup_steps=4, total_steps=20,
                min_lr=0.05),
        ], options=LR_TOLERANCE),
        Check("lr_at: no warmup, min_lr > 0", [
            _lr("base_lr 3e-4, warmup 0, total 12, min_lr 3e-5", base_lr=3e-4, warmup_steps=0, total_steps=12,
                min_lr=3e-5),
            _lr("base_lr 1.0, warmup 1, total 7, min_lr 0.2", base_lr=1.0, warmup_steps=1, total_steps=7, min_lr=0.2),
        ], options=LR_TOLERANCE),
        Check("train_epoch: one optimizer step per batch", [
            _train(rng, [4, 4, 4], "accum_steps=1, SGD with momentum"),
            _train(rng, [5, 3, 6], "accum_steps=1, Adam", optimizer="adam", lr=0.01),
        ], options=TOLERANCE),
        Check("train_epoch: gradient accumulation", [
            _train(rng, [3, 3, 5, 5], "accum_steps=2, plain SGD", optimizer="sgd"),
            _train(rng, [2, 2, 2, 4, 4, 4], "accum_steps=3, SGD with momentum", accum_steps=3),
            _train(rng, [6, 6], "accum_steps=2 (one optimizer step), plain SGD", optimizer="sgd", accum_steps=2),
        ], options=TOLERANCE),
        Check("train_epoch: gradient clipping on the global norm", [
            _train(rng, [4, 4, 4, 4], f"accum_steps=2, max_grad_norm={CLIP} (binds on the global norm only)",
                   seed=3, optimizer="sgd", accum_steps=2, max_grad_norm=CLIP),
            _train(rng, [4, 4, 4], "accum_steps=1, max_grad_norm=0.5, SGD with momentum", max_grad_norm=0.5),
        ], options=TOLERANCE),
        Check("train_epoch: scheduler steps once per optimizer step", [
            _train(rng, [4, 4, 4, 4, 4, 4], "accum_steps=2, warmup scheduler over 4 steps", accum_steps=2,
                   scheduler_warmup=4),
            _train(rng, [3, 3, 3], "accum_steps=1, warmup scheduler over 3 steps, Adam", optimizer="adam", lr=0.01,
                   scheduler_warmup=3),
        ], options=TOLERANCE),
        Check("train_epoch: model with dropout, clipping and a scheduler", [
            _train(rng, [4, 4, 6, 6], "accum_steps=2, dropout 0.3, max_grad_norm=1.0, warmup over 2 steps",
                   accum_steps=2, max_grad_norm=1.0, scheduler_warmup=2, dropout=0.3),
        ], options=TOLERANCE),
        Check("evaluate: mean loss per example", [
            _eval(rng, [2, 7, 3], "train", dropout=0.0),
            _eval(rng, [5, 1, 4], "train"),
            _eval(rng, [3, 6], "eval"),
        ], options=TOLERANCE),
        Check("evaluate: every forward runs in eval mode", [
            _eval(rng, [3, 4], "train", call="evaluate_mode_inside"),
            _eval(rng, [2, 2], "mixed", call="evaluate_mode_inside"),
        ], compare="exact"),
        Check("evaluate: no autograd inside", [
            _eval(rng, [3, 4], "train", call="evaluate_grad_enabled"),
        ], compare="exact"),
        Check("evaluate: restores every submodule's mode", [
            _eval(rng, [3, 4], "train", call="evaluate_mode_after"),
            _eval(rng, [3, 4], "mixed", call="evaluate_mode_after"),
            _eval(rng, [3, 4], "eval", call="evaluate_mode_after"),
        ], compare="exact"),
        Check("checkpoint: optimizer state survives", [
            _resume(rng, "SGD with momentum, no dropout, fixed data order", optimizer="momentum"),
            _resume(rng, "Adam, no dropout, fixed data order", optimizer="adam", lr=0.01),
        ], compare="exact"),
        Check("checkpoint: scheduler state survives", [
            _resume(rng, "plain SGD, warmup over 8 steps, saved at step 4", optimizer="sgd", warmup=8),
        ], compare="exact"),
        Check("checkpoint: RNG states survive (dropout, numpy and Python draws)", [
            _resume(rng, "plain SGD, dropout 0.3, batches picked by numpy, scaled by Python's random",
                    optimizer="sgd", dropout=0.3, use_rng=True),
        ], compare="exact"),
    ]


def efficiency(rng: np.random.Generator) -> Efficiency:
    xs = [rng.standard_normal((64, 32)).astype(np.float32) for _ in range(32)]
    ys = [rng.standard_normal((64, 8)).astype(np.float32) for _ in range(32)]
    args = {"seed": 0, "sizes": [32, 64, 64, 8], "xs": xs, "ys": ys, "accum_steps": 4, "max_grad_norm": 1.0,
            "scheduler_warmup": 4, "dropout": 0.1}
    return Efficiency(Case("train_epoch", args, "32 micro-batches of 64, MLP 32-64-64-8, accum_steps=4, clipping"),
                      repeats=3)
