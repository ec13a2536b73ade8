import math


class Value:
    def __init__(self, data, op="", inputs=()):
        self.data = float(data)
        self.grad = 0.0
        self.op = op
        self.inputs = inputs

    def _wrap(self, x):
        return x if isinstance(x, Value) else Value(x)

    def __add__(self, other):
        other = self._wrap(other)
        return Value(self.data + other.data, "+", (self, other))

    def __mul__(self, other):
        other = self._wrap(other)
        return Value(self.data * other.data, "*", (self, other))

    def __pow__(self, k):
        out = Value(self.data ** k, "pow", (self,))
        out.k = k
        return out

    def relu(self):
        return Value(self.data if self.data > 0 else 0.0, "relu", (self,))

    def tanh(self):
        return Value(math.tanh(self.data), "tanh", (self,))

    def exp(self):
        return Value(math.exp(self.data), "exp", (self,))

    def log(self):
        return Value(math.log(self.data), "log", (self,))

    def __neg__(self):
        return self * -1.0

    def __sub__(self, other):
        return self + (-self._wrap(other))

    def __truediv__(self, other):
        return self * self._wrap(other) ** -1

    def __radd__(self, other):
        return self._wrap(other) + self

    def __rmul__(self, other):
        return self._wrap(other) * self

    def __rsub__(self, other):
        return self._wrap(other) + (-self)

    def __rtruediv__(self, other):
        return self._wrap(other) * self ** -1

    def _local_backward(self):
        g = self.grad
        if self.op == "+":
            a, b = self.inputs
            a.grad += g
            b.grad += g
        elif self.op == "*":
            a, b = self.inputs
            a.grad = b.data * g
            b.grad = a.data * g
        elif self.op == "pow":
            (a,) = self.inputs
            a.grad += self.k * a.data ** (self.k - 1) * g
        elif self.op == "relu":
            (a,) = self.inputs
            a.grad += g * (a.data > 0)
        elif self.op == "tanh":
            (a,) = self.inputs
            a.grad += g * (1 - self.data ** 2)
        elif self.op == "exp":
            (a,) = self.inputs
            a.grad += g * self.data
        elif self.op == "log":
            (a,) = self.inputs
            a.grad += g / a.data

    def backward(self):
        topo, visited = [], set()
        stack = [(self, 0)]
        while stack:
            node, i = stack.pop()
            if i == 0:
                if node in visited:
                    continue
                visited.add(node)
            if i < len(node.inputs):
                stack.append((node, i + 1))
                stack.append((node.inputs[i], 0))
            else:
                topo.append(node)
        self.grad = 1.0
        for node in reversed(topo):
            node._local_backward()
