"""Builds a toy language model from plain data and runs the implementation's beam search on it.

Runs in the sandbox; holds no answers. A model is a dict:
  vocab     V, the number of token ids
  seed      next-token logits for a prefix are drawn from np.random.default_rng([seed, len, *prefix]):
            deterministic, and independent from one prefix to another
  scale     their standard deviation
  eos_bias  added to the eos logit, plus eos_ramp for every token generated so far
  table     optional [[prefix, logits], ...]: these prefixes get these logits instead
next_log_probs returns the log-softmax of the logits (float64 [V], a fresh array on every call).
"""

import numpy as np


class ToyLM:
    def __init__(self, vocab, seed, eos, scale=1.0, eos_bias=0.0, eos_ramp=0.0, table=()):
        self.vocab, self.seed, self.eos = vocab, seed, eos
        self.scale, self.eos_bias, self.eos_ramp = scale, eos_bias, eos_ramp
        self.table = {tuple(prefix): np.asarray(logits, dtype=np.float64) for prefix, logits in table}

    def logits(self, prefix: tuple) -> np.ndarray:
        if prefix in self.table:
            return self.table[prefix].copy()
        logits = self.scale * np.random.default_rng([self.seed, len(prefix), *prefix]).standard_normal(self.vocab)
        logits[self.eos] += self.eos_bias + self.eos_ramp * (len(prefix) - 1)
        return logits

    def __call__(self, seq) -> np.ndarray:
        prefix = tuple(int(t) for t in seq)
        if not prefix or not all(0 <= t < self.vocab for t in prefix):
            raise ValueError(f"next_log_probs needs a non-empty sequence of token ids in [0, {self.vocab}), "
                             f"got {list(prefix)}")
        logits = self.logits(prefix)
        shifted = logits - logits.max()
        return shifted - np.log(np.exp(shifted).sum())

    def score(self, tokens: list[int], alpha: float) -> float:
        """The contract's score of a hypothesis: sum of its generated tokens' log-probs / n_generated ** alpha."""
        total = sum(float(self(tokens[:i])[tokens[i]]) for i in range(1, len(tokens)))
        return total / (len(tokens) - 1) ** alpha


def _tokens(out) -> list[int] | None:
    """A list, tuple or 1-d array of integers as a list of ints; None for anything else."""
    if isinstance(out, np.ndarray) and out.ndim == 1 and out.dtype.kind in "iu":
        return [int(t) for t in out.tolist()]
    if isinstance(out, list | tuple) and all(isinstance(t, int | np.integer) and not isinstance(t, bool) for t in out):
        return [int(t) for t in out]
    return None


def _describe(out) -> str:
    if isinstance(out, np.ndarray):
        return f"an array of dtype {out.dtype} and shape {out.shape}"
    if isinstance(out, list | tuple):
        kinds = sorted({type(t).__name__ for t in out})
        return f"a {type(out).__name__} of {', '.join(kinds) or 'nothing'}"
    return f"a {type(out).__name__}"


def _result(lm: ToyLM, out, bos: int, eos: int, max_len: int, alpha: float):
    """The returned hypothesis, its score under the toy model, and a note if it breaks the rules of the
    statement (these are facts about the output, not answers)."""
    if out is None:
        return None  # reported as a missing return
    tokens = _tokens(out)
    if tokens is None:
        return {"tokens": None, "score": None, "note": f"got {_describe(out)}"}
    result = {"tokens": tokens, "score": None}
    if not tokens or tokens[0] != bos:
        result["note"] = f"a hypothesis starts with bos ({bos})"
    elif len(tokens) < 2:
        result["note"] = "a hypothesis has at least one generated token"
    elif not all(0 <= t < lm.vocab for t in tokens):
        result["note"] = f"token ids are in [0, {lm.vocab})"
    else:
        result["score"] = lm.score(tokens, alpha)
        if eos in tokens[:-1]:
            result["note"] = "eos appears before its end: a finished hypothesis was extended"
        elif len(tokens) > max_len:
            result["note"] = f"it is longer than max_len = {max_len} (bos included)"
        elif tokens[-1] != eos and len(tokens) < max_len:
            result["note"] = (f"it does not end in eos and is shorter than max_len = {max_len}: a hypothesis "
                              "still live when the search stopped")
    return result


def beam_search(impl, lm, bos, eos, beam_size, max_len, alpha):
    model = ToyLM(eos=eos, **lm)
    return _result(model, impl.beam_search(model, bos, eos, beam_size, max_len, alpha), bos, eos, max_len, alpha)


def beam_search_default_alpha(impl, lm, bos, eos, beam_size, max_len):
    """Called without alpha: the default must be 0.6."""
    model = ToyLM(eos=eos, **lm)
    return _result(model, impl.beam_search(model, bos, eos, beam_size, max_len), bos, eos, max_len, 0.6)
