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


def measured_unread_cells(n: int, k: int, s: int, padding: str) -> list[int]:
    """Cells of a column of ``n`` zeros that ``tf.nn.max_pool2d`` ignores: raising one alone changes no output."""
    import tensorflow as tf

    name = padding_name(padding).upper()
    base = tf.nn.max_pool2d(tf.zeros([1, n, 1, 1]), ksize=[k, 1], strides=[s, 1], padding=name).numpy()
    unread = []
    for i in range(n):
        column = tf.reshape(tf.one_hot(i, n), [1, n, 1, 1])
        pooled = tf.nn.max_pool2d(column, ksize=[k, 1], strides=[s, 1], padding=name).numpy()
        if np.array_equal(pooled, base):
            unread.append(i)
    return unread


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


def measured_shift_visible(n: int, position: int, shift: int, rounds: int) -> list[bool]:
    """After each of ``rounds`` rounds of 2x2 max pooling (VALID), whether a one-pixel dot at column
    ``position`` of an n x n map and the same dot moved ``shift`` columns right still give different maps."""
    import tensorflow as tf

    def dot(column: int) -> tf.Tensor:
        values = np.zeros((1, n, n, 1), dtype=np.float32)
        values[0, 0, column, 0] = 1.0
        return tf.constant(values)

    first, second = dot(position), dot(position + shift)
    visible = []
    for _ in range(rounds):
        first = tf.nn.max_pool2d(first, ksize=2, strides=2, padding="VALID")
        second = tf.nn.max_pool2d(second, ksize=2, strides=2, padding="VALID")
        visible.append(not bool(tf.reduce_all(first == second)))
    return visible


def measured_smoothing(series: Sequence[float], kernel: Sequence[float]) -> np.ndarray:
    """``tf.nn.conv1d`` of a 1-D series with a 1-D kernel (VALID, stride 1): what a Conv1D layer computes."""
    import tensorflow as tf

    values = tf.reshape(tf.constant(np.asarray(series, dtype=np.float32)), [1, -1, 1])
    weights = tf.reshape(tf.constant(np.asarray(kernel, dtype=np.float32)), [-1, 1, 1])
    return tf.nn.conv1d(values, weights, stride=1, padding="VALID")[0, :, 0].numpy().astype(np.float64)
