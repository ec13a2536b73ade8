def beam_search(next_log_probs, bos, eos, beam_size, max_len, alpha=0.6):
    live = [(0.0, [bos])]
    done = []
    while live and len(live[0][1]) <= max_len:
        pool = []
        for total, seq in live:
            lp = next_log_probs(seq)
            pool += [(total + float(lp[t]), seq + [t]) for t in range(len(lp))]
        pool.sort(key=lambda p: p[0], reverse=True)
        live = []
        for total, seq in pool[:beam_size]:
            if seq[-1] == eos:
                done.append((total / (len(seq) - 1) ** alpha, seq))
            else:
                live.append((total, seq))
    done += [(total / (len(seq) - 1) ** alpha, seq) for total, seq in live]
    return max(done, key=lambda d: d[0])[1]
