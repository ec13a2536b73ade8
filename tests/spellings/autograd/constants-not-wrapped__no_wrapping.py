import math

# local derivatives of each op, from (input data, output data, constant exponent)
LOCAL = {
    "add": lambda xs, y, c: (1.0, 1.0),
    "mul": lambda xs, y, c: (xs[1], xs[0]),
    "pow": lambda xs, y, c: (c * xs[0] ** (c - 1),),
    "relu": lambda xs, y, c: (1.0 if xs[0] > 0 else 0.0,),
    "tanh": lambda xs, y, c: (1 - y * y,),
    "exp": lambda xs, y, c: (y,),
    "log": lambda xs, y, c: (1 / xs[0],),
}


class Value:
    def __init__(self, data, kind="leaf", args=(), const=None):
        self.data = data
        self.grad = 0.0
        self.kind = kind
        self.args = args
        self.const = const

    def __add__(self, other):
        return Value(self.data + other.data, "add", (self, other))

    def __mul__(self, other):
        return Value(self.data * other.data, "mul", (self, other))

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

    def __sub__(self, other):
        return self + -other

    def __truediv__(self, other):
        return self * other ** -1

    def __radd__(self, other):
        return self + other

    def __rmul__(self, other):
        return self * other

    def __rsub__(self, other):
        return -self + other

    def __rtruediv__(self, other):
        return self ** -1 * other

    def backward(self):
        order, seen = [], set()
        stack = [("enter", self)]
        while stack:
            step, v = stack.pop()
            if step == "leave":
                order.append(v)
            elif v not in seen:
                seen.add(v)
                stack.append(("leave", v))
                stack.extend(("enter", a) for a in v.args)
        grads = dict.fromkeys(order, 0.0)
        grads[self] = 1.0
        for v in reversed(order):  # outputs before the values they were made from
            if v.kind == "leaf":
                continue
            local = LOCAL[v.kind]([a.data for a in v.args], v.data, v.const)
            for a, d in zip(v.args, local):
                grads[a] += d * grads[v]
        for v, g in grads.items():
            v.grad += g
