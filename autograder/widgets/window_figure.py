"""The sliding-window explorer's picture: windows over a padded input grid, and the output grid."""

from __future__ import annotations

from matplotlib.axes import Axes
from matplotlib.figure import Figure

from autograder.i18n import _
from autograder.widgets.drawing import (
    HIGHLIGHT,
    PADDING_FACE,
    WINDOW,
    draw_box,
    draw_cell,
    new_figure,
    prepare_grid_axes,
)
from autograder.widgets.windows import AxisLayout, formula_lines


def output_cell(layout: AxisLayout, position: int) -> tuple[int, int]:
    """(row, column) of window number ``position``, counting row by row from 0."""
    count = layout.output**2
    if not 0 <= position < count:
        raise ValueError(f"position must be between 0 and {count - 1}, not {position}")
    return divmod(position, layout.output)


def _cell_style(layout: AxisLayout, index: int) -> str:
    """'padding', 'uncovered' or 'input' for one index along the axis."""
    if index < 0 or index >= layout.size:
        return "padding"
    if index >= layout.size - layout.uncovered:
        return "uncovered"
    return "input"


def _draw_input(ax: Axes, layout: AxisLayout, row: int, col: int) -> None:
    first, last = -layout.pad_before, layout.size + layout.pad_after
    span = range(first, last)
    title = [
        _("Input {size}, {padding} padding").format(size=f"{layout.size}×{layout.size}", padding=layout.padding.upper())
    ]
    if layout.total_padding:
        title.append(
            _("hatched: {before} before, {after} after (zeros)").format(
                before=layout.pad_before, after=layout.pad_after
            )
        )
    elif layout.uncovered:
        title.append(_("dotted: cells no window reaches"))
    prepare_grid_axes(ax, span, span, "\n".join(title))
    faces = {"padding": (PADDING_FACE, "//"), "uncovered": ("#fff8c5", ".."), "input": ("white", None)}
    for r in span:
        for c in span:
            styles = {_cell_style(layout, r), _cell_style(layout, c)}
            kind = next(name for name in faces if name in styles)
            face, hatch = faces[kind]
            draw_cell(ax, r, c, face=face, hatch=hatch)
    centres = [start + (layout.kernel - 1) / 2 for start in layout.starts]
    xs = [x for __ in centres for x in centres]
    ys = [y for y in centres for __ in centres]
    ax.plot(xs, ys, "o", color=WINDOW, markersize=4, zorder=4, label=_("window centres"))
    starts, k = layout.starts, layout.kernel
    if col + 1 < layout.output:
        draw_box(ax, starts[row], starts[col + 1], k, k, colour=WINDOW)
    if row + 1 < layout.output:
        draw_box(ax, starts[row + 1], starts[col], k, k, colour=WINDOW)
    draw_box(ax, starts[row], starts[col], k, k, colour=HIGHLIGHT, bold=True)


def _draw_output(ax: Axes, layout: AxisLayout, row: int, col: int) -> None:
    span = range(layout.output)
    size = f"{layout.output}×{layout.output}"
    prepare_grid_axes(ax, span, span, "\n".join([_("Output {size}").format(size=size), _("one value per window")]))
    numbered = layout.output <= 8
    for r in span:
        for c in span:
            draw_cell(ax, r, c, text=str(r * layout.output + c) if numbered else "")
    draw_box(ax, row, col, 1, 1, colour=HIGHLIGHT, bold=True)


def window_figure(layout: AxisLayout, position: int = 0) -> Figure:
    """Padded input with every window centre, window ``position`` in bold (its neighbours to the
    right and below dashed, a stride away), the output grid, and the worked formula on top."""
    row, col = output_cell(layout, position)
    figure = new_figure(9.0, 5.4)
    input_ax, output_ax = figure.subplots(
        1, 2, width_ratios=[layout.size + layout.total_padding, max(layout.output, 3)]
    )
    _draw_input(input_ax, layout, row, col)
    _draw_output(output_ax, layout, row, col)
    bold = _("Window {position} in bold").format(position=position)
    figure.suptitle("\n".join([bold, *formula_lines(layout)]), fontsize=10, ha="center")
    return figure
