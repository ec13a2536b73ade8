"""Named checks for decision_tree: inputs only; expected values come from the model answer.

Every training set has integer feature values (exact in float32, so a float32 pipeline makes the same
comparisons) and is kept only if its tree is unambiguous: at every node that is split, one candidate
split has a weighted Gini impurity at least MARGIN below every other candidate and below the node's
own impurity (`_grow` lists them all). Small noisy nodes tie often, and a tie is a free choice.
Probe points sit at a quarter past or before an integer, never on a midpoint (which is an integer or
a half), and on both sides of the midpoints of the gaps the splits use.

Where a check exists for one mistake, its data are also chosen (by rebuilding the tree the mistaken
way here) so that the mistake changes the answer, with an unambiguous mistaken tree too, so that every
spelling of the mistake gives the same wrong answer.
"""

from __future__ import annotations

import numpy as np

from mlkata.kit import Case, Check, Efficiency

MARGIN = 1e-6  # float32 arithmetic rounds a weighted impurity by ~1e-7


# -- an independent tree builder, to vet the data ---------------------------------------------------

def _impurity(counts: np.ndarray, criterion: str) -> np.ndarray:
    p = counts / counts.sum(axis=-1, keepdims=True)
    if criterion == "entropy":
        return -(p * np.log2(np.where(p > 0, p, 1.0))).sum(axis=-1)
    return 1.0 - (p ** 2).sum(axis=-1)


def _grow(X, y, max_depth=None, mss=2, criterion="gini", weighted=True, threshold="mid", pure_split=None,
          vote="smallest", depth=0):
    """The tree as nested dicts, or None if some split is ambiguous. pure_split ("first" / "last") splits
    pure nodes too, taking that candidate (a pure node has no best split); vote="first" breaks a tied
    vote in favour of the label seen first."""
    labels, counts = np.unique(y, return_counts=True)
    top = labels[counts == counts.max()]
    label = top[0] if vote == "smallest" else next(v for v in y if v in top)
    leaf = {"label": label, "n": len(y), "tie": len(top) > 1}
    pure = len(labels) == 1
    if len(y) < mss or (pure and pure_split is None) or (max_depth is not None and depth >= max_depth):
        return leaf
    splits = []  # (impurity, feature, lo, hi) of every candidate
    onehot = (y[:, None] == labels[None, :]).astype(np.float64)  # [n, K]
    for f in range(X.shape[1]):
        order = np.argsort(X[:, f], kind="stable")
        xs = X[order, f]
        cl = np.cumsum(onehot[order], axis=0)[:-1]  # [n-1, K] counts left of the cut after sorted sample i
        cr = counts[None, :] - cl
        il, ir = _impurity(cl, criterion), _impurity(cr, criterion)
        nl, nr = cl.sum(axis=1), cr.sum(axis=1)
        values = (nl * il + nr * ir) / len(y) if weighted else il + ir
        for i in np.flatnonzero(xs[1:] > xs[:-1]):
            splits.append((float(values[i]), f, xs[i], xs[i + 1]))
    if not splits:
        return leaf
    if pure:
        _, f, lo, hi = splits[0 if pure_split == "first" else -1]
    else:
        splits.sort(key=lambda s: s[0])
        if len(splits) > 1 and splits[1][0] - splits[0][0] < MARGIN:
            return None
        if weighted and _impurity(counts.astype(float), criterion) - splits[0][0] < MARGIN:
            return None  # no split lowers the impurity: splitting or not is a free choice
        _, f, lo, hi = splits[0]
    cut = {"mid": (lo + hi) / 2, "lo": lo, "hi": hi}[threshold]
    go_left = X[:, f] <= lo
    kw = dict(max_depth=max_depth, mss=mss, criterion=criterion, weighted=weighted, threshold=threshold,
              pure_split=pure_split, vote=vote, depth=depth + 1)
    left, right = _grow(X[go_left], y[go_left], **kw), _grow(X[~go_left], y[~go_left], **kw)
    if left is None or right is None:
        return None
    strict = threshold == "hi"  # a threshold at the upper value sends x < hi left
    return {"f": f, "t": cut, "strict": strict, "left": left, "right": right}


def _predict(tree, P) -> np.ndarray:
    out = []
    for x in P:
        node = tree
        while "f" in node:
            left = x[node["f"]] < node["t"] if node["strict"] else x[node["f"]] <= node["t"]
            node = node["left"] if left else node["right"]
        out.append(node["label"])
    return np.array(out)


def _ties(tree) -> bool:
    """Whether some leaf holds a tied vote."""
    return tree["tie"] if "f" not in tree else _ties(tree["left"]) or _ties(tree["right"])


def _depth(tree) -> int:
    return 0 if "f" not in tree else 1 + max(_depth(tree["left"]), _depth(tree["right"]))


# -- data -------------------------------------------------------------------------------------------

