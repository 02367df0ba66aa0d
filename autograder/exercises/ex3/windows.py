"""Exercise 3, questions 1 and 2: how many windows fit along one axis, and how TensorFlow pads with SAME.

Both are graded against TensorFlow itself (`autograder.vision.measure`): ``tf.nn.max_pool2d``'s
output size and the padding ``tf.nn.conv2d`` adds, never against the formula the student writes.
"""

from __future__ import annotations

import itertools
import random
from typing import Any

import numpy as np

from autograder.core import CheckContext, CountQuestion, Diagnosis, FunctionQuestion, Incorrect
from autograder.core.question import format_call, is_whole_number, short_repr
from autograder.i18n import N_, _
from autograder.vision.geometry import output_size as true_output_size
from autograder.vision.measure import measured_output_size, measured_same_padding


class OutputSize(CountQuestion):
    """Q1: ``output_size(n, k, s, padding)``, graded against TensorFlow's output shapes over a grid."""

    var = "output_size"
    fixed_cases = tuple(
        (n, k, s, padding)
        for n, k, s, padding in itertools.product((5, 6, 7, 10), (1, 2, 3, 4), (1, 2, 3), ("valid", "same"))
    ) + ((7, 3, 2, "VALID"), (7, 3, 2, "SAME"), (8, 3, 3, "Same"), (28, 5, 2, "Valid"))
    diagnoses = (
        Diagnosis(
            lambda n, k, s, padding: true_output_size(n, k, 1, padding),
            N_(
                "the stride is ignored: with stride s the window jumps s cells at a time, so there are about s "
                "times fewer positions."
            ),
        ),
        Diagnosis(
            lambda n, k, s, padding: n // s if padding.lower() == "same" else (n - k + 1) // s,
            N_(
                "this rounds down and loses a last window that still fits: SAME gives ceil(n / s) positions and "
                "VALID gives floor((n - k) / s) + 1, not n // s or (n - k + 1) // s."
            ),
        ),
        Diagnosis(
            lambda n, k, s, padding: (
                (n - k) // s + 1 if padding.lower() == "same" else true_output_size(n, k, s, padding)
            ),
            N_("with SAME the output size does not depend on the kernel size: it is ceil(n / s)."),
        ),
        Diagnosis(
            lambda n, k, s, padding: (
                (n + 2 * (k // 2) - k) // s + 1 if padding.lower() == "same" else true_output_size(n, k, s, padding)
            ),
            N_(
                "SAME is not k // 2 cells of padding on each side: TensorFlow pads just enough for ceil(n / s) "
                "outputs, so the size does not depend on k (try an even kernel)."
            ),
        ),
        Diagnosis(
            lambda n, k, s, padding: true_output_size(n, k, s, "same" if padding.lower() == "valid" else "valid"),
            N_("VALID and SAME are swapped: VALID keeps the window inside the input, SAME pads it."),
        ),
    )
    hints = (
        N_(
            "Count before you calculate. Run `from autograder.widgets import sliding_window_explorer`, then "
            "`sliding_window_explorer(size=7, kernel=3, stride=2, padding='valid')`, and count the windows along "
            "one row (the output grid has one cell per window). Then change one setting at a time (the stride, "
            "the kernel size, the input size, the padding) and watch which of them change the count."
        ),
        N_(
            "With 'valid', the window's first cell can be at 0, s, 2s, ... as long as the whole window still "
            "fits, that is up to n - k: count those starts (a division by s, rounded the right way). With "
            "'same', the padding makes room for one window at every s-th cell of the input, so k does not "
            "change the count. Compare `padding.lower()` so that 'SAME' and 'same' both work."
        ),
        N_("VALID: `math.ceil((n - k + 1) / s)`; SAME: `math.ceil(n / s)`."),
    )
    solution = (
        "import math\n\n"
        "def output_size(n, k, s, padding):\n"
        "    if padding.lower() == 'same':\n"
        "        return math.ceil(n / s)\n"
        "    return math.ceil((n - k + 1) / s)"
    )

    def reference(self, n: int, k: int, s: int, padding: str) -> int:
        return measured_output_size(n, k, s, padding.lower())

    def random_case(self, rng: random.Random) -> tuple[Any, ...]:
        n = rng.randint(1, 64)
        k = rng.randint(1, n)
        padding = rng.choice(["valid", "same", "VALID", "SAME", "Same"])
        return n, k, rng.randint(1, 6), padding

    def explain_mismatch(self, got: Any, expected: Any) -> str:
        if isinstance(got, (float, np.floating)) and float(got).is_integer() and int(got) == expected:
            return _(
                "returned {value}, a float: return a whole number (an `int`), e.g. with `math.ceil` or `//`."
            ).format(value=repr(got))
        if isinstance(got, (float, np.floating)):
            return _("returned {value}, a fraction of a position: round up to a whole number with `math.ceil`.").format(
                value=repr(got)
            )
        return _("returned {value}, but TensorFlow gives {expected}.").format(value=short_repr(got), expected=expected)

    def verify(self, func: Any, context: CheckContext) -> str | None:
        if callable(func):
            self._check_letter_case(func)
        return super().verify(func, context)

    def _check_letter_case(self, func: Any) -> None:
        """'VALID' and 'valid' must mean the same: tf.nn wants upper case, Keras's Conv2D takes either."""
        for lower in ("valid", "same"):
            try:
                small, large = func(7, 3, 2, lower), func(7, 3, 2, lower.upper())
            except Exception:
                return  # exceptions are reported, with the call, by the regular cases
            if small != large and self.same(small, self.reference(7, 3, 2, lower)):
                raise Incorrect(
                    _(
                        "{call} gives {upper_result} but `'{lower}'` gives {lower_result}: compare "
                        "`padding.lower()` so that any letter case works."
                    ).format(
                        call=format_call(self.var, (7, 3, 2, lower.upper())),
                        upper_result=short_repr(large),
                        lower=lower,
                        lower_result=small,
                    )
                )


def _same_total(n: int, k: int, s: int) -> int:
    """The total SAME padding, before it is clamped at 0 (negative when the windows fit without any)."""
    return (true_output_size(n, k, s, "same") - 1) * s + k - n


def _top_heavy_padding(n: int, k: int, s: int) -> tuple[int, int]:
    total = max(_same_total(n, k, s), 0)
    return total - total // 2, total // 2


def _half_kernel_padding(n: int, k: int, s: int) -> tuple[int, int]:
    return k // 2, k // 2


def _unclamped_padding(n: int, k: int, s: int) -> tuple[int, int]:
    total = _same_total(n, k, s)
    return total // 2, total - total // 2


def _k_minus_one_padding(n: int, k: int, s: int) -> tuple[int, int]:
    """The stride-1 rule used whatever the stride: a total of k - 1, split as TensorFlow splits it."""
    return (k - 1) // 2, k - 1 - (k - 1) // 2


def _total_on_each_side(n: int, k: int, s: int) -> tuple[int, int]:
    """The total padding put on both sides (d2l's total p read as padding per side)."""
    total = max(_same_total(n, k, s), 0)
    return total, total


def _k_minus_one_each_side(n: int, k: int, s: int) -> tuple[int, int]:
    """d2l's p = k - 1, a total, read as the padding of each side."""
    return k - 1, k - 1


class SamePadding(FunctionQuestion):
    """Q2: ``same_padding(n, k, s)`` -> (before, after), graded against what tf.nn.conv2d pads."""

    var = "same_padding"
    fixed_cases = tuple(
        (n, k, s) for n, k, s in itertools.product((4, 5, 6, 7, 10), (1, 2, 3, 4, 5), (1, 2, 3)) if k <= n + 3
    )
    diagnoses = (
        Diagnosis(
            _top_heavy_padding,
            N_(
                "the extra cell is on the wrong side: when the padding is odd, TensorFlow puts the extra row or "
                "column after (bottom/right), not before."
            ),
        ),
        Diagnosis(
            _half_kernel_padding,
            N_(
                "SAME does not always pad k // 2 on each side: it pads just enough for ceil(n / s) windows, so the "
                "total depends on n and s too."
            ),
        ),
        Diagnosis(
            _unclamped_padding,
            N_(
                "the total padding came out negative: when the windows already fit, nothing is added, so use "
                "max(..., 0)."
            ),
        ),
        Diagnosis(
            _k_minus_one_padding,
            N_(
                "you padded k - 1 cells in total whatever the stride. That is SAME's padding for stride 1 only: "
                "with stride s it pads just enough for ceil(n / s) windows, (o - 1) * s + k - n cells (never "
                "below 0), which can be less than k - 1."
            ),
        ),
        Diagnosis(
            _total_on_each_side,
            N_(
                "you put the whole padding on each side. The total P is split: P // 2 before and the rest after. "
                "(In d2l's formula (n - k + p + s) / s, p is this total, summed over both sides, not the padding "
                "per side.)"
            ),
        ),
        Diagnosis(
            _k_minus_one_each_side,
            N_(
                "you padded k - 1 cells on each side. The k - 1 of the textbook rule (d2l sets p = k - 1 to keep "
                "the size with stride 1) is the total over both sides: (k - 1) // 2 before and the rest after, "
                "and with a larger stride SAME pads less."
            ),
        ),
    )
    hints = (
        N_(
            "Look before you calculate: `sliding_window_explorer(size=6, kernel=4, stride=1, padding='same')` "
            "(imported with `from autograder.widgets import sliding_window_explorer`) hatches the padding "
            "cells. Count them before the input (top/left) and after it (bottom/right). Then set the stride to "
            "2, and then try size=8, kernel=1, stride=3. What does the total depend on, and which side gets the "
            "extra cell?"
        ),
        N_(
            "Start from the number of outputs o of question 1. On the padded axis the last window starts at "
            "(o - 1) * s and needs k cells, so the padded axis must be long enough to hold it; what is "
            "missing from n is the total padding P (when nothing is missing, P is 0). TensorFlow splits P with "
            "the smaller half before."
        ),
        N_("With o = ceil(n / s): P = max((o - 1) * s + k - n, 0); before = P // 2, after = P - before."),
    )
    solution = (
        "import math\n\n"
        "def same_padding(n, k, s):\n"
        "    outputs = math.ceil(n / s)\n"
        "    total = max((outputs - 1) * s + k - n, 0)\n"
        "    return total // 2, total - total // 2"
    )

    diagnose_from_all_cases = True
    """Slips agree on small cases (k // 2 per side, k - 1 in total and the total on each side all give (1, 1)
    for n=4, k=2, s=1), so a slip is named only when it explains every wrong case."""

    def reference(self, n: int, k: int, s: int) -> tuple[int, int]:
        return measured_same_padding(n, k, s)

    def random_case(self, rng: random.Random) -> tuple[Any, ...]:
        return rng.randint(1, 40), rng.randint(1, 12), rng.randint(1, 5)

    def same(self, got: Any, expected: Any) -> bool:
        return (
            isinstance(got, (tuple, list))
            and len(got) == 2
            and all(is_whole_number(part) for part in got)
            and tuple(int(part) for part in got) == tuple(expected)
        )

    def explain_mismatch(self, got: Any, expected: Any) -> str:
        if is_whole_number(got) or isinstance(got, float):
            return _("returned a single number ({value}); return a pair `(before, after)`.").format(value=repr(got))
        if not isinstance(got, (tuple, list)) or len(got) != 2:
            return _("returned {value}; return a pair `(before, after)` of whole numbers.").format(
                value=short_repr(got)
            )
        return _("returned {value}, but TensorFlow pads {expected} (before, after).").format(
            value=short_repr(tuple(got)), expected=tuple(expected)
        )
