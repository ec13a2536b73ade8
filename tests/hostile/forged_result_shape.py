# expect: bad-output
# message: malformed result
# A forged case result whose empty array claims dimensions too large for numpy.
import json
import os
import stat
import struct

from mlkata.judge import framing, wire


def _result_fd():
    for fd in range(3, 64):
        try:
            if stat.S_ISFIFO(os.fstat(fd).st_mode):
                return fd
        except OSError:
            pass
    raise RuntimeError("no result channel found")


def softmax(x, axis=-1):
    fd = _result_fd()
    huge = {"$map": {"event": "case", "index": 0,
                     "ok": {"$nd": [0, 0], "dtype": "float64", "shape": [0, 10**19], "kind": "ndarray"}}}
    header = json.dumps(huge).encode()
    framing.write_frame(fd, wire.MAGIC + struct.pack("<I", len(header)) + header)
    os._exit(0)
