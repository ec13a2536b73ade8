"""The wire codec: the trust boundary between the submission's process and the engine."""

from __future__ import annotations

import json
import math
import struct

import numpy as np
import pytest
import torch
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from mlkata.judge import wire
from mlkata.judge.wire import MAGIC, Unsupported, WireArray, WireError, decode, encode

ALLOWED = sorted(wire.ALLOWED_DTYPES)


def raw(tree, body: bytes = b"") -> bytes:
    """A message built by hand, header and all."""
    header = json.dumps(tree).encode()
    return MAGIC + struct.pack("<I", len(header)) + header + body


def nd(offset=0, nbytes=8, dtype="float64", shape=(1,), kind="ndarray") -> dict:
    return {"$nd": [offset, nbytes], "dtype": dtype, "shape": list(shape), "kind": kind}


# -- round trips ------------------------------------------------------------------

plain_leaves = (
    st.none() | st.booleans() | st.integers(-(2**63), 2**63 - 1) | st.text(max_size=50)
    | st.floats(allow_nan=False)
)
plain = st.recursive(
    plain_leaves,
    lambda children: st.lists(children, max_size=5) | st.dictionaries(st.text(max_size=10), children, max_size=5),
    max_leaves=40,
)


@given(plain)
def test_plain_data_round_trips(value):
    assert decode(encode(value)) == value


@given(st.lists(st.floats(), max_size=20))
def test_floats_round_trip_bit_for_bit_including_nan_and_inf(values):
    out = decode(encode(values))
    assert len(out) == len(values)
    for a, b in zip(out, values, strict=True):
        assert type(a) is float
        assert (math.isnan(a) and math.isnan(b)) or struct.pack("<d", a) == struct.pack("<d", b)


def test_tuples_become_lists_and_huge_ints_become_floats():
    assert decode(encode((1, (2, 3)))) == [1, [2, 3]]
    assert decode(encode(2**70)) == float(2**70)
    assert decode(encode(-(2**63))) == -(2**63)


def test_dict_keys_that_look_like_node_tags_are_plain_keys():
    value = {"$nd": [0, 8], "$map": {"a": 1}, "$unsupported": "x"}
    assert decode(encode(value)) == value


@st.composite
def arrays_of_every_dtype(draw):
    dtype = draw(st.sampled_from(ALLOWED))
    shape = draw(hnp.array_shapes(min_dims=0, max_dims=4, min_side=0, max_side=5))
    return draw(hnp.arrays(np.dtype(dtype), shape))


@settings(suppress_health_check=[HealthCheck.too_slow])
@given(arrays_of_every_dtype())
def test_arrays_of_every_allowed_dtype_round_trip_exactly(arr):
    out = decode(encode(arr))
    assert type(out) is np.ndarray
    assert out.dtype == arr.dtype and out.shape == arr.shape
    assert out.tobytes() == np.ascontiguousarray(arr).tobytes()
    assert out.flags.writeable


@given(arrays_of_every_dtype(), st.sampled_from(["<", ">"]))
def test_byte_order_is_normalised(arr, order):
    swapped = arr.astype(arr.dtype.newbyteorder(order))
    out = decode(encode(swapped))
    assert out.dtype == arr.dtype
    assert out.tobytes() == np.ascontiguousarray(arr).tobytes()


def test_non_contiguous_arrays_round_trip():
    base = np.arange(24, dtype=np.float32).reshape(4, 6)
    for view in (base.T, base[:, ::2], base[::-1], np.asfortranarray(base)):
        out = decode(encode(view))
        np.testing.assert_array_equal(out, view)


def test_arrays_inside_nested_containers():
    value = {"a": [np.arange(3), {"b": np.eye(2, dtype=np.complex64)}], "c": None}
    out = decode(encode(value))
    np.testing.assert_array_equal(out["a"][0], np.arange(3))
    np.testing.assert_array_equal(out["a"][1]["b"], np.eye(2, dtype=np.complex64))
    assert out["c"] is None


def test_numpy_scalars_become_0d_arrays_tagged_npscalar():
    for scalar in (np.float32(1.5), np.int64(-3), np.bool_(True), np.complex128(1 + 2j), np.uint8(7)):
        out = decode(encode(scalar), tagged=True)
        assert isinstance(out, WireArray) and out.shape == () and out.kind == "npscalar"
        assert out.dtype == scalar.dtype and out[()] == scalar


@pytest.mark.parametrize("dtype", [torch.float32, torch.float64, torch.float16, torch.int64, torch.int32,
                                   torch.uint8, torch.bool, torch.complex64])
def test_tensors_round_trip_tagged_as_tensors(dtype):
    t = (torch.arange(12) % 5).to(dtype).reshape(3, 4)
    out = decode(encode(t), tagged=True)
    assert isinstance(out, WireArray) and out.kind == "tensor" and out.torch_dtype is None
    np.testing.assert_array_equal(out, t.numpy())
    plain = decode(encode(t))
    assert type(plain) is np.ndarray


