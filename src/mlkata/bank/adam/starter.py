import numpy as np


def adam_step(param: np.ndarray, grad: np.ndarray, m: np.ndarray, v: np.ndarray, t: int,
              lr=1e-3, beta1=0.9, beta2=0.999, eps=1e-8, weight_decay=0.0):
    """One step of Adam, exactly as torch.optim.Adam takes it.

    param, grad, m, v: arrays of one shape, float32 or float64. m and v are the
            running first and second moments (zeros before the first step). You may
            update these arrays in place: the caller passes copies.
    t:      the step number, 1-based: t = 1 on the first step.
    weight_decay: an L2 penalty; weight_decay * param is added to the gradient.
    return: (new_param, new_m, new_v), each of param's shape.
    """
    raise NotImplementedError


def adamw_step(param: np.ndarray, grad: np.ndarray, m: np.ndarray, v: np.ndarray, t: int,
               lr=1e-3, beta1=0.9, beta2=0.999, eps=1e-8, weight_decay=1e-2):
    """One step of AdamW, exactly as torch.optim.AdamW takes it.

    Same arguments and return value as adam_step, but the weight decay is decoupled:
    it shrinks the parameter directly and never enters m or v.
    """
    raise NotImplementedError
