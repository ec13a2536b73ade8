"""Calls the implementation's cosine_similarity. Runs in the sandbox; holds no answers."""


def cosine(impl, A, B, eps):
    return impl.cosine_similarity(A, B, eps=eps)


def cosine_default_eps(impl, A, B):
    return impl.cosine_similarity(A, B)


def self_similarity(impl, A):
    """A against itself: the same array object is passed as A and as B."""
    return impl.cosine_similarity(A, A)


def inputs_after_call(impl, A, B):
    """The caller's arrays after the call: cosine_similarity must leave them as they were."""
    impl.cosine_similarity(A, B)
    return {"A": A, "B": B}
