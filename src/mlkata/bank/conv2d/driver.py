"""Calls the implementation's conv2d. Runs in the sandbox; holds no answers.

A case passes only the arguments it names, so a case without b, stride or padding tests the defaults.
"""


def conv2d(impl, x, w, **options):
    return impl.conv2d(x, w, **options)


def input_after_call(impl, x, w, **options):
    """The caller's x and w after the call: conv2d must leave them as they were."""
    impl.conv2d(x, w, **options)
    return {"x": x, "w": w}
