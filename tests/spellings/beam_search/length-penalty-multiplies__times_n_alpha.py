def beam_search(next_log_probs, bos, eos, beam_size, max_len, alpha=0.6):
    def penalised(total, seq):
        lp = (len(seq) - 1) ** alpha
        return total * lp

    hyps = [(0.0, [bos])]
    final = []
    for _ in range(max_len - 1):
        pool = []
        for total, seq in hyps:
            dist = next_log_probs(seq)
            for tok in range(len(dist)):
                pool.append((total + float(dist[tok]), seq + [tok]))
        pool.sort(key=lambda p: p[0], reverse=True)
        hyps = []
        for total, seq in pool[:beam_size]:
            if seq[-1] == eos:
                final.append((penalised(total, seq), seq))
            else:
                hyps.append((total, seq))
        if not hyps:
            break
    final += [(penalised(total, seq), seq) for total, seq in hyps]
    return max(final, key=lambda f: f[0])[1]
