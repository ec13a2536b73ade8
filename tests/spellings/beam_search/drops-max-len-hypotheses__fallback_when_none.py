import numpy as np


def beam_search(next_log_probs, bos, eos, beam_size, max_len, alpha=0.6):
    live = [([bos], 0.0)]
    finished = []
    for _ in range(max_len - 1):
        tot = np.array([t for _, t in live])[:, None] + np.stack([next_log_probs(s) for s, _ in live])
        top = np.argsort(-tot, axis=None)[:beam_size]
        rows, cols = np.unravel_index(top, tot.shape)
        nxt = []
        for r, c in zip(rows.tolist(), cols.tolist()):
            seq = live[r][0] + [c]
            if c == eos:
                finished.append((float(tot[r, c]) / (len(seq) - 1) ** alpha, seq))
            else:
                nxt.append((seq, float(tot[r, c])))
        live = nxt
        if not live:
            break
    if finished:
        return max(finished, key=lambda f: f[0])[1]
    return max(live, key=lambda h: h[1])[0]
