import numpy as np


def beam_search(next_log_probs, bos, eos, beam_size, max_len, alpha=0.6):
    live = [([bos], 0.0)]
    finished = []
    for _ in range(max_len - 1):
        nxt = []
        for seq, total in live:
            lp = next_log_probs(seq)
            for tok in np.argsort(-lp)[:beam_size]:       # this hypothesis's best continuations
                tok = int(tok)
                cand = (seq + [tok], total + float(lp[tok]))
                if tok == eos:
                    finished.append(cand)
                else:
                    nxt.append(cand)
        live = nxt
        if not live:
            break
    finished += live
    return max(finished, key=lambda h: h[1] / (len(h[0]) - 1) ** alpha)[0]
