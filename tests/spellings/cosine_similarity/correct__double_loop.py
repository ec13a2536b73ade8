import math

import numpy as np


def cosine_similarity(A, B, eps=1e-8):
    N, M = A.shape[0], B.shape[0]
    out = np.zeros((N, M))
    for i in range(N):
        a = [float(v) for v in A[i]]
        na = math.sqrt(sum(v * v for v in a))
        for j in range(M):
            b = [float(v) for v in B[j]]
            nb = math.sqrt(sum(v * v for v in b))
            if na == 0.0 or nb == 0.0:
                continue
            out[i, j] = sum(x * y for x, y in zip(a, b)) / (na * nb)
    return out
