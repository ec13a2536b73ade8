def beam_search(next_log_probs, bos, eos, beam_size, max_len, alpha=0.6):
    def normalised(seq, logp):
        return logp / len(seq) ** alpha

    alive = [(0.0, [bos])]
    ended = []
    for _ in range(max_len - 1):
        candidates = []
        for logp, seq in alive:
            dist = next_log_probs(seq)
            candidates += [(logp + float(dist[t]), seq + [t]) for t in range(len(dist))]
        candidates = sorted(candidates, key=lambda c: c[0], reverse=True)[:beam_size]
        alive = [c for c in candidates if c[1][-1] != eos]
        ended += [(normalised(seq, logp), seq) for logp, seq in candidates if seq[-1] == eos]
        if not alive:
            break
    ended += [(normalised(seq, logp), seq) for logp, seq in alive]
    return max(ended, key=lambda e: e[0])[1]
