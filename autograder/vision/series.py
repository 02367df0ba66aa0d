"""A 1-D series filtered as a Conv1D layer filters it: what exercise 3's smoothing demo shows and its
check measures (apart from `autograder.vision.measure`, whose references the judge alone holds)."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np


def measured_smoothing(series: Sequence[float], kernel: Sequence[float]) -> np.ndarray:
    """``tf.nn.conv1d`` of a 1-D series with a 1-D kernel (VALID, stride 1): what a Conv1D layer computes."""
    import tensorflow as tf

    values = tf.reshape(tf.constant(np.asarray(series, dtype=np.float32)), [1, -1, 1])
    weights = tf.reshape(tf.constant(np.asarray(kernel, dtype=np.float32)), [-1, 1, 1])
    return tf.nn.conv1d(values, weights, stride=1, padding="VALID")[0, :, 0].numpy().astype(np.float64)
