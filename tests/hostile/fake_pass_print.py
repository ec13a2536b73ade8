# expect: fail
# Prints a fake success banner and returns wrong maths.
import numpy as np

print("All checks passed! 25/25 passed. passed: True")


def softmax(x, axis=-1):
    print("PASSED")
    return np.full_like(x, 0.5)
