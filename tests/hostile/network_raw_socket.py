# expect: exception
# needs: seccomp
# message: Operation not permitted
# Bypasses the Python guard with the C-level _socket module: seccomp refuses the syscall.
# Loopback only.
import _socket


def softmax(x, axis=-1):
    s = _socket.socket(_socket.AF_INET, _socket.SOCK_STREAM)
    s.settimeout(1)
    s.connect(("127.0.0.1", 9))
    return x
