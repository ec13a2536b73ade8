def dropout(x, p, training, rng):
    keep_prob = 1 - p
    mask = rng.random(x.shape) < keep_prob
    out = x * mask / keep_prob
    return out, mask
