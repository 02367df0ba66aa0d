"""The pooling explorer's picture: a feature map as numbers, one window, and the pooled map."""

from __future__ import annotations

from typing import Any

import numpy as np
from matplotlib.figure import Figure

from autograder.i18n import _
from autograder.vision.pooling import pool_numpy
from autograder.widgets.drawing import (
    HIGHLIGHT,
    PADDING_FACE,
    draw_box,
    draw_cell,
    new_figure,
    prepare_grid_axes,
)
from autograder.widgets.formatting import format_number
from autograder.widgets.pooling import explain_output, normalise_mode
from autograder.widgets.windows import axis_layout


def pooling_figure(
    feature_map: Any,
    window: int = 2,
    stride: int | None = None,
    mode: str = "max",
    padding: str = "valid",
    position: int = 0,
) -> Figure:
    """The map with window ``position`` (row by row from 0) in bold, padding hatched, and the
    pooled map with that output in bold; the worked computation is the figure's title."""
    values = np.asarray(feature_map, dtype=np.float64)
    stride = stride or window
    rows = axis_layout(values.shape[0], window, stride, padding)
    cols = axis_layout(values.shape[1], window, stride, padding)
    pooled = pool_numpy(values, window, stride, padding, mode)
    count = pooled.size
    if not 0 <= position < count:
        raise ValueError(f"position must be between 0 and {count - 1}, not {position}")
    row, col = divmod(position, pooled.shape[1])

    figure = new_figure(9.0, 5.0)
    map_ax, pooled_ax = figure.subplots(
        1, 2, width_ratios=[values.shape[1] + cols.total_padding, max(pooled.shape[1], 2)]
    )
    row_span = range(-rows.pad_before, values.shape[0] + rows.pad_after)
    col_span = range(-cols.pad_before, values.shape[1] + cols.pad_after)
    title = [_("Feature map {size}").format(size=f"{values.shape[0]}×{values.shape[1]}")]
    if rows.total_padding or cols.total_padding:
        title.append(_("hatched: SAME padding, ignored"))
    prepare_grid_axes(map_ax, row_span, col_span, "\n".join(title))
    for r in row_span:
        for c in col_span:
            inside = 0 <= r < values.shape[0] and 0 <= c < values.shape[1]
            if inside:
                draw_cell(map_ax, r, c, text=format_number(values[r, c]))
            else:
                draw_cell(map_ax, r, c, face=PADDING_FACE, hatch="//")
    draw_box(map_ax, rows.starts[row], cols.starts[col], window, window, colour=HIGHLIGHT, bold=True)

    size = f"{pooled.shape[0]}×{pooled.shape[1]}"
    pooled_title = _("Max pooled {size}") if normalise_mode(mode) == "max" else _("Average pooled {size}")
    settings = _("window {window}, stride {stride}").format(window=window, stride=stride)
    prepare_grid_axes(
        pooled_ax, range(pooled.shape[0]), range(pooled.shape[1]), f"{pooled_title.format(size=size)}\n{settings}"
    )
    for r in range(pooled.shape[0]):
        for c in range(pooled.shape[1]):
            draw_cell(pooled_ax, r, c, text=format_number(pooled[r, c]))
    draw_box(pooled_ax, row, col, 1, 1, colour=HIGHLIGHT, bold=True)
    figure.suptitle(explain_output(values, row, col, window, stride, mode, padding), fontsize=11)
    return figure
