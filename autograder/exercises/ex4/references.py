"""Exercise 4's references: TensorFlow's answers, a NumPy cross-correlation and the checks' inputs.

Conventions, as in lesson 4: channels first. A single-channel image is (h, w) and its kernel
(kh, kw); a multi-channel image X is (c_in, h, w) and a kernel stack K is (c_in, kh, kw) for one
output channel or (c_out, c_in, kh, kw) for several. Every output is VALID: the window never
leaves the image. Pooling's references are `autograder.vision.pooling`'s; the worked examples the
notebook shows are `autograder.exercises.ex4.data`'s.
"""

from __future__ import annotations

import random
from typing import Any

import numpy as np
import tensorflow as tf


def as_float(value: Any) -> np.ndarray:
    """A checker-made input as a float64 numpy array."""
    return np.asarray(value, dtype=np.float64)


def tf_corr(X: Any, K: Any) -> np.ndarray:
    """Channels-first VALID cross-correlation through ``tf.nn.conv2d``: (c_in, h, w), (c_out, c_in, kh, kw)."""
    images = tf.transpose(tf.convert_to_tensor(X, tf.float32), (1, 2, 0))[tf.newaxis]
    filters = tf.transpose(tf.convert_to_tensor(K, tf.float32), (2, 3, 1, 0))
    return tf.transpose(tf.nn.conv2d(images, filters, strides=1, padding="VALID")[0], (2, 0, 1)).numpy()


def np_corr2d(X: Any, K: Any) -> np.ndarray:
    """VALID cross-correlation in numpy, by adding one shifted, weighted copy of X per kernel weight."""
    X, K = as_float(X), as_float(K)
    kh, kw = K.shape
    out_h, out_w = X.shape[0] - kh + 1, X.shape[1] - kw + 1
    out = np.zeros((out_h, out_w))
    for a in range(kh):
        for b in range(kw):
            out += K[a, b] * X[a : a + out_h, b : b + out_w]
    return out


def dims(value: Any) -> tuple[int, ...]:
    """The shape of a checker-made array or tensor, as plain ints."""
    return tuple(int(d) for d in np.shape(value))


def seeded(rng: random.Random) -> np.random.Generator:
    return np.random.default_rng(rng.randrange(2**31))


def ints(gen: np.random.Generator, shape: tuple[int, ...], low: int = -5, high: int = 5) -> np.ndarray:
    """Small whole numbers as float32: exact sums, readable messages."""
    return gen.integers(low, high + 1, size=shape).astype(np.float32)


def maybe_tensor(rng: random.Random, *arrays: np.ndarray) -> tuple[Any, ...]:
    """The arrays as they are, or all as tf tensors: the checks use both kinds of input."""
    if rng.random() < 0.5:
        return arrays
    return tuple(tf.constant(array) for array in arrays)


def _draw_fixed_inputs() -> dict[str, list[np.ndarray]]:
    """Each question's fixed random inputs, drawn from one seed in this order (the order fixes the values)."""
    shapes = {
        "corr2d": [(4, 7), (3, 2)],
        "corr2d_multi_in": [(3, 4, 6), (3, 2, 3), (1, 5, 4), (1, 3, 3)],
        "corr2d_multi_in_out": [(2, 4, 5), (3, 2, 2, 3), (3, 4, 4), (1, 3, 2, 2)],
        "pool2d": [(4, 5), (5, 7), (6, 5), (7, 8)],
    }
    gen = np.random.default_rng(2024)
    return {name: [ints(gen, shape) for shape in listed] for name, listed in shapes.items()}


FIXED_INPUTS = _draw_fixed_inputs()
"""Random whole-number inputs that every check uses, by the function they are given to."""
