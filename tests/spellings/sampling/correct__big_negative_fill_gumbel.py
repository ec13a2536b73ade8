import numpy as np

NEG = -1e9  # instead of -inf


def stable_softmax(s):
    s = s - s.max(-1, keepdims=True)
    e = np.exp(s)
    return e / e.sum(-1, keepdims=True)


def filter_top_k(s, k):
    thresh = np.partition(s, -k, axis=-1)[..., -k:].min(-1, keepdims=True)
    return np.where(s < thresh, NEG, s)


def filter_top_p(s, p):
    probs = stable_softmax(s)
    order = np.argsort(probs, axis=-1)[..., ::-1]
    sorted_p = np.take_along_axis(probs, order, -1)
    cum = np.cumsum(sorted_p, -1)
    remove = np.zeros_like(cum, dtype=bool)
    remove[..., 1:] = cum[..., :-1] >= p   # shift right: the first token is always kept
    remove_vocab = np.zeros_like(remove)
    np.put_along_axis(remove_vocab, order, remove, -1)
    return np.where(remove_vocab, NEG, s)


def temperature_probs(logits, temperature):
    return stable_softmax(logits / temperature)


def top_k_probs(logits, k):
    return stable_softmax(filter_top_k(logits, k))


def top_p_probs(logits, p):
    return stable_softmax(filter_top_p(logits, p))


def sample(logits, rng, temperature=1.0, top_k=None, top_p=None):
    s = logits / temperature
    if top_k:
        s = filter_top_k(s, top_k)
    if top_p:
        s = filter_top_p(s, top_p)
    u = rng.random(s.shape)
    g = -np.log(-np.log(u))
    tok = np.argmax(s + g, axis=-1)
    return tok.item() if tok.ndim == 0 else tok
