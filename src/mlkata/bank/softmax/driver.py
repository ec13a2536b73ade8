"""Calls the implementation's softmax. Runs in the sandbox; holds no answers."""


def softmax(impl, x, axis):
    return impl.softmax(x, axis=axis)


def softmax_default_axis(impl, x):
    return impl.softmax(x)
