"""The kernel playground's computation: filter, detect and condense one image with TensorFlow."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np

from autograder.i18n import _
from autograder.vision.images import circle, dots, load_image, stripes
from autograder.vision.ops import condense, convolve, detect

SYNTHETIC_IMAGES: dict[str, Callable[[int], np.ndarray]] = {
    "circle": lambda size: circle(size),
    "stripes": lambda size: stripes(size, period=max(size // 8, 4), width=max(size // 32, 1)),
    "dots": lambda size: dots(size, spacing=max(size // 8, 4), radius=max(size // 64, 1)),
}
PHOTOGRAPHS = ("camera", "brick", "chelsea", "horse")
IMAGE_NAMES = PHOTOGRAPHS + tuple(SYNTHETIC_IMAGES)


def source_image(name: str, size: int = 128) -> np.ndarray:
    """A photograph from data/ or a synthetic pattern, as size×size grayscale floats in [0, 1]."""
    if name in SYNTHETIC_IMAGES:
        return SYNTHETIC_IMAGES[name](size)
    return load_image(name, size=size)


@dataclass(frozen=True)
class Stages:
    """An image after each step of feature extraction."""

    image: np.ndarray
    kernel: np.ndarray
    filtered: np.ndarray
    detected: np.ndarray
    condensed: np.ndarray
    pool_window: int


def extract_features(image: Any, kernel: Any, pool_window: int = 2) -> Stages:
    """Filter (SAME convolution), detect (ReLU) and condense (max pooling, stride = window)."""
    filtered = convolve(image, kernel, padding="SAME")
    detected = detect(filtered)
    return Stages(
        image=np.asarray(image, dtype=np.float32),
        kernel=np.asarray(kernel, dtype=np.float32),
        filtered=filtered,
        detected=detected,
        condensed=condense(detected, window=pool_window, padding="SAME", mode="max"),
        pool_window=pool_window,
    )


def summarise(stages: Stages) -> list[str]:
    """One line per step with the numbers a student can compare as they change the kernel."""
    filtered, detected, condensed = stages.filtered, stages.detected, stages.condensed
    kept = 100.0 * np.count_nonzero(detected) / detected.size
    weight_sum = round(float(stages.kernel.sum()), 2) + 0.0  # + 0.0 turns -0.0 into 0.0
    window = stages.pool_window
    return [
        _("Filter: {size} map, values from {low} to {high} (kernel weights sum to {total})").format(
            size=f"{filtered.shape[0]}×{filtered.shape[1]}",
            low=f"{filtered.min():.2f}",
            high=f"{filtered.max():.2f}",
            total=f"{weight_sum:.2f}",
        ),
        _("Detect (ReLU): {percent} of the values are positive and kept; the rest become 0").format(
            percent=f"{kept:.1f}%"
        ),
        _("Condense (max pool {window}): {size} map, strongest response {strongest}").format(
            window=f"{window}×{window}",
            size=f"{condensed.shape[0]}×{condensed.shape[1]}",
            strongest=f"{condensed.max():.2f}",
        ),
    ]
