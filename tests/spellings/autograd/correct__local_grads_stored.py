import math


def _v(x):
    return x if isinstance(x, Value) else Value(x)


class Value:
    def __init__(self, data, parents=()):
        self.data = data
        self.grad = 0
        self.parents = parents  # (input, d self / d input) pairs, computed in the forward pass

    def __add__(self, o):
        o = _v(o)
        return Value(self.data + o.data, ((self, 1.0), (o, 1.0)))

    def __mul__(self, o):
        o = _v(o)
        return Value(self.data * o.data, ((self, o.data), (o, self.data)))

    def __pow__(self, k):
        return Value(self.data ** k, ((self, k * self.data ** (k - 1)),))

    def relu(self):
        return Value(max(0.0, self.data), ((self, 1.0 if self.data > 0 else 0.0),))

    def tanh(self):
        t = math.tanh(self.data)
        return Value(t, ((self, 1 - t * t),))

    def exp(self):
        e = math.exp(self.data)
        return Value(e, ((self, e),))

    def log(self):
        return Value(math.log(self.data), ((self, 1 / self.data),))

    def __neg__(self):
        return Value(-self.data, ((self, -1.0),))

    def __sub__(self, o):
        o = _v(o)
        return Value(self.data - o.data, ((self, 1.0), (o, -1.0)))

    def __truediv__(self, o):
        o = _v(o)
        return Value(self.data / o.data, ((self, 1 / o.data), (o, -self.data / o.data ** 2)))

    def __radd__(self, o):
        return _v(o) + self

    def __rmul__(self, o):
        return _v(o) * self

    def __rsub__(self, o):
        return _v(o) - self

    def __rtruediv__(self, o):
        return _v(o) / self

    def backward(self):
        order, done, todo = [], set(), [(self, False)]
        while todo:
            node, expanded = todo.pop()
            if expanded:
                order.append(node)
            elif node not in done:
                done.add(node)
                todo.append((node, True))
                todo.extend((p, False) for p, _ in node.parents if p not in done)
        self.grad = 1
        for node in reversed(order):
            for parent, local in node.parents:
                parent.grad += local * node.grad
