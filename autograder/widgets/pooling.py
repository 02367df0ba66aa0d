"""Pooling in plain NumPy, matching ``tf.nn.pool``, so every number in the explorer can be traced.

Padded cells never count: max pooling treats them as −∞ and average pooling divides by the
number of real cells under the window, as TensorFlow does.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from autograder.widgets.formatting import format_number
from autograder.widgets.windows import axis_layout

POOL_MODES = ("max", "average")


def normalise_mode(mode: str) -> str:
    """'max' or 'average' (also accepts 'avg', as TensorFlow spells it)."""
    name = {"avg": "average", "mean": "average"}.get(str(mode).lower(), str(mode).lower())
    if name not in POOL_MODES:
        raise ValueError(f"mode must be 'max' or 'average', not {mode!r}")
    return name


def window_spans(
    size: int, window: int, stride: int | None = None, padding: str = "valid"
) -> list[tuple[int, int]]:
    """The real (unpadded) cells each window covers along one axis, as [start, stop) pairs."""
    layout = axis_layout(size, window, stride or window, padding)
    return [(max(start, 0), min(start + window, size)) for start in layout.starts]


def pool(
    feature_map: Any,
    window: int = 2,
    stride: int | None = None,
    mode: str = "max",
    padding: str = "valid",
) -> np.ndarray:
    """Max or average pooling of a 2-D map; the stride defaults to the window, as in Keras."""
    values = np.asarray(feature_map, dtype=np.float64)
    if values.ndim != 2:
        raise ValueError(f"pool expects a 2-D feature map, got shape {values.shape}")
    reduce = np.max if normalise_mode(mode) == "max" else np.mean
    rows = window_spans(values.shape[0], window, stride, padding)
    cols = window_spans(values.shape[1], window, stride, padding)
    result = np.empty((len(rows), len(cols)))
    for i, (top, bottom) in enumerate(rows):
        for j, (left, right) in enumerate(cols):
            result[i, j] = reduce(values[top:bottom, left:right])
    return result


def example_feature_map(size: int = 6, seed: int = 0) -> np.ndarray:
    """A small map of whole numbers 0-9 with many zeros, like a detected (ReLU) feature map."""
    rng = np.random.default_rng(seed)
    values = rng.integers(-6, 10, size=(size, size))
    return np.maximum(values, 0).astype(np.float64)


def explain_output(
    feature_map: Any,
    row: int,
    col: int,
    window: int = 2,
    stride: int | None = None,
    mode: str = "max",
    padding: str = "valid",
) -> str:
    """How output cell (row, col) is computed from the real cells under its window."""
    values = np.asarray(feature_map, dtype=np.float64)
    top, bottom = window_spans(values.shape[0], window, stride, padding)[row]
    left, right = window_spans(values.shape[1], window, stride, padding)[col]
    cells = values[top:bottom, left:right].ravel()
    ignored = window * window - cells.size
    note = f" ({ignored} padded cells ignored)" if ignored else ""
    if normalise_mode(mode) == "max":
        listed = ", ".join(format_number(value) for value in cells)
        return f"output[{row}, {col}] = max({listed}) = {format_number(cells.max())}{note}"
    summed = " + ".join(format_number(value) for value in cells)
    return f"output[{row}, {col}] = ({summed}) / {cells.size} = {format_number(cells.mean())}{note}"
