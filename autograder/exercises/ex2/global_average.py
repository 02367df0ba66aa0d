"""Exercise 2, question 3: global average pooling of a channels-first batch, (N, C, H, W) -> (N, C).

The lesson pooled channels-last maps, (N, H, W, C), over axes 1 and 2; here the channels come
before height and width, so the lesson's axes (and `GlobalAvgPool2D()` with its default layout)
average the wrong ones. The student writes a function, run on batches of several sizes; the
tempting wrong poolings (the lesson's axes, other axes, the maximum, the sum, a kept axis, a
divisor fixed by the example) are recognised by their results, each with its message.
"""

from __future__ import annotations

import random
from typing import Any

import numpy as np

from autograder.core import Diagnosis, FunctionQuestion
from autograder.core.question import array_problem
from autograder.exercises.ex2.data import EXAMPLE_SHAPE, channels_first_maps, maps_channels_first
from autograder.i18n import N_, _

_CELLS = EXAMPLE_SHAPE[2] * EXAMPLE_SHAPE[3]


def _mean(maps: Any, axis: Any, **options: Any) -> np.ndarray:
    return np.asarray(maps, dtype=np.float64).mean(axis=axis, **options)


_CHANNELS_TOO = N_("you averaged the channels together too; keep one score per example and channel, shape (N, C).")
_ONE_AXIS = N_(
    "you averaged over only one of height and width; in (N, C, H, W) they are axes 2 and 3, average over both."
)

GAP_MISTAKES = (
    Diagnosis(
        lambda maps: _mean(maps, (1, 2)),
        N_(
            "you averaged over axes 1 and 2, the height and width of the lesson's channels-last layout (that is "
            "also what `GlobalAvgPool2D()` does with its default `data_format`). In (N, C, H, W) axis 1 holds "
            "the channels: the height and the width are axes 2 and 3."
        ),
    ),
    Diagnosis(
        lambda maps: _mean(maps, (2, 3), keepdims=True),
        N_(
            "the means are right, but you kept the two size-1 axes: drop them (no `keepdims=True`) so that the "
            "result is (N, C), one score per example and map."
        ),
    ),
    Diagnosis(
        lambda maps: _mean(maps, 1),
        N_(
            "you averaged over the channels (axis 1), which gives one map per example. Global average pooling "
            "averages over space, the height and the width, keeping one score per channel."
        ),
    ),
    Diagnosis(
        lambda maps: _mean(maps, (2, 3)).T,
        N_("you have the right means, but transposed to shape (C, N): keep the batch first, shape (N, C)."),
    ),
    Diagnosis(
        lambda maps: np.asarray(maps, dtype=np.float64).max(axis=(2, 3)),
        N_("these are the largest values of each map: global max pooling. Global average pooling takes the mean."),
    ),
    Diagnosis(
        lambda maps: np.asarray(maps, dtype=np.float64).sum(axis=(2, 3)),
        N_("these are the sums of each map; divide by the H * W cells of a map, or take the mean instead."),
    ),
    Diagnosis(
        lambda maps: np.asarray(maps, dtype=np.float64).sum(axis=(2, 3)) / _CELLS,
        N_(
            "you divided the sums by 20, the cells of a 5x4 map of `maps_channels_first`. Other batches have "
            "maps of other sizes: divide by the H * W of the maps you are given, or take the mean."
        ),
    ),
    Diagnosis(
        lambda maps: _mean(maps, (0, 2, 3)),
        N_("you averaged over the examples too (axis 0); keep one row of scores per example, shape (N, C)."),
    ),
    Diagnosis(lambda maps: _mean(maps, (1, 2, 3)), _CHANNELS_TOO),
    Diagnosis(
        lambda maps: _mean(maps, None),
        N_("you averaged the whole batch into a single number; keep one score per example and channel, shape (N, C)."),
    ),
    Diagnosis(lambda maps: _mean(maps, 2), _ONE_AXIS),
    Diagnosis(lambda maps: _mean(maps, 3), _ONE_AXIS),
)
"""Tempting wrong global poolings of a channels-first batch, first match wins."""


class GapChannelsFirst(FunctionQuestion):
    """Q3: ``gap_channels_first(maps)``: global average pooling of a channels-first batch (N, C, H, W),
    one score per example and channel, shape (N, C).

    Graded on the notebook's example, on batches of other sizes (non-square maps, one example, one
    channel) and on random ones, against the mean over axes 2 and 3 (the tests check it against
    Keras's ``GlobalAvgPool2D(data_format='channels_first')``).
    """

    var = "gap_channels_first"
    fixed_cases = (
        (maps_channels_first,),
        (channels_first_maps(3, (1, 4, 3, 7)),),
        (channels_first_maps(4, (3, 2, 6, 6)),),
        (channels_first_maps(5, (2, 1, 4, 2)),),
    )
    visible_random_cases = 1
    diagnoses = GAP_MISTAKES
    hints = (
        N_(
            "See what global pooling does to one map: run `from autograder.widgets import pooling_explorer`, then "
            "`pooling_explorer(window=4, mode='average', size=4)`. A window as large as the map leaves a single "
            "output cell, the mean of the whole map. Now name each axis of `maps_channels_first.shape`: which two "
            "hold the cells of one map here, and which must stay?"
        ),
        N_(
            "In (N, C, H, W) the height and the width are the last two axes. Take the mean over those only, so "
            "that the batch and the channels stay: `tf.reduce_mean` takes an `axis` argument, which may be a list "
            "of axes. Keras's `GlobalAvgPool2D` layer can do it too if you tell it the layout (`data_format`)."
        ),
        N_(
            "`return tf.reduce_mean(maps, axis=[2, 3])`, or "
            "`return keras.layers.GlobalAvgPool2D(data_format='channels_first')(maps)`."
        ),
    )
    solution = N_(
        "def gap_channels_first(maps):\n"
        "    # (N, C, H, W): the height and the width are axes 2 and 3\n"
        "    return tf.reduce_mean(maps, axis=[2, 3])"
    )

    def reference(self, maps: Any) -> np.ndarray:
        return _mean(maps, (2, 3))

    def random_case(self, rng: random.Random) -> tuple[Any, ...]:
        shape = (rng.randint(1, 4), rng.randint(1, 6), rng.randint(2, 8), rng.randint(2, 8))
        return (channels_first_maps(rng.randrange(2**32), shape),)

    def explain_mismatch(self, got: Any, expected: Any) -> str:
        return array_problem(
            got,
            expected.shape,
            _("returned {value}; it should return an array of scores, shape (N, C)."),
            _("returned an array of shape {shape}; for this batch it should have shape (N, C) = {expected}."),
        ) or _("returned the right shape, but not the mean of each feature map.")
