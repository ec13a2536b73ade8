# expect: bad-output
# message: malformed result
# The child writes its own result channel, so a submission can forge messages: this one is
# valid wire data whose fields have the wrong types (a str error, frames that are not
# [file, line, function]). The engine must say so, not crash on it.
import os
import stat

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
    framing.write_frame(fd, wire.encode({"event": "case", "index": 0,
                                         "error": {"type": ["x"], "message": {"a": 1}, "frames": "abc"}}))
    framing.write_frame(fd, wire.encode({"event": "load_error", "error": "boom"}))
    os._exit(0)
