import heapq
import math


def beam_search(next_log_probs, bos, eos, beam_size, max_len, alpha=0.6):
    """Every eos continuation finishes; the best beam_size others stay live.
    Stops early once no live hypothesis can beat the best finished one."""
    live = [(0.0, (bos,))]
    best_score, best_seq = -math.inf, None

    def consider(total, seq):
        nonlocal best_score, best_seq
        s = total / (len(seq) - 1) ** alpha
        if s > best_score:
            best_score, best_seq = s, seq

    for _ in range(max_len - 1):
        pool = []
        for total, seq in live:
            row = next_log_probs(list(seq))
            for tok in range(len(row)):
                cand = total + float(row[tok])
                if tok == eos:
                    consider(cand, seq + (tok,))
                else:
                    pool.append((cand, seq + (tok,)))
        live = heapq.nlargest(beam_size, pool, key=lambda c: c[0])
        if not live:
            break
        # log-probs are <= 0: a live total can only fall, and the best it can still be divided by is (max_len-1)**alpha
        if best_seq is not None and max(t for t, _ in live) / (max_len - 1) ** alpha < best_score:
            live = []
            break
    for total, seq in live:
        consider(total, seq)
    return list(best_seq)
