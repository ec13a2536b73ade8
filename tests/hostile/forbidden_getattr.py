# expect: forbidden-api
# message: scipy
# Hides the import from the static scan: the runtime guard catches it.


def softmax(x, axis=-1):
    special = __import__("sci" + "py.special", fromlist=["x"])
    return getattr(special, "soft" + "max")(x, axis=axis)
