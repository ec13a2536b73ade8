import numpy as np


def beam_search(next_log_probs, bos, eos, beam_size, max_len, alpha=0.6):
    hyps = [[bos]]
    scores = np.zeros(1)
    finished = []
    length = 1
    while not finished and length < max_len:
        cand = scores[:, None] + np.stack([next_log_probs(h) for h in hyps])
        flat = np.argsort(-cand.ravel())[:beam_size]
        new_h, new_s = [], []
        for f in flat:
            b, t = np.unravel_index(f, cand.shape)
            h = hyps[b] + [int(t)]
            if t == eos:
                finished.append((cand[b, t] / length ** alpha, h))
            else:
                new_h.append(h)
                new_s.append(cand[b, t])
        hyps, scores = new_h, np.array(new_s)
        length += 1
        if not hyps:
            break
    finished += [(s / (len(h) - 1) ** alpha, h) for h, s in zip(hyps, scores)]
    return max(finished, key=lambda f: f[0])[1]
