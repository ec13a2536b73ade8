import math


class Value:
    __slots__ = ("data", "grad", "op", "args")

    def __init__(self, data, op=None, args=()):
        self.data = float(data)
        self.grad = 0.0
        self.op = op
        self.args = args

    def _v(self, x):
        return x if isinstance(x, Value) else Value(x)

    def __add__(self, other):
        other = self._v(other)
        return Value(self.data + other.data, "add", (self, other))

    def __sub__(self, other):
        other = self._v(other)
        return Value(self.data - other.data, "sub", (self, other))

    def __mul__(self, other):
        other = self._v(other)
        return Value(self.data * other.data, "mul", (self, other))

    def __truediv__(self, other):
        other = self._v(other)
        return Value(self.data / other.data, "div", (self, other))

    __radd__ = __add__
    __rsub__ = __sub__
    __rmul__ = __mul__
    __rtruediv__ = __truediv__

    def __neg__(self):
        return Value(-self.data, "neg", (self,))

    def __pow__(self, k):
        return Value(self.data ** k, "pow", (self, k))

    def relu(self):
        return Value(max(self.data, 0.0), "relu", (self,))

    def tanh(self):
        return Value(math.tanh(self.data), "tanh", (self,))

    def exp(self):
        return Value(math.exp(self.data), "exp", (self,))

    def log(self):
        return Value(math.log(self.data), "log", (self,))

    def _push(self):
        g, a = self.grad, self.args
        if self.op == "add":
            a[0].grad += g
            a[1].grad += g
        elif self.op == "sub":
            a[0].grad += g
            a[1].grad -= g
        elif self.op == "mul":
            a[0].grad += a[1].data * g
            a[1].grad += a[0].data * g
        elif self.op == "div":
            a[0].grad += g / a[1].data
            a[1].grad -= g * a[0].data / a[1].data ** 2
        elif self.op == "neg":
            a[0].grad -= g
        elif self.op == "pow":
            a[0].grad += a[1] * a[0].data ** (a[1] - 1) * g
        elif self.op == "relu":
            a[0].grad += g * (a[0].data > 0)
        elif self.op == "tanh":
            a[0].grad += g * (1 - self.data ** 2)
        elif self.op == "exp":
            a[0].grad += g * self.data
        elif self.op == "log":
            a[0].grad += g / a[0].data

    def backward(self):
        order, seen, stack = [], set(), [(self, False)]
        while stack:
            node, post = stack.pop()
            if post:
                order.append(node)
            elif node not in seen:
                seen.add(node)
                stack.append((node, True))
                stack.extend((a, False) for a in node.args if isinstance(a, Value))
        self.grad = 1.0
        for node in reversed(order):
            node._push()
