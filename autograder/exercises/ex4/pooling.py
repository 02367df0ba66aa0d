"""Exercise 4, question 3: max and average pooling from scratch, with VALID or TensorFlow's SAME padding.

Lesson 4 pooled with VALID windows only. With SAME padding TensorFlow's pooling keeps ceil(h / stride)
rows and splits the padding as for a convolution (lesson 3), but padded cells never count: a window
that hangs over the edge is reduced over its cells inside the input (the maximum of those, or their
mean). The reference and every tempting slip are `autograder.vision.pooling`'s pooling: TensorFlow's
for the reference, NumPy's with a wrong window reduction, stride, window or padding for the slips.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from typing import Any, NamedTuple

import numpy as np
import tensorflow as tf

from autograder.core import Diagnosis, ShapeDiagnosis
from autograder.exercises.ex4.data import example_X
from autograder.exercises.ex4.references import FIXED_INPUTS, dims, ints, maybe_tensor, seeded
from autograder.exercises.ex4.scratch import ScratchQuestion
from autograder.i18n import N_
from autograder.vision.geometry import output_size, padding_name, same_padding
from autograder.vision.pooling import pool_map, pool_numpy

_FIXED = FIXED_INPUTS["pool2d"]


class PoolCase(NamedTuple):
    """The arguments of one call of ``pool2d``, with its defaults filled in."""

    X: Any
    pool_size: tuple[int, int]
    mode: str = "max"
    stride: int = 1
    padding: str = "valid"

    @property
    def square(self) -> bool:
        return self.pool_size[0] == self.pool_size[1]

    @property
    def same(self) -> bool:
        return padding_name(self.padding) == "same"

    def shape(self, stride: int | None = None, padding: str | None = None) -> tuple[int, ...] | None:
        """The output shape (None when the window does not fit)."""
        try:
            step = self.stride if stride is None else stride
            pad = self.padding if padding is None else padding
            return tuple(output_size(n, k, step, pad) for n, k in zip(dims(self.X), self.pool_size, strict=True))
        except ValueError:
            return None

    def pooled(self, reduce: Callable[[np.ndarray], Any] | None = None, reference: bool = False) -> Any:
        """Pooling of these arguments: TensorFlow's for the ``reference``, else NumPy's with ``reduce``
        (None when the window does not fit)."""
        if reference:
            return pool_map(self.X, self.pool_size, self.stride, self.padding, self.mode)
        if self.shape() is None:
            return None
        return pool_numpy(self.X, self.pool_size, self.stride, self.padding, self.mode, reduce)

    def padded_pooled(self, pads: Callable[[int, int], tuple[int, int]], zeros: bool = False) -> Any:
        """SAME pooling with the padding ``pads(n, k)`` (before, after) on each axis instead of TensorFlow's:
        padded cells ignored, or counted as ``zeros`` (None for VALID cases, where no slip of padding shows)."""
        if not self.same:
            return None
        values = np.asarray(self.X, dtype=np.float64)
        (kh, kw), step = self.pool_size, self.stride
        (top, bottom), (left, right) = pads(values.shape[0], kh), pads(values.shape[1], kw)
        padded = np.pad(values, ((top, bottom), (left, right)), constant_values=0.0 if zeros else np.nan)
        if kh > padded.shape[0] or kw > padded.shape[1]:
            return None
        reduce = np.nanmax if self.mode == "max" else np.nanmean
        out = np.empty(((padded.shape[0] - kh) // step + 1, (padded.shape[1] - kw) // step + 1))
        for i in range(out.shape[0]):
            for j in range(out.shape[1]):
                window = padded[i * step : i * step + kh, j * step : j * step + kw]
                out[i, j] = reduce(window) if not np.isnan(window).all() else np.nan
        return out

    def tf_pads(self, n: int, k: int) -> tuple[int, int]:
        """TensorFlow's SAME padding of one axis: P // 2 before, the rest after."""
        return same_padding(n, k, self.stride)


