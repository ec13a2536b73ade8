import math


class Value:
    def __init__(self, data, children=()):
        self.data = data
        self.grad = 0.0
        self.children = children
        # longest path down to a leaf: every node is higher than all of its children
        self.height = 1 + max((c.height for c in children), default=-1)
        self.push = None  # sends self.grad down into the children

    def __add__(self, rhs):
        rhs = rhs if isinstance(rhs, Value) else Value(rhs)
        res = Value(self.data + rhs.data, (self, rhs))

        def push():
            self.grad += res.grad
            rhs.grad += res.grad
        res.push = push
        return res

    def __mul__(self, rhs):
        rhs = rhs if isinstance(rhs, Value) else Value(rhs)
        res = Value(self.data * rhs.data, (self, rhs))

        def push():
            self.grad += rhs.data * res.grad
            rhs.grad += self.data * res.grad
        res.push = push
        return res

    def __pow__(self, n):
        x = self.data
        res = Value(x ** n, (self,))

        def push():
            self.grad += n * x ** n-1 * res.grad
        res.push = push
        return res

    def _unary(self, y, dydx):
        res = Value(y, (self,))

        def push():
            self.grad += dydx * res.grad
        res.push = push
        return res

    def relu(self):
        return self._unary(max(self.data, 0.0), 1.0 if self.data > 0 else 0.0)

    def tanh(self):
        t = math.tanh(self.data)
        return self._unary(t, 1.0 - t * t)

    def exp(self):
        e = math.exp(self.data)
        return self._unary(e, e)

    def log(self):
        return self._unary(math.log(self.data), 1.0 / self.data)

    def __neg__(self):
        return self * -1.0

    def __sub__(self, rhs):
        return self + rhs * -1

    def __truediv__(self, rhs):
        return self * rhs ** -1

    def __radd__(self, lhs):
        return self + lhs

    def __rmul__(self, lhs):
        return self * lhs

    def __rsub__(self, lhs):
        return self * -1 + lhs

    def __rtruediv__(self, lhs):
        return self ** -1 * lhs

    def backward(self):
        reach, todo = {self}, [self]
        while todo:
            for c in todo.pop().children:
                if c not in reach:
                    reach.add(c)
                    todo.append(c)
        self.grad = 1.0
        # highest first: a node runs only after everything built on top of it
        for node in sorted(reach, key=lambda v: v.height, reverse=True):
            if node.push is not None:
                node.push()
