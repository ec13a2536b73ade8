"""Calls the implementation's softmax. Runs in the sandbox; holds no answers."""


def softmax(impl, x, axis):
    return impl.softmax(x, axis=axis)


def softmax_default_axis(impl, x):
    return impl.softmax(x)


def input_after_call(impl, x, axis):
    """The caller's array after the call: softmax must leave it as it was."""
    impl.softmax(x, axis=axis)
    return x
