"""Question 7: a VALID convolution of a 1-D signal written as a matrix product.

Lesson 1 showed that ``tf.nn.conv1d`` with a kernel of length k, on a signal of length n, is the product
``M @ x`` with a banded (n - k + 1, n) matrix: row i holds the kernel at columns i to i + k - 1
(locality) and every row holds the same weights (weight sharing). The student builds M for any
kernel and length; the reference is TensorFlow's own matrix, measured column by column on unit signals.
"""

from __future__ import annotations

import random
from typing import Any

import numpy as np
import tensorflow as tf

from autograder.core import Diagnosis, FunctionQuestion, ShapeDiagnosis, as_numbers
from autograder.core.question import array_problem, short_repr
from autograder.core.values import differ
from autograder.i18n import N_, _

MAX_KERNEL = 5
MAX_SIGNAL = 12


def conv1d_valid(signals: Any, kernel: Any) -> np.ndarray:
    """``tf.nn.conv1d`` of each row of ``signals`` (a batch of 1-D signals) with ``kernel``, VALID, stride 1."""
    batch = tf.constant(np.asarray(signals, dtype=np.float64)[..., np.newaxis])
    weights = tf.constant(np.asarray(kernel, dtype=np.float64).reshape(-1, 1, 1))
    return tf.nn.conv1d(batch, weights, stride=1, padding="VALID").numpy()[..., 0]


def convolution_matrix(kernel: Any, n: int) -> np.ndarray:
    """TensorFlow's VALID cross-correlation as a matrix: column j is its result on the unit signal e_j."""
    return conv1d_valid(np.eye(n), kernel).T


def banded(kernel: Any, n: int, offset: int = 0, shift: int = 1) -> np.ndarray:
    """(n - k + 1, n) with row i holding the kernel from column shift * i + offset (cut at the borders)."""
    kernel = np.asarray(kernel, dtype=np.float64).reshape(-1)
    matrix = np.zeros((n - len(kernel) + 1, n))
    for row in range(matrix.shape[0]):
        for j, weight in enumerate(kernel):
            column = shift * row + offset + j
            if 0 <= column < n:
                matrix[row, column] = weight
    return matrix


def _kernel(values: Any) -> np.ndarray:
    return np.asarray(values, dtype=np.float64)


