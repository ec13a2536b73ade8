# expect: syntax-error
# line: 6
# message: line 6


def softmax(x, axis=-1)
    return x
