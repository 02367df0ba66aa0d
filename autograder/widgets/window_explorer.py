"""The sliding-window explorer: input size, kernel size, stride and padding controls wired to
`windows` and drawn by `window_figure`."""

from __future__ import annotations

from typing import Any

import ipywidgets as widgets
from matplotlib.figure import Figure

from autograder.i18n import N_, _
from autograder.widgets.drawing import figure_png
from autograder.widgets.fallback import ExplorerBox, widgets_available
from autograder.widgets.panels import (
    PADDING_LABELS,
    TOGGLE_STYLE,
    figure_image,
    heading,
    int_slider,
    labelled,
    lines_html,
    text_lines,
)
from autograder.widgets.redraw import Redraw
from autograder.widgets.window_figure import window_figure
from autograder.widgets.windows import AxisLayout, axis_layout, formula_lines

TITLE = N_("Sliding-window explorer")
SIZE_RANGE = (3, 12)
KERNEL_RANGE = (1, 7)
STRIDE_RANGE = (1, 4)


class WindowExplorer:
    """Controls, formula and figure for one sliding-window explorer."""

    def __init__(self, size: int, kernel: int, stride: int, padding: str) -> None:
        layout = axis_layout(size, kernel, stride, padding)
        self.size = int_slider(_("input size {n}").format(n="n"), size, *SIZE_RANGE)
        self.kernel = int_slider(
            _("kernel size {k}").format(k="k"), kernel, KERNEL_RANGE[0], min(KERNEL_RANGE[1], size)
        )
        self.stride = int_slider(_("stride {s}").format(s="s"), stride, *STRIDE_RANGE)
        self.padding = widgets.ToggleButtons(
            options=labelled(PADDING_LABELS), value=layout.padding, description=_("padding"), style=TOGGLE_STYLE
        )
        self.position = int_slider(_("window"), 0, 0, layout.output**2 - 1)
        self.formula = text_lines(formula_lines(layout))
        self.figure = figure_image(figure_png(window_figure(layout)))
        self.redraw = Redraw(self._draw)
        for control in (self.size, self.kernel, self.stride, self.padding):
            control.observe(self._on_setting, names="value")
        self.position.observe(self.redraw.request, names="value")
        self.box = ExplorerBox(
            _(TITLE),
            [
                heading(_(TITLE), _("change the sizes, stride and padding, then step the window across.")),
                widgets.HBox(
                    [widgets.VBox([self.size, self.kernel, self.stride]), widgets.VBox([self.padding, self.position])]
                ),
                self.formula,
                self.figure,
            ],
            self.figure.value,
        )
        self.box.add_class("convnet-window-explorer")

    def _layout(self) -> AxisLayout:
        return axis_layout(self.size.value, self.kernel.value, self.stride.value, self.padding.value)

    def _on_setting(self, change: dict[str, Any]) -> None:
        """Keep the kernel within the input and the window number within the output, then redraw."""
        with self.redraw.batch():
            self.kernel.max = min(KERNEL_RANGE[1], self.size.value)
            last = self._layout().output ** 2 - 1
            self.position.value = min(self.position.value, last)
            self.position.max = last

    def _draw(self) -> None:
        layout = self._layout()
        self.formula.value = lines_html(formula_lines(layout))
        self.figure.value = figure_png(window_figure(layout, self.position.value))


def sliding_window_explorer(
    size: int = 7, kernel: int = 3, stride: int = 2, padding: str = "same", static: bool = False
) -> ExplorerBox | Figure:
    """Where a k×k window lands on an n×n input for a stride and padding, and the output size.

    With ``static=True`` (or outside a Jupyter kernel) returns the matplotlib figure instead.
    """
    if static or not widgets_available():
        return window_figure(axis_layout(size, kernel, stride, padding))
    return WindowExplorer(size, kernel, stride, padding).box
