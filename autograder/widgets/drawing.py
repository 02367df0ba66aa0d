"""Matplotlib building blocks shared by the explorers' figures.

Figures are made without pyplot, so showing one in a notebook never leaves a second copy
behind in pyplot's list of open figures.
Cells use imshow's coordinates: cell (row, col) spans col ± 0.5 across and row ± 0.5 down.
"""

from __future__ import annotations

import io

from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.patches import Rectangle

HIGHLIGHT = "#d1242f"
WINDOW = "#0969da"
PADDING_FACE = "#e6e6e6"


class ExplorerFigure(Figure):
    """A figure that a notebook shows as a PNG whatever backend is active (a plain `Figure`
    only displays once pyplot's inline backend has registered a formatter for it)."""

    def _repr_png_(self) -> bytes:
        return figure_png(self)


def new_figure(width: float, height: float) -> ExplorerFigure:
    """A figure laid out with constrained layout, independent of pyplot."""
    return ExplorerFigure(figsize=(width, height), layout="constrained")


def figure_png(figure: Figure, dpi: int = 80) -> bytes:
    """The figure as PNG bytes (what image widgets and static outputs show)."""
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=dpi, facecolor="white")
    return buffer.getvalue()


def prepare_grid_axes(ax: Axes, rows: range, cols: range, title: str) -> None:
    """Square cells for the given row and column indices, row 0 at the top, no ticks."""
    ax.set_xlim(cols.start - 0.5, cols.stop - 0.5)
    ax.set_ylim(rows.stop - 0.5, rows.start - 0.5)
    ax.set_aspect("equal")
    ax.set_xticks([])
    ax.set_yticks([])
    ax.set_title(title)


def draw_cell(ax: Axes, row: int, col: int, *, face: str = "white", hatch: str | None = None, text: str = "") -> None:
    """One grid cell with a thin border, an optional hatch pattern and centred text."""
    ax.add_patch(
        Rectangle((col - 0.5, row - 0.5), 1, 1, facecolor=face, edgecolor="#8c959f", linewidth=0.8, hatch=hatch)
    )
    if text:
        ax.text(col, row, text, ha="center", va="center", fontsize=10)


def draw_box(
    ax: Axes, top: float, left: float, height: float, width: float, *, colour: str, bold: bool = False
) -> None:
    """A window outline over cells [top, top + height) × [left, left + width); bold is solid."""
    ax.add_patch(
        Rectangle(
            (left - 0.5, top - 0.5),
            width,
            height,
            fill=False,
            edgecolor=colour,
            linewidth=3.0 if bold else 1.0,
            linestyle="-" if bold else "--",
            zorder=3,
        )
    )
