import numpy as np


def beam_search(next_log_probs, bos, eos, beam_size, max_len, alpha=0.6):
    beam = [([bos], 0.0)]
    finished = []
    for _ in range(max_len - 1):
        totals = np.array([lp for _, lp in beam])[:, None] + np.stack([next_log_probs(s) for s, _ in beam])
        top = np.argsort(-totals.ravel())[:beam_size]
        rows, toks = np.unravel_index(top, totals.shape)
        new_beam = []
        for r, t in zip(rows.tolist(), toks.tolist()):
            seq, lp = beam[r][0] + [t], float(totals[r, t])
            if t == eos:
                finished.append((lp / (len(seq) - 1) ** alpha, seq))
            new_beam.append((seq, lp))
        beam = new_beam
    finished += [(lp / (len(seq) - 1) ** alpha, seq) for seq, lp in beam]
    return max(finished, key=lambda f: f[0])[1]
