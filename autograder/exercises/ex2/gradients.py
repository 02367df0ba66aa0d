"""Exercise 2, question 5: the gradient of max pooling when the windows overlap.

Lesson 2 measured that the gradient of the pooled sum reaches only each window's maximum, with 2x2
windows side by side. Here the stride may be smaller than the window, so one cell can be the maximum
of several windows and receives the sum of their gradients: that is the transfer. Any method passes
(loops in NumPy, ``tf.GradientTape``); the reference is TensorFlow's own gradient
(`autograder.vision.pooling.pool_gradient`). The tempting slips are declared as data and computed
from the same measured gradients where they can be (average pooling's, another stride, SAME
padding, a 1 per winning cell that does not add up), directly otherwise (a 1 everywhere or under
every window, the pooled map itself).

Every map the check passes holds different values (a permutation of 0, 1, 2, ...), so each window
has a single maximum and TensorFlow's rule for ties never decides a case.
"""

from __future__ import annotations

import random
from typing import Any

import numpy as np

from autograder.core import Diagnosis, FunctionQuestion, as_numbers, close
from autograder.core.question import short_repr
from autograder.core.values import differ
from autograder.exercises.ex2.data import overlap_map
from autograder.i18n import N_, _
from autograder.vision.pooling import pool_gradient as measured_gradient
from autograder.vision.pooling import pool_map


def _distinct_map(seed: int, rows: int, cols: int) -> np.ndarray:
    """A rows x cols map of the whole numbers 0 ... rows * cols - 1 in random places, as float32."""
    values = np.random.default_rng(seed).permutation(rows * cols)
    return values.reshape(rows, cols).astype(np.float32)


def _pooled_gradient(x: Any, size: int, stride: int) -> np.ndarray:
    return measured_gradient(x, size, stride, "valid", "max")


def _counted_once(x: Any, size: int, stride: int) -> np.ndarray:
    """1 at every cell that is the maximum of some window, however many: ``=`` where ``+=`` was needed."""
    return (_pooled_gradient(x, size, stride) > 0).astype(np.float64)


def _covered(x: Any, size: int, stride: int) -> np.ndarray:
    """1 at every cell some window covers."""
    return (measured_gradient(x, size, stride, "valid", "average") > 0).astype(np.float64)


def _average_set(x: Any, size: int, stride: int) -> np.ndarray:
    """1 / (size * size) at every cell some window covers, not added up where windows overlap."""
    return _covered(x, size, stride) / (size * size)


def _other_stride(stride_used: int) -> Any:
    """The max pooling gradient with the windows moved by ``stride_used(size, stride)`` (None when it is the stride)."""

    def wrong(x: Any, size: int, stride: int) -> np.ndarray | None:
        used = stride_used(size, stride)
        return None if used == stride else _pooled_gradient(x, size, used)

    return wrong


def _same_padding(x: Any, size: int, stride: int) -> np.ndarray:
    return measured_gradient(x, size, stride, "same", "max")


_NOT_ONLY_MAXIMA = N_(
    "you gave a gradient of 1 to cells that are the maximum of no window. Nudging such a cell leaves every "
    "window's maximum, and so the pooled sum, as it was: its gradient is 0. Only each window's maximum gets one."
)

GRADIENT_MISTAKES = (
    Diagnosis(
        lambda x, size, stride: pool_map(x, size, stride, "valid", "max"),
        N_(
            "this is the pooled map itself, the forward pass, not its gradient. The gradient has one number "
            "per cell of `x` (the shape of `x`): how much the sum of the pooled map grows when that cell grows."
        ),
    ),
    Diagnosis(lambda x, size, stride: np.ones(np.shape(x)), _NOT_ONLY_MAXIMA),
    Diagnosis(_covered, _NOT_ONLY_MAXIMA),
    Diagnosis(
        lambda x, size, stride: measured_gradient(x, size, stride, "valid", "average"),
        N_(
            "this is the gradient of average pooling, which spreads each window's gradient evenly, "
            "1 / (size * size) to each of its cells. Max pooling gives the whole of it, 1, to the window's "
            "maximum and 0 to its other cells."
        ),
    ),
    Diagnosis(
        _average_set,
        N_(
            "you spread 1 / (size * size) over the cells of each window, as average pooling does. Max pooling "
            "gives the window's whole gradient, 1, to its maximum and 0 to its other cells."
        ),
    ),
    Diagnosis(
        _counted_once,
        N_(
            "the right cells receive a gradient, but a cell that is the maximum of several overlapping windows "
            "receives 1 from each of them: add up the windows' contributions (`+=`) instead of setting the cell "
            "to 1."
        ),
    ),
    Diagnosis(
        _other_stride(lambda size, stride: size),
        N_(
            "you moved the windows by their own size, as a Keras pooling layer does by default. Move them by "
            "`stride` cells: with a stride smaller than the window, neighbouring windows overlap."
        ),
    ),
    Diagnosis(
        _other_stride(lambda size, stride: 1),
        N_("you moved the windows one cell at a time; move them by `stride` cells."),
    ),
    Diagnosis(
        _same_padding,
        N_(
            "you let windows hang over the edge of `x`, as `padding='SAME'` does. Here every window lies "
            "inside `x` (VALID padding): rows and columns left over after the last whole window get 0."
        ),
    ),
)
"""Tempting wrong gradients of max pooling, first match wins."""


