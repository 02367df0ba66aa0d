"""Exercise 3's set-up: question 3's model, as its input and its layers, and question 5's noisy series."""

from __future__ import annotations

import numpy as np

from autograder.vision.stacks import WindowLayer

MODEL_INPUT = (None, 29, 31, 3)
"""Question 3's input: any batch of 29x31 images with 3 channels."""
MODEL_LAYERS = (
    WindowLayer("conv", 3, stride=2, padding="same", filters=16),
    WindowLayer("max", 2),
    WindowLayer("conv", 3, filters=32),
    WindowLayer("max", 3, stride=2, padding="same"),
    WindowLayer("conv", 1, filters=8),
)
"""Question 3's layers, in order."""

SERIES_LENGTH = 400
"""Length of the noisy series a smoothing kernel is tried on."""
MAX_WEIGHTS = 50
"""The most weights a kernel may have (the check and the drawing refuse longer ones)."""


def noisy_series(seed: int) -> tuple[np.ndarray, np.ndarray]:
    """(signal, signal + noise): a slow wave and the same wave with white noise of standard deviation 1."""
    gen = np.random.default_rng(seed)
    t = np.arange(SERIES_LENGTH)
    signal = 3 * np.sin(2 * np.pi * t / gen.uniform(120, 240) + gen.uniform(0, 2 * np.pi))
    return signal, signal + gen.normal(size=SERIES_LENGTH)
