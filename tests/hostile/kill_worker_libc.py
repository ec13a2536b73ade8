# expect: exception
# needs: seccomp
# message: Operation not permitted
# Kills its parent and every process it may signal through libc, bypassing the Python guard:
# seccomp refuses signals to any process but itself, so the worker lives on.
import ctypes
import os
import signal


def softmax(x, axis=-1):
    libc = ctypes.CDLL(None, use_errno=True)
    for target in (os.getppid(), -1, 0 - os.getppid()):
        if libc.kill(target, signal.SIGKILL) != 0:
            err = ctypes.get_errno()
            continue
        raise RuntimeError(f"kill({target}) went through")
    raise PermissionError(err, os.strerror(err))
