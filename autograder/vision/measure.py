"""Window arithmetic read off TensorFlow itself: the references the exercises grade against.

Each function runs a tiny TensorFlow computation along one axis (a column of n cells) and reports
what happened, so a grade never rests on a formula checked against itself.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

import numpy as np

from autograder.vision.geometry import padding_name

MAX_EXACT_TAPS = 24
"""Weights 2**j stay exact in float32 up to this many taps."""


@lru_cache(maxsize=4096)
def measured_output_size(n: int, k: int, s: int, padding: str) -> int:
    """Rows in ``tf.nn.max_pool2d``'s output for a column of ``n`` cells (TensorFlow raises if VALID and k > n)."""
    import tensorflow as tf

    column = tf.zeros([1, n, 1, 1])
    return int(tf.nn.max_pool2d(column, ksize=[k, 1], strides=[s, 1], padding=padding_name(padding).upper()).shape[1])


@lru_cache(maxsize=4096)
def measured_same_padding(n: int, k: int, s: int) -> tuple[int, int]:
    """(before, after) padding that ``tf.nn.conv2d`` adds with SAME, found by convolving a column of ones.

    Tap j of the kernel weighs 2**j, so each output is a bit pattern of the taps that landed on
    real cells. In the first window, tap ``before`` is the first on a real cell; in the last
    window, the taps after the highest real one lie in the padding after.
    """
    import tensorflow as tf

    if k > MAX_EXACT_TAPS:
        raise ValueError(f"kernels longer than {MAX_EXACT_TAPS} cannot be measured exactly")
    weights = tf.reshape(2.0 ** tf.range(k, dtype=tf.float32), [k, 1, 1, 1])
    result = tf.nn.conv2d(tf.ones([1, n, 1, 1]), weights, strides=[s, 1], padding="SAME")
    taps = result[0, :, 0, 0].numpy().astype(np.int64)
    first, last = int(taps[0]), int(taps[-1])
    before = (first & -first).bit_length() - 1
    after = k - last.bit_length()
    return before, after


def measured_receptive_field(kernel_sizes: Sequence[int], strides: Sequence[int]) -> int:
    """Span of input cells that one output of stacked VALID convolutions depends on, from TensorFlow's gradient.

    The span, first to last cell: a stride longer than the kernel leaves cells inside it unseen.
    """
    import tensorflow as tf

    kernel_sizes, strides = tuple(int(k) for k in kernel_sizes), tuple(int(s) for s in strides)
    if len(kernel_sizes) != len(strides) or not kernel_sizes:
        raise ValueError("give one stride per kernel size, and at least one layer")
    length, jump = 1, 1
    for k, s in zip(kernel_sizes, strides, strict=True):
        length += k * jump  # more than the field needs, so every layer has at least one output
        jump *= s
    column = tf.Variable(tf.ones([1, length, 1, 1]))
    with tf.GradientTape() as tape:
        values = column
        for k, s in zip(kernel_sizes, strides, strict=True):
            values = tf.nn.conv2d(values, tf.ones([k, 1, 1, 1]), strides=[s, 1], padding="VALID")
        first_output = values[0, 0, 0, 0]
    seen = np.flatnonzero(tape.gradient(first_output, column).numpy().ravel())
    return int(seen[-1] - seen[0] + 1)
