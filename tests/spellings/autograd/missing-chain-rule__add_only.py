import math


class Value:
    def __init__(self, data, children=(), fn=None):
        self.data = data
        self.grad = 0.0
        self.children = children
        self.fn = fn

    @staticmethod
    def make(x):
        return x if isinstance(x, Value) else Value(x)

    def __add__(self, other):
        other = Value.make(other)
        out = Value(self.data + other.data, (self, other))

        def fn():
            # d(a+b)/da = d(a+b)/db = 1
            self.grad += 1
            other.grad += 1
        out.fn = fn
        return out

    def __mul__(self, other):
        other = Value.make(other)
        out = Value(self.data * other.data, (self, other))

        def fn():
            self.grad += other.data * out.grad
            other.grad += self.data * out.grad
        out.fn = fn
        return out

    def __pow__(self, e):
        out = Value(self.data ** e, (self,))

        def fn():
            self.grad += e * self.data ** (e - 1) * out.grad
        out.fn = fn
        return out

    def relu(self):
        out = Value(max(self.data, 0.0), (self,))

        def fn():
            self.grad += out.grad if self.data > 0 else 0.0
        out.fn = fn
        return out

    def tanh(self):
        out = Value(math.tanh(self.data), (self,))

        def fn():
            self.grad += (1 - out.data ** 2) * out.grad
        out.fn = fn
        return out

    def exp(self):
        out = Value(math.exp(self.data), (self,))

        def fn():
            self.grad += out.data * out.grad
        out.fn = fn
        return out

    def log(self):
        out = Value(math.log(self.data), (self,))

        def fn():
            self.grad += out.grad / self.data
        out.fn = fn
        return out

    def __neg__(self):
        return self * -1

    def __sub__(self, other):
        return self + (-Value.make(other))

    def __truediv__(self, other):
        return self * Value.make(other) ** -1

    def __radd__(self, other):
        return Value.make(other) + self

    def __rmul__(self, other):
        return Value.make(other) * self

    def __rsub__(self, other):
        return Value.make(other) - self

    def __rtruediv__(self, other):
        return Value.make(other) / self

    def backward(self):
        seen, post = set(), []
        stack = [(self, 0)]
        while stack:
            node, i = stack.pop()
            if i == 0 and node in seen:
                continue
            seen.add(node)
            if i < len(node.children):
                stack.append((node, i + 1))
                stack.append((node.children[i], 0))
            else:
                post.append(node)
        self.grad = 1.0
        for node in reversed(post):
            if node.fn:
                node.fn()
