# expect: bad-output
# expect-none: bad-output
# message: wrote more to disk than the sandbox allows
# Writes where no folder shows it: 20 anonymous memory files (memfd) of 16 MB each, 320 MB that
# no address-space rlimit counts and no directory lists. The worker counts the open files a
# child holds and stops it at the 64 MiB write cap, in every mode.
import os

CHUNK = b"\x5a" * (1 << 20)


def softmax(x, axis=-1):
    held = []
    for i in range(20):
        fd = os.memfd_create(f"fill-{i}")
        held.append(fd)
        for _ in range(16):
            os.write(fd, CHUNK)
    return x
