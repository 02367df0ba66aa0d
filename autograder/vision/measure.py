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


def measured_receptive_field(
    kernel_sizes: Sequence[int], strides: Sequence[int], dilations: Sequence[int] | None = None
) -> int:
    """Span of input cells that one output of stacked VALID convolutions depends on, measured by TensorFlow.

    The span, first to last cell: a stride longer than the kernel, or a dilation, leaves cells inside it
    unseen. ``dilations`` (one per layer, 1 by default) spread each kernel's taps that many cells apart.
    Without dilations the cells are those TensorFlow's gradient reaches (TensorFlow has no gradient of a
    dilated convolution on the CPU); with them, each input cell is raised alone (one batch entry per cell,
    every weight 1) and the cells that make the first output nonzero are the ones it depends on.
    """
    import tensorflow as tf

    kernel_sizes, strides = tuple(int(k) for k in kernel_sizes), tuple(int(s) for s in strides)
    dilations = tuple(int(d) for d in dilations) if dilations is not None else (1,) * len(kernel_sizes)
    if not (len(kernel_sizes) == len(strides) == len(dilations)) or not kernel_sizes:
        raise ValueError("give one stride and one dilation per kernel size, and at least one layer")
    length, jump = 1, 1
    for k, s, d in zip(kernel_sizes, strides, dilations, strict=True):
        length += d * k * jump  # more than the field needs, so every layer has at least one output
        jump *= s

    def stack(values: tf.Tensor) -> tf.Tensor:
        for k, s, d in zip(kernel_sizes, strides, dilations, strict=True):
            kernel = tf.ones([k, 1, 1, 1])
            values = tf.nn.conv2d(values, kernel, strides=[s, 1], padding="VALID", dilations=[d, 1])
        return values

    if all(d == 1 for d in dilations):
        column = tf.Variable(tf.ones([1, length, 1, 1]))
        with tf.GradientTape() as tape:
            first_output = stack(column)[0, 0, 0, 0]
        seen = np.flatnonzero(tape.gradient(first_output, column).numpy().ravel())
    else:
        one_cell_each = tf.reshape(tf.eye(length), [length, length, 1, 1])
        seen = np.flatnonzero(stack(one_cell_each)[:, 0, 0, 0].numpy())
    return int(seen[-1] - seen[0] + 1)


@lru_cache(maxsize=4096)
def measured_three_by_three_stack(k: int, channels: int) -> int:
    """Weights, biases included, of the stack of 3x3 ``Conv2D`` layers (stride 1, ``channels`` filters on
    ``channels`` input channels) whose receptive field, measured with `measured_receptive_field`, is the
    ``k`` cells of one k x k layer; Keras counts them (``count_params``). ``k`` must be odd: a stack of
    3x3 layers sees 3, 5, 7, ... cells."""
    from tensorflow import keras

    depth = 1
    while measured_receptive_field((3,) * depth, (1,) * depth) < k:
        depth += 1
    if measured_receptive_field((3,) * depth, (1,) * depth) != k:
        raise ValueError(f"no stack of 3x3 layers sees {k} cells")
    total = 0
    for _ in range(depth):
        layer = keras.layers.Conv2D(channels, 3)
        layer.build((None, None, None, channels))
        total += layer.count_params()
    return total


@lru_cache(maxsize=4096)
def measured_padded_output_size(n: int, k: int, s: int, p: int, d: int) -> int:
    """Rows in ``tf.nn.conv2d``'s output for a column of ``n`` cells with ``p`` zeros added on each side
    (explicit padding), a kernel of ``k`` taps, stride ``s`` and dilation ``d`` (TensorFlow raises if the
    dilated kernel does not fit)."""
    import tensorflow as tf

    column = tf.zeros([1, n, 1, 1])
    padding = [[0, 0], [p, p], [0, 0], [0, 0]]
    kernel = tf.ones([k, 1, 1, 1])
    return int(tf.nn.conv2d(column, kernel, strides=[s, 1], padding=padding, dilations=[d, 1]).shape[1])


@lru_cache(maxsize=4096)
def measured_symmetric_matches_same(n: int, k: int, s: int) -> bool:
    """Whether ``tf.nn.conv2d`` with (k - 1) // 2 zeros on each side of a column of ``n`` cells (PyTorch's
    ``padding=(k - 1) // 2``) gives exactly its SAME output, same size and same values, for a kernel of
    ``k`` taps and stride ``s``. The column and the kernel hold random values, so windows that start one
    cell apart cannot give the same numbers."""
    import tensorflow as tf

    rng = np.random.default_rng(n * 1000 + k * 10 + s)
    column = tf.constant(rng.random((1, n, 1, 1)), dtype=tf.float64)
    kernel = tf.constant(rng.random((k, 1, 1, 1)), dtype=tf.float64)
    p = (k - 1) // 2
    same = tf.nn.conv2d(column, kernel, strides=[s, 1], padding="SAME")
    symmetric = tf.nn.conv2d(column, kernel, strides=[s, 1], padding=[[0, 0], [p, p], [0, 0], [0, 0]])
    return same.shape == symmetric.shape and bool(np.allclose(same, symmetric, rtol=0, atol=1e-12))


@lru_cache(maxsize=4096)
def measured_dilated_same_padding(n: int, k: int, s: int, d: int) -> tuple[int, int]:
    """(before, after) padding that ``tf.nn.conv2d`` adds with SAME for a kernel of ``k`` taps ``d`` cells apart.

    The column holds 1, 2, ..., n (exact in float32) and the kernel has one output channel per tap, with
    a single weight of 1 at that tap, so output channel j of window i reads the cell under tap j (0 in
    the padding). In the first window, the first tap on a real cell, j, lies on cell j·d - before, which
    gives ``before``; the last window's last tap then lies (o - 1)·s - before + (k - 1)·d cells from the
    start, and how far that is past the last cell is ``after``. Needs n >= d, so that some tap of the
    first window lands on a real cell (otherwise no output shows where the padding went).
    """
    import tensorflow as tf

    if n < d:
        raise ValueError("the padding cannot be seen when the dilation is larger than the input")
    column = tf.reshape(tf.range(1, n + 1, dtype=tf.float32), [1, n, 1, 1])
    kernel = tf.reshape(tf.eye(k), [k, 1, 1, k])
    taps = tf.nn.conv2d(column, kernel, strides=[s, 1], padding="SAME", dilations=[d, 1])[0, :, 0, :]
    taps = taps.numpy().astype(np.int64)
    first_real = int(np.flatnonzero(taps[0])[0])
    before = first_real * d - (int(taps[0, first_real]) - 1)
    last_tap = (taps.shape[0] - 1) * s - before + (k - 1) * d
    return before, max(last_tap - (n - 1), 0)


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
