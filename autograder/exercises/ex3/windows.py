"""Exercise 3, questions 1 and 2: how many windows fit along one axis, and how TensorFlow pads with SAME,
for windows lesson 3 did not show: explicit padding and dilated (atrous) kernels.

Both are graded against TensorFlow itself (`autograder.vision.measure`): ``tf.nn.conv2d``'s output size
with explicit padding and dilations, and the padding it adds with SAME, never against the formula the
student writes.
"""

from __future__ import annotations

import itertools
import math
import random
from typing import Any

import numpy as np

from autograder.core import CountQuestion, Diagnosis, FunctionQuestion
from autograder.core.question import is_whole_number, short_repr
from autograder.i18n import N_, _
from autograder.vision.measure import measured_dilated_same_padding, measured_padded_output_size


def _span(k: int, d: int) -> int:
    """Cells from the first tap of a dilated window to its last: k taps, d cells apart."""
    return d * (k - 1) + 1


def _fits(n: int, k: int, p: int, d: int) -> bool:
    return n + 2 * p >= _span(k, d)


def _no_plus_one(n: int, k: int, s: int, p: int, d: int) -> int:
    return (n + 2 * p - _span(k, d)) // s


def _padding_once(n: int, k: int, s: int, p: int, d: int) -> int:
    return (n + p - _span(k, d)) // s + 1


def _rounded_up(n: int, k: int, s: int, p: int, d: int) -> int:
    return math.ceil((n + 2 * p - _span(k, d)) / s) + 1


def _span_d_times_k(n: int, k: int, s: int, p: int, d: int) -> int:
    return (n + 2 * p - d * k) // s + 1


def _span_without_its_first_cell(n: int, k: int, s: int, p: int, d: int) -> int:
    return (n + 2 * p - d * (k - 1)) // s + 1


def _dilation_ignored(n: int, k: int, s: int, p: int, d: int) -> int:
    return (n + 2 * p - k) // s + 1


def _stride_ignored(n: int, k: int, s: int, p: int, d: int) -> int:
    return n + 2 * p - _span(k, d) + 1


def _padding_ignored(n: int, k: int, s: int, p: int, d: int) -> int:
    return (n - _span(k, d)) // s + 1


def _lesson_valid_size(n: int, k: int, s: int, p: int, d: int) -> int:
    """Lesson 3's 'valid' size, copied: neither the padding nor the dilation."""
    return (n - k) // s + 1


