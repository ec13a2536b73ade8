def beam_search(next_log_probs, bos, eos, beam_size, max_len, alpha=0.6):
    # every hypothesis runs to max_len; the best one is chosen at the end
    beams = [(0.0, [bos])]
    for _ in range(max_len - 1):
        cands = []
        for s, seq in beams:
            row = next_log_probs(seq)
            for t, lp in enumerate(row.tolist()):
                cands.append((s + lp, seq + [t]))
        cands.sort(key=lambda c: -c[0])
        beams = cands[:beam_size]

    def norm(c):
        s, seq = c
        return s / (len(seq) - 1) ** alpha

    return max(beams, key=norm)[1]
