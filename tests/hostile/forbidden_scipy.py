# expect: forbidden-api
# message: scipy
from scipy.special import softmax  # noqa: F401
