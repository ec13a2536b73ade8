import numpy as np


def beam_search(next_log_probs, bos, eos, beam_size, max_len, alpha=0.6):
    seqs = [[bos]]
    lps = np.zeros(1)
    out = []
    for t in range(1, max_len):
        cand = lps[:, None] + np.stack([next_log_probs(s) for s in seqs])
        V = cand.shape[1]
        best = np.argsort(-cand.ravel())[:beam_size]
        keep_s, keep_l = [], []
        for f in best:
            b, tok = divmod(int(f), V)
            if tok == eos:
                out.append((cand[b, tok] / (1.0 / t) ** alpha, seqs[b] + [tok]))
            else:
                keep_s.append(seqs[b] + [tok])
                keep_l.append(cand[b, tok])
        seqs, lps = keep_s, np.array(keep_l)
        if not seqs:
            break
    for s, l in zip(seqs, lps):
        out.append((l / (1.0 / (len(s) - 1)) ** alpha, s))
    return max(out, key=lambda o: o[0])[1]
