# expect: sandbox-violation
# message: network
# Tries to open a TCP socket to 127.0.0.1 (loopback only, never any other address): the
# Python guard names it, seccomp refuses the socket, and bwrap has no network anyway.
import socket


def softmax(x, axis=-1):
    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    s.settimeout(1)
    s.connect(("127.0.0.1", 9))
    return x