def test_bfloat16_travels_as_float32_with_a_note():
    t = torch.tensor([1.5, -2.25], dtype=torch.bfloat16)
    out = decode(encode(t), tagged=True)
    assert out.dtype == np.float32 and out.torch_dtype == "bfloat16"
    np.testing.assert_array_equal(out, [1.5, -2.25])


def test_tensors_that_need_work_first():
    grad = torch.ones(3, requires_grad=True) * 2
    np.testing.assert_array_equal(decode(encode(grad)), [2, 2, 2])
    np.testing.assert_array_equal(decode(encode(torch.arange(6.0).reshape(2, 3).T)), np.arange(6.0).reshape(2, 3).T)
    np.testing.assert_array_equal(decode(encode(torch.eye(2).to_sparse())), np.eye(2))
    conj = torch.tensor([1 + 2j]).conj()
    np.testing.assert_array_equal(decode(encode(conj)), [1 - 2j])


def test_roundtrip_gives_what_decode_gives():
    out = wire.roundtrip({"x": np.arange(3), "y": object()})
    assert isinstance(out["x"], WireArray)
    assert isinstance(out["y"], Unsupported) and out["y"].type_name == "object"


# -- encoding refuses what may not cross --------------------------------------------

class LyingEq:
    def __eq__(self, other):
        return True

    __hash__ = object.__hash__


class LyingArray(np.ndarray):
    def __eq__(self, other):
        return np.ones(np.shape(other), dtype=bool)


class LyingTensor(torch.Tensor):
    def __eq__(self, other):
        return torch.ones_like(other, dtype=torch.bool)


class MyFloat(float):
    pass


class MyList(list):
    pass


class MyDict(dict):
    pass


REFUSED = {
    "custom __eq__": lambda: LyingEq(),
    "ndarray subclass": lambda: np.zeros(3).view(LyingArray),
    "np.matrix": lambda: np.matrix([[1.0]]),
    "masked array": lambda: np.ma.masked_array([1.0, 2.0], mask=[0, 1]),
    "Tensor subclass": lambda: torch.zeros(3).as_subclass(LyingTensor),
    "nn.Parameter": lambda: torch.nn.Parameter(torch.zeros(2)),
    "float subclass": lambda: MyFloat(1.0),
    "list subclass": lambda: MyList([1]),
    "dict subclass": lambda: MyDict(a=1),
    "object dtype": lambda: np.array([1, "a"], dtype=object),
    "datetime64": lambda: np.array(["2024-01-01"], dtype="datetime64[D]"),
    "structured dtype": lambda: np.zeros(2, dtype=[("a", "f8")]),
    "str array": lambda: np.array(["a"]),
    "set": lambda: {1, 2},
    "bytes": lambda: b"abc",
    "complex": lambda: 1 + 2j,
    "function": lambda: (lambda: 0),
    "int keys": lambda: {1: "a"},
}


BAD_DTYPES = {"object dtype", "datetime64", "structured dtype", "str array"}  # refused even when lenient
LENIENT = {k: v for k, v in REFUSED.items() if k not in BAD_DTYPES}


@pytest.mark.filterwarnings("ignore::PendingDeprecationWarning")  # np.matrix
@pytest.mark.parametrize("make", REFUSED.values(), ids=REFUSED.keys())
def test_encoding_refuses_what_may_not_cross(make):
    with pytest.raises(WireError):
        encode(make())


@pytest.mark.filterwarnings("ignore::PendingDeprecationWarning")
@pytest.mark.parametrize("make", LENIENT.values(), ids=LENIENT.keys())
def test_lenient_encoding_leaves_a_named_placeholder(make):
    out = decode(encode([1, make()], lenient=True), tagged=True)
    assert out[0] == 1 and isinstance(out[1], Unsupported) and out[1].type_name


def test_lenient_encoding_names_the_user_type():
    out = decode(encode(LyingEq(), lenient=True))
    assert isinstance(out, Unsupported) and "LyingEq" in out.type_name


def test_lenient_encoding_still_refuses_disallowed_dtypes_and_deep_nesting():
    with pytest.raises(WireError):
        encode(np.array([None], dtype=object), lenient=True)
    nested: list = []
    nested.append(nested)  # a cycle is just very deep
    with pytest.raises(WireError):
        encode(nested, lenient=True)


def test_encoding_refuses_too_many_parts():
    with pytest.raises(WireError):
        encode(list(range(wire.MAX_NODES + 1)))


def test_encoding_never_imports_torch(monkeypatch):
    import sys

    monkeypatch.delitem(sys.modules, "torch")
    assert decode(encode([1, 2.0])) == [1, 2.0]


# -- malformed messages are rejected with WireError ----------------------------------

def valid_message() -> bytes:
    return encode({"a": np.arange(6, dtype=np.int32).reshape(2, 3), "b": [1.5, "x", None]})


def test_bad_magic():
    data = valid_message()
    with pytest.raises(WireError, match="not an mlkata"):
        decode(b"XXXX" + data[4:])
    with pytest.raises(WireError):
        decode(b"")