class PoolGradient(FunctionQuestion):
    """Q5: ``pool_gradient(x, size, stride)``: the gradient of ``sum(max_pool(x))`` with respect to a 2-D ``x``,
    square ``size`` x ``size`` windows moved by ``stride``, VALID padding, compared with ``tf.GradientTape`` on
    ``tf.nn.max_pool2d``; the cases include overlapping windows (stride < size) and skipped cells (stride > size).
    """

    var = "pool_gradient"
    fixed_cases = (
        (overlap_map, 3, 2),
        (_distinct_map(51, 4, 4), 2, 2),
        (_distinct_map(52, 6, 6), 3, 1),
        (_distinct_map(53, 5, 7), 2, 1),
        (_distinct_map(54, 7, 6), 3, 3),
        (_distinct_map(55, 6, 8), 2, 3),
        (_distinct_map(56, 6, 5), 4, 1),
    )
    visible_random_cases = 2
    diagnoses = GRADIENT_MISTAKES
    hints = (
        N_(
            "Think of one window first. Nudge one of its cells up a little: when does the window's maximum, and "
            "so the pooled sum, change? Then look at `overlap_map` with 3x3 windows moved by 2: the windows share "
            "row 2 and column 2. Which windows is 24 the maximum of, and what happens to the sum when 24 grows by "
            "a little?"
        ),
        N_(
            "Start from zeros of the shape of `x`. Visit every window position (a window starts at rows 0, "
            "`stride`, 2 * `stride`, ... as long as it fits inside `x`, and the same for the columns), find where "
            "the window's maximum is (`np.argmax` and `np.unravel_index` do it), and add 1 there. Add, do not "
            "set: a cell can be the maximum of several windows."
        ),
        N_(
            "`grad[top + r, left + c] += 1` for every window, where `(r, c) = np.unravel_index(np.argmax(window), "
            "window.shape)`. With TensorFlow instead: watch `tf.reshape(x, [1, rows, cols, 1])` in a "
            "`tf.GradientTape`, take the gradient of `tf.reduce_sum(tf.nn.max_pool2d(..., size, stride, "
            "'VALID'))` and reshape it back to the shape of `x`."
        ),
    )
    solution = N_(
        "def pool_gradient(x, size, stride):\n"
        "    x = np.asarray(x)\n"
        "    grad = np.zeros(x.shape)\n"
        "    for top in range(0, x.shape[0] - size + 1, stride):\n"
        "        for left in range(0, x.shape[1] - size + 1, stride):\n"
        "            window = x[top:top + size, left:left + size]\n"
        "            r, c = np.unravel_index(np.argmax(window), window.shape)\n"
        "            # += and not =: with a stride below the window size, a cell can win several windows\n"
        "            grad[top + r, left + c] += 1\n"
        "    return grad"
    )

    def reference(self, x: Any, size: int, stride: int) -> np.ndarray:
        return _pooled_gradient(x, size, stride)

    def random_case(self, rng: random.Random) -> tuple[Any, ...]:
        rows, cols = rng.randint(3, 9), rng.randint(3, 9)
        size = rng.randint(2, min(4, rows, cols))
        return _distinct_map(rng.randrange(2**32), rows, cols), size, rng.randint(1, 4)

    @staticmethod
    def _as_shaped(got: Any, shape: tuple[int, ...]) -> np.ndarray | None:
        """The answer as numbers of ``shape``, allowing extra length-1 axes (a TensorFlow batch and channel)."""
        array = as_numbers(got)
        if array is None:
            return None
        if array.shape != shape and array.size == int(np.prod(shape)) and np.squeeze(array).shape == shape:
            array = np.squeeze(array)
        return array

    def same(self, got: Any, expected: Any) -> bool:
        expected = np.asarray(expected, dtype=np.float64)
        array = self._as_shaped(got, expected.shape)
        return array is not None and close(array, expected)

    def explain_mismatch(self, got: Any, expected: Any) -> str:
        expected = np.asarray(expected, dtype=np.float64)
        array = self._as_shaped(got, expected.shape)
        if array is None:
            return _("returned {value}; return an array of numbers with the shape of `x`.").format(
                value=short_repr(got, 80)
            )
        if array.shape != expected.shape:
            message = _(
                "returned an array of shape {shape}; the gradient has one number per cell of `x`, shape {expected}."
            )
            return message.format(shape=array.shape, expected=expected.shape)
        row, col = (int(i) for i in np.argwhere(differ(array, expected))[0])
        message = _(
            "returned the right shape, but not the gradient of the pooled sum: at row {row}, column {col} it "
            "should be {expected}, not {got}."
        )
        return message.format(row=row, col=col, expected=f"{expected[row, col]:g}", got=f"{array[row, col]:g}")
