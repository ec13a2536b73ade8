class Value:
    """A scalar that remembers how it was computed, so that gradients can flow back through it.

    Value(x) is a leaf holding the float x. Every operation below returns a new Value.
    After out.backward(), node.grad holds d(out)/d(node) for every node that out depends on.
    """

    def __init__(self, data: float):
        """self.data = the float value; self.grad = 0.0 (nothing has flowed back yet)."""
        raise NotImplementedError

    # -- operations: each returns a new Value and remembers how to pass gradients back --------
    def __add__(self, other: "Value | float") -> "Value":
        """self + other, where other is a Value or a plain number."""
        raise NotImplementedError

    def __mul__(self, other: "Value | float") -> "Value":
        """self * other."""
        raise NotImplementedError

    def __pow__(self, k: int | float) -> "Value":
        """self ** k for a plain number k (not a Value)."""
        raise NotImplementedError

    def relu(self) -> "Value":
        """max(self, 0)."""
        raise NotImplementedError

    def tanh(self) -> "Value":
        raise NotImplementedError

    def exp(self) -> "Value":
        raise NotImplementedError

    def log(self) -> "Value":
        """Natural logarithm (only ever called on positive values)."""
        raise NotImplementedError

    def __neg__(self) -> "Value":
        """-self."""
        raise NotImplementedError

    def __sub__(self, other: "Value | float") -> "Value":
        """self - other."""
        raise NotImplementedError

    def __truediv__(self, other: "Value | float") -> "Value":
        """self / other."""
        raise NotImplementedError

    # -- a plain number on the left: `2.0 + v` calls v.__radd__(2.0), and so on --------------
    def __radd__(self, other: float) -> "Value":
        """other + self."""
        raise NotImplementedError

    def __rmul__(self, other: float) -> "Value":
        """other * self."""
        raise NotImplementedError

    def __rsub__(self, other: float) -> "Value":
        """other - self (mind the order)."""
        raise NotImplementedError

    def __rtruediv__(self, other: float) -> "Value":
        """other / self (mind the order)."""
        raise NotImplementedError

    # -- reverse mode --------------------------------------------------------------------------
    def backward(self) -> None:
        """Set self.grad = 1 and add d(self)/d(node) into node.grad for every node self depends on.

        Must work on graphs thousands of nodes deep and on graphs where a node is used many times.
        """
        raise NotImplementedError
