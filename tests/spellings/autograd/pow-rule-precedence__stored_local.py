import math


def _w(x):
    return x if isinstance(x, Value) else Value(x)


class Value:
    def __init__(self, data, links=()):
        self.data = data
        self.grad = 0.0
        self.links = links

    def __add__(self, o):
        o = _w(o)
        return Value(self.data + o.data, ((self, 1.0), (o, 1.0)))

    def __mul__(self, o):
        o = _w(o)
        return Value(self.data * o.data, ((self, o.data), (o, self.data)))

    def __pow__(self, n):
        return Value(self.data ** n, ((self, n * self.data ** n-1),))

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
        return self + (-_w(o))

    def __truediv__(self, o):
        return self * _w(o) ** -1

    def __radd__(self, o):
        return _w(o) + self

    def __rmul__(self, o):
        return _w(o) * self

    def __rsub__(self, o):
        return _w(o) - self

    def __rtruediv__(self, o):
        return _w(o) / self

    def backward(self):
        order, seen, stack = [], set(), [(self, False)]
        while stack:
            node, post = stack.pop()
            if post:
                order.append(node)
            elif node not in seen:
                seen.add(node)
                stack.append((node, True))
                stack.extend((p, False) for p, _ in node.links)
        self.grad = 1.0
        for node in reversed(order):
            for p, d in node.links:
                p.grad += d * node.grad
