import math


def _val(x):
    return x if isinstance(x, Value) else Value(x)


class Value:
    def __init__(self, data, parents=()):
        self.data = data
        self.grad = 0
        self.parents = parents  # [(parent, local grad)]

    def __add__(self, o):
        o = _val(o)
        return Value(self.data + o.data, [(self, 1), (o, 1)])

    def __mul__(self, o):
        o = _val(o)
        return Value(self.data * o.data, [(self, o.data), (o, self.data)])

    def __pow__(self, k):
        return Value(self.data ** k, [(self, k * self.data ** (k - 1))])

    def relu(self):
        return Value(self.data if self.data > 0 else 0.0, [(self, 1 if self.data > 0 else 0)])

    def tanh(self):
        t = math.tanh(self.data)
        return Value(t, [(self, 1 - t ** 2)])

    def exp(self):
        e = math.exp(self.data)
        return Value(e, [(self, e)])

    def log(self):
        return Value(math.log(self.data), [(self, 1 / self.data)])

    def __neg__(self):
        return self * -1

    def __sub__(self, o):
        return self + (-_val(o))

    def __truediv__(self, o):
        return self * _val(o) ** -1

    def __radd__(self, o):
        return self + o

    def __rmul__(self, o):
        return self * o

    def __rsub__(self, o):
        return _val(o) + (-self)

    def __rtruediv__(self, o):
        return _val(o) * self ** -1

    def backward(self):
        # depth-first from the output, explicit stack, each node once
        self.grad = 1
        stack, visited = [self], set()
        while stack:
            node = stack.pop()
            if node in visited:
                continue
            visited.add(node)
            for parent, local in node.parents:
                parent.grad += local * node.grad
                stack.append(parent)
