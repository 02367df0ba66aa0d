"""Exercise 2's set-up, as the notebook receives it: the photo and its filtered and detected maps,
question 3's channels-first maps, question 4's pooling stack and question 5's overlapping map.

The photo has odd sides (171x257), so SAME and VALID pooling give different shapes and a VALID
answer can be told apart from the right one by its shape alone.
"""

from __future__ import annotations

from typing import Any

import keras
import numpy as np
import tensorflow as tf

from autograder.runtime import silence_loaded_tensorflow
from autograder.vision import KERNELS, load_image
from autograder.vision.stacks import WindowLayer

silence_loaded_tensorflow()

image = tf.reshape(tf.constant(load_image("chelsea", size=(171, 257))), [1, 171, 257, 1])
"""The photograph as a batch of one grayscale image, shape (1, 171, 257, 1)."""

kernel = tf.reshape(tf.constant(KERNELS["edge"]), [3, 3, 1, 1])
"""The edge detector as a (3, 3, 1, 1) filter."""

image_filter = tf.nn.conv2d(image, kernel, strides=1, padding="SAME")
"""Filter step: the photo convolved with the edge kernel, shape (1, 171, 257, 1)."""

image_detect = tf.nn.relu(image_filter)
"""Detect step: ReLU of `image_filter`, the feature map question 1 pools."""

EXAMPLE_SHAPE = (2, 3, 5, 4)
"""`maps_channels_first`: 2 examples, 3 feature maps each, 5 high and 4 wide, channels before space."""


def channels_first_maps(seed: int, shape: tuple[int, ...]) -> tf.Tensor:
    """A channels-first batch of non-negative maps (as after ReLU), two decimals."""
    values = np.maximum(np.random.default_rng(seed).normal(0.5, 1.0, size=shape), 0).round(2)
    return tf.constant(values, dtype=tf.float32)


maps_channels_first = channels_first_maps(2, EXAMPLE_SHAPE)
"""Question 3's example batch, (N, C, H, W) = (2, 3, 5, 4); also the first case the check runs."""

STACK_INPUT = (8, 45, 31, 16)
"""Question 4's input: a batch of 8 feature maps, 45 high, 31 wide, 16 channels."""

STACK = (WindowLayer("max", 2), WindowLayer("max", 3, stride=2, padding="same"), WindowLayer("avg", 2, stride=1))
"""Question 4's layers, in order."""

CODE_STYLE: dict[str, Any] = {"positional": True, "names": {"max": "MaxPool2D", "avg": "AveragePooling2D"}}
"""How question 4 writes its layers: ``layers.MaxPool2D(2)``, as lesson 2 does."""

pooling_stack = keras.Sequential(
    [keras.Input(shape=STACK_INPUT[1:], batch_size=STACK_INPUT[0]), *(layer.keras_layer() for layer in STACK)]
)
"""The real Keras model of question 4; its output shape is the reference."""


def stack_code() -> str:
    """Question 4's model as Keras code, for the notebook to print."""
    lines = [f"    keras.Input(shape={STACK_INPUT[1:]}, batch_size={STACK_INPUT[0]}),"]
    lines += [f"    {layer.code(**CODE_STYLE)}," for layer in STACK]
    return "pooling_stack = keras.Sequential([\n" + "\n".join(lines) + "\n])"


overlap_map = np.array(
    [
        [3, 11, 9, 2, 14],
        [7, 0, 16, 23, 5],
        [12, 24, 1, 18, 8],
        [6, 15, 10, 4, 13],
        [19, 17, 20, 21, 22],
    ],
    dtype=np.float32,
)
"""Question 5's 5x5 example: with 3x3 windows and stride 2 the windows overlap on row 2 and column 2,
and 24 at (2, 1) is the maximum of two of them."""
