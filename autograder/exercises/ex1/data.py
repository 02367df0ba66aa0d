"""Exercise 1's set-up data: the photograph the notebook filters and the small images and kernels of its questions."""

from __future__ import annotations

import numpy as np

from autograder.vision import load_image

image = load_image("camera", size=256)
"""The photograph the exercise filters: 256x256 grayscale floats in [0, 1]."""

line_image = np.array(
    [
        [0, 0, 0, 1, 0, 0],
        [0, 0, 0, 1, 0, 0],
        [0, 0, 0, 1, 0, 0],
        [1, 1, 1, 1, 1, 1],
        [0, 0, 0, 1, 0, 0],
        [0, 0, 0, 1, 0, 0],
    ],
    dtype=np.float32,
)
"""Question 4's 6x6 image: a vertical and a horizontal line crossing."""

line_kernel = np.array([[1, -1], [1, -1]], dtype=np.float32)
"""Question 4's kernel: bright on the left, dark on the right."""

vertical_kernel = np.array([[-1, 2, -1], [-1, 2, -1], [-1, 2, -1]], dtype=np.float32)
"""Question 6's kernel: picks out thin vertical lines."""
