import math


class Value:
    __slots__ = ("data", "grad", "kind", "src", "k")

    def __init__(self, data, kind="leaf", src=(), k=None):
        self.data = float(data)
        self.grad = 0.0
        self.kind = kind
        self.src = src
        self.k = k

    @staticmethod
    def of(x):
        return x if isinstance(x, Value) else Value(x)

    def __add__(self, o):
        o = Value.of(o)
        return Value(self.data + o.data, "add", (self, o))

    def __mul__(self, o):
        o = Value.of(o)
        return Value(self.data * o.data, "mul", (self, o))

    def __pow__(self, k):
        return Value(self.data ** k, "pow", (self,), k)

    def relu(self):
        return Value(max(self.data, 0.0), "relu", (self,))

    def tanh(self):
        return Value(math.tanh(self.data), "tanh", (self,))

    def exp(self):
        return Value(math.exp(self.data), "exp", (self,))

    def log(self):
        return Value(math.log(self.data), "log", (self,))

    def __neg__(self):
        return self * -1

    def __sub__(self, o):
        return self + Value.of(o) * -1

    def __truediv__(self, o):
        return self * Value.of(o) ** -1

    def __radd__(self, o):
        return Value.of(o) + self

    def __rmul__(self, o):
        return Value.of(o) * self

    def __rsub__(self, o):
        return Value.of(o) - self

    def __rtruediv__(self, o):
        return Value.of(o) / self

    def _grad_step(self):
        g = self.grad
        if self.kind == "add":
            for s in self.src:
                s.grad += g
        elif self.kind == "mul":
            a, b = self.src
            a.grad += b.data * g
            b.grad += a.data * g
        elif self.kind == "pow":
            self.src[0].grad += self.k * self.src[0].data ** (self.k - 1) * g
        elif self.kind == "relu":
            self.src[0].grad += g if self.src[0].data > 0 else 0.0
        elif self.kind == "tanh":
            self.src[0].grad += 1 - self.data ** 2
        elif self.kind == "exp":
            self.src[0].grad += self.data * g
        elif self.kind == "log":
            self.src[0].grad += g / self.src[0].data

    def backward(self):
        # count users, then process nodes whose users are all done (Kahn)
        indeg, stack, seen = {}, [self], {self}
        while stack:
            n = stack.pop()
            for s in n.src:
                indeg[s] = indeg.get(s, 0) + 1
                if s not in seen:
                    seen.add(s)
                    stack.append(s)
        self.grad = 1.0
        ready = [self]
        while ready:
            n = ready.pop()
            n._grad_step()
            for s in n.src:
                indeg[s] -= 1
                if indeg[s] == 0:
                    ready.append(s)
