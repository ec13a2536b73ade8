import itertools
import math

_counter = itertools.count()


class Value:
    def __init__(self, data, inputs=(), grad_fn=None):
        self.data = float(data)
        self.grad = 0.0
        self.inputs = inputs
        self.grad_fn = grad_fn  # g -> adds g * d(self)/d(input) into each input
        self.id = next(_counter)

    def __add__(self, other):
        other = other if isinstance(other, Value) else Value(other)

        def grad_fn(g):
            self.grad += g
            other.grad += g
        return Value(self.data + other.data, (self, other), grad_fn)

    def __mul__(self, other):
        other = other if isinstance(other, Value) else Value(other)

        def grad_fn(g):
            self.grad += other.data * g
            other.grad += self.data * g
        return Value(self.data * other.data, (self, other), grad_fn)

    def __pow__(self, k):
        def grad_fn(g):
            self.grad += k * self.data ** (k - 1) * g
        return Value(self.data ** k, (self,), grad_fn)

    def relu(self):
        def grad_fn(g):
            if self.data > 0:
                self.grad += g
        return Value(self.data if self.data > 0 else 0.0, (self,), grad_fn)

    def tanh(self):
        t = math.tanh(self.data)

        def grad_fn(g):
            self.grad += (1 - t * t) * g
        return Value(t, (self,), grad_fn)

    def exp(self):
        e = math.exp(self.data)

        def grad_fn(g):
            self.grad += e * g
        return Value(e, (self,), grad_fn)

    def log(self):
        def grad_fn(g):
            self.grad += g / self.data
        return Value(math.log(self.data), (self,), grad_fn)

    def __neg__(self):
        return self * -1.0

    def __sub__(self, other):
        return self + -other

    def __truediv__(self, other):
        return self * other ** -1.0

    def __radd__(self, other):
        return self + other

    def __rmul__(self, other):
        return self * other

    def __rsub__(self, other):
        return -self + other

    def __rtruediv__(self, other):
        return self ** -1.0 * other

    def backward(self):
        # a node is always created after its inputs: decreasing creation id is a valid order
        nodes, stack = {self.id: self}, [self]
        while stack:
            for x in stack.pop().inputs:
                if x.id not in nodes:
                    nodes[x.id] = x
                    stack.append(x)
        self.grad = 1.0
        for i in sorted(nodes, reverse=True):
            node = nodes[i]
            if node.grad_fn is not None:
                node.grad_fn(node.grad)
