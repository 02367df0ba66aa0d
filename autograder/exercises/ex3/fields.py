"""Exercise 3, question 4: the receptive field of a stack of convolutions and poolings, some of them dilated.

Graded against the width TensorFlow's gradient reveals (`measured_receptive_field`): the input
cells, first to last, that one output of the stack depends on.
"""

from __future__ import annotations

import random
from typing import Any

from autograder.core import CountQuestion, Diagnosis
from autograder.i18n import N_
from autograder.vision.measure import measured_receptive_field


def _layers(kernel_sizes: list[int], strides: list[int], dilations: list[int]) -> list[tuple[int, int, int]]:
    return list(zip(kernel_sizes, strides, dilations, strict=True))


def _field(layers: list[tuple[int, int, int]], width: Any, jump_after: Any) -> int:
    """1 + the sum of each layer's ``width(k, d)`` times the jump, the jump growing by ``jump_after(s, d)``."""
    field, jump = 1, 1
    for k, s, d in layers:
        field += width(k, d) * jump
        jump *= jump_after(s, d)
    return field


def _dilations_ignored(kernel_sizes: list[int], strides: list[int], dilations: list[int]) -> int:
    return _field(_layers(kernel_sizes, strides, dilations), lambda k, d: k - 1, lambda s, d: s)


def _span_d_times_k(kernel_sizes: list[int], strides: list[int], dilations: list[int]) -> int:
    return _field(_layers(kernel_sizes, strides, dilations), lambda k, d: d * k - 1, lambda s, d: s)


def _dilation_as_stride(kernel_sizes: list[int], strides: list[int], dilations: list[int]) -> int:
    return _field(_layers(kernel_sizes, strides, dilations), lambda k, d: d * (k - 1), lambda s, d: s * d)


def _sum_of_spans(kernel_sizes: list[int], strides: list[int], dilations: list[int]) -> int:
    return sum(d * (k - 1) + 1 for k, s, d in _layers(kernel_sizes, strides, dilations))


def _strides_ignored(kernel_sizes: list[int], strides: list[int], dilations: list[int]) -> int:
    return _field(_layers(kernel_sizes, strides, dilations), lambda k, d: d * (k - 1), lambda s, d: 1)


def _own_stride_counted(kernel_sizes: list[int], strides: list[int], dilations: list[int]) -> int:
    field, jump = 1, 1
    for k, s, d in _layers(kernel_sizes, strides, dilations):
        jump *= s
        field += d * (k - 1) * jump
    return field


class ReceptiveField(CountQuestion):
    """Q4: ``receptive_field(kernel_sizes, strides, dilations)``, graded on stacks measured through TensorFlow."""

    var = "receptive_field"
    fixed_cases = (
        ([3, 3, 3], [1, 1, 1], [1, 1, 1]),
        ([3], [1], [1]),
        ([3], [1], [2]),
        ([3, 2, 3], [1, 2, 1], [1, 1, 1]),
        ([3, 2, 3], [1, 2, 1], [1, 1, 2]),
        ([3, 3, 3], [1, 1, 1], [1, 2, 4]),
        ([5, 3], [1, 1], [1, 1]),
        ([3, 3], [2, 1], [1, 1]),
        ([3, 3], [1, 1], [3, 1]),
        ([2, 2, 2], [2, 2, 2], [1, 1, 1]),
        ([7, 3, 3], [2, 2, 1], [1, 1, 3]),
        ([1, 3], [3, 1], [1, 1]),
        ([3, 2, 3, 2, 3], [1, 2, 1, 2, 1], [2, 1, 2, 1, 2]),
    )
    diagnose_from_all_cases = True
    """A slip is named only when it explains every case: without dilation or strides several slips agree."""
    diagnoses = (
        Diagnosis(
            _dilations_ignored,
            N_(
                "the dilations are ignored: a layer with dilation d spreads its k taps d cells apart, so it "
                "widens the field by d * (k - 1) steps, not k - 1."
            ),
        ),
        Diagnosis(
            _span_d_times_k,
            N_(
                "a dilated kernel is taken as d * k cells wide. Its k taps have k - 1 gaps of d cells between "
                "them: it spans d * (k - 1) + 1 cells, so it widens the field by d * (k - 1) steps."
            ),
        ),
        Diagnosis(
            _dilation_as_stride,
            N_(
                "the dilation is multiplied into the spacing of the later layers, like a stride. A dilated layer "
                "still has an output at every s-th cell; only its own taps are spread out, so only the strides go "
                "into the product."
            ),
        ),
        Diagnosis(
            _sum_of_spans,
            N_(
                "adding up the kernels' widths counts the shared cells twice: each extra layer adds d * (k - 1) "
                "steps, not its whole width."
            ),
        ),
        Diagnosis(
            _strides_ignored,
            N_(
                "the strides are ignored: after a stride-s layer (a pooling layer too), one step of the next "
                "layer spans s input cells, so its extra cells count s times as much."
            ),
        ),
        Diagnosis(
            _own_stride_counted,
            N_(
                "each layer's own stride is counted for its kernel: a layer's cells are spaced by the product of "
                "the strides of the layers *before* it."
            ),
        ),
    )
    hints = (
        N_(
            "A pooling window is a window like any other: `MaxPool2D(2)` is a layer with k=2 and s=2 (no "
            "dilation, d=1). For a dilated layer, ask first how many cells one window covers, from its first "
            "tap to its last; a dense window that wide sees the same span. For two 3-wide layers, run "
            "`sliding_window_explorer(size=5, kernel=3, stride=1, padding='valid')` (imported with "
            "`from autograder.widgets import sliding_window_explorer`): the 3 windows a second 3-wide layer "
            "reads cover its field. Then try size=7, kernel=3, stride=2: how many cells now?"
        ),
        N_(
            "Start from 1 cell. Each layer widens the field by the number of steps its window spans "
            "(k - 1 for a dense one, more with dilation), and one step of a layer spans as many input cells "
            "as the product of the strides of all the layers below it (1 for the first layer)."
        ),
        N_("Keep a running `jump` (starting at 1): `field += d * (k - 1) * jump`, then `jump *= s`."),
    )
    solution = (
        "def receptive_field(kernel_sizes, strides, dilations):\n"
        "    field, jump = 1, 1\n"
        "    for k, s, d in zip(kernel_sizes, strides, dilations, strict=True):\n"
        "        field += d * (k - 1) * jump\n"
        "        jump *= s\n"
        "    return field"
    )

    def reference(self, kernel_sizes: list[int], strides: list[int], dilations: list[int]) -> int:
        return measured_receptive_field(kernel_sizes, strides, dilations)

    def random_case(self, rng: random.Random) -> tuple[Any, ...]:
        depth = rng.randint(1, 5)
        return (
            [rng.randint(1, 7) for __ in range(depth)],
            [rng.randint(1, 3) for __ in range(depth)],
            [rng.randint(1, 3) for __ in range(depth)],
        )
