import numpy as np


def beam_search(next_log_probs, bos, eos, beam_size, max_len, alpha=0.6):
    beams = [[bos]]
    logps = np.array([0.0])
    best_score, best = -np.inf, None
    for step in range(1, max_len):
        cand = logps[:, None] + np.stack([next_log_probs(b) for b in beams])
        order = np.argsort(-cand, axis=None)
        new_beams, new_logps = [], []
        kept = 0
        for flat in order:
            if kept == beam_size:
                break
            kept += 1
            i, tok = np.unravel_index(flat, cand.shape)
            if tok == eos:
                s = cand[i, tok] / (step + 1) ** alpha
                if s > best_score:
                    best_score, best = s, beams[i] + [int(tok)]
            else:
                new_beams.append(beams[i] + [int(tok)])
                new_logps.append(cand[i, tok])
        beams, logps = new_beams, np.array(new_logps)
        if not beams:
            break
    for b, lp in zip(beams, logps):
        s = lp / len(b) ** alpha
        if s > best_score:
            best_score, best = s, b
    return best
