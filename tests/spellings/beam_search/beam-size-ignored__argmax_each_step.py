import numpy as np


def beam_search(next_log_probs, bos, eos, beam_size, max_len, alpha=0.6):
    seq, total = [bos], 0.0
    while len(seq) < max_len:
        lp = next_log_probs(seq)
        tok = int(np.argmax(lp))
        seq.append(tok)
        total += float(lp[tok])
        if tok == eos:
            break
    return seq
