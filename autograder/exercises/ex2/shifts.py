"""Exercise 2, question 2: which small shifts of a dot repeated max pooling hides.

The student predicts with a formula; the reference runs TensorFlow's pooling on the dot and the
moved dot (`autograder.vision.measure`), so a prediction is judged against what pooling does.
"""

from __future__ import annotations

import random
from typing import Any

from autograder.core import Diagnosis, YesNoQuestion
from autograder.i18n import N_, _
from autograder.vision.measure import measured_shift_visible

MAP_SIZE = 64
"""Width of the map the dot lives on when a prediction is measured (enough for 4 poolings and any column asked)."""


class TranslationInvariance(YesNoQuestion):
    """Q2: ``hidden_by_pooling(column, shift, rounds)``: whether a dot moved by ``shift`` columns gives the same
    map as before after ``rounds`` rounds of 2x2 max pooling (stride 2), measured with ``tf.nn.max_pool2d``."""

    var = "hidden_by_pooling"
    fixed_cases = (
        (8, 2, 2),
        (8, 2, 1),
        (8, -1, 1),
        (8, -1, 3),
        (8, 5, 3),
        (8, 5, 2),
        (7, 1, 1),
        (6, 1, 1),
        (13, 2, 1),
        (0, 3, 2),
        (20, 0, 1),
        (31, 1, 4),
        (16, 15, 4),
    )
    diagnoses = (
        Diagnosis(
            lambda column, shift, rounds: column // 2**rounds != (column + shift) // 2**rounds,
            N_(
                "your answer is the opposite: it says True when the maps still differ. The question asks whether "
                "the shift is hidden, that is whether the two pooled maps are identical."
            ),
        ),
        Diagnosis(
            lambda column, shift, rounds: abs(shift) < 2**rounds,
            N_(
                "you decided by the size of the shift alone. Whether a shift disappears also depends on where the "
                "dot is: from column 8 to column 7 is one pixel, yet the two columns land in the same cell only after "
                "four rounds, when one cell covers 16 columns. Work out which cell each column lands in."
            ),
        ),
        Diagnosis(
            lambda column, shift, rounds: column // 2 == (column + shift) // 2,
            N_(
                "you looked at one pooling only. After each round the map is halved again, so after `rounds` "
                "rounds one cell covers 2 ** rounds columns of the original map."
            ),
        ),
        Diagnosis(
            lambda column, shift, rounds: column // (2 * rounds) == (column + shift) // (2 * rounds),
            N_(
                "after `rounds` poolings one cell covers 2 ** rounds columns (2, 4, 8, ...), not 2 * rounds: each "
                "round halves the map again."
            ),
        ),
    )
    hints = (
        N_(
            "Run `show_shifted_dots(shift=2)` and `show_shifted_dots(shift=-1)` and note after which pooling the "
            "two maps agree. Then ask, for a few columns: which columns end up in the same cell after one "
            "pooling? After two?"
        ),
        N_(
            "A 2x2 pooling with stride 2 sends column c to cell c // 2 of the smaller map, and the next pooling "
            "sends that cell to (c // 2) // 2. The shift is hidden exactly when the two columns land in the same "
            "cell after the last round."
        ),
        N_("`return column // 2 ** rounds == (column + shift) // 2 ** rounds`"),
    )
    solution = N_(
        "def hidden_by_pooling(column, shift, rounds):\n"
        "    # after r poolings, column c is in cell c // 2**r; the maps agree when both columns share it\n"
        "    return column // 2 ** rounds == (column + shift) // 2 ** rounds"
    )

    def reference(self, column: int, shift: int, rounds: int) -> bool:
        return not measured_shift_visible(MAP_SIZE, column, shift, rounds)[-1]

    def random_case(self, rng: random.Random) -> tuple[Any, ...]:
        column = rng.randrange(MAP_SIZE // 2)
        return column, rng.randint(max(-column, -8), 8), rng.randint(1, 4)

    def explain_wrong_truth(self, expected: bool) -> str:
        if expected:
            return _("returned {value}, but TensorFlow's pooling shows the shift is hidden (the maps are identical).")
        return _("returned {value}, but TensorFlow's pooling shows the shift is still visible (the maps differ).")
