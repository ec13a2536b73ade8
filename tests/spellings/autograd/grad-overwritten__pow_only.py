import math


class Value:
    def __init__(self, data, _prev=()):
        self.data = data
        self.grad = 0
        self._prev = _prev
        self._backward = None

    def __add__(self, other):
        other = other if isinstance(other, Value) else Value(other)
        out = Value(self.data + other.data, (self, other))

        def back():
            self.grad += out.grad
            other.grad += out.grad
        out._backward = back
        return out

    def __mul__(self, other):
        other = other if isinstance(other, Value) else Value(other)
        out = Value(self.data * other.data, (self, other))

        def back():
            self.grad += out.grad * other.data
            other.grad += out.grad * self.data
        out._backward = back
        return out

    def __pow__(self, k):
        out = Value(self.data ** k, (self,))

        def back():
            self.grad = out.grad * k * self.data ** (k - 1)
        out._backward = back
        return out

    def relu(self):
        out = Value(self.data if self.data > 0 else 0, (self,))

        def back():
            self.grad += out.grad * (1 if self.data > 0 else 0)
        out._backward = back
        return out

    def tanh(self):
        out = Value(math.tanh(self.data), (self,))

        def back():
            self.grad += out.grad * (1 - out.data ** 2)
        out._backward = back
        return out

    def exp(self):
        out = Value(math.exp(self.data), (self,))

        def back():
            self.grad += out.grad * out.data
        out._backward = back
        return out

    def log(self):
        out = Value(math.log(self.data), (self,))

        def back():
            self.grad += out.grad / self.data
        out._backward = back
        return out

    def __neg__(self):
        return -1 * self

    def __sub__(self, other):
        return self + -1 * other

    def __truediv__(self, other):
        return self * (other ** -1 if isinstance(other, Value) else 1 / other)

    def __radd__(self, other):
        return self + other

    def __rmul__(self, other):
        return self * other

    def __rsub__(self, other):
        return -1 * self + other

    def __rtruediv__(self, other):
        return self ** -1 * other

    def backward(self):
        order, done, stack = [], set(), [(self, False)]
        while stack:
            node, expanded = stack.pop()
            if expanded:
                order.append(node)
            elif node not in done:
                done.add(node)
                stack.append((node, True))
                stack += [(c, False) for c in node._prev]
        self.grad = 1
        for node in reversed(order):
            if node._backward is not None:
                node._backward()
