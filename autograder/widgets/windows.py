"""Where the windows fall along one axis, gathered for drawing and explaining.

The arithmetic itself is `autograder.vision.geometry`'s (the formulas the lessons teach); this
module bundles it into one record per axis and writes the formula out with the numbers in.
"""

from __future__ import annotations

from dataclasses import dataclass

from autograder.i18n import _, ngettext
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
    note = ngettext(
        "The window ({kernel}) is shorter than the stride ({stride}): cell {cells} lies between windows "
        "and no window reads it, whatever the padding.",
        "The window ({kernel}) is shorter than the stride ({stride}): cells {cells} lie between windows "
        "and no window reads them, whatever the padding.",
        len(gaps),
    )
    return [note.format(kernel=layout.kernel, stride=layout.stride, cells=", ".join(str(i) for i in gaps))]


def formula_lines(layout: AxisLayout) -> list[str]:
    """The output-size formula with this layout's numbers substituted, step by step.

    The formulas are notation, the same in every language; the words around them are translated.
    """
    n, k, s, o = layout.size, layout.kernel, layout.stride, layout.output
    output = _("{padding}: output = {formula}")
    if layout.padding == "valid":
        formula = f"⌈(n − k + 1) / s⌉ = ⌈({n} − {k} + 1) / {s}⌉ = ⌈{n - k + 1} / {s}⌉ = {o}"
        lines = [
            output.format(padding="VALID", formula=formula),
            _("No padding: every window stays inside the input."),
        ]
        if layout.uncovered:
            lines.append(
                ngettext(
                    "The last {count} cell is never covered by a window.",
                    "The last {count} cells are never covered by a window.",
                    layout.uncovered,
                ).format(count=layout.uncovered)
            )
        return lines + gap_lines(layout)
    padding = f"max((o − 1)·s + k − n, 0) = max({o - 1}·{s} + {k} − {n}, 0) = {layout.total_padding}"
    return [
        output.format(padding="SAME", formula=f"⌈n / s⌉ = ⌈{n} / {s}⌉ = {o}"),
        _("Padding P = {formula}").format(formula=padding),
        _("Split: {before} before (top/left), {after} after (bottom/right)").format(
            before=layout.pad_before, after=layout.pad_after
        ),
        *gap_lines(layout),
    ]
