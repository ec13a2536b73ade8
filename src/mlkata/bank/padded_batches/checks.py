"""Named checks for padded_batches: inputs only; expected values come from the model answer.

Token lists have unequal lengths (so left and right padding differ), some hold pad_id as a real
token (so a mask read off the ids is wrong), and some are empty. Batches for masked_mean and the
loss are partly padded with rows of different lengths, and the padded positions hold ordinary
values (x, logits and targets there are random, never zero).
"""

import numpy as np

from mlkata.kit import Case, Check, Efficiency

TOLERANCE = {"rtol": 1e-4, "atol": 2e-5}
GRAD_TOLERANCE = {"rtol": 1e-4, "atol": 1e-5}


def _shape(x) -> str:
    return "[" + ", ".join(str(n) for n in np.shape(x)) + "]"


def _seqs_text(seqs) -> str:
    text = "[" + ", ".join("[" + ",".join(str(t) for t in seq) + "]" for seq in seqs) + "]"
    return text if len(text) <= 48 else f"{len(seqs)} lists of lengths {[len(s) for s in seqs]}"


def _mask_text(mask) -> str:
    rows = ["".join("1" if v else "0" for v in row) for row in mask]
    return "mask " + " ".join(rows)


def _right(lengths, L) -> np.ndarray:
    return np.arange(L)[None, :] < np.asarray(lengths)[:, None]


def _left(lengths, L) -> np.ndarray:
    return np.arange(L)[None, :] >= L - np.asarray(lengths)[:, None]


