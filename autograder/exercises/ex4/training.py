"""Exercise 4, questions 4 and 5: learning a kernel by gradient descent, and counting a layer's parameters."""

from __future__ import annotations

import random
from dataclasses import dataclass
from typing import Any

import numpy as np
import tensorflow as tf

from autograder.core import CheckContext, CountQuestion, Diagnosis, StudentCodeError, as_numbers, close
from autograder.core.observed import inspects
from autograder.core.question import format_call, short_repr
from autograder.exercises.ex4.convolution import Corr2d
from autograder.exercises.ex4.references import as_float, np_corr2d, seeded
from autograder.exercises.ex4.scratch import NO_GRADIENT_NOTE, ScratchQuestion, _mentions


@dataclass(frozen=True)
class Target:
    """What `train_kernel` should recover, with the data it learns from (for messages).

    When `still` is set, `steps` updates at the given `lr` cannot get far from the start: the
    right result is a kernel that has *not* reached `kernel` yet (it fits `Y` no better than
    a quarter of the way from an all-zero kernel), whatever reasonable start the student chose.
    """

    kernel: np.ndarray
    X: np.ndarray
    Y: np.ndarray
    still: bool = False
    steps: int = 0
    lr: float = 0.0


def squared_error(X: np.ndarray, Y: np.ndarray, kernel: np.ndarray) -> float:
    return float(((np_corr2d(X, kernel) - Y) ** 2).sum())


def gradient_descent(
    X: Any, Y: Any, kernel_shape: tuple[int, int], steps: int, lr: float, mean: bool = False
) -> np.ndarray:
    """The numpy trajectory from a zero kernel: summed (or, for a diagnosis, mean) squared error."""
    X, Y = as_float(X), as_float(Y)
    kernel = np.zeros(kernel_shape)
    out_h, out_w = Y.shape
    scale = 1.0 / Y.size if mean else 1.0
    for _ in range(steps):
        residual = np_corr2d(X, kernel) - Y
        gradient = np.array(
            [
                [2 * scale * (residual * X[a : a + out_h, b : b + out_w]).sum() for b in range(kernel_shape[1])]
                for a in range(kernel_shape[0])
            ]
        )
        kernel = kernel - lr * gradient
    return kernel


def optimizer_descent(X: Any, Y: Any, kernel_shape: tuple[int, int], steps: int, lr: float, kind: str) -> np.ndarray:
    """The trajectory from a zero kernel of a Keras optimizer (default settings) on the summed squared error."""
    X, Y = as_float(X), as_float(Y)
    kernel = np.zeros(kernel_shape)
    first, second = np.zeros(kernel_shape), np.zeros(kernel_shape)
    out_h, out_w = Y.shape
    for step in range(1, steps + 1):
        residual = np_corr2d(X, kernel) - Y
        gradient = np.array(
            [
                [2 * (residual * X[a : a + out_h, b : b + out_w]).sum() for b in range(kernel_shape[1])]
                for a in range(kernel_shape[0])
            ]
        )
        if kind == "adam":
            first += (gradient - first) * 0.1
            second += (gradient**2 - second) * 0.001
            alpha = lr * np.sqrt(1 - 0.999**step) / (1 - 0.9**step)
            kernel = kernel - alpha * first / (np.sqrt(second) + 1e-7)
        elif kind == "rmsprop":
            second = 0.9 * second + 0.1 * gradient**2
            kernel = kernel - lr * gradient / np.sqrt(second + 1e-7)
        elif kind == "momentum":
            first = 0.9 * first - lr * gradient
            kernel = kernel + first
        else:
            raise ValueError(kind)
    return kernel


def still_case(rng: random.Random, kernel_shape: tuple[int, int] = (2, 2)) -> tuple[Any, ...]:
    """A training case whose learning rate is far too small for `steps` updates to move the kernel."""
    X, Y, shape, steps, _ = training_case(rng, kernel_shape)
    return X, Y, shape, steps, 1e-6


