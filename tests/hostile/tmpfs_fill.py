# expect: fail
# needs: bwrap
# message: Read-only file system
# Tries to fill the sandbox's tmpfs mounts (RAM that no rlimit counts, and that would outlive
# the check): /tmp, /dev/shm and the tmpfs hiding the bank are all read-only. At most 4 MB.
import os

import mlkata


def softmax(x, axis=-1):
    bank = os.path.join(os.path.dirname(mlkata.__file__), "bank")
    for folder in ("/tmp", "/dev/shm", bank):
        try:
            with open(os.path.join(folder, "fill.bin"), "wb") as f:
                f.write(b"\0" * (1 << 20))
        except OSError as exc:
            if exc.strerror != "Read-only file system":
                raise
            continue
        raise RuntimeError(f"{folder} is writable")
    raise OSError(30, "Read-only file system")