class OutputSize(CountQuestion):
    """Q1: ``output_size(n, k, s, p, d)`` with explicit padding and dilation, graded against ``tf.nn.conv2d``."""

    var = "output_size"
    fixed_cases = tuple(
        (n, k, s, p, d)
        for n, k, s, p, d in itertools.product((5, 7, 10), (1, 2, 3, 4), (1, 2, 3), (0, 1, 2), (1, 2, 3))
        if _fits(n, k, p, d)
    ) + ((28, 5, 2, 2, 1), (32, 3, 1, 1, 1), (32, 3, 2, 1, 1), (65, 3, 1, 4, 4), (9, 3, 4, 0, 2))
    diagnose_from_all_cases = True
    """A slip is named only when it explains every case: with stride 1 or no dilation several slips agree."""
    diagnoses = (
        Diagnosis(
            _lesson_valid_size,
            N_(
                "this is lesson 3's 'valid' size, ceil((n - k + 1) / s), which has no padding and a dense "
                "window: here p zeros are added on each side, and the k taps are d cells apart."
            ),
        ),
        Diagnosis(
            _no_plus_one,
            N_(
                "the +1 is missing: (n + 2p - span) // s counts the steps the window can take, and the window "
                "has a position before its first step, at 0."
            ),
        ),
        Diagnosis(
            _padding_once,
            N_(
                "the padding is counted once, but p cells are added on each side: the padded axis has n + 2p "
                "cells. (d2l's p is the total over both sides; here p is per side.)"
            ),
        ),
        Diagnosis(
            _padding_ignored,
            N_("the padding is left out: p zeros on each side make the axis n + 2p cells long."),
        ),
        Diagnosis(
            _rounded_up,
            N_(
                "this rounds the steps up: a last step that does not fit a whole window gives no output, so "
                "round down, floor((n + 2p - span) / s) + 1, with `//`."
            ),
        ),
        Diagnosis(
            _span_d_times_k,
            N_(
                "the dilated window is taken as d * k cells wide. Its k taps leave d - 1 empty cells between "
                "neighbours, k - 1 gaps in all: it spans d * (k - 1) + 1 cells (5 for k=3, d=2, not 6)."
            ),
        ),
        Diagnosis(
            _span_without_its_first_cell,
            N_(
                "the window is taken as d * (k - 1) cells wide: that counts the distance from the first tap to "
                "the last, but the window covers one cell more, d * (k - 1) + 1."
            ),
        ),
        Diagnosis(
            _dilation_ignored,
            N_(
                "the dilation is ignored: with d > 1 the k taps are d cells apart, so the window spans "
                "d * (k - 1) + 1 cells and fewer positions fit."
            ),
        ),
        Diagnosis(
            _stride_ignored,
            N_(
                "the stride is ignored: with stride s the window jumps s cells at a time, so there are about s "
                "times fewer positions."
            ),
        ),
    )
    hints = (
        N_(
            "Take one change at a time. Padding p on each side only makes the axis longer, and then the "
            "window slides as with 'valid'. A dilation d puts d - 1 empty cells between neighbouring taps: "
            "draw k=3 taps with d=2 on squared paper and count the cells from the first tap to the last. A "
            "dense window that wide lands exactly where the dilated one does, so "
            "`sliding_window_explorer(size=9, kernel=5, stride=2, padding='valid')` (imported with "
            "`from autograder.widgets import sliding_window_explorer`) shows the windows of "
            "`output_size(9, 3, 2, 0, 2)`: count them."
        ),
        N_(
            "Call the cells the dilated window covers, from its first tap to its last, its span. On the padded "
            "axis of n + 2p cells, the window's first cell can be at 0, s, 2s, ... as long as the whole span "
            "still fits: count the whole steps of s that fit in what is left after the span, and add the "
            "start at 0."
        ),
        N_("span = d * (k - 1) + 1; the answer is (n + 2 * p - span) // s + 1."),
    )
    solution = "def output_size(n, k, s, p, d):\n    span = d * (k - 1) + 1\n    return (n + 2 * p - span) // s + 1"

    def reference(self, n: int, k: int, s: int, p: int, d: int) -> int:
        return measured_padded_output_size(n, k, s, p, d)

    def random_case(self, rng: random.Random) -> tuple[Any, ...]:
        k, s, p, d = rng.randint(1, 7), rng.randint(1, 5), rng.randint(0, 4), rng.randint(1, 4)
        smallest = max(1, _span(k, d) - 2 * p)
        return rng.randint(smallest, smallest + 40), k, s, p, d

    def explain_mismatch(self, got: Any, expected: Any) -> str:
        if isinstance(got, (float, np.floating)) and float(got).is_integer() and int(got) == expected:
            return _("returned {value}, a float: return a whole number (an `int`), e.g. with `//`.").format(
                value=repr(got)
            )
        if isinstance(got, (float, np.floating)):
            return _(
                "returned {value}, a fraction of a position: a window either fits or not, so round down to a "
                "whole number with `//`."
            ).format(value=repr(got))
        return _("returned {value}, but TensorFlow gives {expected}.").format(value=short_repr(got), expected=expected)


def _split(total: int) -> tuple[int, int]:
    """TensorFlow's split of a total: the smaller half before, the extra cell after."""
    return total // 2, total - total // 2


def _same_total(n: int, span: int, s: int) -> int:
    """The total SAME padding for a window of ``span`` cells, before it is clamped at 0."""
    return (math.ceil(n / s) - 1) * s + span - n


def _same_padding_with_span(span: int, n: int, s: int) -> tuple[int, int]:
    return _split(max(_same_total(n, span, s), 0))


def _taps_for_span(n: int, k: int, s: int, d: int) -> tuple[int, int]:
    """Lesson 3's rule with k, the number of taps, where the dilated window's span belongs."""
    return _same_padding_with_span(k, n, s)


def _span_d_times_k_padding(n: int, k: int, s: int, d: int) -> tuple[int, int]:
    return _same_padding_with_span(d * k, n, s)


def _span_short_by_one_padding(n: int, k: int, s: int, d: int) -> tuple[int, int]:
    return _same_padding_with_span(d * (k - 1), n, s)


def _top_heavy_padding(n: int, k: int, s: int, d: int) -> tuple[int, int]:
    before, after = _same_padding_with_span(_span(k, d), n, s)
    return after, before


def _unclamped_padding(n: int, k: int, s: int, d: int) -> tuple[int, int]:
    return _split(_same_total(n, _span(k, d), s))


def _stride_one_total(n: int, k: int, s: int, d: int) -> tuple[int, int]:
    """The stride-1 rule used whatever the stride: a total of span - 1, split as TensorFlow splits it."""
    return _split(_span(k, d) - 1)


