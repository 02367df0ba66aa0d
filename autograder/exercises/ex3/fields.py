"""Exercise 3, question 4: the receptive field of a stack of convolutions.

Graded against the width TensorFlow's gradient reveals (`measured_receptive_field`): the input
cells one output of the stack depends on.
"""

from __future__ import annotations

import random
from typing import Any

from autograder.core import CountQuestion, Diagnosis
from autograder.i18n import N_
from autograder.vision.measure import measured_receptive_field


def _sum_of_kernels(kernel_sizes: list[int], strides: list[int]) -> int:
    return sum(kernel_sizes)


def _strides_ignored(kernel_sizes: list[int], strides: list[int]) -> int:
    return 1 + sum(k - 1 for k in kernel_sizes)


def _own_stride_counted(kernel_sizes: list[int], strides: list[int]) -> int:
    field, jump = 1, 1
    for k, s in zip(kernel_sizes, strides, strict=True):
        jump *= s
        field += (k - 1) * jump
    return field


class ReceptiveField(CountQuestion):
    """Q4: ``receptive_field(kernel_sizes, strides)``, graded on stacks measured through TensorFlow."""

    var = "receptive_field"
    fixed_cases = (
        ([3, 3, 3], [1, 1, 1]),
        ([3], [1]),
        ([5, 3], [1, 1]),
        ([3, 3], [2, 1]),
        ([2, 2, 2], [2, 2, 2]),
        ([7, 3, 3], [2, 2, 1]),
        ([1, 3], [3, 1]),
    )
    diagnoses = (
        Diagnosis(
            _sum_of_kernels,
            N_("adding up the kernel sizes counts the shared cells twice: each extra layer adds k - 1 cells, not k."),
        ),
        Diagnosis(
            _strides_ignored,
            N_(
                "the strides are ignored: after a stride-s layer, one step of the next layer spans s input cells, "
                "so its k - 1 extra cells count s times as much."
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
            "Take two 3-wide layers: one output of the second reads 3 neighbouring outputs of the first, so it "
            "sees the input cells that 3 neighbouring windows of the first layer cover. Run "
            "`sliding_window_explorer(size=5, kernel=3, stride=1, padding='valid')` (imported with "
            "`from autograder.widgets import sliding_window_explorer`): it has exactly 3 windows along a row. "
            "How many input cells do they cover together? Then try size=7, kernel=3, stride=2: 3 windows again; "
            "how many cells now?"
        ),
        N_(
            "Start from 1 cell. Each layer widens the field by (k - 1) steps, and one step of a layer spans as "
            "many input cells as the product of the strides of all the layers below it (1 for the first layer)."
        ),
        N_("Keep a running `jump` (starting at 1): `field += (k - 1) * jump`, then `jump *= s`."),
    )
    solution = (
        "def receptive_field(kernel_sizes, strides):\n"
        "    field, jump = 1, 1\n"
        "    for k, s in zip(kernel_sizes, strides, strict=True):\n"
        "        field += (k - 1) * jump\n"
        "        jump *= s\n"
        "    return field"
    )

    def reference(self, kernel_sizes: list[int], strides: list[int]) -> int:
        return measured_receptive_field(kernel_sizes, strides)

    def random_case(self, rng: random.Random) -> tuple[Any, ...]:
        depth = rng.randint(1, 5)
        return [rng.randint(1, 7) for __ in range(depth)], [rng.randint(1, 3) for __ in range(depth)]
