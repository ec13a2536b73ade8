# expect: fail
# expect-plain: bad-output
# message-plain: than the sandbox allows
# Fills the disk: 16 MB files (each under the file-size rlimit) in its temporary folder, its
# working folder, /var/tmp and /dev/shm, up to 320 MB in all. With bubblewrap
# nothing is writable: it answers x and fails. In plain mode only its scratch folder is, and the
# worker stops it at the 64 MiB write cap. What it wrote is removed before it returns.
import os
import tempfile

CHUNK = b"\xa5" * (1 << 20)
TOTAL_MB = 320


def softmax(x, axis=-1):
    folders = [os.getcwd(), "/var/tmp", "/dev/shm"]
    try:
        folders.insert(0, tempfile.gettempdir())
    except OSError:
        pass  # bubblewrap: no usable temporary folder at all
    written, made = 0, []
    try:
        for folder in folders:
            index = 0
            while written < TOTAL_MB:
                path = os.path.join(folder, f"mlkata-fill-{os.getpid()}-{index}.bin")
                try:
                    with open(path, "wb") as f:
                        made.append(path)
                        for _ in range(16):
                            f.write(CHUNK)
                            written += 1
                except OSError:
                    break
                index += 1
    finally:
        for path in made:
            try:
                os.remove(path)
            except OSError:
                pass
    return x
