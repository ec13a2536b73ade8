import numpy as np


def beam_search(next_log_probs, bos, eos, beam_size, max_len, alpha=0.6):
    hyps = [[bos]]
    sums = np.zeros(1)
    results = []          # (score, tokens)
    for _ in range(max_len - 1):
        scores = sums[:, None] + np.stack([next_log_probs(h) for h in hyps])
        V = scores.shape[1]
        idx = np.argsort(scores, axis=None)[::-1][:beam_size]
        new_hyps, new_sums = [], []
        for i in idx:
            b, t = divmod(int(i), V)
            if t == eos:
                results.append((float(scores[b, t]), hyps[b] + [t]))
            else:
                new_hyps.append(hyps[b] + [t])
                new_sums.append(scores[b, t])
        hyps, sums = new_hyps, np.array(new_sums)
        if not hyps:
            break
    for h, s in zip(hyps, sums):
        results.append((s / (len(h) - 1) ** alpha, h))
    return max(results, key=lambda r: r[0])[1]
