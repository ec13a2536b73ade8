from collections.abc import Callable

import numpy as np


def _score(total: float, tokens: list[int], alpha: float) -> float:
    """Length-normalised score: total log-prob / (generated tokens, bos excluded, eos included) ** alpha."""
    return total / (len(tokens) - 1) ** alpha


def beam_search(next_log_probs: Callable[[list[int]], np.ndarray], bos: int, eos: int, beam_size: int,
                max_len: int, alpha: float = 0.6) -> list[int]:
    """Beam search as tensor2tensor and T5X keep finished hypotheses: of the 2 * beam_size best candidates, those
    ending in eos finish and the beam_size best others stay live; eos candidates further down are dropped."""
    live = [([bos], 0.0)]  # (tokens, sum of the generated tokens' log-probs)
    finished = []  # (normalised score, tokens)
    for _ in range(max_len - 1):  # each step adds one token; no hypothesis grows past max_len
        log_probs = np.stack([next_log_probs(tokens) for tokens, _ in live])  # [n_live, V]
        totals = np.array([total for _, total in live])[:, None] + log_probs  # [n_live, V]
        # each live hypothesis has one eos continuation, so the 2 * beam_size best candidates hold at least
        # beam_size non-eos ones (when there are that many candidates)
        ranked = np.argsort(-totals, axis=None)[: 2 * beam_size]
        rows, cols = np.unravel_index(ranked, totals.shape)  # [k] beam index and token id, best first
        next_live = []
        for row, token in zip(rows.tolist(), cols.tolist()):
            tokens, total = live[row][0] + [token], float(totals[row, token])
            if token == eos:  # an eos candidate among the 2 * beam_size best finishes
                finished.append((_score(total, tokens, alpha), tokens))
            elif len(next_live) < beam_size:
                next_live.append((tokens, total))
        live = next_live
    # hypotheses that reach max_len without eos compete as finished, with their own length
    finished += [(_score(total, tokens, alpha), tokens) for tokens, total in live]
    return max(finished, key=lambda item: item[0])[1]
