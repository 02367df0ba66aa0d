"""Figures for lessons and exercises: annotated kernels and filter/detect/condense panels.

Each figure carries titles and numbers, so it reads without relying on colour alone.
"""

from __future__ import annotations

from collections.abc import Mapping
from itertools import product
from typing import Any

import numpy as np

from autograder.i18n import _
from autograder.vision.ops import condense, convolve, detect


def show_kernel(kernel: Any, ax: Any = None, digits: int | None = 2, title: str | None = None) -> Any:
    """Draw a kernel as a heat map with each weight written in its cell; returns the axes."""
    import matplotlib.pyplot as plt

    values = np.asarray(kernel, dtype=np.float64)
    if values.ndim != 2:
        message = _("{function} expects a 2-D kernel, got shape {shape}")
        raise ValueError(message.format(function="show_kernel", shape=values.shape))
    if ax is None:
        side = 0.7 * max(values.shape) + 0.8
        __, ax = plt.subplots(figsize=(side, side))
    ax.imshow(values, cmap="RdBu_r", vmin=-np.abs(values).max() or -1, vmax=np.abs(values).max() or 1)
    middle = (values.max() + values.min()) / 2
    for row, col in product(range(values.shape[0]), range(values.shape[1])):
        value = values[row, col]
        text = f"{value:.{digits}g}" if digits is not None else str(value)
        strong = abs(value) > abs(middle) and abs(value) > 0.5 * np.abs(values).max()
        ax.text(col, row, text, ha="center", va="center", color="white" if strong else "black", fontsize=12)
    ax.set_xticks([])
    ax.set_yticks([])
    if title:
        ax.set_title(title)
    return ax


def show_maps(maps: Mapping[str, Any], cmap: str = "magma", size: float = 3.0) -> Any:
    """Show several 2-D maps side by side, each under its title; returns the figure.

    A map whose title starts with "Input" (or its translation) is an image, drawn in gray.
    """
    import matplotlib.pyplot as plt

    images = ("input", _("Input").lower())
    fig, axes = plt.subplots(1, len(maps), figsize=(size * len(maps), size + 0.4))
    for ax, (title, values) in zip(np.atleast_1d(axes), maps.items(), strict=True):
        array = np.asarray(values)
        ax.imshow(array, cmap="gray" if title.lower().startswith(images) else cmap)
        ax.set_title(f"{title}\n{array.shape[0]}×{array.shape[1]}")
        ax.set_xticks([])
        ax.set_yticks([])
    fig.tight_layout()
    return fig


def show_extraction(image: Any, kernel: Any, window: int = 2, stride: int | None = None, padding: str = "SAME") -> Any:
    """Input, filter (convolution), detect (ReLU) and condense (max pooling), side by side."""
    filtered = convolve(image, kernel, padding=padding)
    detected = detect(filtered)
    condensed = condense(detected, window=window, stride=stride)
    return show_maps(
        {
            _("Input"): image,
            _("Filter (convolution)"): filtered,
            _("Detect (ReLU)"): detected,
            _("Condense (max pool {window})").format(window=f"{window}×{window}"): condensed,
        }
    )
