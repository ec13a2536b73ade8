import heapq


def beam_search(next_log_probs, bos, eos, beam_size, max_len, alpha=0.6):
    alive = [(0.0, [bos])]
    done = []
    steps = 0
    while len(done) < beam_size and steps < max_len - 1 and alive:
        steps += 1
        cands = []
        for total, toks in alive:
            row = next_log_probs(toks)
            for t in range(len(row)):
                cand = (total + float(row[t]), toks + [t])
                if t == eos:
                    done.append((cand[0] / (len(cand[1]) - 1) ** alpha, cand[1]))
                else:
                    cands.append(cand)
        alive = heapq.nlargest(beam_size, cands, key=lambda c: c[0])
    if not done:
        done = [(t / (len(s) - 1) ** alpha, s) for t, s in alive]
    return max(done, key=lambda d: d[0])[1]
