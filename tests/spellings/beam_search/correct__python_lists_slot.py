def beam_search(next_log_probs, bos, eos, beam_size, max_len, alpha=0.6):
    beams = [(0.0, [bos])]          # (sum of log-probs, tokens)
    done = []                       # (normalised score, tokens)
    for _ in range(max_len - 1):
        candidates = []
        for total, seq in beams:
            for tok, lp in enumerate(next_log_probs(seq).tolist()):
                candidates.append((total + lp, seq + [tok]))
        candidates.sort(key=lambda c: c[0], reverse=True)
        beams = []
        for total, seq in candidates[:beam_size]:
            if seq[-1] == eos:
                done.append((total / (len(seq) - 1) ** alpha, seq))
            else:
                beams.append((total, seq))
        if not beams:
            break
    for total, seq in beams:
        done.append((total / (len(seq) - 1) ** alpha, seq))
    return max(done, key=lambda d: d[0])[1]
