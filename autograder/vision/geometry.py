"""Sliding-window arithmetic for convolution and pooling along one axis, as TensorFlow does it.

These are the formulas the lessons teach; `autograder.vision.measure` obtains the same numbers by
running TensorFlow, and the exercises grade against the measurements.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from autograder.i18n import _

PADDINGS = ("valid", "same")


def padding_name(padding: str) -> str:
    """``'valid'`` or ``'same'`` from any capitalisation (tf.nn wants upper case, Keras accepts either)."""
    name = str(padding).lower()
    if name not in PADDINGS:
        raise ValueError(_("padding must be 'valid' or 'same', not {padding}").format(padding=repr(padding)))
    return name


def _require_positive(**values: int) -> None:
    for name, value in values.items():
        if isinstance(value, bool) or int(value) != value or value < 1:
            raise ValueError(
                _("{name} must be a positive whole number, not {value}").format(name=name, value=repr(value))
            )


def output_size(n: int, k: int, s: int = 1, padding: str = "valid") -> int:
    """Outputs along an axis of ``n`` cells: ceil((n - k + 1) / s) for VALID, ceil(n / s) for SAME."""
    _require_positive(n=n, k=k, s=s)
    if padding_name(padding) == "same":
        return math.ceil(n / s)
    if k > n:
        raise ValueError(_("a window of {k} does not fit in {n} cells without padding").format(k=k, n=n))
    return math.ceil((n - k + 1) / s)


def same_padding(n: int, k: int, s: int = 1) -> tuple[int, int]:
    """SAME padding (before, after): P = max((o - 1)·s + k - n, 0), P // 2 before, the rest after."""
    total = max((output_size(n, k, s, "same") - 1) * s + k - n, 0)
    return total // 2, total - total // 2


def window_starts(n: int, k: int, s: int = 1, padding: str = "valid") -> list[int]:
    """Index of each window's first cell; negative when the window starts in the padding."""
    before = same_padding(n, k, s)[0] if padding_name(padding) == "same" else 0
    return [i * s - before for i in range(output_size(n, k, s, padding))]


def uncovered(n: int, k: int, s: int = 1, padding: str = "valid") -> int:
    """Cells at the end of the axis that no window reaches: dropped silently by the stride."""
    return max(n - (window_starts(n, k, s, padding)[-1] + k), 0)


def unread_cells(n: int, k: int, s: int = 1, padding: str = "valid") -> list[int]:
    """Indices of the cells no window reads: the end cells a stride drops, and, when the window is
    shorter than the stride (k < s), the gaps between windows, with SAME padding as well."""
    read: set[int] = set()
    for start in window_starts(n, k, s, padding):
        read.update(range(max(start, 0), min(start + k, n)))
    return [i for i in range(n) if i not in read]


def receptive_field(kernel_sizes: Sequence[int], strides: Sequence[int]) -> int:
    """Input cells that one output of a stack of layers sees: 1 + sum of (k - 1) x product of earlier strides."""
    if len(kernel_sizes) != len(strides):
        raise ValueError(_("give one stride per kernel size"))
    field, jump = 1, 1
    for k, s in zip(kernel_sizes, strides, strict=True):
        _require_positive(k=k, s=s)
        field += (k - 1) * jump
        jump *= s
    return field
