from dataclasses import dataclass, field

import numpy as np


@dataclass(order=True)
class Hyp:
    logp: float
    tokens: list = field(compare=False)

    def score(self, alpha):
        return self.logp / (len(self.tokens) - 1) ** alpha


def beam_search(next_log_probs, bos, eos, beam_size, max_len, alpha=0.6):
    beam = [Hyp(0.0, [bos])]
    complete = []
    for _ in range(max_len - 1):
        totals = np.array([h.logp for h in beam])[:, None] + np.stack([next_log_probs(h.tokens) for h in beam])
        top = np.argsort(-totals, axis=None)[: 2 * beam_size]      # T5X / tensor2tensor style
        rows, cols = np.unravel_index(top, totals.shape)
        nxt = []
        for r, c in zip(rows, cols):
            h = Hyp(float(totals[r, c]), beam[r].tokens + [int(c)])
            if c == eos:
                complete.append(h)
            elif len(nxt) < beam_size:
                nxt.append(h)
        beam = nxt
    complete.extend(beam)
    return max(complete, key=lambda h: h.score(alpha)).tokens
