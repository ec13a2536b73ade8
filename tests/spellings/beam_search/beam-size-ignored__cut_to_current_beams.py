import numpy as np


def beam_search(next_log_probs, bos, eos, beam_size, max_len, alpha=0.6):
    beams = [[bos]]
    totals = [0.0]
    done = []
    for step in range(1, max_len):
        scores = np.array(totals)[:, None] + np.stack([next_log_probs(b) for b in beams])
        order = np.argsort(-scores, axis=None)[: len(beams)]
        rows, cols = np.unravel_index(order, scores.shape)
        new_beams, new_totals = [], []
        for r, c in zip(rows, cols):
            if c == eos:
                done.append((scores[r, c] / step ** alpha, beams[r] + [int(c)]))
            else:
                new_beams.append(beams[r] + [int(c)])
                new_totals.append(scores[r, c])
        beams, totals = new_beams, new_totals
        if not beams:
            break
    done += [(t / (len(b) - 1) ** alpha, b) for b, t in zip(beams, totals)]
    return max(done, key=lambda d: d[0])[1]
