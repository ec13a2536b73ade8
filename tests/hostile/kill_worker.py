# expect: sandbox-violation
# message: signal
# Tries to kill its parent, the warm worker: the Python guard names it.
import os
import signal


def softmax(x, axis=-1):
    os.kill(os.getppid(), signal.SIGKILL)
    return x
