import math


class Op:
    """A recorded operation: its inputs, and the vector-Jacobian product back to them."""

    def __init__(self, *inputs):
        self.inputs = inputs

    def vjp(self, out, g):
        raise NotImplementedError


class Add(Op):
    def vjp(self, out, g):
        return g, g


class Mul(Op):
    def vjp(self, out, g):
        a, b = self.inputs
        return g * b.data, g * a.data


class Pow(Op):
    def __init__(self, x, k):
        super().__init__(x)
        self.k = k

    def vjp(self, out, g):
        x = self.inputs[0].data
        return (g * self.k * x ** (self.k - 1),)


class Relu(Op):
    def vjp(self, out, g):
        return (g if self.inputs[0].data > 0 else 0.0,)


class Tanh(Op):
    def vjp(self, out, g):
        return (g * (1 - out.data ** 2),)


class Exp(Op):
    def vjp(self, out, g):
        return (g * out.data,)


class Log(Op):
    def vjp(self, out, g):
        return (g / self.inputs[0].data,)


def _val(x):
    return x if isinstance(x, Value) else Value(x)


class Value:
    def __init__(self, data, op=None):
        self.data = data
        self.grad = 0.0
        self.op = op  # the Op that produced this value; None for a leaf

    def __add__(self, o):
        o = _val(o)
        return Value(self.data + o.data, Add(self, o))

    def __mul__(self, o):
        o = _val(o)
        return Value(self.data * o.data, Mul(self, o))

    def __pow__(self, k):
        return Value(self.data ** k, Pow(self, k))

    def relu(self):
        return Value(max(self.data, 0.0), Relu(self))

    def tanh(self):
        return Value(math.tanh(self.data), Tanh(self))

    def exp(self):
        return Value(math.exp(self.data), Exp(self))

    def log(self):
        return Value(math.log(self.data), Log(self))

    def __neg__(self):
        return self * -1.0

    def __sub__(self, o):
        return self + -_val(o)

    def __truediv__(self, o):
        return self * _val(o) ** -1

    def __radd__(self, o):
        return _val(o) + self

    def __rmul__(self, o):
        return _val(o) * self

    def __rsub__(self, o):
        return _val(o) + -self

    def __rtruediv__(self, o):
        return _val(o) * self ** -1

    def _inputs(self):
        return self.op.inputs if self.op else ()

    def backward(self):
        self.grad = 1.0
        # post-order DFS: a node stays on the stack until all its inputs are finished
        order, state, stack = [], {}, [self]
        while stack:
            v = stack[-1]
            if v not in state:
                state[v] = "open"
                stack.extend(p for p in v._inputs() if p not in state)
            else:
                stack.pop()
                if state[v] == "open":
                    state[v] = "done"
                    order.append(v)
        for v in order:  # clear stale grads before accumulating
            v.grad = 0.0
        for v in reversed(order):
            if v.op:
                for p, g in zip(v.op.inputs, v.op.vjp(v, v.grad)):
                    p.grad += g
