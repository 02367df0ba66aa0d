"""Exercise 3, question 6: when symmetric padding, PyTorch's ``padding=(k - 1) // 2``, is TensorFlow's SAME.

Lesson 3 shows one case each way (stride 1: the same layer; n=6, k=3, s=2: same size, other values);
the student predicts every case. The reference runs both paddings through ``tf.nn.conv2d`` on random
values (`autograder.vision.measure`), so a prediction is judged against what TensorFlow computes.
"""

from __future__ import annotations

import itertools
import math
import random
from typing import Any

from autograder.core import Diagnosis, YesNoQuestion
from autograder.i18n import N_, _
from autograder.vision.measure import measured_symmetric_matches_same


def _same_total(outputs: int, n: int, k: int, s: int) -> int:
    """SAME's total padding for ``outputs`` windows (lesson 3's P)."""
    return max((outputs - 1) * s + k - n, 0)


class SymmetricMatchesSame(YesNoQuestion):
    """Q6: ``symmetric_matches_same(n, k, s)`` for an odd kernel, measured with ``tf.nn.conv2d``."""

    var = "symmetric_matches_same"
    fixed_cases = tuple(itertools.product((*range(1, 11), 13, 16), (1, 3, 5), (1, 2, 3))) + (
        (28, 7, 4),
        (32, 3, 2),
        (33, 3, 2),
        (224, 7, 2),
        (225, 7, 2),
        (15, 9, 5),
    )
    diagnoses = (
        Diagnosis(
            lambda n, k, s: True,
            N_(
                "you answered True everywhere, as if the same size meant the same output. The sizes always "
                "agree, floor((n - 1) / s) + 1 = ceil(n / s), but with a stride 'same' can pad fewer than k - 1 "
                "cells, the extra one after the input, and then its windows start one cell later than the "
                "symmetric ones: try n=6, k=3, s=2."
            ),
        ),
        Diagnosis(
            lambda n, k, s: s == 1,
            N_(
                "stride 1 is enough but not needed: with n=7, k=3, s=2, 'same' also pads one cell on each side. "
                "Compare the total padding 'same' adds with the k - 1 cells of the symmetric padding."
            ),
        ),
        Diagnosis(
            lambda n, k, s: _same_total(n // s, n, k, s) == k - 1,
            N_(
                "'same' makes ceil(n / s) windows, not n // s: when s does not divide n, the last window starts "
                "in the last partial step and still counts, so 'same' pads for it."
            ),
        ),
        Diagnosis(
            lambda n, k, s: _same_total(math.ceil(n / s), n, k, s) != k - 1,
            N_(
                "your answer is the opposite: it says True when the two outputs differ. The question asks "
                "whether they are identical."
            ),
        ),
        Diagnosis(
            lambda n, k, s: False,
            N_(
                "they do match sometimes: with stride 1, 'same' pads k - 1 cells, (k - 1) / 2 on each side, "
                "exactly the symmetric padding."
            ),
        ),
    )
    hints = (
        N_(
            "Run `show_window_positions(6, 3, 2, 'same')` and `show_window_positions(7, 3, 2, 'same')` and "
            "count the hatched cells before and after the input in each; the symmetric padding puts "
            "(k - 1) // 2 = 1 on each side. Which of the two matches it?"
        ),
        N_(
            "Both outputs have ceil(n / s) cells, so only where the windows start can differ. They start on "
            "the same cells exactly when 'same' puts (k - 1) // 2 cells before the input; with its split (the "
            "smaller half before), that happens exactly when its total padding P is k - 1."
        ),
        N_("o = ceil(n / s) and P = max((o - 1) * s + k - n, 0); the answer is P == k - 1."),
    )
    solution = (
        "import math\n\n"
        "def symmetric_matches_same(n, k, s):\n"
        "    outputs = math.ceil(n / s)\n"
        "    total = max((outputs - 1) * s + k - n, 0)\n"
        "    return total == k - 1"
    )

    def reference(self, n: int, k: int, s: int) -> bool:
        return measured_symmetric_matches_same(n, k, s)

    def random_case(self, rng: random.Random) -> tuple[Any, ...]:
        return rng.randint(1, 64), rng.choice((1, 3, 5, 7, 9, 11)), rng.randint(1, 6)

    def explain_wrong_truth(self, expected: bool) -> str:
        if expected:
            return _("returned {value}, but TensorFlow gives the same output both ways: same size, same values.")
        return _(
            "returned {value}, but TensorFlow's two outputs differ: same size, other values (the windows start on "
            "other cells)."
        )
