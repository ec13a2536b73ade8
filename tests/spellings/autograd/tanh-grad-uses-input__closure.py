import math
from collections import deque


class Value:
    def __init__(self, data, parents=(), grad_fn=None):
        self.data = data
        self.grad = 0.0
        self.parents = parents
        self.grad_fn = grad_fn  # g -> what each parent receives, in order

    @staticmethod
    def const(x):
        return x if isinstance(x, Value) else Value(x)

    def __add__(self, other):
        other = Value.const(other)
        return Value(self.data + other.data, (self, other), lambda g: (g, g))

    def __mul__(self, other):
        other = Value.const(other)
        a, b = self.data, other.data
        return Value(a * b, (self, other), lambda g: (g * b, g * a))

    def __pow__(self, n):
        x = self.data
        return Value(x ** n, (self,), lambda g: (g * n * x ** (n - 1),))

    def relu(self):
        x = self.data
        return Value(max(x, 0.0), (self,), lambda g: (g if x > 0 else 0.0,))

    def tanh(self):
        x = self.data
        return Value(math.tanh(x), (self,), lambda g: (g * (1 - x ** 2),))

    def exp(self):
        y = math.exp(self.data)
        return Value(y, (self,), lambda g: (g * y,))

    def log(self):
        x = self.data
        return Value(math.log(x), (self,), lambda g: (g / x,))

    def __neg__(self):
        return self * -1.0

    def __sub__(self, other):
        return self + Value.const(other) * -1.0

    def __truediv__(self, other):
        return self * Value.const(other) ** -1

    def __radd__(self, other):
        return Value.const(other) + self

    def __rmul__(self, other):
        return Value.const(other) * self

    def __rsub__(self, other):
        return Value.const(other) - self

    def __rtruediv__(self, other):
        return Value.const(other) / self

    def backward(self):
        # Kahn: a node is ready once every operation that uses it has sent its share
        pending = {self: 0}
        todo = [self]
        while todo:
            n = todo.pop()
            for p in n.parents:
                if p not in pending:
                    pending[p] = 0
                    todo.append(p)
                pending[p] += 1
        self.grad = 1.0
        ready = deque([self])
        while ready:
            n = ready.popleft()
            if n.grad_fn is None:
                continue
            for p, g in zip(n.parents, n.grad_fn(n.grad)):
                p.grad += g
                pending[p] -= 1
                if pending[p] == 0:
                    ready.append(p)
