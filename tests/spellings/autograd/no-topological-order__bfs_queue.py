import math
from collections import deque


class Value:
    def __init__(self, data, _children=()):
        self.data = data
        self.grad = 0.0
        self._prev = _children
        self._backward = lambda: None

    def _lift(self, o):
        return o if isinstance(o, Value) else Value(o)

    def __add__(self, other):
        other = self._lift(other)
        out = Value(self.data + other.data, (self, other))

        def bw():
            self.grad += out.grad
            other.grad += out.grad
        out._backward = bw
        return out

    def __mul__(self, other):
        other = self._lift(other)
        out = Value(self.data * other.data, (self, other))

        def bw():
            self.grad += other.data * out.grad
            other.grad += self.data * out.grad
        out._backward = bw
        return out

    def __pow__(self, k):
        out = Value(self.data ** k, (self,))

        def bw():
            self.grad += k * (self.data ** (k - 1)) * out.grad
        out._backward = bw
        return out

    def relu(self):
        out = Value(self.data * (self.data > 0), (self,))

        def bw():
            self.grad += out.grad * (self.data > 0)
        out._backward = bw
        return out

    def tanh(self):
        out = Value(math.tanh(self.data), (self,))

        def bw():
            self.grad += out.grad * (1 - out.data * out.data)
        out._backward = bw
        return out

    def exp(self):
        out = Value(math.exp(self.data), (self,))

        def bw():
            self.grad += out.grad * out.data
        out._backward = bw
        return out

    def log(self):
        out = Value(math.log(self.data), (self,))

        def bw():
            self.grad += out.grad / self.data
        out._backward = bw
        return out

    def __neg__(self):
        return self * -1

    def __sub__(self, other):
        return self + (-self._lift(other))

    def __truediv__(self, other):
        return self * self._lift(other) ** -1

    __radd__ = __add__
    __rmul__ = __mul__

    def __rsub__(self, other):
        return self._lift(other) - self

    def __rtruediv__(self, other):
        return self._lift(other) / self

    def backward(self):
        self.grad = 1.0
        queue, seen = deque([self]), {id(self)}
        while queue:
            node = queue.popleft()
            node._backward()
            for child in node._prev:
                if id(child) not in seen:
                    seen.add(id(child))
                    queue.append(child)
