"""Exercise 4, question 4: learning a kernel by gradient descent with `tf.GradientTape`.

The data and the trajectories the checks compare with are `autograder.exercises.ex4.descent`'s;
this module holds the question and what it tells a student whose training went wrong, including
the ways the tape can lose the gradient.
"""

from __future__ import annotations

import random
from typing import Any

import numpy as np

from autograder.core import CheckContext, Diagnosis, as_numbers, close
from autograder.core.question import short_repr
from autograder.exercises.ex4.convolution import Corr2d
from autograder.exercises.ex4.descent import (
    Target,
    gradient_descent,
    optimizer_descent,
    squared_error,
    still_case,
    training_case,
)
from autograder.exercises.ex4.probes import cuts_gradient, mentions
from autograder.exercises.ex4.references import as_float
from autograder.exercises.ex4.scratch import TENSOR_NOTES, ScratchQuestion
from autograder.exercises.ex4.tensor_errors import no_gradient, reuses_a_tape
from autograder.i18n import N_, _, ngettext

ASSIGN_CUTS_NOTE = N_(
    "Your `corr2d` writes its results into a `tf.Variable` with `assign`. That gives the right numbers, "
    "but `assign` is not differentiable: the tape cannot follow the values from `K` through it, so the "
    "gradient is None. Build the output with `tf.stack` (or by adding shifted slices) instead."
)

NUMPY_CUTS_NOTE = N_(
    "Your `corr2d` lets no gradient through: it computes its output outside TensorFlow's operations "
    "(a numpy array, or values written into an array), so the tape cannot follow it back to `K`. "
    "Build the output with `tf.stack` (or by adding shifted slices) instead."
)

REBOUND_NOTE = N_(
    "The first update works, but the second gets a gradient of None: an assignment such as "
    "`K = K - lr * grad` rebinds `K` to a new value, no longer the `tf.Variable` that the tape watches. "
    "Update the variable in place, `K.assign_sub(lr * grad)`, without `K = ...` in front, so that `K` "
    "stays the variable the tape watches."
)

FIRST_UPDATE_NOTE = N_(
    "The gradient is None from the first update: the tape found no path from `K` to the loss. It follows "
    "a `tf.Variable` (or a tensor passed to `tape.watch`) only through the TensorFlow operations run inside "
    "the `with tf.GradientTape() as tape:` block. Start from `K = tf.Variable(tf.zeros(kernel_shape))`, and "
    "compute the loss from `corr2d(X, K)` with TensorFlow operations inside that block."
)

TAPE_REUSED_NOTE = N_(
    "A tape gives one gradient only: open a new `with tf.GradientTape() as tape:` block in each iteration of "
    "the loop, around the computation of the loss."
)


def _said_by_the_case_note(error: BaseException) -> str | None:
    """Nothing more on a None gradient: `TrainKernel.case_note` has said why it was None."""
    return "" if no_gradient(error) else None


def _tape_reused_note(error: BaseException) -> str | None:
    return _(TAPE_REUSED_NOTE) if reuses_a_tape(error) else None


