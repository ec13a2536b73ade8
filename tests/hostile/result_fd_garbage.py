# expect: bad-output
# Writes junk on the result channel. In the child, fds 0-2 are stdin/stdout/stderr and the
# worker's request/reply pipes are inherited too; the result pipe's write end is the first
# fd the worker's os.pipe() hands out in run_check. Junk goes to every fd from 3 to 10 that
# is a pipe (writing garbage to the worker's own reply pipe would also be a test).
import os
import stat

import numpy as np


def softmax(x, axis=-1):
    for fd in range(3, 11):
        try:
            if stat.S_ISFIFO(os.fstat(fd).st_mode):
                os.write(fd, b"junk\x00\x00\x00\x10MLKWgarbage")
        except OSError:
            pass
    return np.zeros_like(x)
