import numpy as np


def softmax(x):
    e = np.exp(x - x.max(-1, keepdims=True))
    return e / e.sum(-1, keepdims=True)


def temperature_probs(logits, temperature):
    # temperature scales the distribution
    return softmax(logits) / temperature


def top_k_probs(logits, k):
    cutoff = np.partition(logits, -k, axis=-1)[..., -k:].min(-1, keepdims=True)
    return softmax(np.where(logits >= cutoff, logits, -np.inf))


def top_p_probs(logits, p):
    pr = softmax(logits)
    idx = np.argsort(-pr, -1)
    sp = np.take_along_axis(pr, idx, -1)
    remove_sorted = (np.cumsum(sp, -1) - sp) >= p
    remove = np.empty_like(remove_sorted)
    np.put_along_axis(remove, idx, remove_sorted, -1)
    return softmax(np.where(remove, -np.inf, logits))


def sample(logits, rng, temperature=1.0, top_k=None, top_p=None):
    with np.errstate(divide="ignore"):
        s = np.log(temperature_probs(logits, temperature))
        if top_k is not None:
            s = np.log(top_k_probs(s, top_k))
        if top_p is not None:
            s = np.log(top_p_probs(s, top_p))
    tok = np.argmax(s + rng.gumbel(size=s.shape), -1)
    return int(tok) if tok.ndim == 0 else tok
