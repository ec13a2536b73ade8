import math


def val(x):
    return x if isinstance(x, Value) else Value(x)


class Value:
    def __init__(self, data, deps=()):
        self.data = data
        self.grad = 0
        self.deps = deps  # (input, local gradient)

    def __add__(self, o):
        o = val(o)
        return Value(self.data + o.data, [(self, 1), (o, 1)])

    def __mul__(self, o):
        o = val(o)
        return Value(self.data * o.data, [(self, o.data), (o, self.data)])

    def __pow__(self, k):
        return Value(self.data ** k, [(self, k * self.data ** (k - 1))])

    def relu(self):
        return Value(max(self.data, 0), [(self, int(self.data > 0))])

    def tanh(self):
        x = self.data
        return Value(math.tanh(x), [(self, 1 - x * x)])

    def exp(self):
        e = math.exp(self.data)
        return Value(e, [(self, e)])

    def log(self):
        return Value(math.log(self.data), [(self, 1 / self.data)])

    def __neg__(self):
        return Value(-self.data, [(self, -1)])

    def __sub__(self, o):
        o = val(o)
        return Value(self.data - o.data, [(self, 1), (o, -1)])

    def __truediv__(self, o):
        o = val(o)
        return Value(self.data / o.data, [(self, 1 / o.data), (o, -self.data / o.data ** 2)])

    def __radd__(self, o):
        return val(o) + self

    def __rmul__(self, o):
        return val(o) * self

    def __rsub__(self, o):
        return val(o) - self

    def __rtruediv__(self, o):
        return val(o) / self

    def backward(self):
        # Kahn's algorithm on the number of uses of each node
        uses, stack, seen = {}, [self], {self}
        while stack:
            n = stack.pop()
            for d, _ in n.deps:
                uses[d] = uses.get(d, 0) + 1
                if d not in seen:
                    seen.add(d)
                    stack.append(d)
        self.grad = 1
        ready = [self]
        while ready:
            n = ready.pop()
            for d, local in n.deps:
                d.grad += local * n.grad
                uses[d] -= 1
                if uses[d] == 0:
                    ready.append(d)
