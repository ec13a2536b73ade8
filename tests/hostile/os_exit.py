# expect: exited
# Calls os._exit(0): no exception, the process is just gone before returning.
import os


def softmax(x, axis=-1):
    os._exit(0)