def _blobs(rng, n: int, d: int, labels, span: int = 12, noise: float = 0.15) -> tuple[np.ndarray, np.ndarray]:
    """Integer points in [0, span)^d labelled by their nearest of a few random centres, with label noise."""
    X = rng.integers(0, span, size=(n, d)).astype(np.float64)
    centres = rng.uniform(0, span, size=(len(labels) + 1, d))
    owner = np.array([labels[i % len(labels)] for i in range(len(centres))])
    y = owner[((X[:, None, :] - centres[None]) ** 2).sum(-1).argmin(1)]
    flip = rng.random(n) < noise
    y[flip] = rng.choice(labels, size=int(flip.sum()))
    return X, y.astype(np.int64)


def _probes(rng, m: int, d: int, span: int = 12) -> np.ndarray:
    """Points a quarter away from an integer: never a midpoint of two integers."""
    return rng.integers(-1, span + 1, size=(m, d)) + rng.choice([0.25, 0.75], size=(m, d))


def _find(rng, n, d, labels, keep, span=12, noise=0.15, tries=500):
    """A data set (X, y) for which keep(X, y) holds."""
    for _ in range(tries):
        X, y = _blobs(rng, n, d, labels, span, noise)
        if keep(X, y):
            return X, y
    raise RuntimeError("no data set found")


def _fine(X, y, P=None, **kw) -> bool:
    """The tree on (X, y) with these options is unambiguous and no leaf holds a tied vote."""
    tree = _grow(X, y, **kw)
    return tree is not None and not _ties(tree)


def _differs(X, y, P, kw, other) -> bool:
    """Both trees are unambiguous, and the one built with `other` options predicts differently on P."""
    a, b = _grow(X, y, **kw), _grow(X, y, **{**kw, **other})
    return a is not None and b is not None and not _ties(a) and not _ties(b) \
        and bool((_predict(a, P) != _predict(b, P)).any())


def _options(max_depth=None, mss=None) -> dict:
    options = {}
    if max_depth is not None:
        options["max_depth"] = max_depth
    if mss is not None:
        options["min_samples_split"] = mss
    return options


def _shown(X, y, options, note="") -> str:
    labels = ", ".join(str(v) for v in np.unique(y))
    shown = ", ".join(f"{k}={v}" for k, v in options.items()) or "defaults"
    return f"X {X.dtype} {X.shape}, labels {{{labels}}}, {shown}{note}"


def _predict_case(X, y, P, options, note="") -> Case:
    return Case("predict", {"X": X, "y": y, "X_test": P, "options": options},
                _shown(X, y, options, f", {len(P)} test points{note}"))


def _depth_case(X, y, options, note="") -> Case:
    return Case("depth", {"X": X, "y": y, "options": options}, _shown(X, y, options, note))


# -- checks ------------------------------------------------------------------------------------------