@pytest.mark.parametrize("cut", [1, 5, 8, 12, -1, -5])
def test_truncated(cut):
    data = valid_message()
    with pytest.raises(WireError):
        decode(data[:cut])


def test_header_length_beyond_the_data():
    data = bytearray(valid_message())
    data[4:8] = struct.pack("<I", len(data))
    with pytest.raises(WireError, match="truncated"):
        decode(bytes(data))


def test_header_not_json():
    with pytest.raises(WireError, match="malformed header"):
        decode(MAGIC + struct.pack("<I", 3) + b"{x]")
    with pytest.raises(WireError):
        decode(MAGIC + struct.pack("<I", 2) + b"\xff\xfe")


@pytest.mark.parametrize("node", [
    nd(nbytes=16),                       # claims more bytes than its shape
    nd(nbytes=4),                        # fewer
    nd(offset=8),                        # past the body
    nd(offset=-8),                       # negative offset
    nd(shape=(2,)),                      # shape larger than the buffer
])
def test_wrong_buffer_size(node):
    with pytest.raises(WireError, match="does not match"):
        decode(raw(node, np.zeros(1).tobytes()))


@pytest.mark.parametrize("dtype", ["object", "float128", "datetime64", "V8", "<U2", "bfloat16", "O", ""])
def test_disallowed_dtype(dtype):
    with pytest.raises(WireError, match="not allowed"):
        decode(raw(nd(dtype=dtype), b"\0" * 8))


@pytest.mark.parametrize("node", [
    nd(shape=(-1,)),
    nd(kind="pickle"),
    nd(shape=[1] * 33),
    {"$nd": 5, "dtype": "float64", "shape": [1]},
    {"$nd": [0, 8, 1], "dtype": "float64", "shape": [1]},
    {"$nd": [0, 8], "shape": [1]},
    {"$nd": [0, 8], "dtype": "float64", "shape": [[1]]},
])
def test_malformed_array_node(node):
    with pytest.raises(WireError):
        decode(raw(node, b"\0" * 8))


@pytest.mark.parametrize("shape", [(0, 10**19), (0, 2**62, 2**62), (0, 2**63)])
def test_empty_array_with_absurd_dimensions(shape):
    with pytest.raises(WireError):
        decode(raw(nd(nbytes=0, shape=shape)))


@pytest.mark.parametrize("tree", [{"x": 1}, {"$map": [1]}, {"$map": 3}, {}])
def test_unknown_nodes(tree):
    with pytest.raises(WireError, match="unknown node"):
        decode(raw(tree))


def test_deep_nesting():
    tree: object = 1
    for _ in range(wire.MAX_DEPTH + 2):
        tree = [tree]
    with pytest.raises(WireError, match="nested"):
        decode(raw(tree))
    with pytest.raises(WireError, match="nested"):
        decode(raw({"$map": {"a": {"$map": {"b": tree}}}}))


def test_nesting_too_deep_for_json_itself():
    header = b"[" * 100_000 + b"]" * 100_000
    with pytest.raises(WireError):
        decode(MAGIC + struct.pack("<I", len(header)) + header)


def test_too_many_parts_and_strings_too_long():
    with pytest.raises(WireError):
        decode(raw([0] * (wire.MAX_NODES + 1)))
    with pytest.raises(WireError, match="too long"):
        decode(raw("x" * (wire.MAX_STR + 1)))


def test_size_cap():
    data = valid_message()
    with pytest.raises(WireError, match="cap"):
        decode(data, max_bytes=len(data) - 1)
    decode(data, max_bytes=len(data))


def test_tagged_attributes_come_from_the_message_only():
    out = decode(raw(nd(kind="tensor") | {"torch_dtype": "something"}, b"\0" * 8), tagged=True)
    assert out.kind == "tensor" and out.torch_dtype is None


@given(st.data())
@settings(max_examples=300)
def test_fuzzed_messages_fail_only_with_wire_error(data):
    message = bytearray(data.draw(st.sampled_from([
        valid_message(), encode([np.eye(2), {"k": torch.ones(2)}]), encode("text"), encode(None),
    ])))
    for _ in range(data.draw(st.integers(1, 4))):
        action = data.draw(st.sampled_from(["flip", "cut", "insert"]))
        pos = data.draw(st.integers(0, max(len(message) - 1, 0)))
        if action == "flip" and message:
            message[pos] = data.draw(st.integers(0, 255))
        elif action == "cut":
            del message[pos:]
        else:
            message[pos:pos] = data.draw(st.binary(min_size=1, max_size=8))
    try:
        decode(bytes(message), tagged=data.draw(st.booleans()))
    except WireError:
        pass


@given(st.binary(max_size=200))
def test_random_bytes_fail_only_with_wire_error(blob):
    for data in (blob, MAGIC + blob, MAGIC + struct.pack("<I", len(blob)) + blob):
        try:
            decode(data)
        except WireError:
            pass


@given(plain)
def test_random_headers_fail_only_with_wire_error(tree):
    try:
        decode(raw(tree, b"\0" * 16))
    except WireError:
        pass
