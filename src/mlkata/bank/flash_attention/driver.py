"""Calls the implementation's flash_attention on the case's arrays and returns plain data.

Runs in the sandbox, and in the engine's process for the model answer; holds no answers.
`memory` lowers the soft address-space limit around one call, so an implementation that
builds the full score matrix runs out of memory there while a tiled one does not.
"""

import resource

import torch

_OUT_OF_MEMORY = ("can't allocate memory", "DefaultCPUAllocator", "Cannot allocate memory")


def _call(impl, q, k, v, causal, block_q, block_k):
    result = impl.flash_attention(q, k, v, causal=causal, block_q=block_q, block_k=block_k)
    if not isinstance(result, tuple | list) or len(result) != 2:
        raise TypeError(f"flash_attention must return a tuple (out, lse), got {type(result).__name__}")
    return result


def forward(impl, q, k, v, causal=False, block_q=64, block_k=64):
    """out and lse for the case's q, k, v."""
    with torch.no_grad():
        out, lse = _call(impl, torch.from_numpy(q), torch.from_numpy(k), torch.from_numpy(v),
                         causal, block_q, block_k)
    return {"out": out, "lse": lse}


def backward(impl, q, k, v, grad_out, grad_lse, causal=False, block_q=64, block_k=64):
    """out, lse, and the gradients of sum(out * grad_out) + sum(lse * grad_lse) w.r.t. q, k, v."""
    q, k, v = (torch.from_numpy(a).requires_grad_(True) for a in (q, k, v))
    out, lse = _call(impl, q, k, v, causal, block_q, block_k)
    ((out * torch.from_numpy(grad_out)).sum() + (lse * torch.from_numpy(grad_lse)).sum()).backward()
    return {"out": out.detach(), "lse": lse.detach(), "grad": {"q": q.grad, "k": k.grad, "v": v.grad}}


def _vm_size() -> int:
    """This process's virtual memory size in bytes (VmSize)."""
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmSize:"):
                return int(line.split()[1]) * 1024
    raise OSError("no VmSize in /proc/self/status")


def memory(impl, q, k, v, causal=False, block_q=64, block_k=64, stride=1024):
    """Whether one call fits in a quarter of the score matrix's bytes of new address space.

    Returns {"within_budget": True, "out": ..., "lse": ...} (every stride-th query, to compare
    loosely) or {"within_budget": False, "budget_mb": ..., "scores_mb": ...}."""
    q, k, v = torch.from_numpy(q), torch.from_numpy(k), torch.from_numpy(v)
    B, H, Lq, _ = q.shape
    scores = B * H * Lq * k.shape[-2] * 4
    sizes = {"budget_mb": scores // 4 / 2**20, "scores_mb": scores / 2**20}
    with torch.no_grad():
        _call(impl, q[..., :256, :], k[..., :256, :], v[..., :256, :], causal, block_q, block_k)  # warm-up
        soft, hard = resource.getrlimit(resource.RLIMIT_AS)
        limit = _vm_size() + scores // 4
        if soft != resource.RLIM_INFINITY:
            limit = min(limit, soft)
        resource.setrlimit(resource.RLIMIT_AS, (limit, hard))
        try:
            out, lse = _call(impl, q, k, v, causal, block_q, block_k)
        except MemoryError:
            return {"within_budget": False, **sizes}
        except RuntimeError as exc:
            if not any(text in str(exc) for text in _OUT_OF_MEMORY):
                raise
            return {"within_budget": False, **sizes}
        finally:
            resource.setrlimit(resource.RLIMIT_AS, (soft, hard))
    return {"within_budget": True, "out": out[..., ::stride, :].clone(), "lse": lse[..., ::stride].clone()}