@inspects
def _cuts_gradient(func: Any) -> bool | None:
    """Whether ``corr2d(X, K)``, with K a `tf.Variable`, gives the tape no gradient (None if it raises)."""
    X = tf.constant(np.arange(20, dtype=np.float32).reshape(4, 5) / 10)
    K = tf.Variable(tf.constant([[0.5, -1.0], [1.5, 2.0]]))
    try:
        with tf.GradientTape() as tape:
            loss = tf.reduce_sum(tf.convert_to_tensor(func(X, K), dtype=tf.float32))
        return tape.gradient(loss, K) is None
    except Exception:
        return None


ASSIGN_CUTS_NOTE = (
    "Your `corr2d` writes its results into a `tf.Variable` with `assign`. That gives the right numbers, "
    "but `assign` is not differentiable: the tape cannot follow the values from `K` through it, so the "
    "gradient is None. Build the output with `tf.stack` (or by adding shifted slices) instead"
)

NUMPY_CUTS_NOTE = (
    "Your `corr2d` lets no gradient through: it computes its output outside TensorFlow's operations "
    "(a numpy array, or values written into an array), so the tape cannot follow it back to `K`. "
    "Build the output with `tf.stack` (or by adding shifted slices) instead"
)

REBOUND_NOTE = (
    "The first update works, but the second gets a gradient of None: `K = K - lr * grad` makes `K` a new, "
    "plain tensor, no longer the `tf.Variable` the tape watches. Update the variable in place, "
    "`K.assign_sub(lr * grad)`, so that `K` stays a `tf.Variable`"
)

NOT_A_VARIABLE_NOTE = (
    "The gradient is None from the first update: the tape only follows `tf.Variable`s (and tensors passed "
    "to `tape.watch`). Start from `K = tf.Variable(tf.zeros(kernel_shape))`"
)

OPTIMIZER_NOTE = (
    "Its weights follow, step by step, {name}. Such an optimizer scales every step to about `lr`, whatever "
    "the gradient, so `steps` updates with this small `lr` cannot reach the kernel. Any update rule is "
    "fine as long as it is plain gradient descent with the given `lr`: `K.assign_sub(lr * grad)`, "
    "or `keras.optimizers.SGD(learning_rate=lr)`."
)


def training_case(
    rng: random.Random, kernel_shape: tuple[int, int] | None = None, steps: int = 15
) -> tuple[Any, Any, tuple[int, int], int, float]:
    """(X, Y, kernel_shape, steps, lr): data made by a hidden kernel, and a learning rate that lets
    `steps` updates recover it.

    The rate is 2 / (largest + smallest curvature) of the summed squared error, to two significant
    digits; inputs are redrawn until, at that rate, the error shrinks 10^4-fold within `steps` updates.
    """
    gen = seeded(rng)
    kh, kw = kernel_shape or (rng.randint(1, 3), rng.randint(2, 3))
    while True:
        h, w = kh + rng.randint(4, 5), kw + rng.randint(4, 5)
        X = gen.normal(size=(h, w)).astype(np.float32)
        out_h, out_w = h - kh + 1, w - kw + 1
        patches = np.array([as_float(X[a : a + out_h, b : b + out_w]).ravel() for a in range(kh) for b in range(kw)])
        curvature = np.linalg.eigvalsh(2 * patches @ patches.T)
        lr = float(f"{2 / (curvature[-1] + curvature[0]):.2g}")
        rate = max(abs(1 - lr * curvature[0]), abs(1 - lr * curvature[-1]))
        if rate**steps < 1e-4:
            break
    kernel = np.zeros((kh, kw))
    while np.allclose(kernel, kernel[::-1, ::-1]):
        kernel = gen.integers(-6, 7, size=(kh, kw)) / 2
    Y = np_corr2d(X, kernel).astype(np.float32)
    return tf.constant(X), tf.constant(Y), (kh, kw), steps, lr


