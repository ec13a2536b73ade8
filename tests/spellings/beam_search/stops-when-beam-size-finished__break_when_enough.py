import numpy as np


def beam_search(next_log_probs, bos, eos, beam_size, max_len, alpha=0.6):
    live = [([bos], 0.0)]
    finished = []
    for _ in range(max_len - 1):
        tot = np.array([t for _, t in live])[:, None] + np.stack([next_log_probs(s) for s, _ in live])
        idx = np.argsort(-tot, axis=None)[:beam_size]
        rows, cols = np.unravel_index(idx, tot.shape)
        live_next = []
        for r, c in zip(rows.tolist(), cols.tolist()):
            seq = live[r][0] + [c]
            if c == eos:
                finished.append((tot[r, c] / (len(seq) - 1) ** alpha, seq))
            else:
                live_next.append((seq, float(tot[r, c])))
        live = live_next
        if len(finished) >= beam_size or not live:
            break
    if len(finished) < beam_size:
        finished += [(t / (len(s) - 1) ** alpha, s) for s, t in live]
    return max(finished, key=lambda f: f[0])[1]
