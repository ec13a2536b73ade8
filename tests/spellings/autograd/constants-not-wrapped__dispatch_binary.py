import math


class Value:
    def __init__(self, data, op=None, args=()):
        self.data = float(data)
        self.grad = 0.0
        self.op = op
        self.args = args

    def _binary(self, other, op, result):
        return Value(result, op, (self, other))

    def __add__(self, other):
        return self._binary(other, "add", self.data + other.data)

    def __sub__(self, other):
        return self._binary(other, "sub", self.data - other.data)

    def __mul__(self, other):
        return self._binary(other, "mul", self.data * other.data)

    def __truediv__(self, other):
        return self._binary(other, "div", self.data / other.data)

    def __radd__(self, other):
        return self + other

    def __rmul__(self, other):
        return self * other

    def __rsub__(self, other):
        return -self + other

    def __rtruediv__(self, other):
        return self ** -1 * other

    def __neg__(self):
        return Value(-self.data, "neg", (self,))

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

    def _backprop(self):
        g = self.grad
        if self.op == "add":
            a, b = self.args
            a.grad += g
            b.grad += g
        elif self.op == "sub":
            a, b = self.args
            a.grad += g
            b.grad -= g
        elif self.op == "mul":
            a, b = self.args
            a.grad += b.data * g
            b.grad += a.data * g
        elif self.op == "div":
            a, b = self.args
            a.grad += g / b.data
            b.grad += -a.data / b.data ** 2 * g
        elif self.op == "neg":
            self.args[0].grad -= g
        elif self.op == "pow":
            x = self.args[0]
            x.grad += self.k * x.data ** (self.k - 1) * g
        elif self.op == "relu":
            x = self.args[0]
            x.grad += g if x.data > 0 else 0.0
        elif self.op == "tanh":
            self.args[0].grad += (1 - self.data ** 2) * g
        elif self.op == "exp":
            self.args[0].grad += self.data * g
        elif self.op == "log":
            self.args[0].grad += g / self.args[0].data

    def backward(self):
        order, seen, stack = [], set(), [(self, False)]
        while stack:
            node, post = stack.pop()
            if post:
                order.append(node)
            elif node not in seen:
                seen.add(node)
                stack.append((node, True))
                stack.extend((a, False) for a in node.args)
        self.grad = 1.0
        for node in reversed(order):
            node._backprop()
