import numpy as np


def beam_search(next_log_probs, bos, eos, beam_size, max_len, alpha=0.6):
    hyps = [[bos]]
    totals = np.zeros(1)
    finished = []
    for _ in range(max_len):
        cand = totals[:, None] + np.stack([next_log_probs(h) for h in hyps])
        idx = np.argsort(-cand, axis=None)[:beam_size]
        r, c = np.unravel_index(idx, cand.shape)
        nh, nt = [], []
        for i, j in zip(r.tolist(), c.tolist()):
            h = hyps[i] + [j]
            if j == eos:
                finished.append((cand[i, j] / (len(h) - 1) ** alpha, h))
            else:
                nh.append(h)
                nt.append(cand[i, j])
        hyps, totals = nh, np.array(nt)
        if not hyps:
            break
    finished += [(t / (len(h) - 1) ** alpha, h) for h, t in zip(hyps, totals)]
    return max(finished, key=lambda f: f[0])[1]