def _on_case(slip: Callable[[PoolCase], Any]) -> Callable[..., Any]:
    """A diagnosis of ``pool2d``'s arguments, as given (defaults filled in)."""
    return lambda *args: slip(PoolCase(args[0], tuple(args[1]), *args[2:]))


def _square_input_shape(case: PoolCase) -> tuple[int, int] | None:
    """The output shape of loops that take the input's height as its width too (None on square inputs)."""
    h, w = dims(case.X)
    if h == w or case.pool_size[1] > h:
        return None
    sizes = (output_size(h, k, case.stride, case.padding) for k in case.pool_size)
    return tuple(sizes)


def _square_window_shape(case: PoolCase) -> tuple[int, int] | None:
    """The output shape of loops that take the window's height as its width too (None for square windows)."""
    h, w = dims(case.X)
    kh = case.pool_size[0]
    if case.square or case.same or kh > w:
        return None
    return output_size(h, kh, case.stride), output_size(w, kh, case.stride)


def _reduced_by(reduce: Callable[[np.ndarray], Any], mode: str) -> Callable[[PoolCase], Any]:
    """Pooling with another reduction, a slip that can only show when the ``mode`` asked is ``mode``."""
    return lambda case: case.pooled(reduce) if case.mode == mode else None


_REDUCTION_SLIPS: tuple[tuple[str, Callable[[np.ndarray], Any], str], ...] = (
    ("max", np.mean, N_("you averaged each window, but `mode='max'` asks for its largest value.")),
    ("avg", np.max, N_("you took each window's largest value, but `mode='avg'` asks for its mean.")),
    (
        "avg",
        np.sum,
        N_(
            "you added up each window; the average divides that sum by the number of cells, k_h * k_w (with "
            "SAME padding, the number of the window's cells inside the input)."
        ),
    ),
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
    """Q3: ``pool2d(X, pool_size, mode='max', stride=1, padding='valid')``: max or average pooling of an (h, w)
    input, with VALID windows or TensorFlow's SAME padding (padded cells never count).

    Graded against ``tf.nn.max_pool2d`` / ``tf.nn.avg_pool2d`` on the worked example (both modes),
    all-negative inputs (a maximum started at 0, taken of absolute values or over padding zeros shows),
    strides 1 to 3, non-square windows and inputs, SAME cases whose padding is split unevenly or
    depends on the stride, and random cases. Same no-library rule as question 1 (``tf.nn.max_pool2d``,
    ``tf.nn.pool``, Keras pooling layers and ``scipy.ndimage.maximum_filter`` are refused).
    """

    var = "pool2d"
    refusal = N_(
        "`{var}` uses `{name}`, which does the pooling for you. This question asks you to write it yourself with "
        "loops and slicing (`tf.reduce_max`, `tf.reduce_mean`, `np.max`, `np.mean` and `tf.stack` are fine)."
    )
    shape_rule = N_(
        "windows start every `stride` rows and columns. With 'valid' they stay inside the input, so a (k_h, k_w) "
        "window fits (h - k_h) // stride + 1 times down and (w - k_w) // stride + 1 times across; with 'same' "
        "the output has ceil(h / stride) rows and ceil(w / stride) columns."
    )
    fixed_cases = (
        (example_X, (2, 2)),
        (example_X, (2, 2), "avg"),
        (-1 - np.abs(_FIXED[0]), (2, 3), "max", 1),
        (tf.constant(_FIXED[1]), (2, 2), "max", 2),
        (_FIXED[2], (3, 2), "avg", 2),
        (tf.constant(_FIXED[3]), (2, 3), "max", 3),
        (-1 - np.abs(_FIXED[0]), (2, 3), "max", 1, "same"),
        (_FIXED[2], (3, 2), "max", 2, "same"),
        (tf.constant(_FIXED[1]), (3, 3), "avg", 1, "same"),
        (_FIXED[3], (2, 3), "avg", 3, "same"),
        (example_X, (2, 2), "max", 2, "same"),
    )
    visible_random_cases = 2
    diagnoses = (
        *(Diagnosis(_on_case(_reduced_by(reduce, mode)), message) for mode, reduce, message in _REDUCTION_SLIPS),
        Diagnosis(
            _on_case(lambda case: None if case.stride == 1 else case._replace(stride=1).pooled()),
            N_(
                "you ignored `stride`: windows should start every `stride` rows and columns "
                "(`range(0, h - kh + 1, stride)` with VALID padding), not at every position."
            ),
        ),
        Diagnosis(
            _on_case(lambda case: None if case.square else case._replace(pool_size=case.pool_size[::-1]).pooled()),
            N_("you swapped the window's height and width: `pool_size` is (k_h, k_w), rows first."),
        ),
        Diagnosis(
            _on_case(lambda case: case.padded_pooled(case.tf_pads, zeros=True) if case.mode == "max" else None),
            N_(
                "a border window of negative numbers gave 0: your maximum counted the padding's zeros. With SAME "
                "padding TensorFlow's pooling ignores the padded cells: reduce only the part of the window that "
                "lies inside the input."
            ),
        ),
        Diagnosis(
            _on_case(lambda case: case.padded_pooled(case.tf_pads, zeros=True) if case.mode == "avg" else None),
            N_(
                "your averages at the border counted the padding as zeros, dividing by k_h * k_w. With SAME "
                "padding TensorFlow's average pooling divides by the number of the window's cells inside the input."
            ),
        ),
        Diagnosis(
            _on_case(lambda case: case.padded_pooled(lambda n, k: case.tf_pads(n, k)[::-1])),
            N_(
                "the extra row or column of SAME padding is on the wrong side. When the total padding P is odd, "
                "TensorFlow puts P // 2 before (top, left) and the rest after (bottom, right)."
            ),
        ),
        Diagnosis(
            _on_case(lambda case: case.padded_pooled(lambda n, k: (0, sum(case.tf_pads(n, k))))),
            N_(
                "you put all the SAME padding at the bottom and right. TensorFlow splits the total padding P: "
                "P // 2 before (top, left) and the rest after."
            ),
        ),
        Diagnosis(
            _on_case(lambda case: case.padded_pooled(lambda n, k: ((k - 1) // 2, k - 1 - (k - 1) // 2))),
            N_(
                "you padded as for stride 1, k_h - 1 rows in all. With a stride the total SAME padding is "
                "P = max((out - 1) * stride + k_h - h, 0), which can be less, and P // 2 of it goes before "
                "(lesson 3)."
            ),
        ),
        ShapeDiagnosis(
            _on_case(_square_input_shape),
            N_(
                "your loops only work on square inputs: the column count came from the input's height. Images "
                "need not be square: take `h, w = X.shape` and use `w` across."
            ),
        ),
        ShapeDiagnosis(
            _on_case(_square_window_shape),
            N_(
                "your loops only work on square windows: the window's width came from its height. Take "
                "`kh, kw = pool_size` and use `kw` across."
            ),
        ),
        ShapeDiagnosis(
            _on_case(lambda case: None if case.stride == 1 else case.shape(stride=1)),
            N_(
                "you ignored `stride` when sizing the output: with stride s, VALID windows fit (h - k_h) // s + 1 "
                "times down and SAME gives ceil(h / s) rows, and the same across."
            ),
        ),
        ShapeDiagnosis(
            _on_case(lambda case: None if case.same else np.subtract(case.shape(), 1)),
            N_(
                "your output is one row and one column short. Count the window positions: the first window "
                "starts at 0 and the last at most at h - k_h, so there are (h - k_h) // stride + 1 of them."
            ),
        ),
        ShapeDiagnosis(
            _on_case(lambda case: None if case.same else case.shape(padding="same")),
            N_(
                "your output has the size SAME padding would give. VALID windows stay inside the input: "
                "(h - k_h) // stride + 1 rows and (w - k_w) // stride + 1 columns."
            ),
        ),
        ShapeDiagnosis(
            _on_case(lambda case: case.shape(padding="valid") if case.same else None),
            N_(
                "your output has the VALID size, but `padding='same'` asks for ceil(h / stride) rows and "
                "ceil(w / stride) columns: the windows may hang over the edge of the input."
            ),
        ),
        ShapeDiagnosis(
            _on_case(lambda case: tuple(n // case.stride for n in dims(case.X)) if case.same else None),
            N_(
                "you rounded the SAME output size down. A last window that starts inside the input counts even "
                "when it hangs over the edge: ceil(h / stride) rows and ceil(w / stride) columns."
            ),
        ),
    )
    hints = (
        N_(
            "Lesson 4, section 8, pools the worked example: work one output out by hand first. With a 2x2 window "
            "and stride 1, the top-left window of `example_X` is [[0, 1], [3, 4]], so max pooling gives 4 there "
            "and average pooling 2. For 'same', lesson 3 tells how many outputs there are and how TensorFlow "
            "splits the padding; a window that hangs over the edge is reduced over its cells inside the input."
        ),
        N_(
            "Loop over the output positions; reduce each window with the function that `mode` picks (its largest "
            "value for 'max', its mean for 'avg') and `tf.stack` the rows, as in `corr2d`. With 'valid', window "
            "(i, j) starts at row i * stride and column j * stride. With 'same', there are ceil(h / stride) rows, "
            "every window starts `top` rows higher, where `top` is P // 2 of the total padding "
            "P = max((out_h - 1) * stride + k_h - h, 0), and each window is cut to the input before it is reduced."
        ),
        N_(
            "With `kh, kw = pool_size`, window (i, j) starts at row `r = i * stride - top` and column "
            "`c = j * stride - left` (`top = left = 0` for 'valid'); its cells inside the input are "
            "`X[max(r, 0):r + kh, max(c, 0):c + kw]`, reduced with `tf.reduce_max` for 'max' or `tf.reduce_mean` "
            "for 'avg'."
        ),
    )
    solution = (
        "def pool2d(X, pool_size, mode='max', stride=1, padding='valid'):\n"
        "    kh, kw = pool_size\n"
        "    h, w = X.shape\n"
        "    reduce = tf.reduce_max if mode == 'max' else tf.reduce_mean\n"
        "    if padding == 'same':\n"
        "        out_h, out_w = -(-h // stride), -(-w // stride)\n"
        "        top = max((out_h - 1) * stride + kh - h, 0) // 2\n"
        "        left = max((out_w - 1) * stride + kw - w, 0) // 2\n"
        "    else:\n"
        "        out_h, out_w = (h - kh) // stride + 1, (w - kw) // stride + 1\n"
        "        top = left = 0\n"
        "    rows = []\n"
        "    for i in range(out_h):\n"
        "        r = i * stride - top\n"
        "        row = []\n"
        "        for j in range(out_w):\n"
        "            c = j * stride - left\n"
        "            row.append(reduce(X[max(r, 0):r + kh, max(c, 0):c + kw]))\n"
        "        rows.append(tf.stack(row))\n"
        "    return tf.stack(rows)"
    )

    def reference(self, X: Any, pool_size: Any, mode: str = "max", stride: int = 1, padding: str = "valid") -> Any:
        return PoolCase(X, pool_size, mode, stride, padding).pooled(reference=True)

    def random_case(self, rng: random.Random) -> tuple[Any, ...]:
        gen = seeded(rng)
        kh, kw = rng.randint(1, 3), rng.randint(1, 3)
        stride = rng.randint(1, 3)
        h, w = kh + rng.randint(1, 6), kw + rng.randint(1, 6)
        (X,) = maybe_tensor(rng, ints(gen, (h, w), -9, 9))
        return X, (kh, kw), rng.choice(("max", "avg")), stride, rng.choice(("valid", "same"))
