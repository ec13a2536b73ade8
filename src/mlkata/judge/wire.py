"""Plain-data codec for everything that crosses a process boundary.

A message is a JSON tree plus raw array buffers. Only these travel:
None, bool, int, float, str, lists, dicts with str keys, numpy arrays and torch
tensors (as bytes + dtype + shape, dtype from an allow-list). Everything is
type-checked with `type(x) is ...`: subclasses (a Tensor subclass whose
`__eq__` lies, say) are refused, never converted. No pickle anywhere.

Layout: b"MLKW" | u32 header length | header JSON | buffers.
"""

from __future__ import annotations

import json
import struct
import sys

import numpy as np

MAGIC = b"MLKW"
MAX_MESSAGE_BYTES = 256 * 1024 * 1024
MAX_DEPTH = 32
MAX_NODES = 200_000
MAX_STR = 1_000_000

# numpy dtype names that may cross. bfloat16 tensors travel as float32 with a note.
ALLOWED_DTYPES = frozenset(
    "bool int8 int16 int32 int64 uint8 uint16 uint32 uint64 "
    "float16 float32 float64 complex64 complex128".split()
)


class WireError(ValueError):
    """A value cannot be encoded, or a message is malformed."""


class Unsupported:
    """Placeholder the encoder leaves for a value whose type may not cross."""

    __slots__ = ("type_name",)

    def __init__(self, type_name: str):
        self.type_name = type_name


def _torch():
    return sys.modules.get("torch")  # never import torch just to encode


def _type_name(x) -> str:
    t = type(x)
    return t.__name__ if t.__module__ == "builtins" else f"{t.__module__}.{t.__qualname__}"


def encode(obj, *, lenient: bool = False, trusted: bool = False) -> bytes:
    """Serialise `obj`. With lenient=True an unsupported value becomes an
    {"$unsupported": type} node instead of raising (used for user outputs).
    trusted=True also accepts decoded WireArrays, keeping their tags (the engine's
    own cache; never the submission's side)."""
    buffers: list[bytes] = []
    offset = 0
    nodes = 0

    def array_node(arr: np.ndarray, kind: str, torch_dtype: str | None = None) -> dict:
        nonlocal offset
        name = arr.dtype.name
        if name not in ALLOWED_DTYPES:
            raise WireError(f"dtype {name} may not cross")
        if not arr.dtype.isnative:  # buffers travel in native byte order: decode assumes it
            arr = arr.astype(arr.dtype.newbyteorder("="))
        data = np.ascontiguousarray(arr).tobytes()
        node = {"$nd": [offset, len(data)], "dtype": name, "shape": list(arr.shape), "kind": kind}
        if torch_dtype:
            node["torch_dtype"] = torch_dtype
        buffers.append(data)
        offset += len(data)
        return node

    def walk(x, depth: int):
        nonlocal nodes
        nodes += 1
        if depth > MAX_DEPTH or nodes > MAX_NODES:
            raise WireError("value is nested too deeply or has too many parts")
        t = type(x)
        if x is None or t is bool or t is str:
            return x
        if t is int:
            return x if -(2**63) <= x < 2**63 else float(x)
        if t is float:
            return x
        if t is list or t is tuple:
            return [walk(v, depth + 1) for v in x]
        if t is dict:
            if not all(type(k) is str for k in x):
                return fail(x, "dict with non-str keys")
            return {"$map": {k: walk(v, depth + 1) for k, v in x.items()}}
        if t is np.ndarray:
            return array_node(x, "ndarray")
        if trusted and t is WireArray:
            return array_node(np.asarray(x), x.kind, x.torch_dtype)
        if isinstance(x, np.generic) and t.__module__ == "numpy" and x.dtype.name in ALLOWED_DTYPES:
            return array_node(np.asarray(x), "npscalar")
        torch = _torch()
        if torch is not None and t is torch.Tensor:
            tensor = x.detach()
            if tensor.layout != torch.strided:
                tensor = tensor.to_dense()
            tensor = tensor.cpu().resolve_conj().resolve_neg()
            torch_dtype = None
            if tensor.dtype == torch.bfloat16:
                tensor, torch_dtype = tensor.float(), "bfloat16"
            return array_node(tensor.contiguous().numpy(), "tensor", torch_dtype)
        return fail(x, _type_name(x))

    def fail(x, what: str):
        if lenient:
            return {"$unsupported": what}
        raise WireError(f"value of type {what} may not cross")

    header = json.dumps(walk(obj, 0), allow_nan=True, separators=(",", ":")).encode()
    return MAGIC + struct.pack("<I", len(header)) + header + b"".join(buffers)


