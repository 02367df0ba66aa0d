"""Where the windows fall along one axis, gathered for drawing and explaining.

The arithmetic itself is `autograder.vision.geometry`'s (the formulas the lessons teach); this
module bundles it into one record per axis and writes the formula out with the numbers in.
"""

from __future__ import annotations

from dataclasses import dataclass

from autograder.vision.geometry import output_size, padding_name, same_padding, uncovered, unread_cells, window_starts


@dataclass(frozen=True)
class AxisLayout:
    """Sizes, padding and window starts along one axis (starts are negative inside the padding)."""

    size: int
    kernel: int
    stride: int
    padding: str
    output: int
    pad_before: int
    pad_after: int
    starts: tuple[int, ...]
    uncovered: int

    @property
    def total_padding(self) -> int:
        return self.pad_before + self.pad_after


def axis_layout(size: int, kernel: int, stride: int = 1, padding: str = "valid") -> AxisLayout:
    """Output size, padding split and window starts for an axis of ``size`` cells."""
    name = padding_name(padding)
    before, after = same_padding(size, kernel, stride) if name == "same" else (0, 0)
    return AxisLayout(
        size=size,
        kernel=kernel,
        stride=stride,
        padding=name,
        output=output_size(size, kernel, stride, name),
        pad_before=before,
        pad_after=after,
        starts=tuple(window_starts(size, kernel, stride, name)),
        uncovered=uncovered(size, kernel, stride, name),
    )


def gap_lines(layout: AxisLayout) -> list[str]:
    """A note on the cells between windows that no window reads (only when the window is shorter than the stride)."""
    gaps = [
        i
        for i in unread_cells(layout.size, layout.kernel, layout.stride, layout.padding)
        if i < layout.size - layout.uncovered
    ]
    if not gaps:
        return []
    shown = ", ".join(str(i) for i in gaps)
    cells = f"cell {shown} lies" if len(gaps) == 1 else f"cells {shown} lie"
    return [
        f"The window ({layout.kernel}) is shorter than the stride ({layout.stride}): {cells} between windows "
        "and no window reads them, whatever the padding."
    ]


def formula_lines(layout: AxisLayout) -> list[str]:
    """The output-size formula with this layout's numbers substituted, step by step."""
    n, k, s, o = layout.size, layout.kernel, layout.stride, layout.output
    if layout.padding == "valid":
        lines = [
            f"VALID: output = ⌈(n − k + 1) / s⌉ = ⌈({n} − {k} + 1) / {s}⌉ = ⌈{n - k + 1} / {s}⌉ = {o}",
            "No padding: every window stays inside the input.",
        ]
        if layout.uncovered:
            cells = "cell is" if layout.uncovered == 1 else "cells are"
            lines.append(f"The last {layout.uncovered} {cells} never covered by a window.")
        return lines + gap_lines(layout)
    return [
        f"SAME: output = ⌈n / s⌉ = ⌈{n} / {s}⌉ = {o}",
        f"Padding P = max((o − 1)·s + k − n, 0) = max({o - 1}·{s} + {k} − {n}, 0) = {layout.total_padding}",
        f"Split: {layout.pad_before} before (top/left), {layout.pad_after} after (bottom/right)",
        *gap_lines(layout),
    ]
