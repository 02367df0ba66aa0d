"""Classic hand-designed 3x3 kernels: the kind of weights a convnet learns for itself."""

from __future__ import annotations

import numpy as np

edge = np.array([[-1, -1, -1], [-1, 8, -1], [-1, -1, -1]], dtype=np.float32)
"""Responds where a pixel differs from its neighbours in any direction (outline detector)."""

bottom_sobel = np.array([[-1, -2, -1], [0, 0, 0], [1, 2, 1]], dtype=np.float32)
"""Responds where the image gets brighter from top to bottom (horizontal edges)."""

emboss = np.array([[-2, -1, 0], [-1, 1, 1], [0, 1, 2]], dtype=np.float32)
"""Lights up edges facing the bottom right, giving a raised, relief look."""

sharpen = np.array([[0, -1, 0], [-1, 5, -1], [0, -1, 0]], dtype=np.float32)
"""The identity plus an edge boost: contrast goes up where intensity changes."""

blur = np.full((3, 3), 1 / 9, dtype=np.float32)
"""Box blur: each output is the mean of the 3x3 neighbourhood."""

KERNELS: dict[str, np.ndarray] = {
    "edge": edge,
    "bottom_sobel": bottom_sobel,
    "emboss": emboss,
    "sharpen": sharpen,
    "blur": blur,
}
