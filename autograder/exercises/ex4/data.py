"""Exercise 4's worked examples, as the notebook receives them (channels first, as in lesson 4)."""

from __future__ import annotations

import numpy as np
import tensorflow as tf

example_X = tf.reshape(tf.range(9.0), (3, 3))
"""The 3x3 input of the worked example: 0 to 8, row by row."""

example_K = tf.constant([[0.0, 1.0], [2.0, 3.0]])
"""The 2x2 kernel of the worked example; ``corr2d(example_X, example_K)`` is [[19, 25], [37, 43]]."""

example_X2 = tf.stack([example_X, example_X + 1])
"""A two-channel input, shape (2, 3, 3): `example_X` and `example_X` + 1."""

example_K2 = tf.stack([example_K, example_K + 1])
"""One kernel per input channel of `example_X2`, shape (2, 2, 2)."""

example_K3 = tf.stack([example_K2, example_K2 + 1, example_K2 + 2])
"""Three output channels' kernel stacks, shape (3, 2, 2, 2)."""

edge_image = np.zeros((6, 8), dtype=np.float32)
edge_image[:, 2:5] = 1.0
"""A 6x8 black image with a white vertical bar in columns 2 to 4."""

edge_kernel = tf.constant([[1.0, -1.0]])
"""A pixel minus its right-hand neighbour: nonzero only where brightness changes across."""
