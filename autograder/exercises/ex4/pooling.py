"""Exercise 4, question 3: max and average pooling from scratch.

The reference and every tempting slip are `autograder.vision.pooling`'s pooling: TensorFlow's for
the reference, NumPy's with a wrong window reduction, stride or window for the slips.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from typing import Any, NamedTuple

import numpy as np
import tensorflow as tf

from autograder.core import Diagnosis, ShapeDiagnosis
from autograder.exercises.ex4.references import FIXED_INPUTS, dims, example_X, ints, maybe_tensor, seeded
from autograder.exercises.ex4.scratch import ScratchQuestion
from autograder.i18n import N_
from autograder.vision.geometry import output_size
from autograder.vision.pooling import pool_map, pool_numpy

_FIXED = FIXED_INPUTS["pool2d"]


class PoolCase(NamedTuple):
    """The arguments of one call of ``pool2d``, with its defaults filled in."""

    X: Any
    pool_size: tuple[int, int]
    mode: str = "max"
    stride: int = 1

    @property
    def square(self) -> bool:
        return self.pool_size[0] == self.pool_size[1]

    def shape(self, stride: int | None = None, padding: str = "valid") -> tuple[int, ...] | None:
        """The output shape (None when the window does not fit)."""
        try:
            step = self.stride if stride is None else stride
            return tuple(output_size(n, k, step, padding) for n, k in zip(dims(self.X), self.pool_size, strict=True))
        except ValueError:
            return None

    def pooled(self, reduce: Callable[[np.ndarray], Any] | None = None, reference: bool = False) -> Any:
        """VALID pooling of these arguments: TensorFlow's for the ``reference``, else NumPy's with ``reduce``
        (None when the window does not fit)."""
        if reference:
            return pool_map(self.X, self.pool_size, self.stride, "valid", self.mode)
        if self.shape() is None:
            return None
        return pool_numpy(self.X, self.pool_size, self.stride, "valid", self.mode, reduce)


def _on_case(slip: Callable[[PoolCase], Any]) -> Callable[..., Any]:
    """A diagnosis of ``pool2d``'s arguments, as given (defaults filled in)."""
    return lambda *args: slip(PoolCase(args[0], tuple(args[1]), *args[2:]))


def _square_input_shape(case: PoolCase) -> tuple[int, int] | None:
    """The output shape of loops that take the input's height as its width too (None on square inputs)."""
    h, w = dims(case.X)
    if h == w or case.pool_size[1] > h:
        return None
    return output_size(h, case.pool_size[0], case.stride), output_size(h, case.pool_size[1], case.stride)


def _square_window_shape(case: PoolCase) -> tuple[int, int] | None:
    """The output shape of loops that take the window's height as its width too (None for square windows)."""
    h, w = dims(case.X)
    ph = case.pool_size[0]
    if case.square or ph > w:
        return None
    return output_size(h, ph, case.stride), output_size(w, ph, case.stride)


def _reduced_by(reduce: Callable[[np.ndarray], Any], mode: str) -> Callable[[PoolCase], Any]:
    """Pooling with another reduction, a slip that can only show when the ``mode`` asked is ``mode``."""
    return lambda case: case.pooled(reduce) if case.mode == mode else None


_REDUCTION_SLIPS: tuple[tuple[str, Callable[[np.ndarray], Any], str], ...] = (
    ("max", np.mean, N_("you averaged each window, but `mode='max'` asks for its largest value.")),
    ("avg", np.max, N_("you took each window's largest value, but `mode='avg'` asks for its mean.")),
    ("avg", np.sum, N_("you added up each window; the average divides that sum by the number of cells, p_h * p_w.")),
    (
        "max",
        lambda v: np.abs(v).max(),
        N_(
            "you took the largest absolute value. Max pooling keeps the largest value itself; in a window of "
            "negative numbers that is the one closest to zero. Drop the `abs`."
        ),
    ),
    (
        "max",
        lambda v: max(v.max(), 0.0),
        N_(
            "a window of negative numbers gave 0 instead of its largest value, as when a running maximum starts "
            "at 0. Start from the window's own values, for example with `tf.reduce_max(window)`."
        ),
    ),
)
"""(the mode asked for, the window reduction a slip uses instead, what to tell the student)."""


