# expect: exited
# Calls sys.exit(0) while being imported.
import sys

sys.exit(0)


def softmax(x, axis=-1):
    return x