def _half_span_each_side(n: int, k: int, s: int, d: int) -> tuple[int, int]:
    return _span(k, d) // 2, _span(k, d) // 2


def _total_on_each_side(n: int, k: int, s: int, d: int) -> tuple[int, int]:
    """The total padding put on both sides (d2l's total p read as padding per side)."""
    total = max(_same_total(n, _span(k, d), s), 0)
    return total, total


class SamePadding(FunctionQuestion):
    """Q2: ``same_padding(n, k, s, d)`` -> (before, after) for a dilated kernel, graded against tf.nn.conv2d."""

    var = "same_padding"
    fixed_cases = tuple(
        (n, k, s, d) for n, k, s, d in itertools.product((4, 5, 6, 7, 10), (1, 2, 3, 4), (1, 2, 3), (1, 2, 3)) if n >= d
    ) + ((13, 3, 1, 6), (32, 3, 2, 4), (9, 5, 3, 2))
    diagnoses = (
        Diagnosis(
            _taps_for_span,
            N_(
                "this is lesson 3's padding for a dense window of k cells, but a dilated window is wider: its k "
                "taps are d cells apart, so it spans d * (k - 1) + 1 cells, and SAME pads for that span."
            ),
        ),
        Diagnosis(
            _span_d_times_k_padding,
            N_(
                "the dilated window is taken as d * k cells wide. Between its k taps there are k - 1 gaps of d "
                "cells, so it spans d * (k - 1) + 1 cells (5 for k=3, d=2, not 6)."
            ),
        ),
        Diagnosis(
            _span_short_by_one_padding,
            N_(
                "the window is taken as d * (k - 1) cells wide: that is the distance from the first tap to the "
                "last, but the window covers one cell more, d * (k - 1) + 1."
            ),
        ),
        Diagnosis(
            _top_heavy_padding,
            N_(
                "the extra cell is on the wrong side: when the padding is odd, TensorFlow puts the extra row or "
                "column after (bottom/right), not before."
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
            _stride_one_total,
            N_(
                "you padded span - 1 cells in total whatever the stride. That is SAME's padding for stride 1 "
                "only: with stride s it pads just enough for ceil(n / s) windows, (o - 1) * s + span - n cells "
                "(never below 0), which can be less."
            ),
        ),
        Diagnosis(
            _half_span_each_side,
            N_(
                "SAME does not always pad half the window on each side: it pads just enough for ceil(n / s) "
                "windows, so the total depends on n and s too."
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
    )
    hints = (
        N_(
            "SAME pads for the cells the window covers, not for its number of taps. With k=3 taps and d=2, "
            "the window spans as many cells as a dense window of 5, so "
            "`sliding_window_explorer(size=6, kernel=5, stride=1, padding='same')` (imported with "
            "`from autograder.widgets import sliding_window_explorer`) hatches the padding "
            "`same_padding(6, 3, 1, 2)` needs: count the cells before the input (top/left) and after it "
            "(bottom/right). Then set the stride to 2. Which side gets the extra cell when the total is odd?"
        ),
        N_(
            "The dilation does not change how many windows SAME makes, o = ceil(n / s). Lesson 3's total "
            "padding makes room for the last window, which starts at (o - 1) * s; redo that count with the "
            "span of question 1 where the lesson has k. TensorFlow puts the smaller half before."
        ),
        N_(
            "span = d * (k - 1) + 1 and o = ceil(n / s): P = max((o - 1) * s + span - n, 0); "
            "before = P // 2, after = P - before."
        ),
    )
    solution = (
        "import math\n\n"
        "def same_padding(n, k, s, d):\n"
        "    span = d * (k - 1) + 1\n"
        "    outputs = math.ceil(n / s)\n"
        "    total = max((outputs - 1) * s + span - n, 0)\n"
        "    return total // 2, total - total // 2"
    )

    diagnose_from_all_cases = True
    """Slips agree on small cases (with d = 1 the span is k; half the window per side and the stride-1 total
    both give (1, 1) for n=4, k=3, s=1), so a slip is named only when it explains every wrong case."""

    def reference(self, n: int, k: int, s: int, d: int) -> tuple[int, int]:
        return measured_dilated_same_padding(n, k, s, d)

    def random_case(self, rng: random.Random) -> tuple[Any, ...]:
        d = rng.randint(1, 4)
        return rng.randint(d, 40), rng.randint(1, 8), rng.randint(1, 5), d

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
