"""Questions 2 and 3: the TensorFlow functions that do a Conv2D layer's filter and detect steps.

Each answer is a function object, judged by what it computes on fixed probes
(`autograder.core.NamedFunctionQuestion`); the neighbouring functions a student may pick instead
are named with their own messages.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import tensorflow as tf

from autograder.core import NamedFunctionQuestion
from autograder.i18n import N_, _

_probe_rng = np.random.default_rng(2025)
"""Fixed inputs that a function answer is called with (the results decide, not the name)."""


class ConvFn(NamedFunctionQuestion):
    """Q2: the function that does a Conv2D layer's arithmetic."""

    var = "conv_fn"
    expected = "tf.nn.conv2d"
    purpose = N_("2-D convolution of a batch of images")
    probes = (
        (
            tf.constant(_probe_rng.normal(size=(1, 6, 5, 1)), tf.float32),
            tf.constant(_probe_rng.normal(size=(3, 2, 1, 1)), tf.float32),
            1,
            "SAME",
        ),
        (
            tf.constant(_probe_rng.normal(size=(2, 7, 6, 2)), tf.float32),
            tf.constant(_probe_rng.normal(size=(3, 3, 2, 3)), tf.float32),
            2,
            "VALID",
        ),
    )
    close_misses = {
        "tf.nn.conv1d": N_("that convolves 1-D sequences; images need the 2-D version."),
        "tf.nn.conv3d": N_("that convolves 3-D volumes; images need the 2-D version."),
        "tf.nn.depthwise_conv2d": N_("that filters each channel separately; a Conv2D layer sums across channels."),
        "tf.nn.conv2d_transpose": N_("that is the transposed (up-sampling) convolution."),
        "tf.nn.relu": N_("that is the detect step (ReLU), not the filter step."),
        "tf.nn.max_pool2d": N_("that is the condense step (max pooling), not the filter step."),
        "tf.raw_ops.Conv2D": N_("that is the raw operation underneath; use the public `tf.nn` function."),
    }
    hints = (
        N_("The lower-level functions behind Keras layers live in the `tf.nn` module."),
        N_("You want the 2-D convolution in `tf.nn`; assign it without parentheses: `conv_fn = tf.nn.____`."),
    )
    solution = "conv_fn = tf.nn.conv2d"


class ReluFn(NamedFunctionQuestion):
    """Q3: the function behind the ReLU activation."""

    var = "relu_fn"
    expected = "tf.nn.relu"
    purpose = N_("rectified linear unit, max(x, 0)")
    probes = ((tf.constant(8 * _probe_rng.normal(size=(2, 3, 4)), tf.float32),),)
    close_misses = {
        "tf.nn.relu6": N_("that caps outputs at 6; plain ReLU has no upper limit."),
        "tf.nn.leaky_relu": N_("that lets a small slope through for negative inputs; ReLU sets them to exactly 0."),
        "tf.nn.elu": N_("that bends smoothly below zero; ReLU sets negatives to exactly 0."),
        "tf.nn.gelu": N_("that is a smooth relative of ReLU, not ReLU itself."),
        "tf.nn.sigmoid": N_("that squashes into (0, 1); ReLU keeps positives unchanged."),
        "tf.nn.conv2d": N_("that is the filter step (convolution), not the detect step."),
        "tf.maximum": N_("`tf.maximum(x, 0)` computes ReLU, but the question asks for the named ReLU function."),
    }
    hints = (
        N_("ReLU is an activation function; TensorFlow's activations are in `tf.nn` too."),
        N_("Its name is the abbreviation itself, in lower case."),
    )
    solution = "relu_fn = tf.nn.relu"

    def _diagnose(self, value: Any) -> str:
        if isinstance(value, str) and value.strip().lower() == "relu":
            return _(
                "`relu_fn` is the string 'relu'. That is how you name the activation inside a layer "
                "(`activation='relu'`); here assign the function object itself."
            )
        return super()._diagnose(value)
