def beam_search(next_log_probs, bos, eos, beam_size, max_len, alpha=0.6):
    beams = [(0.0, [bos])]
    best, best_score = None, float("-inf")
    for _ in range(max_len - 1):
        cands = []
        for total, seq in beams:
            lp = next_log_probs(seq).tolist()
            cands += [(total + v, seq + [t]) for t, v in enumerate(lp)]
        cands.sort(key=lambda c: -c[0])
        beams = []
        for total, seq in cands[:beam_size]:
            if seq[-1] == eos:
                score = total / (len(seq) - 1) ** alpha
                if score > best_score:
                    best, best_score = seq, score
            else:
                beams.append((total, seq))
        if not beams:
            break
    return best if best is not None else beams[0][1]
