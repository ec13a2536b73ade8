def beam_search(next_log_probs, bos, eos, beam_size, max_len, alpha=0.6):
    beams = [([bos], 0.0)]
    finished = []
    for _ in range(max_len - 1):
        cands = []
        for seq, lp in beams:
            probs = next_log_probs(seq)
            for tok in range(len(probs)):
                cands.append((seq + [tok], lp + float(probs[tok])))
        cands.sort(key=lambda x: -x[1])
        beams = []
        for seq, lp in cands[:beam_size]:
            (finished if seq[-1] == eos else beams).append((seq, lp))
        if not beams:
            break
    finished += beams
    best_seq, _ = max(finished, key=lambda x: x[1])
    return best_seq
