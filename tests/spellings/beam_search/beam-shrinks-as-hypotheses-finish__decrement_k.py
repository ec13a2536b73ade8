def beam_search(next_log_probs, bos, eos, beam_size, max_len, alpha=0.6):
    k = beam_size
    beams = [(0.0, [bos])]
    finished = []
    for _ in range(max_len - 1):
        if k <= 0:
            break
        cands = []
        for total, seq in beams:
            lps = next_log_probs(seq)
            cands.extend((total + float(lp), seq + [t]) for t, lp in enumerate(lps))
        cands.sort(key=lambda c: c[0], reverse=True)
        beams = []
        for total, seq in cands[:k]:
            if seq[-1] == eos:
                finished.append((total / (len(seq) - 1) ** alpha, seq))
                k -= 1                     # one fewer hypothesis to look for
            else:
                beams.append((total, seq))
        if not beams:
            break
    finished += [(total / (len(seq) - 1) ** alpha, seq) for total, seq in beams]
    return max(finished, key=lambda f: f[0])[1]
