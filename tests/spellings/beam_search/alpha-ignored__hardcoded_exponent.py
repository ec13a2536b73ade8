import numpy as np


def length_norm(logp, n):
    return logp / n ** 0.6


def beam_search(next_log_probs, bos, eos, beam_size, max_len, alpha=0.6):
    live = [([bos], 0.0)]
    done = []
    for step in range(1, max_len):
        logp = np.stack([next_log_probs(seq) for seq, _ in live])
        tot = np.array([s for _, s in live])[:, None] + logp
        flat = np.argsort(-tot.ravel())[:beam_size]
        nxt = []
        for f in flat:
            r, c = np.unravel_index(f, tot.shape)
            seq = live[r][0] + [int(c)]
            if c == eos:
                done.append((length_norm(tot[r, c], step), seq))
            else:
                nxt.append((seq, float(tot[r, c])))
        live = nxt
        if not live:
            break
    done += [(length_norm(s, len(seq) - 1), seq) for seq, s in live]
    return max(done, key=lambda d: d[0])[1]
