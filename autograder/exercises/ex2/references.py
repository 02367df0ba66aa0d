"""Exercise 2's set-up: the photo and its filtered and detected maps and question 4's pooling stack,
as the notebook receives them (question 3's channels-first maps are in `global_average`).

The photo has odd sides (171x257), so SAME and VALID pooling give different shapes and a VALID
answer can be told apart from the right one by its shape alone.
"""

from __future__ import annotations

from typing import Any

import keras
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
