# expect: sandbox-violation
# os.system is refused as well.
import os


def softmax(x, axis=-1):
    os.system("echo hi")
    return x
