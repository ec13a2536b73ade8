# expect: fail
# message: not accept
# Returns an object whose __eq__ always says True: its type may not cross the boundary.


class Anything:
    def __eq__(self, other):
        return True

    def __ne__(self, other):
        return False

    __hash__ = object.__hash__


def softmax(x, axis=-1):
    return Anything()
