"""Named checks for vae: inputs only; expected values come from the model answer.

Most cases are float32 with logvar in [-3, 2] (so exp(logvar) and exp(logvar / 2) part clearly) and
latent dims d >= 2 (so a mean over the latents parts from a sum). The inputs that hide mistakes (d = 1,
one feature, logvar = 0, mu = 0 with logvar = 0, a batch of one) each have a check of their own, which
every mistake that they hide passes. One tolerance for every dtype: the contract leaves float32 or
float64 arithmetic open.
"""

import numpy as np

from mlkata.kit import Case, Check, Efficiency

TOLERANCE = {"rtol": 1e-4, "atol": 2e-5}
GRAD_TOLERANCE = {"rtol": 1e-4, "atol": 1e-4}


def checks(rng: np.random.Generator) -> list[Check]:
    def latents(B, d, dtype=np.float32, mu_scale=1.0, low=-3.0, high=2.0):
        mu = (rng.standard_normal((B, d)) * mu_scale).astype(dtype)
        logvar = rng.uniform(low, high, (B, d)).astype(dtype)
        return mu, logvar

    def label(B, d, dtype=np.float32, note=""):
        return f"mu, logvar {np.dtype(dtype).name} ({B}, {d})" + note

    def reparam(call, B, d, dtype=np.float32, logvar=None, note=""):
        mu, lv = latents(B, d, dtype)
        args = {"mu": mu, "logvar": lv if logvar is None else logvar.astype(dtype),
                "eps": rng.standard_normal((B, d)).astype(dtype)}
        if call == "reparameterize_backward":
            args["grad_output"] = rng.standard_normal((B, d)).astype(dtype)
        return Case(call, args, label(B, d, dtype, note))

    def kl(call, B, d, dtype=np.float32, mu=None, logvar=None, note=""):
        m, lv = latents(B, d, dtype)
        args = {"mu": m if mu is None else mu.astype(dtype), "logvar": lv if logvar is None else logvar.astype(dtype)}
        if call == "kl_backward":
            args["grad_output"] = rng.standard_normal(B).astype(dtype)
        return Case(call, args, label(B, d, dtype, note))

    def loss(call, shape, d, dtype=np.float32, logits=None, x=None, mu=None, logvar=None, note=""):
        B = shape[0]
        m, lv = latents(B, d, dtype)
        args = {
            "x": (rng.random(shape) < 0.5).astype(dtype) if x is None else x.astype(dtype),
            "x_logits": (rng.standard_normal(shape) * 2).astype(dtype) if logits is None else logits.astype(dtype),
            "mu": m if mu is None else mu.astype(dtype), "logvar": lv if logvar is None else logvar.astype(dtype),
        }
        return Case(call, args, f"x {np.dtype(dtype).name} {shape}, latent d={d}" + note)

    def saturated(shape, magnitudes):
        """Targets in {0, 1} and logits of the given magnitudes, half confidently right, half confidently wrong."""
        x = (rng.random(shape) < 0.5).astype(np.float64)
        size = rng.choice(magnitudes, shape)
        wrong = rng.random(shape) < 0.5
        sign = np.where(x == 1, 1.0, -1.0) * np.where(wrong, -1.0, 1.0)
        return x, sign * size

    big = [30.0, 45.0, 70.0, 150.0, 300.0]
    x_a, l_a = saturated((3, 10), big)
    x_b, l_b = saturated((2, 3, 4), big)
    x_c, l_c = saturated((4, 6), [40.0, 300.0])
    gray = rng.random((3, 8))

    return [
        Check("reparameterize: mu + exp(logvar / 2) * eps", [
            reparam("reparameterize", 4, 3), reparam("reparameterize", 2, 8),
            reparam("reparameterize", 5, 1), reparam("reparameterize", 3, 4, np.float64),
        ], options=TOLERANCE),
        Check("reparameterize with logvar = 0 (sigma = 1)", [
            reparam("reparameterize", 3, 4, logvar=np.zeros((3, 4)), note=", logvar = 0"),
        ], options=TOLERANCE),
        Check("reparameterize: gradients with respect to mu and logvar", [
            reparam("reparameterize_backward", 4, 3), reparam("reparameterize_backward", 2, 5),
            reparam("reparameterize_backward", 3, 2, np.float64),
        ], options=GRAD_TOLERANCE),
        Check("gaussian_kl: one value per example, summed over the latent dims", [
            kl("kl", 4, 3), kl("kl", 2, 8), kl("kl", 3, 5, np.float64), kl("kl", 1, 6),
        ], options=TOLERANCE),
        Check("gaussian_kl with latent dim 1", [kl("kl", 5, 1), kl("kl", 2, 1, np.float64)], options=TOLERANCE),
        Check("gaussian_kl of the prior itself (mu = 0, logvar = 0) is 0", [
            kl("kl", 3, 4, mu=np.zeros((3, 4)), logvar=np.zeros((3, 4)), note=", mu = 0, logvar = 0"),
        ], options=TOLERANCE),
        Check("gaussian_kl: gradients with respect to mu and logvar", [
            kl("kl_backward", 4, 3), kl("kl_backward", 3, 6, np.float64),
        ], options=GRAD_TOLERANCE),
        Check("vae_loss on binary targets", [
            loss("loss", (4, 12), 3), loss("loss", (2, 3, 5), 4), loss("loss", (3, 7), 2, np.float64),
        ], options=TOLERANCE),
        Check("vae_loss on grey-level targets in [0, 1]", [
            loss("loss", (3, 8), 3, x=gray, note=", x uniform in [0, 1]"),
        ], options=TOLERANCE),
        Check("vae_loss with large logits (|logit| from 30 to 300, half of them on the wrong side)", [
            loss("loss", (3, 10), 2, x=x_a, logits=l_a), loss("loss", (2, 3, 4), 3, x=x_b, logits=l_b),
            loss("loss", (4, 6), 2, np.float64, x=x_c, logits=l_c),
        ], options=TOLERANCE),
        Check("vae_loss with one feature per example", [loss("loss", (4, 1), 3)], options=TOLERANCE),
        Check("vae_loss with a batch of one", [loss("loss", (1, 9), 3)], options=TOLERANCE),
        Check("vae_loss: gradients with respect to x_logits, mu and logvar", [
            loss("loss_backward", (4, 6), 3), loss("loss_backward", (2, 2, 3), 2),
            loss("loss_backward", (3, 5), 2, x=x_c[:3, :5], logits=l_c[:3, :5], note=", |logits| 40 and 300"),
        ], options=GRAD_TOLERANCE),
    ]


def efficiency(rng: np.random.Generator) -> Efficiency:
    B, D, d = 256, 784, 32
    args = {"x": (rng.random((B, D)) < 0.5).astype(np.float32),
            "x_logits": rng.standard_normal((B, D)).astype(np.float32),
            "mu": rng.standard_normal((B, d)).astype(np.float32),
            "logvar": rng.uniform(-2, 1, (B, d)).astype(np.float32)}
    return Efficiency(Case("loss_backward", args, f"x ({B}, {D}), latent d={d}"), repeats=5)