class TrainKernel(ScratchQuestion):
    """Q4: ``train_kernel(X, Y, kernel_shape, steps, lr)`` learns the kernel that made Y from X.

    Each case draws X (a tf tensor) and a hidden asymmetric kernel from a seeded generator, sets
    ``Y = corr2d(X, hidden)``, and chooses `steps` and `lr` so that plain gradient descent on the
    summed squared error, from any reasonable start, ends within `tolerance` of the hidden kernel.
    Same no-library rule as question 1 (the forward pass must be the student's own).
    """

    var = "train_kernel"
    tolerance = 0.05
    """How far each learned weight may be from the kernel that made `Y`."""
    trajectory_tolerance = 1e-3
    """How close a result must be to a tempting slip's own training run to be recognised as that slip."""
    builds_on = (Corr2d,)
    refusal = N_(
        "`train_kernel` uses `{name}`, a library convolution (Keras's convolution layers call it too). "
        "Here the forward pass must be your own `corr2d`, and the learning your own `tf.GradientTape` loop."
    )
    notes = (_said_by_the_case_note, _tape_reused_note, *TENSOR_NOTES)
    fixed_cases = (training_case(random.Random(4), (2, 2)), still_case(random.Random(5)))
    diagnoses = (
        Diagnosis(
            lambda X, Y, shape, steps, lr: np.zeros(shape),
            N_(
                "the kernel you returned is still all zeros: it never learned. Inside the loop, compute the "
                "gradient of the loss with the tape and update the kernel: `K.assign_sub(lr * grad)`."
            ),
        ),
        Diagnosis(
            lambda X, Y, shape, steps, lr: gradient_descent(X, Y, shape, steps, lr, mean=True),
            N_(
                "your kernel moved only a little. It looks like you minimised the mean squared error; with "
                "this `lr` use the summed squared error, `tf.reduce_sum((corr2d(X, K) - Y) ** 2)`."
            ),
        ),
        Diagnosis(
            lambda X, Y, shape, steps, lr: gradient_descent(X, Y, shape, 1, lr),
            N_(
                "your kernel is what a single update from the start gives: the other updates were lost. Create "
                "`K` once, before the loop, update that same variable in each of the `steps` iterations, and "
                "return it after the loop, not inside it."
            ),
        ),
        Diagnosis(
            lambda X, Y, shape, steps, lr: optimizer_descent(X, Y, shape, steps, lr, "adam"),
            N_(
                "your kernel follows, step by step, what the Adam optimizer does: that is not plain gradient "
                "descent. Adam moves each weight by at most a few times `lr` per step, however steep the loss, "
                "so with this `lr` it cannot reach the kernel in `steps` updates. Step against the gradient "
                "itself, `K.assign_sub(lr * grad)`, or use `keras.optimizers.SGD(learning_rate=lr)`."
            ),
        ),
        Diagnosis(
            lambda X, Y, shape, steps, lr: optimizer_descent(X, Y, shape, steps, lr, "rmsprop"),
            N_(
                "your kernel follows, step by step, what the RMSprop optimizer does: that is not plain gradient "
                "descent. RMSprop moves each weight by at most a few times `lr` per step, however steep the loss, "
                "so with this `lr` it cannot reach the kernel in `steps` updates. Step against the gradient "
                "itself, `K.assign_sub(lr * grad)`, or use `keras.optimizers.SGD(learning_rate=lr)`."
            ),
        ),
        Diagnosis(
            lambda X, Y, shape, steps, lr: optimizer_descent(X, Y, shape, steps, lr, "momentum"),
            N_(
                "your updates carry momentum (as `SGD(momentum=0.9)` does): with this `lr` they overshoot and "
                "swing instead of settling in `steps` updates. Use plain gradient descent, without momentum: "
                "`K.assign_sub(lr * grad)` or `keras.optimizers.SGD(learning_rate=lr)`."
            ),
        ),
    )
    hints = (
        N_(
            "Lesson 4, section 4, learns the edge kernel this way: reread its four steps, and notice what holds "
            "the kernel and which method updates it. Here the data, the kernel's shape, the number of steps and "
            "the learning rate all come as arguments."
        ),
        N_(
            "Hold the kernel in a `tf.Variable` of zeros. In each of the `steps` iterations, compute the summed "
            "squared error of `corr2d(X, K)` against `Y` inside a `with tf.GradientTape() as tape:` block, ask "
            "the tape for its gradient with respect to the kernel, and subtract `lr` times that gradient from "
            "the variable in place. Return the variable."
        ),
        N_(
            "`K = tf.Variable(tf.zeros(kernel_shape))`; in the loop, `loss = tf.reduce_sum((corr2d(X, K) - Y) ** 2)` "
            "inside the tape, then `K.assign_sub(lr * tape.gradient(loss, K))`. If the gradient is None, your "
            "`corr2d` does not let it through: build its output with `tf.stack` (or by adding shifted slices), "
            "not by writing into an array or a variable."
        ),
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
            return _(
                "returned {value}; it should return the learned kernel, an array of shape {shape} "
                "(the `tf.Variable` itself is fine)."
            ).format(value=short_repr(got, 80), shape=shape)
        if array.shape == shape[::-1] != shape:
            return _(
                "returned an array of shape {shape}, the kernel's height and width swapped: the kernel should "
                "have the shape `kernel_shape`, {expected}, rows first."
            ).format(shape=array.shape, expected=shape)
        if array.shape != shape:
            return _(
                "returned an array of shape {shape}, but the learned kernel should have the shape `kernel_shape`, "
                "{expected}: create it with `tf.zeros(kernel_shape)` and return it as it is."
            ).format(shape=array.shape, expected=shape)
        if expected.still and np.isfinite(array).all():
            message = ngettext(
                "returned {value}, which fits `Y` far better than {steps} step of gradient descent with "
                "lr = {lr} can: from any reasonable start, that update barely moves the kernel. Your "
                "`train_kernel` does not seem to follow the `steps` and `lr` it is given (solving for the kernel "
                "directly, for example by least squares, is not the gradient-descent loop the question asks for).",
                "returned {value}, which fits `Y` far better than {steps} steps of gradient descent with "
                "lr = {lr} can: from any reasonable start, those updates barely move the kernel. Your "
                "`train_kernel` does not seem to follow the `steps` and `lr` it is given (solving for the kernel "
                "directly, for example by least squares, is not the gradient-descent loop the question asks for).",
                expected.steps,
            )
            return message.format(value=short_repr(array), steps=expected.steps, lr=f"{expected.lr:g}")
        scale = 10 * (np.abs(expected.kernel).max() + 1)
        if not np.isfinite(array).all() or np.abs(array).max() > scale:
            return _(
                "returned a kernel with huge or infinite weights: the training went uphill or blew up. Step "
                "against the gradient, `K.assign_sub(lr * grad)`, with the `lr` you are given."
            )
        if squared_error(expected.X, expected.Y, array) > 0.5 * squared_error(expected.X, expected.Y, np.zeros(shape)):
            if np.allclose(array, array.flat[0]) or not np.any(array):
                return _(
                    "returned {value}, which fits the data hardly better than an all-zero kernel: it does not "
                    "seem to have learned. In each of the `steps` iterations compute the loss inside "
                    "`with tf.GradientTape() as tape:` and update the kernel, "
                    "`K.assign_sub(lr * tape.gradient(loss, K))`."
                ).format(value=short_repr(array))
            return _(
                "returned {value}, which after all `steps` updates still fits the data hardly better than an "
                "all-zero kernel. Plain gradient descent with this `lr` gets there: check the loss (the summed "
                "squared error of your `corr2d(X, K)` against `Y`) and the update, "
                "`K.assign_sub(lr * tape.gradient(loss, K))`."
            ).format(value=short_repr(array))
        return _(
            "returned {value}, but the kernel that made `Y` is {kernel} (yours is off by up to {error}; the "
            "tolerance is {tolerance}). Run all `steps` updates with the given `lr` on the summed squared error."
        ).format(
            value=short_repr(array),
            kernel=short_repr(expected.kernel),
            error=f"{float(np.abs(array - expected.kernel).max()):.3g}",
            tolerance=self.tolerance,
        )

    def case_note(self, error: Exception, func: Any, args: tuple[Any, ...], context: CheckContext) -> str:
        """Which of the ways of losing the gradient this answer took, found by running the checker's cases."""
        if not no_gradient(error):
            return ""
        corr2d = context.namespace.get("corr2d")
        if callable(corr2d) and cuts_gradient(corr2d):
            return _(ASSIGN_CUTS_NOTE if mentions(corr2d, "assign") else NUMPY_CUTS_NOTE)
        X, Y, shape, steps, lr = args
        if steps > 1:
            try:
                func(X, Y, shape, 1, lr)
            except Exception:
                return _(FIRST_UPDATE_NOTE)
            return _(REBOUND_NOTE)
        return _(FIRST_UPDATE_NOTE)

    def praise(self, count: int) -> str:
        return _(
            "`train_kernel` recovered the hidden kernel, within {tolerance}, in every test case, and stayed near "
            "its start when the learning rate was too small to move it."
        ).format(tolerance=self.tolerance)
