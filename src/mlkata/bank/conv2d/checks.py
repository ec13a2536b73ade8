"""Named checks for conv2d: inputs only; expected values come from the model answer.

Tolerances follow the input's dtype (the `close` comparator reads it from the expected output, which has
x's dtype): float64 rtol 1e-9 / atol 1e-10, float32 rtol 1e-4 / atol 2e-5, so float32 arithmetic passes on
float32 inputs, and a float64 result for them too (the output dtype is not part of the contract).

What shows each mistake, by values and not only by a wrong shape: `kernel-flipped` needs an asymmetric
kernel larger than 1 x 1 (random kernels are); `channels-not-summed` needs C_in >= 2 (the 1 x 1 kernels
show it alone); `padding-ignored` changes the output size except where padding is smaller than the
stride's slack ((6 + 2 - 3) // 3 == (6 - 3) // 3), a case kept on purpose; `stride-ignored` hides at
stride 1 and its "windows one apart" spelling keeps the right shape; of the size-formula slips, a
missing + 1 shows everywhere, padding counted once needs padding > 0, ceil instead of floor needs
stride > 1 with L = H + 2p - kh not a multiple of it (and then mostly raises), (L + 1) // stride needs
stride > 1 with L % stride != stride - 1. `bias-ignored` needs a bias; `pads-every-axis` needs padding > 0
with N >= 2 or C_in >= 2; `padding-one-sided` needs padding > 0 (the size stays right, every window shifts).
"""

import numpy as np

from mlkata.kit import Case, Check, Efficiency, Mismatch, allclose_by_dtype

F32 = (1e-4, 2e-5)
F64 = (1e-9, 1e-10)


def close(got, expected, path: str = "output", **_) -> Mismatch | None:
    """allclose at the tolerance of the expected output's dtype (x's dtype)."""
    return allclose_by_dtype(got, expected, path=path, single=F32, double=F64)


def checks(rng: np.random.Generator) -> list[Check]:
    def case(N, C_in, H, W, C_out, kh, kw, stride=None, padding=None, bias=True, dtype=np.float64,
             call="conv2d", note=""):
        """One call on random inputs; stride, padding or the bias left out test the defaults."""
        args = {"x": rng.standard_normal((N, C_in, H, W)).astype(dtype),
                "w": rng.standard_normal((C_out, C_in, kh, kw)).astype(dtype)}
        label = f"x {np.dtype(dtype).name} {(N, C_in, H, W)}, w {(C_out, C_in, kh, kw)}"
        if bias is not None:
            args["b"] = rng.standard_normal(C_out).astype(dtype) if bias else None
            label += ", b" if bias else ", b=None"
        for name, value in (("stride", stride), ("padding", padding)):
            if value is not None:
                args[name] = value
                label += f", {name}={value}"
        return Case(call, args, label + note)

    checks = [
        Check("one channel, stride 1, no padding", [
            case(1, 1, 6, 6, 1, 3, 3, 1, 0), case(2, 1, 5, 7, 1, 3, 3, 1, 0), case(1, 1, 6, 6, 2, 2, 3, 1, 0),
        ]),
        Check("several input channels (summed)", [
            case(2, 3, 5, 5, 2, 1, 1, 1, 0, note=" (1 x 1 kernel)"), case(1, 4, 6, 5, 3, 3, 3, 1, 0),
            case(2, 2, 4, 4, 1, 2, 2, 1, 0),
        ]),
        Check("zero padding (stride 1)", [
            case(1, 2, 5, 5, 2, 3, 3, 1, 1), case(2, 1, 4, 6, 1, 3, 3, 1, 2),
            case(1, 3, 3, 3, 2, 3, 3, 1, 1, note=" (output as large as the input)"),
            case(2, 2, 4, 4, 3, 1, 1, 1, 1, note=" (1 x 1 kernel: a border of bias only)"),
        ]),
        Check("stride > 1 (no padding)", [
            case(1, 2, 7, 7, 2, 3, 3, 2, 0), case(2, 1, 8, 8, 2, 3, 3, 2, 0, note=" (the last row and column unused)"),
            case(2, 2, 9, 8, 2, 3, 2, 3, 0), case(1, 1, 10, 7, 1, 2, 2, 4, 0),
        ]),
        Check("stride and padding together", [
            case(2, 2, 7, 7, 3, 3, 3, 2, 1), case(1, 3, 8, 6, 2, 3, 3, 3, 2), case(2, 2, 6, 9, 2, 4, 3, 2, 1),
            case(2, 2, 6, 6, 2, 3, 3, 3, 1, note=" (padding adds no output row: same size as unpadded)"),
        ]),
        Check("rectangular images and kernels", [
            case(1, 2, 5, 9, 2, 2, 4, 1, 0), case(2, 1, 8, 5, 2, 4, 2, 2, 1), case(1, 2, 6, 7, 1, 1, 3, 1, 1),
        ]),
        Check("kernel as large as the padded image (1 x 1 output)", [
            case(2, 2, 4, 4, 3, 4, 4, 1, 0), case(2, 3, 3, 5, 2, 5, 7, 2, 1),
        ]),
        Check("larger batches and more channels", [
            case(4, 5, 6, 6, 6, 3, 3, 1, 1), case(3, 4, 7, 5, 8, 3, 2, 2, 0), case(3, 3, 9, 9, 4, 5, 5, 2, 2),
        ]),
        Check("default arguments (no bias, stride 1, padding 0)", [
            case(2, 3, 5, 5, 2, 3, 3, bias=None), case(1, 2, 6, 4, 3, 2, 3, bias=None),
            case(2, 2, 5, 6, 2, 3, 3, padding=1, bias=None, note=" (stride left at its default)"),
            case(1, 2, 7, 7, 2, 3, 3, stride=2, bias=None, note=" (padding left at its default)"),
        ]),
        Check("b=None with stride and padding", [
            case(2, 2, 7, 6, 3, 3, 3, 2, 1, bias=False), case(1, 3, 5, 5, 2, 2, 2, 1, 2, bias=False),
        ]),
        Check("float32 inputs", [
            case(2, 3, 6, 6, 4, 3, 3, 1, 1, dtype=np.float32), case(1, 2, 9, 7, 3, 3, 2, 2, 1, dtype=np.float32),
            case(2, 4, 8, 8, 3, 3, 3, 3, 2, dtype=np.float32),
            case(2, 16, 12, 12, 8, 5, 5, 1, 2, dtype=np.float32, note=" (400 products per output)"),
        ]),
    ]
    for check in checks:
        check.compare = "close"
    untouched = Check("leaves x and w unmodified", [
        case(2, 2, 5, 5, 2, 3, 3, 2, 1, call="input_after_call"),
        case(1, 3, 4, 6, 2, 2, 2, 1, 2, call="input_after_call"),
    ], compare="exact")
    return checks + [untouched]


def efficiency(rng: np.random.Generator) -> Efficiency:
    # 64 x 64 outputs per image: a Python loop over output pixels makes 4096 small numpy calls per image
    x = rng.standard_normal((2, 3, 64, 64))
    w = rng.standard_normal((8, 3, 3, 3))
    return Efficiency(Case("conv2d", {"x": x, "w": w, "b": rng.standard_normal(8), "stride": 1, "padding": 1},
                           "conv2d(x (2, 3, 64, 64), w (8, 3, 3, 3), b, stride=1, padding=1)"), repeats=5)
