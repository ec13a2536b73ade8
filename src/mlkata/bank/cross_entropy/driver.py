"""Calls the implementation's logsumexp, log_softmax and cross_entropy. Runs in the sandbox; holds no answers."""


def logsumexp(impl, x, axis, keepdims):
    return impl.logsumexp(x, axis=axis, keepdims=keepdims)


def logsumexp_default(impl, x):
    """The defaults: axis=-1, keepdims=False."""
    return impl.logsumexp(x)


def log_softmax(impl, x, axis):
    return impl.log_softmax(x, axis=axis)


def log_softmax_default(impl, x):
    """The default axis, -1."""
    return impl.log_softmax(x)


def cross_entropy(impl, logits, labels):
    return impl.cross_entropy(logits, labels)


def logsumexp_input_after_call(impl, x, axis):
    """The caller's array after the call: it must be left as it was."""
    impl.logsumexp(x, axis=axis)
    return x


def log_softmax_input_after_call(impl, x, axis):
    impl.log_softmax(x, axis=axis)
    return x


def cross_entropy_inputs_after_call(impl, logits, labels):
    impl.cross_entropy(logits, labels)
    return {"logits": logits, "labels": labels}
