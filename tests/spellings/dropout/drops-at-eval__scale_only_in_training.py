def dropout(x, p, training, rng):
    mask = rng.uniform(size=x.shape) >= p
    y = x * mask
    if training:
        y = y / (1.0 - p)
    return y.astype(x.dtype), mask
