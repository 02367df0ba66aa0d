"""Exercise 3, question 7: the weights of the stack of 3x3 layers that sees as far as one k x k layer.

Lesson 3 counts two 3x3 layers against one 5x5 and three against one 7x7 for 64 channels; the
student counts any odd k and any number of channels. The reference is measured: the stack's depth
from TensorFlow's receptive field, its weights from Keras's ``count_params``
(`autograder.vision.measure`).
"""

from __future__ import annotations

import itertools
import random
from typing import Any

from autograder.core import CountQuestion, Diagnosis
from autograder.i18n import N_
from autograder.vision.measure import measured_three_by_three_stack


def _depth(k: int) -> int:
    """3x3 layers a k-cell field takes: each adds 2 cells to the one cell it starts from."""
    return (k - 1) // 2


class StackWeights(CountQuestion):
    """Q7: ``stack_weights(k, channels)``, measured with Keras's ``count_params``."""

    var = "stack_weights"
    fixed_cases = tuple(itertools.product((3, 5, 7, 9), (1, 2, 3, 16, 64))) + ((11, 32), (15, 8), (21, 5))
    diagnose_from_all_cases = True
    """Slips agree on small cases (k=3 is one layer whatever the depth rule; one channel squares to one)."""
    diagnoses = (
        Diagnosis(
            lambda k, c: _depth(k) * 9 * c * c,
            N_("the biases are left out: each layer also has one bias per filter, `channels` more per layer."),
        ),
        Diagnosis(
            lambda k, c: _depth(k) * 9 * c * c + c,
            N_("the biases are counted once, but every layer of the stack has its own: `channels` per layer."),
        ),
        Diagnosis(
            lambda k, c: _depth(k) * (9 * c + c),
            N_(
                "each filter spans all the input channels: a 3x3 layer's kernel has shape (3, 3, channels, "
                "channels), 3 * 3 * channels * channels weights, not 3 * 3 * channels."
            ),
        ),
        Diagnosis(
            lambda k, c: k // 3 * (9 * c * c + c),
            N_(
                "the fields do not add up 3 by 3: a second 3x3 layer sees 3 cells of the first, which cover 5 "
                "input cells, so each layer after the first adds 2 cells, and k cells take (k - 1) / 2 layers."
            ),
        ),
        Diagnosis(
            lambda k, c: (k - 2) * (9 * c * c + c),
            N_(
                "each 3x3 layer widens the field by 2 cells (k - 1 = 2, lesson 3's formula), not by 1: k cells "
                "take (k - 1) / 2 layers."
            ),
        ),
        Diagnosis(
            lambda k, c: k * k * c * c + c,
            N_(
                "this is the one k x k layer's count; the question asks for the stack of 3x3 layers that sees as "
                "far as it does."
            ),
        ),
    )
    hints = (
        N_(
            "Draw one row of cells: a 3x3 layer's output cell sees 3 input cells, and a cell of a second 3x3 "
            "layer sees 3 cells of the first. How many input cells is that? Then count one layer: "
            "`tf.keras.layers.Conv2D(4, 3)` built on 4 channels (`layer.build((None, 8, 8, 4))`) tells its "
            "weights with `layer.count_params()`; where do the 4s go?"
        ),
        N_(
            "L stacked 3x3 layers with stride 1 see 1 + 2 * L cells (each adds k - 1 = 2). One of them, with "
            "`channels` filters on `channels` input channels, has a kernel of shape (3, 3, channels, channels) "
            "and one bias per filter."
        ),
        N_("layers = (k - 1) // 2; the answer is layers * (3 * 3 * channels * channels + channels)."),
    )
    solution = (
        "def stack_weights(k, channels):\n"
        "    layers = (k - 1) // 2\n"
        "    return layers * (3 * 3 * channels * channels + channels)"
    )

    def reference(self, k: int, channels: int) -> int:
        return measured_three_by_three_stack(k, channels)

    def random_case(self, rng: random.Random) -> tuple[Any, ...]:
        return rng.randrange(3, 23, 2), rng.randint(1, 256)
