"""Exercise 4, question 8: the gradient a convolutional layer sends back to its input.

Lesson 4 derives the gradient of the loss with respect to the kernel (what `train_kernel` follows);
the student derives the other one, with respect to the input, which backpropagation hands to the layer
below. The reference is ``tf.GradientTape`` through ``tf.nn.conv2d`` (VALID, one channel), so an
answer is judged against what TensorFlow computes, not against the formula it should contain.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from typing import Any

import numpy as np
import tensorflow as tf

from autograder.core import Diagnosis, ShapeDiagnosis
from autograder.exercises.ex4.convolution import Convolve2d, Corr2d
from autograder.exercises.ex4.references import as_float, ints, maybe_tensor, np_corr2d, seeded
from autograder.exercises.ex4.scratch import ScratchQuestion
from autograder.i18n import N_


def _full_correlation(flip: Callable[[np.ndarray], np.ndarray | None]) -> Callable[[Any, Any], np.ndarray | None]:
    """dY padded with kh - 1 and kw - 1 zeros all round, cross-correlated with ``flip(K)``."""

    def wrong(dY: Any, K: Any) -> np.ndarray | None:
        kernel = flip(as_float(K))
        if kernel is None:
            return None
        kh, kw = kernel.shape
        return np_corr2d(np.pad(as_float(dY), ((kh - 1, kh - 1), (kw - 1, kw - 1))), kernel)

    return wrong


def _input_shape(dY: Any, K: Any) -> tuple[int, int]:
    (dh, dw), (kh, kw) = np.shape(dY), np.shape(K)
    return dh + kh - 1, dw + kw - 1


_FOUR = np.array([[1.0, 2.0], [3.0, 4.0]], dtype=np.float32)
"""A kernel whose every flip and transpose differs, so each tempting kernel gives its own gradient."""


class InputGradient(ScratchQuestion):
    """Q8: ``input_gradient(dY, K)``, the loss's gradient with respect to X for Y = corr2d(X, K), measured
    with ``tf.GradientTape``. Library convolutions are off, as in every exercise 4 question; it may call
    ``corr2d`` and ``convolve2d``."""

    var = "input_gradient"
    refusal = N_(
        "`{var}` uses `{name}`, which does the convolution for you. Work out which weight meets which input "
        "cell, then compute the gradient with loops and slicing, or with your own `corr2d` or `convolve2d`."
    )
    shape_rule = N_("the gradient has X's shape, (dh + kh - 1, dw + kw - 1): every input cell gets one.")
    builds_on = (Corr2d, Convolve2d)
    fixed_cases = (
        (np.array([[1.0, 0.0, 2.0], [0.0, -1.0, 3.0]], dtype=np.float32), _FOUR),
        (np.array([[1.0]], dtype=np.float32), _FOUR),
        (np.ones((2, 2), dtype=np.float32), np.array([[0.0, 1.0], [2.0, 3.0]], dtype=np.float32)),
        (np.array([[1.0, -2.0, 0.0]], dtype=np.float32), np.arange(1.0, 7.0, dtype=np.float32).reshape(2, 3)),
        (tf.constant([[1.0, 0.0], [0.0, 0.0], [2.0, 1.0]]), tf.constant([[1.0, -1.0]])),
    )
    visible_random_cases = 4
    diagnoses = (
        ShapeDiagnosis(
            lambda dY, K: np.subtract(np.shape(dY), np.shape(K)) + 1,
            N_(
                "your gradient has the shape of a VALID cross-correlation of dY, smaller than dY. The gradient with "
                "respect to X has X's shape, (h, w) = (dh + kh - 1, dw + kw - 1): every input cell gets one."
            ),
        ),
        ShapeDiagnosis(
            lambda dY, K: np.shape(dY),
            N_(
                "your gradient has dY's shape, as with SAME padding; X had kh - 1 more rows and kw - 1 more columns "
                "than Y, and each of its cells gets a gradient."
            ),
        ),
        Diagnosis(
            _full_correlation(lambda K: K),
            N_(
                "you slid K over dY as it is written. Input cell X[i, j] reached output Y[i - a, j - b] through "
                "K[a, b], so its gradient collects dY[i - a, j - b] * K[a, b]: the kernel runs backwards, turned "
                "around both ways (a full convolution of dY with K)."
            ),
        ),
        Diagnosis(
            _full_correlation(lambda K: K[::-1, :]),
            N_("you turned the kernel around top to bottom only: it runs backwards along both axes."),
        ),
        Diagnosis(
            _full_correlation(lambda K: K[:, ::-1]),
            N_("you turned the kernel around left to right only: it runs backwards along both axes."),
        ),
        Diagnosis(
            _full_correlation(lambda K: K.T[::-1, ::-1] if K.shape[0] == K.shape[1] else None),
            N_(
                "you transposed the kernel before turning it around: turning by 180 degrees reverses the rows and "
                "the columns, it does not swap them."
            ),
        ),
    )
    hints = (
        N_(
            "Start from one output: Y[0, 0] = sum of X[a, b] * K[a, b] over the window. Which cells of X does it "
            "use, and with which weight? The gradient of the loss with respect to X[i, j] adds, over every output "
            "that used X[i, j], dY at that output times the weight it was used with."
        ),
        N_(
            "X[i, j] meets K[a, b] in output Y[i - a, j - b], when that output exists. So dX[i, j] = sum over a, b "
            "of dY[i - a, j - b] * K[a, b]: the indices of dY run backwards as those of K run forwards. Pad dY "
            "with kh - 1 rows and kw - 1 columns of zeros all round, and slide K over it turned around both ways: "
            "question 1 b's full convolution."
        ),
        N_(
            "`return convolve2d(dY, K, 'full')`, or "
            "`return corr2d(np.pad(dY, ((kh - 1, kh - 1), (kw - 1, kw - 1))), K[::-1, ::-1])`."
        ),
    )
    solution = (
        "def input_gradient(dY, K):\n"
        "    dY, K = np.asarray(dY, dtype=np.float32), np.asarray(K, dtype=np.float32)\n"
        "    kh, kw = K.shape\n"
        "    padded = np.pad(dY, ((kh - 1, kh - 1), (kw - 1, kw - 1)))\n"
        "    flipped = K[::-1, ::-1]\n"
        "    h, w = padded.shape[0] - kh + 1, padded.shape[1] - kw + 1\n"
        "    return np.array([[np.sum(padded[i:i + kh, j:j + kw] * flipped) for j in range(w)] for i in range(h)])"
    )

    def reference(self, dY: Any, K: Any) -> np.ndarray:
        upstream, kernel = as_float(dY), as_float(K)
        X = tf.Variable(tf.zeros((1, *_input_shape(upstream, kernel), 1)))
        with tf.GradientTape() as tape:
            Y = tf.nn.conv2d(X, kernel[:, :, np.newaxis, np.newaxis], strides=1, padding="VALID")
            loss = tf.reduce_sum(Y[0, :, :, 0] * upstream)
        return tape.gradient(loss, X).numpy()[0, :, :, 0]

    def random_case(self, rng: random.Random) -> tuple[Any, ...]:
        gen = seeded(rng)
        kh, kw = rng.randint(1, 4), rng.randint(1, 4)
        return maybe_tensor(rng, ints(gen, (rng.randint(1, 5), rng.randint(1, 5))), ints(gen, (kh, kw)))
