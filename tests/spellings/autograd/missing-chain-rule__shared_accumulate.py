import math


def lift(x):
    return x if isinstance(x, Value) else Value(x)


class Value:
    def __init__(self, data, parents=()):
        self.data = data
        self.grad = 0.0
        self.parents = parents  # pairs (input, d out / d input)

    def __add__(self, o):
        o = lift(o)
        return Value(self.data + o.data, ((self, 1.0), (o, 1.0)))

    def __mul__(self, o):
        o = lift(o)
        return Value(self.data * o.data, ((self, o.data), (o, self.data)))

    def __pow__(self, k):
        return Value(self.data ** k, ((self, k * self.data ** (k - 1)),))

    def relu(self):
        return Value(max(self.data, 0.0), ((self, float(self.data > 0)),))

    def tanh(self):
        t = math.tanh(self.data)
        return Value(t, ((self, 1.0 - t * t),))

    def exp(self):
        e = math.exp(self.data)
        return Value(e, ((self, e),))

    def log(self):
        return Value(math.log(self.data), ((self, 1.0 / self.data),))

    def __neg__(self):
        return self * -1.0

    def __sub__(self, o):
        return self + (-lift(o))

    def __truediv__(self, o):
        return self * lift(o) ** -1

    def __radd__(self, o):
        return lift(o) + self

    def __rmul__(self, o):
        return lift(o) * self

    def __rsub__(self, o):
        return lift(o) - self

    def __rtruediv__(self, o):
        return lift(o) / self

    def backward(self):
        order, seen, todo = [], set(), [(self, False)]
        while todo:
            node, expanded = todo.pop()
            if expanded:
                order.append(node)
            elif node not in seen:
                seen.add(node)
                todo.append((node, True))
                todo += [(p, False) for p, _ in node.parents]
        self.grad = 1.0
        for node in reversed(order):
            for parent, local in node.parents:
                parent.grad += local
