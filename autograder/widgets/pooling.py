"""The pooling explorer's words: how each output of `autograder.vision.pooling.pool_numpy` is computed.

Padded cells never count: max pooling treats them as −∞ and average pooling divides by the
number of real cells under the window, as TensorFlow does.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from autograder.i18n import ngettext
from autograder.vision.pooling import POOL_MODES, pool_mode, window_spans
from autograder.widgets.formatting import format_number

__all__ = ["POOL_MODES", "example_feature_map", "explain_output", "normalise_mode", "window_spans"]

normalise_mode = pool_mode


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
    """How output cell (row, col) is computed from the real cells under its window.

    The computation is notation (``output[0, 1] = max(2, 0, 9, 1) = 9``), the same in every
    language; only the note on padded cells is a sentence to translate.
    """
    values = np.asarray(feature_map, dtype=np.float64)
    top, bottom = window_spans(values.shape[0], window, stride, padding)[row]
    left, right = window_spans(values.shape[1], window, stride, padding)[col]
    cells = values[top:bottom, left:right].ravel()
    if pool_mode(mode) == "max":
        listed = ", ".join(format_number(value) for value in cells)
        formula = f"output[{row}, {col}] = max({listed}) = {format_number(cells.max())}"
    else:
        summed = " + ".join(format_number(value) for value in cells)
        formula = f"output[{row}, {col}] = ({summed}) / {cells.size} = {format_number(cells.mean())}"
    ignored = window * window - cells.size
    if not ignored:
        return formula
    return ngettext(
        "{formula} ({count} padded cell ignored)", "{formula} ({count} padded cells ignored)", ignored
    ).format(formula=formula, count=ignored)
