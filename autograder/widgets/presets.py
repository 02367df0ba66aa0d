"""The kernel playground's presets and grid sizes: the course's classic kernels at 3×3 or 5×5."""

from __future__ import annotations

from typing import Any

import numpy as np

from autograder.i18n import _
from autograder.vision.kernels import KERNELS

GRID_SIZES = (3, 5)
PRESET_NAMES = tuple(KERNELS)


def resize_kernel(kernel: Any, size: int) -> np.ndarray:
    """Centre a square kernel in a size×size grid: zero-pad to grow, keep the middle to shrink.

    Zero weights add nothing, so a 3×3 kernel padded to 5×5 filters exactly as before.
    """
    values = np.asarray(kernel, dtype=np.float32)
    if values.ndim != 2 or values.shape[0] != values.shape[1] or values.shape[0] % 2 == 0:
        raise ValueError(_("expected a square kernel of odd size, got shape {shape}").format(shape=values.shape))
    if size < 1 or size % 2 == 0:
        raise ValueError(_("size must be a positive odd number, not {size}").format(size=repr(size)))
    current = values.shape[0]
    if size >= current:
        margin = (size - current) // 2
        return np.pad(values, margin)
    margin = (current - size) // 2
    return values[margin : margin + size, margin : margin + size].copy()


def preset_kernel(name: str, size: int = 3) -> np.ndarray:
    """A named course kernel (edge, bottom_sobel, emboss, sharpen, blur) as a size×size grid."""
    if name not in KERNELS:
        message = _("unknown preset {name}; choose one of {names}")
        raise ValueError(message.format(name=repr(name), names=", ".join(PRESET_NAMES)))
    return resize_kernel(KERNELS[name], size)


def matching_preset(kernel: Any, tolerance: float = 1e-4) -> str | None:
    """The preset a grid currently holds (at any size), or None for a hand-made kernel."""
    values = np.asarray(kernel, dtype=np.float32)
    for name in PRESET_NAMES:
        if np.allclose(values, preset_kernel(name, values.shape[0]), atol=tolerance):
            return name
    return None