def checks(rng: np.random.Generator) -> list[Check]:
    P2, P3, P1 = _probes(rng, 120, 2), _probes(rng, 120, 3), _probes(rng, 60, 1, span=40)

    def find(n, d, labels, keep, **kw):
        P = {1: P1, 2: P2, 3: P3}[d]
        return _find(rng, n, d, labels, lambda X, y: keep(X, y, P), **kw)

    plain = [find(30, 2, [3, 7, 11], _fine), find(40, 3, [-4, 0, 9], _fine), find(24, 2, [0, 1], _fine)]
    gaps = [find(14, 1, [2, 5], _fine, span=40, noise=0.2), find(20, 2, [1, 4, 6], _fine, span=12)]
    unweighted = [find(30, 2, [3, 7, 11], lambda X, y, P: _differs(X, y, P, {}, {"weighted": False})),
                  find(30, 3, [0, 1], lambda X, y, P: _differs(X, y, P, {}, {"weighted": False}))]
    entropy = [find(30, 2, [3, 7, 11], lambda X, y, P: _differs(X, y, P, {}, {"criterion": "entropy"}),
                    tries=3000)]

    def depth_limited(m):
        def keep(X, y, P):
            if m > 1 and not _differs(X, y, P, {"max_depth": m}, {"max_depth": m - 1}):
                return False
            return _differs(X, y, P, {"max_depth": m}, {"max_depth": m + 1})
        return keep

    limited = [(find(30, 2, [3, 7, 11], depth_limited(m)), m) for m in (1, 2, 3)]

    def split_limited(s):
        def keep(X, y, P):
            return _differs(X, y, P, {"mss": s}, {"mss": s + 1}) and _differs(X, y, P, {"mss": s}, {"mss": 2})
        return keep

    small = [(find(30, 2, [3, 7, 11], split_limited(s)), s) for s in (4, 7)]

    def pure_splits(X, y, P, max_depth=None):
        """The pure nodes are the only ones the mistake splits, and however it picks a split, it adds a level."""
        if not _fine(X, y, max_depth=max_depth):
            return False
        first = _grow(X, y, max_depth=max_depth, pure_split="first")
        last = _grow(X, y, max_depth=max_depth, pure_split="last")
        right = _depth(_grow(X, y, max_depth=max_depth))
        return first is not None and last is not None and _depth(first) == _depth(last) > right

    def no_pure_splits(X, y, P, max_depth=None):
        """Splitting pure nodes would not change the depth."""
        if not _fine(X, y, max_depth=max_depth):
            return False
        first = _grow(X, y, max_depth=max_depth, pure_split="first")
        last = _grow(X, y, max_depth=max_depth, pure_split="last")
        right = _depth(_grow(X, y, max_depth=max_depth))
        return first is not None and last is not None and _depth(first) == _depth(last) == right

    pure_small = find(10, 2, [0, 1], pure_splits, noise=0.1)
    pure_capped = find(16, 2, [2, 8], lambda X, y, P: pure_splits(X, y, P, max_depth=6), noise=0.1)
    depth_plain = find(14, 2, [3, 7, 11], no_pure_splits, noise=0.3, tries=3000)
    def deeper(X, y, m):
        tree = _grow(X, y, max_depth=m)
        return tree is not None and _depth(tree) == m

    depth_capped = find(30, 2, [3, 7, 11], lambda X, y, P: no_pure_splits(X, y, P, max_depth=2)
                        and deeper(X, y, 3))

    # tied votes: the label seen first is the larger one (and first in a set's order: 9 and 10 hash
    # into earlier slots than 2 and 3)
    same_rows = np.zeros((6, 2))
    tie_rows = np.array([9, 2, 9, 2, 2, 9], dtype=np.int64)
    line = np.arange(8, dtype=np.float64)[:, None]
    line_y = np.array([10, 3, 10, 3, 5, 5, 5, 5], dtype=np.int64)
    P_line = np.arange(-1, 9)[:, None] + np.array([0.25, 0.75])[None, :]
    P_line = P_line.reshape(-1, 1)

    # 1-d data for "a pure node is a leaf": the only split gives two pure pairs
    pairs = np.array([[0.0], [1.0], [2.0], [3.0]])
    pairs_y = np.array([4, 4, 1, 1], dtype=np.int64)

    X32, y32 = find(30, 2, [2, 5, 9], _fine)
    return [
        Check("fit and predict, unlimited depth", [
            _predict_case(*plain[0], P2, {}), _predict_case(*plain[1], P3, {}),
            _predict_case(*plain[2], P2, {"max_depth": None, "min_samples_split": 2}, " (defaults given)"),
        ], compare="exact"),
        Check("split thresholds are midpoints (test points inside the gaps)", [
            _predict_case(*gaps[0], P1, {}, ", values spread over 0..39"),
            _predict_case(*gaps[1], P2, {}),
        ], compare="exact"),
        Check("the children's impurities are weighted by their sizes", [
            _predict_case(*unweighted[0], P2, {}), _predict_case(*unweighted[1], P3, {}),
        ], compare="exact"),
        Check("Gini impurity (an entropy tree splits differently here)", [
            _predict_case(*entropy[0], P2, {}),
        ], compare="exact"),
        Check("max_depth limits the tree", [
            _predict_case(X, y, P2, {"max_depth": m}) for (X, y), m in limited
        ], compare="exact"),
        Check("min_samples_split", [
            _predict_case(X, y, P2, {"min_samples_split": s}) for (X, y), s in small
        ], compare="exact"),
        Check("a tied vote goes to the smallest label", [
            _predict_case(same_rows, tie_rows, np.array([[0.25, 0.25], [3.75, -1.25]]), {},
                          ": every row identical, labels 9, 2, 9, 2, 2, 9"),
            _predict_case(line, line_y, P_line, {"max_depth": 1}, ": x = 0..7, y = 10, 3, 10, 3, 5, 5, 5, 5"),
        ], compare="exact"),
        Check("get_depth", [
            _depth_case(np.array([[0.0, 1.0], [1.0, 0.0], [2.0, 2.0]]), np.array([1, 2, 1]),
                        {"min_samples_split": 4}, ": fewer samples than min_samples_split, a lone root"),
            _depth_case(same_rows, tie_rows, {}, ": every row identical, a lone root"),
            _depth_case(line, line_y, {"max_depth": 1}),
            _depth_case(*depth_capped, {"max_depth": 2}, " (deeper without the limit)"),
            _depth_case(*depth_plain, {}),
        ], compare="exact"),
        Check("a pure node is a leaf (get_depth)", [
            _depth_case(pairs, pairs_y, {}, ": x = 0, 1, 2, 3 and y = 4, 4, 1, 1"),
            _depth_case(*pure_small, {}), _depth_case(*pure_capped, {"max_depth": 6}),
        ], compare="exact"),
        Check("float32 features, int32 labels", [
            _predict_case(X32.astype(np.float32), y32.astype(np.int32), P2.astype(np.float32), {}),
        ], compare="exact"),
        Check("fit returns the tree itself", [
            Case("fit_returns_self", {"X": plain[2][0], "y": plain[2][1]}, "DecisionTree().fit(X, y) is the tree"),
        ], compare="exact"),
    ]


def efficiency(rng: np.random.Generator) -> Efficiency:
    """Noisy data: a deep tree of many small nodes. Re-counting both sides for every threshold (quadratic in
    a node's size) stays within a few times the model answer here; only far slower code earns the warning."""
    X, y = _blobs(rng, 300, 2, [0, 1, 2], span=30, noise=0.5)
    P = _probes(rng, 300, 2, span=30)
    return Efficiency(_predict_case(X, y, P, {}, " (fit and predict)"), repeats=3)
