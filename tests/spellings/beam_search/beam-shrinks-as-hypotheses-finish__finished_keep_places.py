import numpy as np


def beam_search(next_log_probs, bos, eos, beam_size, max_len, alpha=0.6):
    # the beam holds finished hypotheses too; they keep their place and are not expanded
    beam = [([bos], 0.0, False)]
    for _ in range(max_len - 1):
        done = [h for h in beam if h[2]]
        live = [h for h in beam if not h[2]]
        if not live:
            break
        tot = np.array([h[1] for h in live])[:, None] + np.stack([next_log_probs(h[0]) for h in live])
        n_free = beam_size - len(done)
        top = np.argsort(-tot, axis=None)[:n_free]
        rows, cols = np.unravel_index(top, tot.shape)
        new = [(live[r][0] + [int(c)], float(tot[r, c]), c == eos) for r, c in zip(rows, cols)]
        beam = done + new
    return max(beam, key=lambda h: h[1] / (len(h[0]) - 1) ** alpha)[0]
