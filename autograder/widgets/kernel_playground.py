"""The kernel playground: an editable grid of weights and presets, wired to `extraction` and
drawn by `playground_figure`."""

from __future__ import annotations

from typing import Any

import ipywidgets as widgets
import numpy as np
from matplotlib.figure import Figure

from autograder.i18n import N_, _
from autograder.widgets.drawing import figure_png
from autograder.widgets.extraction import IMAGE_NAMES, extract_features, source_image, summarise
from autograder.widgets.fallback import ExplorerBox, widgets_available
from autograder.widgets.panels import (
    CONTROL_LAYOUT,
    CONTROL_STYLE,
    TOGGLE_STYLE,
    figure_image,
    heading,
    labelled,
    lines_html,
    text_lines,
)
from autograder.widgets.playground_figure import playground_figure
from autograder.widgets.presets import GRID_SIZES, PRESET_NAMES, matching_preset, preset_kernel, resize_kernel
from autograder.widgets.redraw import Redraw

TITLE = N_("Kernel playground")
CUSTOM = "custom"
"""The preset dropdown's value while the grid holds a kernel of the learner's own."""

PRESET_LABELS = {
    # Translators: the preset dropdown's entry while the grid holds weights the learner typed.
    CUSTOM: N_("(your own)"),
    # Translators: a kernel preset, named after autograder.vision.KERNELS["edge"]; learners also pass the name in
    # code (kernel_playground(kernel="edge")), so keep the English name visible, e.g. in parentheses.
    "edge": N_("edge"),
    # Translators: a kernel preset (the Sobel filter for horizontal edges); keep the English name visible.
    "bottom_sobel": N_("bottom_sobel"),
    # Translators: a kernel preset; keep the English name visible.
    "emboss": N_("emboss"),
    # Translators: a kernel preset; keep the English name visible.
    "sharpen": N_("sharpen"),
    # Translators: a kernel preset; keep the English name visible.
    "blur": N_("blur"),
}
"""The word the preset dropdown shows, by the preset's name in the code."""

IMAGE_LABELS = {
    # Translators: a picture's name (a photographer with a camera); learners also pass the name in code
    # (kernel_playground(image="camera")), so keep the English name visible, e.g. in parentheses.
    "camera": N_("camera"),
    # Translators: a picture's name (a brick wall); keep the English name visible.
    "brick": N_("brick"),
    # Translators: a picture's name: Chelsea is a cat; keep the English name visible.
    "chelsea": N_("chelsea"),
    # Translators: a picture's name; keep the English name visible.
    "horse": N_("horse"),
    # Translators: a synthetic picture's name (a white disc); keep the English name visible.
    "circle": N_("circle"),
    # Translators: a synthetic picture's name; keep the English name visible.
    "stripes": N_("stripes"),
    # Translators: a synthetic picture's name; keep the English name visible.
    "dots": N_("dots"),
}
"""The word the image dropdown shows, by the image's name in the code."""


def _weight_box(value: float, row: int, col: int) -> widgets.FloatText:
    box = widgets.FloatText(
        value=round(float(value), 4),
        layout={"width": "5.5em"},
        tooltip=_("row {row}, column {col}").format(row=row, col=col),
    )
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
            options=labelled({name: PRESET_LABELS[name] for name in (CUSTOM, *PRESET_NAMES)}),
            value=matching_preset(kernel) or CUSTOM,
            description=_("preset"),
            style=CONTROL_STYLE,
            layout=CONTROL_LAYOUT,
        )
        self.grid_size = widgets.ToggleButtons(
            options=[(f"{n}×{n}", n) for n in GRID_SIZES] if side in GRID_SIZES else [(f"{side}×{side}", side)],
            value=side,
            description=_("kernel size"),
            style=TOGGLE_STYLE,
        )
        self.image = widgets.Dropdown(
            options=labelled({name: IMAGE_LABELS[name] for name in IMAGE_NAMES}),
            value=image,
            description=_("image"),
            style=CONTROL_STYLE,
            layout=CONTROL_LAYOUT,
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
            _(TITLE),
            [
                heading(
                    _(TITLE), _("pick a preset or type your own weights (press Enter), and watch each step change.")
                ),
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
