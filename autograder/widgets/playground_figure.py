"""The kernel playground's picture: input, kernel, and the map after each extraction step."""

from __future__ import annotations

import numpy as np
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from autograder.i18n import _
from autograder.vision.plots import show_kernel
from autograder.widgets.drawing import new_figure
from autograder.widgets.extraction import Stages


def _show_map(ax: Axes, values: np.ndarray, title: str, cmap: str, symmetric: bool = False) -> None:
    limit = float(np.abs(values).max()) or 1.0
    bounds = {"vmin": -limit, "vmax": limit} if symmetric else {}
    ax.imshow(values, cmap=cmap, **bounds)
    ax.set_title(f"{title}\n{values.shape[0]}×{values.shape[1]}")
    ax.set_xticks([])
    ax.set_yticks([])


def playground_figure(stages: Stages) -> Figure:
    """Five titled panels: input, kernel weights, filtered, detected and condensed maps."""
    figure = new_figure(13.5, 3.3)
    axes = figure.subplots(1, 5)
    _show_map(axes[0], stages.image, _("Input image"), "gray")
    size = stages.kernel.shape[0]
    show_kernel(stages.kernel, ax=axes[1], title="\n".join([_("Kernel"), f"{size}×{size}"]))
    _show_map(axes[2], stages.filtered, _("Filter: convolution"), "RdBu_r", symmetric=True)
    _show_map(axes[3], stages.detected, _("Detect: ReLU"), "magma")
    window = stages.pool_window
    condense = _("Condense: max pool {window}").format(window=f"{window}×{window}")
    _show_map(axes[4], stages.condensed, condense, "magma")
    return figure
