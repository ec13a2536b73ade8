def _score(total, tokens, alpha=0.6):
    return total / (len(tokens) - 1) ** alpha


def beam_search(next_log_probs, bos, eos, beam_size, max_len, alpha=0.6):
    beam = [(0.0, [bos])]
    complete = []
    for _ in range(max_len - 1):
        pool = []
        for total, toks in beam:
            lps = next_log_probs(toks)
            pool.extend((total + float(lp), toks + [t]) for t, lp in enumerate(lps))
        pool.sort(reverse=True, key=lambda p: p[0])
        beam = []
        for total, toks in pool[:beam_size]:
            if toks[-1] == eos:
                complete.append((_score(total, toks), toks))
            else:
                beam.append((total, toks))
        if not beam:
            break
    complete.extend((_score(total, toks), toks) for total, toks in beam)
    return max(complete, key=lambda c: c[0])[1]
