import math


def as_value(x):
    return x if isinstance(x, Value) else Value(x)


class Value:
    def __init__(self, data, edges=()):
        self.data = data
        self.grad = 0.0
        self.edges = edges  # (parent, local derivative)

    def __add__(self, other):
        other = as_value(other)
        return Value(self.data + other.data, [(self, 1.0), (other, 1.0)])

    def __mul__(self, other):
        other = as_value(other)
        return Value(self.data * other.data, [(self, other.data), (other, self.data)])

    def __pow__(self, p):
        return Value(self.data ** p, [(self, p * self.data ** (p - 1))])

    def relu(self):
        return Value(max(self.data, 0.0), [(self, 1.0 if self.data > 0 else 0.0)])

    def tanh(self):
        y = math.tanh(self.data)
        return Value(y, [(self, 1.0 - y * y)])

    def exp(self):
        y = math.exp(self.data)
        return Value(y, [(self, y)])

    def log(self):
        return Value(math.log(self.data), [(self, 1.0 / self.data)])

    def __neg__(self):
        return self * -1.0

    def __sub__(self, other):
        return self + as_value(other) * -1.0

    def __truediv__(self, other):
        return self * as_value(other) ** -1

    def __radd__(self, other):
        return as_value(other) + self

    def __rmul__(self, other):
        return as_value(other) * self

    def __rsub__(self, other):
        return as_value(other) - self

    def __rtruediv__(self, other):
        return as_value(other) / self

    def _send(self):
        for parent, local in self.edges:
            parent.grad = local * self.grad

    def backward(self):
        order, visited, stack = [], set(), [(self, False)]
        while stack:
            node, ready = stack.pop()
            if ready:
                order.append(node)
                continue
            if node in visited:
                continue
            visited.add(node)
            stack.append((node, True))
            stack.extend((parent, False) for parent, _ in node.edges)
        self.grad = 1.0
        for node in order[::-1]:
            node._send()