def decode(data: bytes | memoryview, *, max_bytes: int = MAX_MESSAGE_BYTES, tagged: bool = False):
    """Rebuild the tree; every array is validated against the allow-list and bounds.

    Arrays come back as plain writable ndarrays, or with tagged=True as WireArray
    views that remember whether they were tensors (for the judge's comparisons)."""
    data = memoryview(data)
    if len(data) > max_bytes:
        raise WireError(f"message of {len(data)} bytes exceeds the {max_bytes}-byte cap")
    if len(data) < 8 or bytes(data[:4]) != MAGIC:
        raise WireError("not an mlkata wire message")
    (hlen,) = struct.unpack("<I", data[4:8])
    if 8 + hlen > len(data):
        raise WireError("truncated header")
    try:
        tree = json.loads(bytes(data[8 : 8 + hlen]))
    except ValueError as exc:
        raise WireError(f"malformed header: {exc}") from None
    except RecursionError:  # json recurses once per nesting level: a deep header would escape
        raise WireError("message is nested too deeply") from None
    body = data[8 + hlen :]
    nodes = 0

    def walk(x, depth: int):
        nonlocal nodes
        nodes += 1
        if depth > MAX_DEPTH or nodes > MAX_NODES:
            raise WireError("message is nested too deeply or has too many parts")
        if x is None or isinstance(x, bool | int | float):
            return x
        if isinstance(x, str):
            if len(x) > MAX_STR:
                raise WireError("string too long")
            return x
        if isinstance(x, list):
            return [walk(v, depth + 1) for v in x]
        if isinstance(x, dict):
            if "$map" in x and isinstance(x["$map"], dict):
                return {str(k): walk(v, depth + 1) for k, v in x["$map"].items()}
            if "$nd" in x:
                return _array(x, body, tagged)
            if "$unsupported" in x:
                return Unsupported(str(x["$unsupported"])[:200])
        raise WireError("unknown node in message")

    return walk(tree, 0)


class WireArray(np.ndarray):
    """A decoded array that remembers whether it was a tensor on the other side.

    Only ever built by `decode`, never by the submission."""

    kind: str = "ndarray"
    torch_dtype: str | None = None


def _array(node: dict, body: memoryview, tagged: bool) -> np.ndarray:
    try:
        off, nbytes = (int(v) for v in node["$nd"])
        dtype_name = str(node["dtype"])
        shape = tuple(int(s) for s in node["shape"])
        kind = str(node.get("kind", "ndarray"))
    except (KeyError, TypeError, ValueError):
        raise WireError("malformed array node") from None
    if dtype_name not in ALLOWED_DTYPES:
        raise WireError(f"dtype {dtype_name} is not allowed")
    if kind not in ("ndarray", "tensor", "npscalar") or len(shape) > 32 or min(shape, default=0) < 0:
        raise WireError("malformed array node")
    dtype = np.dtype(dtype_name)
    count = 1
    for s in shape:
        count *= s
    if off < 0 or count * dtype.itemsize != nbytes or off + nbytes > len(body):
        raise WireError("array buffer does not match its shape")
    try:  # an empty array may still claim dimensions too large for numpy
        arr = np.frombuffer(body[off : off + nbytes], dtype=dtype).reshape(shape).copy()
    except (ValueError, OverflowError):
        raise WireError("array shape is out of range") from None
    if not tagged:
        return arr
    out = arr.view(WireArray)
    out.kind = kind
    out.torch_dtype = node.get("torch_dtype") if node.get("torch_dtype") == "bfloat16" else None
    return out


def roundtrip(obj):
    """Normalise a trusted value to exactly what a decoded message would hold."""
    return decode(encode(obj, lenient=True), tagged=True)
