"""The pooling explorer: window, stride, max or average and padding on a small feature map,
wired to `pooling` and drawn by `pooling_figure`."""

from __future__ import annotations

from typing import Any

import ipywidgets as widgets
import numpy as np
from matplotlib.figure import Figure

from autograder.i18n import N_, _
from autograder.vision.geometry import output_size, padding_name
from autograder.widgets.drawing import figure_png
from autograder.widgets.fallback import ExplorerBox, widgets_available
from autograder.widgets.panels import (
    CONTROL_LAYOUT,
    CONTROL_STYLE,
    PADDING_LABELS,
    TOGGLE_STYLE,
    figure_image,
    heading,
    int_slider,
    labelled,
    lines_html,
    text_lines,
)
from autograder.widgets.pooling import example_feature_map, explain_output, normalise_mode
from autograder.widgets.pooling_figure import pooling_figure
from autograder.widgets.redraw import Redraw
from autograder.widgets.windows import axis_layout, formula_lines

TITLE = N_("Pooling explorer")
WINDOW_RANGE = (1, 4)
MODE_LABELS = {
    # Translators: a pooling button (max pooling); the course's code names the mode "max".
    "max": N_("max"),
    # Translators: a pooling button (average pooling); the course's code names the mode "average".
    "average": N_("average"),
}
"""The word each pooling toggle shows, by the mode's name in `autograder.vision.pooling`."""


class PoolingExplorer:
    """Controls and figure for one pooling explorer."""

    def __init__(
        self, feature_map: np.ndarray, window: int, stride: int | None, mode: str, padding: str, seed: int | None
    ) -> None:
        self.feature_map = feature_map
        self.seed = seed
        smallest = min(feature_map.shape)
        self.window = int_slider(_("window"), window, WINDOW_RANGE[0], min(WINDOW_RANGE[1], smallest))
        self.stride = widgets.Dropdown(
            options=[(_("= window (Keras default)"), 0), *((str(n), n) for n in range(1, WINDOW_RANGE[1] + 1))],
            value=stride or 0,
            description=_("stride"),
            style=CONTROL_STYLE,
            layout=CONTROL_LAYOUT,
        )
        self.mode = widgets.ToggleButtons(
            options=labelled(MODE_LABELS), value=normalise_mode(mode), description=_("pooling"), style=TOGGLE_STYLE
        )
        self.padding = widgets.ToggleButtons(
            options=labelled(PADDING_LABELS),
            value=padding_name(padding),
            description=_("padding"),
            style=TOGGLE_STYLE,
        )
        self.position = int_slider(_("output cell"), 0, 0, max(self._output_count() - 1, 0))
        controls: list[widgets.Widget] = [self.window, self.stride, self.position]
        if seed is not None:
            self.new_map = widgets.Button(description=_("New feature map"), tooltip=_("draw another random map"))
            self.new_map.on_click(self._on_new_map)
            controls.append(self.new_map)
        self.text = text_lines(self._explanation())
        self.figure = figure_image(figure_png(self._figure()))
        self.redraw = Redraw(self._draw)
        for control in (self.window, self.stride, self.padding):
            control.observe(self._on_setting, names="value")
        self.mode.observe(self.redraw.request, names="value")
        self.position.observe(self.redraw.request, names="value")
        self.box = ExplorerBox(
            _(TITLE),
            [
                heading(_(TITLE), _("change the window, stride and pooling, and step through the output cells.")),
                widgets.HBox([widgets.VBox(controls), widgets.VBox([self.mode, self.padding])]),
                self.text,
                self.figure,
            ],
            self.figure.value,
        )
        self.box.add_class("convnet-pooling-explorer")

    def _settings(self) -> tuple[int, int, str, str]:
        """(window, stride, mode, padding), with the Keras default stride made explicit."""
        window = self.window.value
        return window, self.stride.value or window, self.mode.value, self.padding.value

    def _output_shape(self) -> tuple[int, int]:
        window, stride, __, padding = self._settings()
        rows, cols = (output_size(n, window, stride, padding) for n in self.feature_map.shape)
        return rows, cols

    def _output_count(self) -> int:
        rows, cols = self._output_shape()
        return rows * cols

    def _explanation(self) -> list[str]:
        """The highlighted cell's computation, then the output-size formula for the rows."""
        window, stride, mode, padding = self._settings()
        row, col = divmod(self.position.value, self._output_shape()[1])
        rows = axis_layout(self.feature_map.shape[0], window, stride, padding)
        return [explain_output(self.feature_map, row, col, window, stride, mode, padding), *formula_lines(rows)]

    def _figure(self) -> Figure:
        return pooling_figure(self.feature_map, *self._settings(), self.position.value)

    def _on_setting(self, change: dict[str, Any]) -> None:
        """Keep the output cell number within the new output, then redraw."""
        with self.redraw.batch():
            last = self._output_count() - 1
            self.position.value = min(self.position.value, last)
            self.position.max = last

    def _on_new_map(self, button: widgets.Button) -> None:
        self.seed = (self.seed or 0) + 1
        self.feature_map = example_feature_map(self.feature_map.shape[0], self.seed)
        self.redraw.request()

    def _draw(self) -> None:
        self.text.value = lines_html(self._explanation())
        self.figure.value = figure_png(self._figure())


def pooling_explorer(
    feature_map: Any = None,
    window: int = 2,
    stride: int | None = None,
    mode: str = "max",
    padding: str = "valid",
    size: int = 6,
    seed: int = 0,
    static: bool = False,
) -> ExplorerBox | Figure:
    """Pool a small feature map shown as numbers, one window at a time.

    Without ``feature_map`` a random size×size map of whole numbers is used (a button draws
    another). The stride defaults to the window, as in Keras. With ``static=True`` (or outside a
    Jupyter kernel) returns the matplotlib figure instead.
    """
    given = feature_map is not None
    values = np.asarray(feature_map, dtype=np.float64) if given else example_feature_map(size, seed)
    if static or not widgets_available():
        return pooling_figure(values, window, stride, mode, padding)
    return PoolingExplorer(values, window, stride, mode, padding, None if given else seed).box
