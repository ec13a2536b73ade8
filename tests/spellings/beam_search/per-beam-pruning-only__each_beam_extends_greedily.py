import numpy as np


def beam_search(next_log_probs, bos, eos, beam_size, max_len, alpha=0.6):
    first = next_log_probs([bos])
    starts = np.argsort(-first)[:beam_size]
    beams = [([bos, int(t)], float(first[t])) for t in starts]
    finished = [(s, lp) for s, lp in beams if s[-1] == eos]
    live = [(s, lp) for s, lp in beams if s[-1] != eos]
    for _ in range(max_len - 2):
        nxt = []
        for seq, lp in live:                 # each beam follows its own best continuation
            dist = next_log_probs(seq)
            t = int(np.argmax(dist))
            cand = (seq + [t], lp + float(dist[t]))
            (finished if t == eos else nxt).append(cand)
        live = nxt
        if not live:
            break
    finished += live
    return max(finished, key=lambda h: h[1] / (len(h[0]) - 1) ** alpha)[0]