class TrainKernel(ScratchQuestion):
    """Q4: ``train_kernel(X, Y, kernel_shape, steps, lr)`` learns the kernel that made Y from X.

    Each case draws X (a tf tensor) and a hidden asymmetric kernel from a seeded generator, sets
    ``Y = corr2d(X, hidden)``, and chooses `steps` and `lr` so that plain gradient descent on the
    summed squared error, from any reasonable start, ends within `tolerance` of the hidden kernel.
    Same no-library rule as question 1 (the forward pass must be the student's own).
    """

    var = "train_kernel"
    points = 2
    purpose = "cross-correlation"
    allowed = "your own `corr2d` in the forward pass"
    tolerance = 0.05
    """How far each learned weight may be from the kernel that made `Y`."""
    trajectory_tolerance = 1e-3
    """How close a result must be to a tempting slip's own training run to be recognised as that slip."""
    builds_on = (Corr2d,)
    fixed_cases = (training_case(random.Random(4), (2, 2)), still_case(random.Random(5)))
    diagnoses = (
        Diagnosis(
            lambda X, Y, shape, steps, lr: np.zeros(shape),
            "the kernel you returned is still all zeros: it never learned. Inside the loop, compute the "
            "gradient of the loss with the tape and update the kernel: `K.assign_sub(lr * grad)`.",
        ),
        Diagnosis(
            lambda X, Y, shape, steps, lr: gradient_descent(X, Y, shape, steps, lr, mean=True),
            "your kernel moved only a little. It looks like you minimised the mean squared error; with "
            "this `lr` use the summed squared error, `tf.reduce_sum((corr2d(X, K) - Y) ** 2)`.",
        ),
        Diagnosis(
            lambda X, Y, shape, steps, lr: gradient_descent(X, Y, shape, 1, lr),
            "your kernel made a single update. Repeat the update `steps` times, in a loop.",
        ),
        Diagnosis(
            lambda X, Y, shape, steps, lr: optimizer_descent(X, Y, shape, steps, lr, "adam"),
            "your training is not plain gradient descent. " + OPTIMIZER_NOTE.format(name="the Adam optimizer's"),
        ),
        Diagnosis(
            lambda X, Y, shape, steps, lr: optimizer_descent(X, Y, shape, steps, lr, "rmsprop"),
            "your training is not plain gradient descent. " + OPTIMIZER_NOTE.format(name="the RMSprop optimizer's"),
        ),
        Diagnosis(
            lambda X, Y, shape, steps, lr: optimizer_descent(X, Y, shape, steps, lr, "momentum"),
            "your updates carry momentum (as `SGD(momentum=0.9)` does): with this `lr` they overshoot and "
            "swing instead of settling in `steps` updates. Use plain gradient descent, without momentum: "
            "`K.assign_sub(lr * grad)` or `keras.optimizers.SGD(learning_rate=lr)`.",
        ),
    )
    hints = (
        "Start from `K = tf.Variable(tf.zeros(kernel_shape))`. In each of the `steps` iterations, compute "
        "the loss inside `with tf.GradientTape() as tape:`, then `grad = tape.gradient(loss, K)`.",
        "The loss is the summed squared error `tf.reduce_sum((corr2d(X, K) - Y) ** 2)`; the update is "
        "`K.assign_sub(lr * grad)` (a step downhill). Return `K`.",
        "If the gradient is None, your `corr2d` does not let it through: build its output with `tf.stack` "
        "(or by adding shifted slices), not by assigning into an array or a variable.",
    )
    solution = (
        "def train_kernel(X, Y, kernel_shape, steps, lr):\n"
        "    K = tf.Variable(tf.zeros(kernel_shape))\n"
        "    for _ in range(steps):\n"
        "        with tf.GradientTape() as tape:\n"
        "            loss = tf.reduce_sum((corr2d(X, K) - Y) ** 2)\n"
        "        K.assign_sub(lr * tape.gradient(loss, K))\n"
        "    return K"
    )

    def reference(self, X: Any, Y: Any, kernel_shape: tuple[int, int], steps: int, lr: float) -> Target:
        X, Y = as_float(X), as_float(Y)
        out_h, out_w = Y.shape
        windows = np.array([X[a : a + out_h, b : b + out_w].ravel() for a, b in np.ndindex(*kernel_shape)]).T
        hidden = np.linalg.lstsq(windows, Y.ravel(), rcond=None)[0].reshape(kernel_shape)
        descended = gradient_descent(X, Y, kernel_shape, steps, lr)
        still = squared_error(X, Y, descended) > 0.5 * squared_error(X, Y, np.zeros(kernel_shape))
        return Target(hidden, X, Y, still, steps, lr)

    def random_case(self, rng: random.Random) -> tuple[Any, ...]:
        return training_case(rng)

    def same(self, got: Any, expected: Any) -> bool:
        array = as_numbers(got)
        if array is None:
            return False
        if isinstance(expected, Target):
            if array.shape != expected.kernel.shape:
                return False
            if expected.still:
                error = squared_error(expected.X, expected.Y, array)
                return bool(np.isfinite(array).all()) and error > 0.25 * squared_error(
                    expected.X, expected.Y, np.zeros(array.shape)
                )
            return bool(np.all(np.abs(array - expected.kernel) <= self.tolerance))
        return close(array, as_float(expected), tolerance=self.trajectory_tolerance)

    def explain_mismatch(self, got: Any, expected: Any) -> str:
        array = as_numbers(got)
        shape = expected.kernel.shape
        if array is None:
            return (
                f"returned {short_repr(got, 80)}; it should return the learned kernel, an array of shape {shape} "
                "(the `tf.Variable` itself is fine)."
            )
        if array.shape != shape:
            swapped = " (height and width swapped)" if array.shape == shape[::-1] else ""
            return (
                f"returned an array of shape {array.shape}{swapped}; the kernel should have `kernel_shape`, "
                f"{shape}: start from `tf.zeros(kernel_shape)`."
            )
        if expected.still and np.isfinite(array).all():
            return (
                f"returned {short_repr(array)}, which fits `Y` almost exactly. With lr = {expected.lr:g} and "
                f"{expected.steps} steps, gradient descent can barely move the kernel from where it starts, so "
                "your `train_kernel` does not follow the `steps` and `lr` it is given (solving for the kernel "
                "directly, for example by least squares, is not the gradient-descent loop the question asks for)."
            )
        scale = 10 * (np.abs(expected.kernel).max() + 1)
        if not np.isfinite(array).all() or np.abs(array).max() > scale:
            return (
                "returned a kernel with huge or infinite weights: the training went uphill or blew up. Step "
                "against the gradient, `K.assign_sub(lr * grad)`, with the `lr` you are given."
            )
        if squared_error(expected.X, expected.Y, array) > 0.5 * squared_error(expected.X, expected.Y, np.zeros(shape)):
            if np.allclose(array, array.flat[0]) or not np.any(array):
                return (
                    f"returned {short_repr(array)}, which fits the data hardly better than an all-zero kernel: "
                    "it does not seem to have learned. In each of the `steps` iterations compute the loss inside "
                    "`with tf.GradientTape() as tape:` and update the kernel, "
                    "`K.assign_sub(lr * tape.gradient(loss, K))`."
                )
            return (
                f"returned {short_repr(array)}, which after all `steps` updates still fits the data hardly better "
                "than an all-zero kernel. Plain gradient descent with this `lr` gets there: check the loss (the "
                "summed squared error of your `corr2d(X, K)` against `Y`) and the update, "
                "`K.assign_sub(lr * tape.gradient(loss, K))`."
            )
        error = float(np.abs(array - expected.kernel).max())
        return (
            f"returned {short_repr(array)}, but the kernel that made `Y` is {short_repr(expected.kernel)} "
            f"(yours is off by up to {error:.3g}; the tolerance is {self.tolerance}). Run all `steps` updates "
            "with the given `lr` on the summed squared error."
        )

    def library_message(self, name: str) -> str:
        return (
            f"`train_kernel` uses `{name}`, a library convolution (Keras's convolution layers call it too). "
            "Here the forward pass must be your own `corr2d`, and the learning your own `tf.GradientTape` loop."
        )

    def error_note(self, error: BaseException) -> str:
        if _no_gradient(error):
            return ""  # `_check_case` has already said why the gradient was None
        return super().error_note(error)

    def _check_case(self, func: Any, args: tuple[Any, ...]) -> None:
        try:
            super()._check_case(func, args)
        except StudentCodeError as error:
            if not _no_gradient(error.error):
                raise
            note = self._why_no_gradient(func, args)
            raise StudentCodeError(
                error.error, f"when called as {format_call(self.var, args)}. {note}. The error was"
            ) from None

    def _why_no_gradient(self, func: Any, args: tuple[Any, ...]) -> str:
        """Which of the ways of losing the gradient this answer took, found by running the checker's cases."""
        corr2d = self._namespace.get("corr2d") if self._namespace is not None else None
        if callable(corr2d) and _cuts_gradient(corr2d):
            return ASSIGN_CUTS_NOTE if _mentions(corr2d, "assign") else NUMPY_CUTS_NOTE
        X, Y, shape, steps, lr = args
        if steps > 1:
            try:
                func(X, Y, shape, 1, lr)
            except Exception:
                return NOT_A_VARIABLE_NOTE
            return REBOUND_NOTE
        return NO_GRADIENT_NOTE

    _namespace: Any = None

    def verify(self, func: Any, context: CheckContext) -> str | None:
        self._namespace = context.namespace
        try:
            super().verify(func, context)
        finally:
            self._namespace = None
        return (
            f"`train_kernel` recovered the hidden kernel, within {self.tolerance}, in every test case, and "
            "stayed near its start when the learning rate was too small to move it."
        )


