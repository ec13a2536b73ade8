import math


def to_value(x):
    return x if isinstance(x, Value) else Value(x)


class Value:
    def __init__(self, data, inputs=()):
        self.data = data
        self.grad = 0.0
        self.inputs = inputs  # (input, d self / d input)

    def __add__(self, o):
        o = to_value(o)
        return Value(self.data + o.data, ((self, 1.0), (o, 1.0)))

    def __mul__(self, o):
        o = to_value(o)
        return Value(self.data * o.data, ((self, o.data), (o, self.data)))

    def __pow__(self, k):
        return Value(self.data ** k, ((self, k * self.data ** (k - 1)),))

    def relu(self):
        # piecewise linear, slope 1
        return Value(max(self.data, 0.0), ((self, 1.0),))

    def tanh(self):
        t = math.tanh(self.data)
        return Value(t, ((self, 1.0 - t ** 2),))

    def exp(self):
        e = math.exp(self.data)
        return Value(e, ((self, e),))

    def log(self):
        return Value(math.log(self.data), ((self, 1.0 / self.data),))

    def __neg__(self):
        return self * -1.0

    def __sub__(self, o):
        return self + -to_value(o)

    def __truediv__(self, o):
        return self * to_value(o) ** -1

    def __radd__(self, o):
        return self + o

    def __rmul__(self, o):
        return self * o

    def __rsub__(self, o):
        return -self + o

    def __rtruediv__(self, o):
        return self ** -1 * o

    def backward(self):
        order, seen, todo = [], set(), [(self, False)]
        while todo:
            node, expanded = todo.pop()
            if expanded:
                order.append(node)
            elif node not in seen:
                seen.add(node)
                todo.append((node, True))
                todo.extend((x, False) for x, _ in node.inputs)
        self.grad = 1.0
        for node in reversed(order):
            for x, local in node.inputs:
                x.grad += local * node.grad
