"""The kernel playground: an editable grid of weights and presets, wired to `extraction` and
drawn by `playground_figure`."""

from __future__ import annotations

from typing import Any

import ipywidgets as widgets
import numpy as np
from matplotlib.figure import Figure

from autograder.widgets.drawing import figure_png
from autograder.widgets.extraction import IMAGE_NAMES, extract_features, source_image, summarise
from autograder.widgets.fallback import ExplorerBox, widgets_available
from autograder.widgets.panels import (
    CONTROL_LAYOUT,
    CONTROL_STYLE,
    TOGGLE_STYLE,
    figure_image,
    heading,
    lines_html,
    text_lines,
)
from autograder.widgets.playground_figure import playground_figure
from autograder.widgets.presets import GRID_SIZES, PRESET_NAMES, matching_preset, preset_kernel, resize_kernel
from autograder.widgets.redraw import Redraw

TITLE = "Kernel playground"
CUSTOM = "(your own)"


def _weight_box(value: float, row: int, col: int) -> widgets.FloatText:
    box = widgets.FloatText(value=round(float(value), 4), layout={"width": "5.5em"}, tooltip=f"row {row}, column {col}")
    box.add_class("convnet-kernel-weight")
    return box


def _initial_kernel(kernel: str | Any, size: int) -> np.ndarray:
    if isinstance(kernel, str):
        return preset_kernel(kernel, size)
    return resize_kernel(kernel, max(size, np.asarray(kernel).shape[0]))


class KernelPlayground:
    """The grid, presets, image choice, summary and figure of one kernel playground."""

    def __init__(self, image: str, kernel: np.ndarray, pool_window: int, image_size: int) -> None:
        self.pool_window = pool_window
        self.image_size = image_size
        self.pixels = source_image(image, image_size)
        side = kernel.shape[0]
        self.preset = widgets.Dropdown(
            options=[CUSTOM, *PRESET_NAMES],
            value=matching_preset(kernel) or CUSTOM,
            description="preset",
            style=CONTROL_STYLE,
            layout=CONTROL_LAYOUT,
        )
        self.grid_size = widgets.ToggleButtons(
            options=[(f"{n}×{n}", n) for n in GRID_SIZES] if side in GRID_SIZES else [(f"{side}×{side}", side)],
            value=side,
            description="kernel size",
            style=TOGGLE_STYLE,
        )
        self.image = widgets.Dropdown(
            options=IMAGE_NAMES, value=image, description="image", style=CONTROL_STYLE, layout=CONTROL_LAYOUT
        )
        self.grid = widgets.GridBox()
        self.grid.add_class("convnet-kernel-grid")
        self.weights: list[widgets.FloatText] = []
        self.summary = text_lines([])
        self.figure = figure_image(b"")
        self.redraw = Redraw(self._draw)
        with self.redraw.batch():
            self._build_grid(kernel)
        self.preset.observe(self._on_preset, names="value")
        self.grid_size.observe(self._on_grid_size, names="value")
        self.image.observe(self._on_image, names="value")
        self.box = ExplorerBox(
            TITLE,
            [
                heading(TITLE, "pick a preset or type your own weights (press Enter), and watch each step change."),
                widgets.HBox([widgets.VBox([self.preset, self.grid_size, self.image]), self.grid]),
                self.summary,
                self.figure,
            ],
            self.figure.value,
        )
        self.box.add_class("convnet-kernel-playground")

    def kernel(self) -> np.ndarray:
        """The weights currently in the grid."""
        side = self.grid_size.value
        return np.array([box.value for box in self.weights], dtype=np.float32).reshape(side, side)

    def _build_grid(self, kernel: np.ndarray) -> None:
        side = kernel.shape[0]
        self.weights = [_weight_box(kernel[r, c], r, c) for r in range(side) for c in range(side)]
        for box in self.weights:
            box.observe(self._on_weight, names="value")
        self.grid.layout = widgets.Layout(
            grid_template_columns=f"repeat({side}, 5.5em)", grid_gap="2px", width=f"{side * 6}em"
        )
        self.grid.children = self.weights

    def _on_weight(self, change: dict[str, Any]) -> None:
        """A weight typed by the student: name the preset it now matches, if any, and redraw."""
        if self.redraw.busy:
            return
        with self.redraw.batch():
            self.preset.value = matching_preset(self.kernel()) or CUSTOM

    def _on_preset(self, change: dict[str, Any]) -> None:
        if change["new"] == CUSTOM:
            return
        with self.redraw.batch():
            weights = preset_kernel(change["new"], self.grid_size.value).ravel()
            for box, value in zip(self.weights, weights, strict=True):
                box.value = round(float(value), 4)

    def _on_grid_size(self, change: dict[str, Any]) -> None:
        old = np.array([box.value for box in self.weights], dtype=np.float32).reshape(change["old"], change["old"])
        with self.redraw.batch():
            for box in self.weights:
                box.unobserve(self._on_weight, names="value")
                box.close()  # the front end forgets the old boxes too
            self._build_grid(resize_kernel(old, change["new"]))
            self.preset.value = matching_preset(self.kernel()) or CUSTOM

    def _on_image(self, change: dict[str, Any]) -> None:
        self.pixels = source_image(change["new"], self.image_size)
        self.redraw.request()

    def _draw(self) -> None:
        stages = extract_features(self.pixels, self.kernel(), self.pool_window)
        self.summary.value = lines_html(summarise(stages))
        self.figure.value = figure_png(playground_figure(stages))


def kernel_playground(
    image: str = "camera",
    kernel: str | Any = "edge",
    size: int = 3,
    pool_window: int = 2,
    image_size: int = 128,
    static: bool = False,
) -> ExplorerBox | Figure:
    """Edit a kernel's weights (or pick a preset) and see the filtered, ReLU and pooled maps.

    ``image`` is a photograph from data/ or 'circle', 'stripes', 'dots'; ``kernel`` a preset
    name or your own square array. With ``static=True`` (or outside a Jupyter kernel) returns
    the matplotlib figure instead.
    """
    weights = _initial_kernel(kernel, size)
    if static or not widgets_available():
        return playground_figure(extract_features(source_image(image, image_size), weights, pool_window))
    return KernelPlayground(image, weights, pool_window, image_size).box
