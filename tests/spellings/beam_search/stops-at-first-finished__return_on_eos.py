def beam_search(next_log_probs, bos, eos, beam_size, max_len, alpha=0.6):
    beam = [(0.0, [bos])]
    for _ in range(max_len - 1):
        cands = []
        for total, seq in beam:
            lp = next_log_probs(seq)
            cands += [(total + float(lp[t]), seq + [t]) for t in range(len(lp))]
        cands.sort(key=lambda c: c[0], reverse=True)
        top = cands[:beam_size]
        ended = [(t / (len(s) - 1) ** alpha, s) for t, s in top if s[-1] == eos]
        if ended:
            return max(ended, key=lambda e: e[0])[1]
        beam = top
    return max(beam, key=lambda b: b[0] / (len(b[1]) - 1) ** alpha)[1]