def checks(rng: np.random.Generator) -> list[Check]:
    def pad(seqs, pad_id, side=None):
        args = {"seqs": seqs, "pad_id": pad_id}
        label = f"seqs {_seqs_text(seqs)}, pad_id={pad_id}"
        if side is not None:
            args["side"] = side
            label += f", side={side!r}"
        return Case("pad", args, label)

    def x_of(mask, d, scale=1.0):
        return (rng.standard_normal((*mask.shape, d)) * scale).astype(np.float32)

    def mean(mask, d, note=""):
        x = x_of(mask, d)
        return Case("mean", {"x": x, "mask": mask}, f"x {_shape(x)}, {_mask_text(mask)}{note}")

    def mean_backward(mask, d, note=""):
        x = x_of(mask, d)
        g = rng.standard_normal((mask.shape[0], d)).astype(np.float32)
        return Case("mean_backward", {"x": x, "mask": mask, "grad_output": g},
                    f"x {_shape(x)}, {_mask_text(mask)}{note} (output and grad of x)")

    def loss_args(mask, V, scale):
        logits = (rng.standard_normal((*mask.shape, V)) * scale).astype(np.float32)
        targets = rng.integers(0, V, size=mask.shape).astype(np.int64)
        return {"logits": logits, "targets": targets, "mask": mask}

    def loss(mask, V, scale=2.0, note=""):
        args = loss_args(mask, V, scale)
        return Case("loss", args, f"logits {_shape(args['logits'])}, {_mask_text(mask)}{note}")

    def loss_backward(mask, V, scale=2.0):
        args = loss_args(mask, V, scale)
        return Case("loss_backward", args, f"logits {_shape(args['logits'])}, {_mask_text(mask)} (loss and grad)")

    def pad_then_mean(seqs, pad_id, side, V=10, d=4):
        emb = rng.standard_normal((V, d)).astype(np.float32)
        return Case("pad_then_mean", {"seqs": seqs, "pad_id": pad_id, "side": side, "embedding": emb},
                    f"seqs {_seqs_text(seqs)}, pad_id={pad_id}, side={side!r}, embedding [{V}, {d}]")

    def pad_then_loss(seqs, pad_id, side, V=10):
        weights = (rng.standard_normal((V, V)) * 2).astype(np.float32)
        return Case("pad_then_loss", {"seqs": seqs, "pad_id": pad_id, "side": side, "weights": weights},
                    f"seqs {_seqs_text(seqs)}, pad_id={pad_id}, side={side!r}, logits = W[ids], W [{V}, {V}]")

    ragged = [[5, 3, 8], [2], [7, 7, 9, 1]]
    with_pad = [[0, 4, 0], [3], [6, 0, 2, 0, 5]]  # pad_id 0 is also a real token
    with_empty = [[4, 9], [], [1, 2, 3]]
    scattered = np.array([[1, 0, 1, 1, 0], [0, 1, 1, 0, 1]], dtype=bool)
    empty_row = _right([3, 0, 5], 5)
    return [
        Check("pad_batch, right padding", [
            pad(ragged, 0, "right"), pad([[1, 2], [3, 4, 5, 6, 7], [8, 9, 10]], 99, "right"), pad([[4, 4]], 1, "right"),
        ], compare="exact"),
        Check("pad_batch, left padding", [
            pad(ragged, 0, "left"), pad([[1, 2], [3, 4, 5, 6, 7], [8, 9, 10]], 99, "left"),
            pad([[11, 12, 13, 14], [15]], 3, "left"),
        ], compare="exact"),
        Check("pad_batch, side defaults to right", [pad(ragged, 0), pad([[6], [2, 8]], 5)], compare="exact"),
        Check("pad_batch, pad_id is also a real token", [
            pad(with_pad, 0, "right"), pad(with_pad, 0, "left"), pad([[7, 7, 1], [2, 7]], 7, "right"),
        ], compare="exact"),
        Check("pad_batch, empty sequences", [
            pad(with_empty, 0, "right"), pad(with_empty, 0, "left"), pad([[], []], 2, "right"),
        ], compare="exact"),
        Check("pad_batch returns int64 ids and a bool mask", [
            pad(ragged, 0, "right"), pad(with_empty, 1, "left"),
        ], compare="same_dtype"),
        Check("masked_mean, partly padded rows", [
            mean(_right([3, 5, 1], 5), 4), mean(_left([2, 4], 4), 3), mean(scattered, 6, note=" (gaps inside rows)"),
        ], options=TOLERANCE),
        Check("masked_mean, a row with no real token gives zeros", [
            mean(empty_row, 4), mean(np.zeros((2, 3), dtype=bool), 2, note=" (every row empty)"),
        ], options=TOLERANCE),
        Check("masked_mean gradients", [
            mean_backward(_right([4, 2, 3], 4), 3), mean_backward(scattered, 2),
        ], options=GRAD_TOLERANCE),
        Check("masked_mean gradients with an empty row (zeros, not NaN)", [
            mean_backward(empty_row, 3), mean_backward(_left([0, 2], 3), 2),
        ], options=GRAD_TOLERANCE),
        Check("masked_token_loss, partly padded batch", [
            loss(_right([4, 1, 3], 4), 7), loss(_left([2, 5], 5), 11), loss(scattered, 5, note=" (gaps inside rows)"),
            loss(_right([3, 0, 2], 3), 6, note=" (row 1 all padding)"),
        ], options=TOLERANCE),
        Check("masked_token_loss, no padding", [loss(np.ones((2, 3), dtype=bool), 5)], options=TOLERANCE),
        Check("masked_token_loss, large logits (|logits| ~ 100)", [
            loss(_right([2, 4], 4), 6, scale=60.0), loss(_left([3, 1], 3), 8, scale=60.0),
        ], options=TOLERANCE),
        Check("masked_token_loss gradients", [
            loss_backward(_right([3, 1, 4], 4), 6), loss_backward(scattered, 4),
        ], options=GRAD_TOLERANCE),
        Check("end to end: pad_batch, then masked_mean", [
            pad_then_mean(ragged, 0, "right"), pad_then_mean(with_pad, 0, "left"),
            pad_then_mean(with_empty, 0, "left"), pad_then_mean(with_pad, 0, "right"),
        ], options=TOLERANCE),
        Check("end to end: pad_batch, then masked_token_loss", [
            pad_then_loss(ragged, 0, "right"), pad_then_loss(with_pad, 0, "left"),
            pad_then_loss(with_empty, 0, "right"),
        ], options=TOLERANCE),
    ]


def efficiency(rng: np.random.Generator) -> Efficiency:
    B, L, V = 16, 128, 512
    mask = _right(rng.integers(L // 4, L + 1, size=B), L)
    args = {"logits": rng.standard_normal((B, L, V)).astype(np.float32),
            "targets": rng.integers(0, V, size=(B, L)).astype(np.int64), "mask": mask}
    return Efficiency(Case("loss", args, f"logits [{B}, {L}, {V}], right-padded mask"), repeats=5)
