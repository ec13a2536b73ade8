import math


def wrap(x):
    return x if isinstance(x, Value) else Value(x)


class Value:
    def __init__(self, data, prev=(), backward_fn=None):
        self.data = data
        self.grad = 0.0
        self.prev = prev
        self.backward_fn = backward_fn

    def __add__(self, other):
        other = wrap(other)
        out = Value(self.data + other.data, (self, other))

        def fn():
            self.grad += out.grad
            other.grad += out.grad
        out.backward_fn = fn
        return out

    def __mul__(self, other):
        other = wrap(other)
        out = Value(self.data * other.data, (self, other))

        def fn():
            self.grad += other.data * out.grad
            other.grad += self.data * out.grad
        out.backward_fn = fn
        return out

    def __pow__(self, k):
        out = Value(self.data ** k, (self,))

        def fn():
            self.grad += k * self.data ** (k - 1) * out.grad
        out.backward_fn = fn
        return out

    def relu(self):
        out = Value(max(0.0, self.data), (self,))

        def fn():
            if self.data > 0:
                self.grad += out.grad
        out.backward_fn = fn
        return out

    def tanh(self):
        out = Value(math.tanh(self.data), (self,))

        def fn():
            self.grad += (1 - out.data ** 2) * out.grad
        out.backward_fn = fn
        return out

    def exp(self):
        out = Value(math.exp(self.data), (self,))

        def fn():
            self.grad += out.data * out.grad
        out.backward_fn = fn
        return out

    def log(self):
        out = Value(math.log(self.data), (self,))

        def fn():
            self.grad += out.grad / self.data
        out.backward_fn = fn
        return out

    def __neg__(self):
        return self * -1

    def __sub__(self, other):
        return self + (-wrap(other))

    def __truediv__(self, other):
        return self * wrap(other) ** -1

    def __radd__(self, other):
        return wrap(other) + self

    def __rmul__(self, other):
        return wrap(other) * self

    def __rsub__(self, other):
        return wrap(other) - self

    def __rtruediv__(self, other):
        return wrap(other) / self

    def backward(self):
        order, seen, stack = [], set(), [(self, False)]
        while stack:
            node, finished = stack.pop()
            if finished:
                order.append(node)
            elif node not in seen:
                seen.add(node)
                stack.append((node, True))
                stack.extend((p, False) for p in node.prev)
        for node in reversed(order):
            if node.backward_fn:
                node.backward_fn()
