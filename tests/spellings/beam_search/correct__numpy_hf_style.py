import numpy as np


def _norm(total, length, alpha):
    return total / (length ** alpha)


def beam_search(next_log_probs, bos, eos, beam_size, max_len, alpha=0.6):
    seqs = [[bos]]
    scores = np.zeros(1)
    finished = []
    for step in range(1, max_len):
        logp = np.stack([next_log_probs(s) for s in seqs])          # [n, V]
        cand = scores[:, None] + logp
        V = cand.shape[1]
        flat = cand.ravel()
        order = np.argsort(flat)[::-1]
        new_seqs, new_scores = [], []
        for rank, idx in enumerate(order):
            b, t = divmod(int(idx), V)
            if t == eos:
                if rank < beam_size:                               # finished only from the top beam_size
                    finished.append((_norm(flat[idx], step, alpha), seqs[b] + [t]))
                continue
            new_seqs.append(seqs[b] + [t])
            new_scores.append(flat[idx])
            if len(new_seqs) == beam_size:
                break
        seqs, scores = new_seqs, np.array(new_scores)
    for s, sc in zip(seqs, scores):
        finished.append((_norm(sc, len(s) - 1, alpha), s))
    best = max(finished, key=lambda f: f[0])
    return best[1]
