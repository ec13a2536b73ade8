import math


def _c(x):
    return x if isinstance(x, Value) else Value(x)


class Value:
    def __init__(self, data, parents=()):
        self.data = data
        self.grad = 0.0
        self.parents = parents  # (parent, local derivative)

    def __add__(self, o):
        o = _c(o)
        return Value(self.data + o.data, ((self, 1.0), (o, 1.0)))

    def __mul__(self, o):
        o = _c(o)
        return Value(self.data * o.data, ((self, o.data), (o, self.data)))

    def __pow__(self, k):
        return Value(self.data ** k, ((self, k * self.data ** (k - 1)),))

    def relu(self):
        return Value(max(self.data, 0.0), ((self, 1.0 if self.data > 0 else 0.0),))

    def tanh(self):
        t = math.tanh(self.data)
        return Value(t, ((self, 1 - t * t),))

    def exp(self):
        e = math.exp(self.data)
        return Value(e, ((self, e),))

    def log(self):
        return Value(math.log(self.data), ((self, 1 / self.data),))

    def __neg__(self):
        return self * -1.0

    def __sub__(self, o):
        return self + (-_c(o))

    def __truediv__(self, o):
        return self * _c(o) ** -1

    def __radd__(self, o):
        return self + o

    def __rmul__(self, o):
        return self * o

    def __rsub__(self, o):
        return _c(o) - self

    def __rtruediv__(self, o):
        return _c(o) / self

    def _topo(self, seen, out):
        seen.add(self)
        for p, _ in self.parents:
            if p not in seen:
                p._topo(seen, out)
        out.append(self)
        return out

    def backward(self):
        order = self._topo(set(), [])
        self.grad = 1.0
        for node in reversed(order):
            for p, d in node.parents:
                p.grad += d * node.grad
