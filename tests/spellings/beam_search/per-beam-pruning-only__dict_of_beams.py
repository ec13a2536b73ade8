def beam_search(next_log_probs, bos, eos, beam_size, max_len, alpha=0.6):
    beams = {(bos,): 0.0}
    complete = {}
    for _ in range(max_len - 1):
        expanded = {}
        for prefix, score in beams.items():
            dist = next_log_probs(list(prefix))
            best = sorted(range(len(dist)), key=lambda t: dist[t], reverse=True)[:beam_size]
            for t in best:
                expanded[prefix + (t,)] = score + float(dist[t])
        beams = {}
        for seq, score in expanded.items():
            if seq[-1] == eos:
                complete[seq] = score / (len(seq) - 1) ** alpha
            else:
                beams[seq] = score
        if not beams:
            break
    for seq, score in beams.items():
        complete[seq] = score / (len(seq) - 1) ** alpha
    return list(max(complete, key=complete.get))
