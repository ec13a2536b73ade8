from collections.abc import Callable

import numpy as np


def beam_search(next_log_probs: Callable[[list[int]], np.ndarray], bos: int, eos: int, beam_size: int,
                max_len: int, alpha: float = 0.6) -> list[int]:
    """The best hypothesis found by beam search, as a list of token ids starting with bos.

    next_log_probs: function(list[int]) -> np.ndarray [V] of next-token log-probabilities.
    bos, eos:       the start and end token ids (different).
    beam_size:      how many live hypotheses to keep at each step (>= 1).
    max_len:        the longest hypothesis allowed, bos included (>= 2).
    alpha:          length penalty exponent: a finished hypothesis scores
                    sum of its generated tokens' log-probs / (len(tokens) - 1) ** alpha.
    return:         the finished hypothesis with the highest score. See the statement for
                    the four accepted ways of keeping finished hypotheses.
    """
    raise NotImplementedError