def _no_gradient(error: BaseException) -> bool:
    """Whether an error is what a None gradient causes in an update (``lr * None``, ``assign_sub(None)``)."""
    return isinstance(error, (TypeError, ValueError)) and "NoneType" in str(error)


class ConvParams(CountQuestion):
    """Q5: ``conv_params(kh, kw, c_in, c_out)``, the trainable parameters of a Conv2D layer with bias.

    Graded with fixed and random sizes against (kh * kw * c_in + 1) * c_out, the count Keras reports
    (the tests check the formula against ``keras.layers.Conv2D.count_params``).
    """

    var = "conv_params"
    fixed_cases = ((3, 3, 3, 8), (2, 3, 4, 5), (1, 1, 64, 32), (5, 5, 1, 6))
    visible_random_cases = 2
    whole_floats = True
    diagnoses = (
        Diagnosis(
            lambda kh, kw, c_in, c_out: kh * kw * c_in * c_out,
            "you forgot the biases: each output channel has one bias as well as its weights.",
        ),
        Diagnosis(
            lambda kh, kw, c_in, c_out: (kh * kw + 1) * c_in * c_out,
            "you gave every input channel its own bias. There is one bias per output channel, added after "
            "the input channels' maps are summed.",
        ),
        Diagnosis(
            lambda kh, kw, c_in, c_out: (kh * kw + 1) * c_out,
            "you forgot the input channels: each output channel has a kh x kw kernel for every one of the "
            "c_in input channels.",
        ),
        Diagnosis(
            lambda kh, kw, c_in, c_out: kh * kw * c_in * c_out + 1,
            "you counted a single bias for the whole layer; there is one per output channel.",
        ),
        Diagnosis(
            lambda kh, kw, c_in, c_out: kh * kw * c_in + 1,
            "that is the count for one output channel; the layer has `c_out` of them.",
        ),
        Diagnosis(
            lambda kh, kw, c_in, c_out: (kh * kh * c_in + 1) * c_out,
            "you used the kernel height twice; a kernel has kh * kw weights per input channel.",
        ),
    )
    hints = (
        "Each output channel has one (kh, kw) kernel per input channel, plus one bias.",
        "Weights: kh * kw * c_in per output channel. Add 1 for its bias, then multiply by c_out.",
    )
    solution = "def conv_params(kh, kw, c_in, c_out):\n    return (kh * kw * c_in + 1) * c_out"

    def reference(self, kh: int, kw: int, c_in: int, c_out: int) -> int:
        return (kh * kw * c_in + 1) * c_out

    def random_case(self, rng: random.Random) -> tuple[Any, ...]:
        return rng.randint(1, 7), rng.randint(1, 7), rng.randint(1, 64), rng.randint(1, 128)

    def explain_mismatch(self, got: Any, expected: Any) -> str:
        array = as_numbers(got)
        if array is None or array.shape != ():
            return f"returned {short_repr(got, 80)}; it should return a single whole number."
        return f"returned {short_repr(got, 40)}, but the layer has {expected} trainable parameters."
