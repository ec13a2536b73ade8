# expect: sandbox-violation
# without-bwrap: sandbox-violation
# A fork "bomb" with a cap (at most 20 forks). os.fork is refused with a clear message.
import os


def softmax(x, axis=-1):
    pids = []
    for _ in range(20):
        pid = os.fork()
        if pid == 0:
            import time
            time.sleep(60)
            os._exit(0)
        pids.append(pid)
    return x
