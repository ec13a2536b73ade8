import numpy as np


def beam_search(next_log_probs, bos, eos, beam_size, max_len, alpha=0.6):
    seqs = np.array([[bos]], dtype=np.int64)          # [n, t]
    tot = np.array([0.0])                             # [n]
    best, best_seq = -np.inf, None
    for t in range(1, max_len):
        lp = np.stack([next_log_probs(list(s)) for s in seqs])     # [n, V]
        cand = (tot[:, None] + lp).ravel()
        k = min(beam_size, cand.size)
        top = np.argpartition(-cand, k - 1)[:k]
        top = top[np.argsort(-cand[top])]
        rows, toks = np.divmod(top, lp.shape[1])
        new = np.concatenate([seqs[rows], toks[:, None]], axis=1)
        ended = toks == eos
        for i in np.flatnonzero(ended):            # eos candidates take their slots and leave
            s = cand[top[i]] / t ** alpha
            if s > best:
                best, best_seq = s, new[i]
        seqs, tot = new[~ended], cand[top][~ended]
        if len(seqs) == 0:
            break
    for s, total in zip(seqs, tot):
        score = total / (len(s) - 1) ** alpha
        if score > best:
            best, best_seq = score, s
    return best_seq
