"""Exercise 2, question 3: global average pooling of `feature_maps`, (N, H, W, C) -> (N, C).

The tempting wrong poolings (other axes, the maximum, the sum, a kept axis) are computed from the
same feature maps and recognised by value, each with its message.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from autograder.core import CheckContext, Incorrect, ValueDiagnosis, ValueQuestion, as_array, close, diagnose_value
from autograder.exercises.ex2.references import feature_maps
from autograder.i18n import N_, _

_CHANNELS_TOO = N_("you averaged the channels together too; keep one score per channel, shape (2, 3).")
_ONE_AXIS = N_("you averaged over only one of height and width; average over both (axes 1 and 2).")

GAP_MISTAKES = (
    ValueDiagnosis(
        lambda maps: maps.mean(axis=(1, 2), keepdims=True),
        N_(
            "the means are right, but the shape is {shape}: drop the two size-1 axes "
            "(no `keepdims=True`) so that the result is (2, 3), one score per example and map."
        ),
    ),
    ValueDiagnosis(
        lambda maps: maps.mean(axis=3),
        N_(
            "you averaged over the channels (axis 3), which gives a map per example. Global average pooling "
            "averages over space, height and width (axes 1 and 2), keeping one score per channel."
        ),
    ),
    ValueDiagnosis(
        lambda maps: maps.mean(axis=(1, 2)).T,
        N_("you have the right means, but transposed to shape (3, 2): keep the batch first, shape (N, C) = (2, 3)."),
    ),
    ValueDiagnosis(
        lambda maps: maps.max(axis=(1, 2)),
        N_("these are the largest values of each map: global max pooling. Global average pooling takes the mean."),
    ),
    ValueDiagnosis(
        lambda maps: maps.sum(axis=(1, 2)),
        N_("these are the sums of each map; divide by the 36 cells, or take the mean instead."),
    ),
    ValueDiagnosis(lambda maps: maps.mean(axis=(1, 2, 3)), _CHANNELS_TOO),
    ValueDiagnosis(lambda maps: maps.mean(), _CHANNELS_TOO),
    ValueDiagnosis(lambda maps: maps.mean(axis=1), _ONE_AXIS),
    ValueDiagnosis(lambda maps: maps.mean(axis=2), _ONE_AXIS),
)
"""Tempting wrong global poolings of `feature_maps`, first match wins (`diagnose_value` translates the message)."""


class GapScores(ValueQuestion):
    """Q3: global average pooling of `feature_maps`, (N, H, W, C) -> (N, C)."""

    var = "gap_scores"
    hints = (
        N_(
            "See what global pooling does to one map: run `from autograder.widgets import pooling_explorer`, then "
            "`pooling_explorer(window=4, mode='average', size=4)`. A window as large as the map leaves a single "
            "output cell, the mean of the whole map. Global average pooling does this to every 6x6 feature map: "
            "which axes of (N, H, W, C) disappear, and which stay?"
        ),
        N_(
            "Take the mean over the height and the width only, so that the batch and the channels stay: "
            "`tf.reduce_mean` takes an `axis` argument, which may be a list of axes. Keras's `GlobalAvgPool2D` "
            "layer, from the lesson, does the same."
        ),
        N_(
            "`tf.reduce_mean(feature_maps, axis=[1, 2])`, or `keras.layers.GlobalAvgPool2D()(feature_maps)`: "
            "shape (2, 3)."
        ),
    )
    solution = N_(
        "gap_scores = tf.reduce_mean(feature_maps, axis=[1, 2])\n"
        "# or, with the Keras layer: gap_scores = keras.layers.GlobalAvgPool2D()(feature_maps)"
    )

    def verify(self, value: Any, context: CheckContext) -> str:
        maps = np.asarray(feature_maps, dtype=np.float64)
        answer = as_array(value, self.var)
        expected = maps.mean(axis=(1, 2))
        if close(answer, expected):
            return _("Each of the 3 feature maps of each example is now a single score, its mean activation.")
        mistake = diagnose_value(answer, maps, GAP_MISTAKES)
        if mistake:
            raise Incorrect(mistake)
        if answer.shape != expected.shape:
            raise Incorrect(
                _("`gap_scores` has shape {shape}; it should have shape (N, C) = {expected}.").format(
                    shape=answer.shape, expected=expected.shape
                )
            )
        raise Incorrect(_("`gap_scores` has the right shape but not the mean of each feature map."))
