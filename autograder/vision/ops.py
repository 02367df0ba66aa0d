"""Filter, detect, condense on a single grayscale image, with TensorFlow doing the work.

Pooling itself lives in `autograder.vision.pooling`; `condense` is its one-image form.

These wrap the reshaping that TensorFlow's functions need: images as (batch, height, width,
channels) and kernels as (height, width, in_channels, out_channels).
"""

from __future__ import annotations

from typing import Any

import numpy as np

from autograder.vision.pooling import pool_map


def as_batch(image: Any) -> Any:
    """A (height, width) or (height, width, channels) image as a float32 batch of one."""
    import tensorflow as tf

    tensor = tf.convert_to_tensor(image, dtype=tf.float32)
    if tensor.shape.rank == 2:
        tensor = tensor[:, :, tf.newaxis]
    return tensor[tf.newaxis, ...]


def as_filter(kernel: Any) -> Any:
    """A (height, width) kernel as TensorFlow's (height, width, 1, 1) filter."""
    import tensorflow as tf

    tensor = tf.convert_to_tensor(kernel, dtype=tf.float32)
    return tf.reshape(tensor, [*tensor.shape, 1, 1])


def convolve(image: Any, kernel: Any, padding: str = "SAME", strides: int = 1) -> np.ndarray:
    """Filter step: ``tf.nn.conv2d`` of a grayscale image with a 2-D kernel."""
    import tensorflow as tf

    result = tf.nn.conv2d(as_batch(image), as_filter(kernel), strides=strides, padding=padding.upper())
    return result[0, :, :, 0].numpy()


def detect(feature_map: Any) -> np.ndarray:
    """Detect step: ReLU keeps the positive responses and zeroes the rest."""
    import tensorflow as tf

    return tf.nn.relu(tf.convert_to_tensor(feature_map, dtype=tf.float32)).numpy()


def condense(
    feature_map: Any, window: int = 2, stride: int | None = None, padding: str = "SAME", mode: str = "max"
) -> np.ndarray:
    """Condense step: max (or average) pooling; the stride defaults to the window, as in Keras."""
    return pool_map(feature_map, window, stride, padding, mode)
