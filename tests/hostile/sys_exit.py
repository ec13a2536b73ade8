# expect: exited
# Calls sys.exit(0) instead of returning.
import sys


def softmax(x, axis=-1):
    sys.exit(0)