class ConvMatrix(FunctionQuestion):
    """Q7: ``conv_matrix(kernel, n)``, the (n - k + 1, n) matrix M with ``M @ x`` equal to the VALID
    cross-correlation ``tf.nn.conv1d`` computes for a signal x of length n and a kernel of length k.

    Graded on kernels of length 1 to 5 (none of them symmetric but the single weight) and signals of
    up to 12 samples, including a kernel as long as the signal (one row); the reference is measured
    from ``tf.nn.conv1d`` itself, so a matrix passes exactly when its product is TensorFlow's result.
    """

    var = "conv_matrix"
    fixed_cases = (
        (_kernel([1.0, -2.0, 3.0]), 6),
        (_kernel([2.0, -1.0]), 5),
        (_kernel([0.5]), 4),
        (_kernel([1.0, 0.5, -1.5, 2.0, -0.25]), 9),
        (_kernel([3.0, 1.0, -2.0, 0.5]), 4),
    )
    visible_random_cases = 6
    diagnoses = (
        Diagnosis(
            lambda kernel, n: banded(kernel[::-1], n),
            N_(
                "your rows hold the kernel reversed, the matrix of the convolution of mathematics, which flips "
                "the kernel. `tf.nn.conv1d` lays the kernel on the signal as stored: output i is "
                "kernel[0] * x[i] + kernel[1] * x[i + 1] + ..., so row i holds kernel[0] at column i."
            ),
        ),
        Diagnosis(
            lambda kernel, n: banded(kernel, n).T,
            N_(
                "that is the transpose of M: one row per sample of the signal and one column per output. "
                "For `M @ x` to give the outputs, M needs one row per window position (n - k + 1 rows) and one "
                "column per sample (n columns)."
            ),
        ),
        ShapeDiagnosis(
            lambda kernel, n: (n, n - len(kernel) + 1),
            N_(
                "your matrix has one row per sample and one column per output, the shape of the transpose. "
                "`M @ x` multiplies M by a signal of n samples and must give n - k + 1 outputs, so M is "
                "(n - k + 1, n)."
            ),
        ),
        ShapeDiagnosis(
            lambda kernel, n: (n, n),
            N_(
                "your matrix has n rows, one output per sample, which is the size of a 'SAME' convolution. "
                "With 'VALID' the window never leaves the signal: a window of k samples fits n - k + 1 times, "
                "so M has n - k + 1 rows."
            ),
        ),
        ShapeDiagnosis(
            lambda kernel, n: (n + len(kernel) - 1, n),
            N_(
                "your matrix has n + k - 1 rows, one for every position where the kernel overlaps the signal "
                "at all (a 'full' convolution). With 'VALID' the whole window stays inside the signal: "
                "n - k + 1 rows."
            ),
        ),
        ShapeDiagnosis(
            lambda kernel, n: (n - len(kernel), n),
            N_(
                "your matrix has n - k rows, one too few. A window of k samples fits n - k + 1 times on n "
                "samples: at positions 0 to n - k."
            ),
        ),
        Diagnosis(
            lambda kernel, n: banded(kernel, n, shift=0),
            N_(
                "every row of your matrix holds the kernel at the same columns, 0 to k - 1, so every output "
                "looks at the first window of the signal. The weights are shared, but each row must look at its "
                "own window: row i holds the kernel at columns i to i + k - 1."
            ),
        ),
        Diagnosis(
            lambda kernel, n: banded(kernel, n, offset=1),
            N_(
                "your band is one column too far to the right: row i's window starts at x[i], so kernel[0] "
                "belongs at column i (row 0 starts at column 0)."
            ),
        ),
        Diagnosis(
            lambda kernel, n: banded(kernel, n, offset=-1),
            N_(
                "your band is one column too far to the left: row i's window starts at x[i], so kernel[0] "
                "belongs at column i (row 0 starts at column 0)."
            ),
        ),
    )
    hints = (
        N_(
            "Lesson 1 found the matrix of one kernel and printed it: look at where the kernel's weights sit in "
            "each row. How many outputs does a 'VALID' convolution give on n samples with a kernel of length k, "
            "and which samples does output i use?"
        ),
        N_(
            "Start from `np.zeros((n - k + 1, n))`. Output i is the window of samples i to i + k - 1 weighed by "
            "the kernel as stored, so row i holds kernel[0], ..., kernel[k - 1] at columns i to i + k - 1, and "
            "zeros elsewhere."
        ),
        N_(
            "With `k = len(kernel)` and `M = np.zeros((n - k + 1, n))`: `for i in range(n - k + 1):` "
            "`M[i, i:i + k] = kernel`, then `return M`."
        ),
    )
    solution = N_(
        "def conv_matrix(kernel, n):\n"
        "    k = len(kernel)\n"
        "    M = np.zeros((n - k + 1, n))\n"
        "    for i in range(n - k + 1):\n"
        "        M[i, i:i + k] = kernel  # row i: the window at position i, the same weights in every row\n"
        "    return M"
    )

    def reference(self, kernel: Any, n: int) -> np.ndarray:
        return convolution_matrix(kernel, n)

    def random_case(self, rng: random.Random) -> tuple[Any, ...]:
        k = rng.randint(1, MAX_KERNEL)
        weights = [rng.choice((-1, 1)) * round(rng.uniform(0.1, 3.0), 2) for __ in range(k)]
        while k > 1 and weights == weights[::-1]:  # a symmetric kernel hides a flipped one
            weights[0] += 1.0
        return _kernel(weights), rng.randint(k, MAX_SIGNAL)

    def praise(self, count: int) -> str:
        return " ".join(
            (
                super().praise(count),
                _(
                    "Each row is zero outside its window (locality) and repeats the same k weights, shifted one "
                    "column (weight sharing): a dense layer from n samples to n - k + 1 outputs would learn "
                    "(n - k + 1) x n weights, the convolution only k."
                ),
            )
        )

    def case_note(self, error: Exception, func: Any, args: tuple[Any, ...], context: Any) -> str:
        text = str(error)
        if (isinstance(error, ValueError) and "broadcast" in text) or (
            isinstance(error, IndexError) and "out of bounds" in text
        ):
            return _(
                "If the failing line puts the kernel into a row, as `M[i, i:i + k] = kernel` does: the loop goes "
                "past the last window, where the slice or the row no longer exists. A window of k samples fits "
                "n - k + 1 times, at positions 0 to n - k."
            )
        return ""

    def explain_mismatch(self, got: Any, expected: Any) -> str:
        problem = array_problem(
            got,
            expected.shape,
            _("returned {value}; it should return a matrix of numbers (an array or a list of rows)."),
            _("returned an array of shape {shape}; the matrix for this signal has shape {expected}."),
        )
        if problem:
            return problem
        array = as_numbers(got)
        kind = getattr(getattr(got, "dtype", None), "kind", "")
        if kind in "iu" and kind and np.array_equal(array, np.trunc(expected)):
            return _(
                "returned a matrix of whole numbers (dtype {dtype}): the kernel's weights lost their fractions "
                "when you stored them in it. Make M a float array, as `np.zeros((n - k + 1, n))` is."
            ).format(dtype=got.dtype)
        rows, n = expected.shape
        wrong = np.flatnonzero(differ(array, expected).any(axis=1))
        if len(wrong) == 0:
            return _("returned {value}; it should return a matrix of numbers (an array or a list of rows).").format(
                value=short_repr(got, 80)
            )
        row = int(wrong[0])
        return _(
            "returned a matrix of the right shape, but its row {row} (counting from 0) is {values}. Row {row} gives "
            "output {row}: the samples x[{first}] to x[{last}] times the kernel's weights, in their order, and 0 "
            "for every other sample."
        ).format(row=row, values=short_repr(array[row], 80), first=row, last=row + n - rows)
