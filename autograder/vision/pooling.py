"""Pooling, the condense step: the one place that says how a window is reduced.

`pool` runs TensorFlow's max or average pooling on a (batch, height, width, channels) array;
`pool_numpy` does the same arithmetic on a 2-D map in plain NumPy, window by window, so that a
lesson's explorer can show where every number comes from and an exercise can reduce windows in
a tempting wrong way (a sum instead of a mean). Both take the window as a size or a (rows,
columns) pair, a stride that defaults to the window (as in Keras) and VALID or SAME padding;
padded cells never count, as in TensorFlow: max pooling ignores them and average pooling divides
by the number of real cells under the window. `pool_gradient` is TensorFlow's gradient of the
sum of a pooled map with respect to the map, measured with ``tf.GradientTape``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

from autograder.i18n import _
from autograder.vision.geometry import padding_name, window_starts

POOL_MODES = ("max", "average")

Window = int | tuple[int, int]


def pool_mode(mode: str) -> str:
    """``'max'`` or ``'average'`` (also accepts ``'avg'``, as TensorFlow spells it, and ``'mean'``)."""
    name = {"avg": "average", "mean": "average"}.get(str(mode).lower(), str(mode).lower())
    if name not in POOL_MODES:
        raise ValueError(_("mode must be 'max' or 'average', not {mode}").format(mode=repr(mode)))
    return name


def _pair(value: Window) -> tuple[int, int]:
    if isinstance(value, (int, np.integer)):
        return int(value), int(value)
    rows, cols = value
    return int(rows), int(cols)


def pool(
    batch: Any, window: Window = 2, stride: Window | None = None, padding: str = "SAME", mode: str = "max"
) -> np.ndarray:
    """TensorFlow's pooling of a (N, H, W, C) batch, as float32 numbers.

    ``tf.nn.max_pool2d`` and ``tf.nn.avg_pool2d`` rather than ``tf.nn.pool``, which refuses a
    stride larger than the window.
    """
    import tensorflow as tf

    function = tf.nn.max_pool2d if pool_mode(mode) == "max" else tf.nn.avg_pool2d
    size = _pair(window)
    step = size if stride is None else _pair(stride)
    result = function(tf.convert_to_tensor(batch, tf.float32), size, step, padding_name(padding).upper())
    return result.numpy()


def pool_map(
    feature_map: Any, window: Window = 2, stride: Window | None = None, padding: str = "SAME", mode: str = "max"
) -> np.ndarray:
    """`pool` of a single (height, width) map, or of the first channel of a (height, width, channels) one."""
    values = np.asarray(feature_map, dtype=np.float32)
    if values.ndim == 2:
        values = values[:, :, np.newaxis]
    return pool(values[np.newaxis], window, stride, padding, mode)[0, :, :, 0]


def pool_gradient(
    feature_map: Any, window: Window = 2, stride: Window | None = None, padding: str = "valid", mode: str = "max"
) -> np.ndarray:
    """The gradient of the sum of `pool_map`'s output with respect to the 2-D ``feature_map``, by ``tf.GradientTape``.

    Max pooling sends each window's gradient to its maximum (on a tie, to the first maximum in reading
    order), average pooling spreads it evenly; a cell under several windows adds up what each sends.
    """
    import tensorflow as tf

    function = tf.nn.max_pool2d if pool_mode(mode) == "max" else tf.nn.avg_pool2d
    size = _pair(window)
    step = size if stride is None else _pair(stride)
    values = tf.convert_to_tensor(np.asarray(feature_map, dtype=np.float32)[np.newaxis, :, :, np.newaxis])
    with tf.GradientTape() as tape:
        tape.watch(values)
        total = tf.reduce_sum(function(values, size, step, padding_name(padding).upper()))
    return tape.gradient(total, values).numpy()[0, :, :, 0]


def window_spans(size: int, window: int, stride: int | None = None, padding: str = "valid") -> list[tuple[int, int]]:
    """The real (unpadded) cells each window covers along one axis, as [start, stop) pairs."""
    starts = window_starts(size, window, stride or window, padding)
    return [(max(start, 0), min(start + window, size)) for start in starts]


def pool_numpy(
    feature_map: Any,
    window: Window = 2,
    stride: Window | None = None,
    padding: str = "valid",
    mode: str = "max",
    reduce: Callable[[np.ndarray], Any] | None = None,
) -> np.ndarray:
    """Pooling of a 2-D map in NumPy, each window reduced by ``reduce`` (default: the ``mode``'s)."""
    values = np.asarray(feature_map, dtype=np.float64)
    if values.ndim != 2:
        raise ValueError(_("pooling expects a 2-D feature map, got shape {shape}").format(shape=values.shape))
    if reduce is None:
        reduce = np.max if pool_mode(mode) == "max" else np.mean
    (ph, pw), (sh, sw) = _pair(window), _pair(stride if stride is not None else window)
    rows = window_spans(values.shape[0], ph, sh, padding)
    cols = window_spans(values.shape[1], pw, sw, padding)
    result = np.empty((len(rows), len(cols)))
    for i, (top, bottom) in enumerate(rows):
        for j, (left, right) in enumerate(cols):
            result[i, j] = reduce(values[top:bottom, left:right])
    return result
