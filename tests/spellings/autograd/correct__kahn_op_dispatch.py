import math


class Value:
    __slots__ = ("data", "grad", "op", "args")

    def __init__(self, data, op=None, args=()):
        self.data = float(data)
        self.grad = 0.0
        self.op = op
        self.args = args

    @staticmethod
    def _lift(x):
        return x if isinstance(x, Value) else Value(x)

    def __add__(self, other):
        other = Value._lift(other)
        return Value(self.data + other.data, "add", (self, other))

    def __sub__(self, other):
        other = Value._lift(other)
        return Value(self.data - other.data, "sub", (self, other))

    def __mul__(self, other):
        other = Value._lift(other)
        return Value(self.data * other.data, "mul", (self, other))

    def __truediv__(self, other):
        other = Value._lift(other)
        return Value(self.data / other.data, "div", (self, other))

    def __radd__(self, other):
        return Value._lift(other) + self

    def __rsub__(self, other):
        return Value._lift(other) - self

    def __rmul__(self, other):
        return Value._lift(other) * self

    def __rtruediv__(self, other):
        return Value._lift(other) / self

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

    def _inputs(self):
        return [a for a in self.args if isinstance(a, Value)]

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
            x, y = a
            x.grad += g / y.data
            y.grad -= g * x.data / y.data ** 2
        elif self.op == "neg":
            a[0].grad -= g
        elif self.op == "pow":
            x, k = a
            x.grad += k * x.data ** (k - 1) * g
        elif self.op == "relu":
            a[0].grad += g if a[0].data > 0 else 0.0
        elif self.op == "tanh":
            a[0].grad += (1.0 - self.data ** 2) * g
        elif self.op == "exp":
            a[0].grad += self.data * g
        elif self.op == "log":
            a[0].grad += g / a[0].data

    def backward(self):
        # Kahn: count how many operations use each node; a node is ready once all its users are done
        users, seen, stack = {}, {self}, [self]
        while stack:
            for p in stack.pop()._inputs():
                users[p] = users.get(p, 0) + 1
                if p not in seen:
                    seen.add(p)
                    stack.append(p)
        self.grad = 1.0
        ready = [self]
        while ready:
            node = ready.pop()
            node._push()
            for p in node._inputs():
                users[p] -= 1
                if users[p] == 0:
                    ready.append(p)
