import math


def lift(x):
    return x if isinstance(x, Value) else Value(x)


class Value:
    def __init__(self, data, srcs=(), dsrcs=()):
        self.data = data
        self.grad = 0
        self.srcs = srcs    # operands
        self.dsrcs = dsrcs  # d(self)/d(operand), one per operand

    def __add__(self, b):
        b = lift(b)
        return Value(self.data + b.data, (self, b), (1, 1))

    def __sub__(self, b):
        b = lift(b)
        return Value(self.data - b.data, (self, b), (1, -1))

    def __mul__(self, b):
        b = lift(b)
        return Value(self.data * b.data, (self, b), (b.data, self.data))

    def __truediv__(self, b):
        b = lift(b)
        q = self.data / b.data
        return Value(q, (self, b), (1 / b.data, -q / b.data))

    def __neg__(self):
        return Value(-self.data, (self,), (-1,))

    def __radd__(self, a):
        return self + a

    def __rmul__(self, a):
        return self * a

    def __rsub__(self, a):
        return self - a

    def __rtruediv__(self, a):
        return self / a

    def __pow__(self, p):
        return Value(self.data ** p, (self,), (p * self.data ** (p - 1),))

    def relu(self):
        pos = self.data > 0
        return Value(self.data if pos else 0.0, (self,), (1.0 if pos else 0.0,))

    def tanh(self):
        t = math.tanh(self.data)
        return Value(t, (self,), (1 - t * t,))

    def exp(self):
        e = math.exp(self.data)
        return Value(e, (self,), (e,))

    def log(self):
        return Value(math.log(self.data), (self,), (1 / self.data,))

    def backward(self):
        # post-order DFS; each stack frame is [node, index of the next operand to visit]
        post, seen = [], {id(self)}
        frames = [[self, 0]]
        while frames:
            top = frames[-1]
            node, i = top
            if i < len(node.srcs):
                top[1] = i + 1
                s = node.srcs[i]
                if id(s) not in seen:
                    seen.add(id(s))
                    frames.append([s, 0])
            else:
                frames.pop()
                post.append(node)
        self.grad = 1
        for node in reversed(post):
            for s, d in zip(node.srcs, node.dsrcs):
                s.grad += d * node.grad
