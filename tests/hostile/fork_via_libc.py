# expect: fail
# without-bwrap: fail
# Calls libc fork() directly, bypassing the Python guards (at most 20 forks in all, never
# unbounded). With seccomp the syscall is denied, fork returns -1 and no extra process ever
# exists; without seccomp the forks succeed, each grandchild leaves the process group with
# setsid() and sleeps, and the worker (a child subreaper) must still kill every one of them.
# Either way the answer is wrong.
import ctypes
import os
import time

import numpy as np

_forks = [0]


def softmax(x, axis=-1):
    libc = ctypes.CDLL(None, use_errno=True)
    while _forks[0] < 20:
        _forks[0] += 1
        pid = libc.fork()
        if pid == 0:  # only reached if fork got through
            libc.setsid()
            time.sleep(60)
            os._exit(0)
    return np.zeros_like(x)