class Pool2d(ScratchQuestion):
    """Q3: ``pool2d(X, pool_size, mode='max', stride=1)``: VALID max or average pooling of an (h, w) input.

    Graded against ``tf.nn.max_pool2d`` / ``tf.nn.avg_pool2d`` on the worked example (both modes),
    all-negative inputs (a maximum started at 0 or taken of absolute values shows), strides 2 and 3,
    non-square windows and inputs, and random cases. Same no-library rule as question 1
    (``tf.nn.max_pool2d``, ``tf.nn.pool``, Keras pooling layers and ``scipy.ndimage.maximum_filter``
    are refused).
    """

    var = "pool2d"
    refusal = N_(
        "`{var}` uses `{name}`, which does the pooling for you. This question asks you to write it yourself with "
        "loops and slicing (`tf.reduce_max`, `tf.reduce_mean`, `np.max`, `np.mean` and `tf.stack` are fine)."
    )
    shape_rule = N_(
        "windows start every `stride` rows and columns and stay inside the input, so a (p_h, p_w) window "
        "fits (h - p_h) // stride + 1 times down and (w - p_w) // stride + 1 times across."
    )
    fixed_cases = (
        (example_X, (2, 2)),
        (example_X, (2, 2), "avg"),
        (-1 - np.abs(_FIXED[0]), (2, 3), "max", 1),
        (tf.constant(_FIXED[1]), (2, 2), "max", 2),
        (_FIXED[2], (3, 2), "avg", 2),
        (tf.constant(_FIXED[3]), (2, 3), "max", 3),
    )
    visible_random_cases = 2
    diagnoses = (
        *(Diagnosis(_on_case(_reduced_by(reduce, mode)), message) for mode, reduce, message in _REDUCTION_SLIPS),
        Diagnosis(
            _on_case(lambda case: None if case.stride == 1 else case._replace(stride=1).pooled()),
            N_(
                "you ignored `stride`: windows should start every `stride` rows and columns "
                "(`range(0, h - p_h + 1, stride)`), not at every position."
            ),
        ),
        Diagnosis(
            _on_case(lambda case: None if case.square else case._replace(pool_size=case.pool_size[::-1]).pooled()),
            N_("you swapped the window's height and width: `pool_size` is (p_h, p_w), rows first."),
        ),
        ShapeDiagnosis(
            _on_case(_square_input_shape),
            N_(
                "your loops only work on square inputs: the column count came from the input's height. Images "
                "need not be square: take `h, w = X.shape` and loop over `range(0, w - p_w + 1, stride)` across."
            ),
        ),
        ShapeDiagnosis(
            _on_case(_square_window_shape),
            N_(
                "your loops only work on square windows: the window's width came from its height. Take "
                "`p_h, p_w = pool_size` and use `p_w` across."
            ),
        ),
        ShapeDiagnosis(
            _on_case(lambda case: None if case.stride == 1 else case.shape(stride=1)),
            N_(
                "you ignored `stride` when sizing the output: with stride s there are (h - p_h) // s + 1 window "
                "positions down and (w - p_w) // s + 1 across."
            ),
        ),
        ShapeDiagnosis(
            _on_case(lambda case: np.subtract(case.shape(), 1)),
            N_(
                "your output is one row and one column short. Count the window positions: the first window "
                "starts at 0 and the last at most at h - p_h, so there are (h - p_h) // stride + 1 of them."
            ),
        ),
        ShapeDiagnosis(
            _on_case(lambda case: case.shape(padding="same")),
            N_(
                "your output has the size SAME padding would give. VALID windows stay inside the input: "
                "(h - p_h) // stride + 1 rows and (w - p_w) // stride + 1 columns."
            ),
        ),
    )
    hints = (
        N_(
            "Lesson 4, section 8, pools the worked example: work one output out by hand first. With a 2x2 window "
            "and stride 1, the top-left window of `example_X` is [[0, 1], [3, 4]], so max pooling gives 4 there "
            "and average pooling 2. Then count how many windows fit down and across when they start every "
            "`stride` cells."
        ),
        N_(
            "Loop over the windows' top-left corners, rows 0, stride, 2 * stride, ... as long as the window fits, "
            "and the same across. Reduce each (p_h, p_w) window with the function that `mode` picks (its largest "
            "value for 'max', its mean for 'avg'); collect each row's values in a list and `tf.stack` them, as in "
            "`corr2d`."
        ),
        N_(
            "With `ph, pw = pool_size`, the corners are `i in range(0, h - ph + 1, stride)` and "
            "`j in range(0, w - pw + 1, stride)`; the window is `X[i:i + ph, j:j + pw]`, and its value "
            "`tf.reduce_max(window)` for 'max' or `tf.reduce_mean(window)` for 'avg'."
        ),
    )
    solution = (
        "def pool2d(X, pool_size, mode='max', stride=1):\n"
        "    ph, pw = pool_size\n"
        "    h, w = X.shape\n"
        "    reduce = tf.reduce_max if mode == 'max' else tf.reduce_mean\n"
        "    rows = []\n"
        "    for i in range(0, h - ph + 1, stride):\n"
        "        row = [reduce(X[i:i + ph, j:j + pw]) for j in range(0, w - pw + 1, stride)]\n"
        "        rows.append(tf.stack(row))\n"
        "    return tf.stack(rows)"
    )

    def reference(self, X: Any, pool_size: Any, mode: str = "max", stride: int = 1) -> np.ndarray:
        return PoolCase(X, pool_size, mode, stride).pooled(reference=True)

    def random_case(self, rng: random.Random) -> tuple[Any, ...]:
        gen = seeded(rng)
        ph, pw = rng.randint(1, 3), rng.randint(1, 3)
        stride = rng.randint(1, 3)
        h, w = ph + rng.randint(1, 6), pw + rng.randint(1, 6)
        (X,) = maybe_tensor(rng, ints(gen, (h, w), -9, 9))
        return X, (ph, pw), rng.choice(("max", "avg")), stride
