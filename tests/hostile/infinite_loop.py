# expect: timeout
# time_limit: 3
# without-bwrap: timeout
# An infinite loop in plain Python: the worker's wall-clock deadline must stop it.


def softmax(x, axis=-1):
    while True:
        pass
