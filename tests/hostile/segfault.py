# expect: crash
# message: SIGSEGV
# Reads address 0: the child dies with SIGSEGV; the engine names the signal.
import ctypes


def softmax(x, axis=-1):
    return ctypes.string_at(0)
