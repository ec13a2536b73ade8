# expect: memory
# without-bwrap: memory
# Asks for 50 GiB at once: the address-space rlimit refuses it, nothing is really allocated.


def softmax(x, axis=-1):
    blob = bytearray(50 * 2**30)
    return blob
