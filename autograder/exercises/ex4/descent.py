"""Exercise 4, question 4's data and trajectories: training cases made by a hidden kernel, and the
kernels that plain gradient descent, or a tempting other optimizer, reaches on them (all in numpy).
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from typing import Any

import numpy as np
import tensorflow as tf

from autograder.exercises.ex4.references import as_float, np_corr2d, seeded


@dataclass(frozen=True)
class Target:
    """What `train_kernel` should recover, with the data it learns from (for messages).

    When `still` is set, `steps` updates at the given `lr` cannot get far from the start: the
    right result is a kernel that has *not* reached `kernel` yet (it fits `Y` no better than
    a quarter of the way from an all-zero kernel), whatever reasonable start the student chose.
    """

    kernel: np.ndarray
    X: np.ndarray
    Y: np.ndarray
    still: bool = False
    steps: int = 0
    lr: float = 0.0


def squared_error(X: np.ndarray, Y: np.ndarray, kernel: np.ndarray) -> float:
    return float(((np_corr2d(X, kernel) - Y) ** 2).sum())


def gradient_descent(
    X: Any, Y: Any, kernel_shape: tuple[int, int], steps: int, lr: float, mean: bool = False
) -> np.ndarray:
    """The numpy trajectory from a zero kernel: summed (or, for a diagnosis, mean) squared error."""
    X, Y = as_float(X), as_float(Y)
    kernel = np.zeros(kernel_shape)
    out_h, out_w = Y.shape
    scale = 1.0 / Y.size if mean else 1.0
    for __ in range(steps):
        residual = np_corr2d(X, kernel) - Y
        gradient = np.array(
            [
                [2 * scale * (residual * X[a : a + out_h, b : b + out_w]).sum() for b in range(kernel_shape[1])]
                for a in range(kernel_shape[0])
            ]
        )
        kernel = kernel - lr * gradient
    return kernel


def optimizer_descent(X: Any, Y: Any, kernel_shape: tuple[int, int], steps: int, lr: float, kind: str) -> np.ndarray:
    """The trajectory from a zero kernel of a Keras optimizer (default settings) on the summed squared error."""
    X, Y = as_float(X), as_float(Y)
    kernel = np.zeros(kernel_shape)
    first, second = np.zeros(kernel_shape), np.zeros(kernel_shape)
    out_h, out_w = Y.shape
    for step in range(1, steps + 1):
        residual = np_corr2d(X, kernel) - Y
        gradient = np.array(
            [
                [2 * (residual * X[a : a + out_h, b : b + out_w]).sum() for b in range(kernel_shape[1])]
                for a in range(kernel_shape[0])
            ]
        )
        if kind == "adam":
            first += (gradient - first) * 0.1
            second += (gradient**2 - second) * 0.001
            alpha = lr * np.sqrt(1 - 0.999**step) / (1 - 0.9**step)
            kernel = kernel - alpha * first / (np.sqrt(second) + 1e-7)
        elif kind == "rmsprop":
            second = 0.9 * second + 0.1 * gradient**2
            kernel = kernel - lr * gradient / np.sqrt(second + 1e-7)
        elif kind == "momentum":
            first = 0.9 * first - lr * gradient
            kernel = kernel + first
        else:
            raise ValueError(kind)
    return kernel


def still_case(rng: random.Random, kernel_shape: tuple[int, int] = (2, 2)) -> tuple[Any, ...]:
    """A training case whose learning rate is far too small for `steps` updates to move the kernel."""
    X, Y, shape, steps, __ = training_case(rng, kernel_shape)
    return X, Y, shape, steps, 1e-6


def training_case(
    rng: random.Random, kernel_shape: tuple[int, int] | None = None, steps: int = 15
) -> tuple[Any, Any, tuple[int, int], int, float]:
    """(X, Y, kernel_shape, steps, lr): data made by a hidden kernel, and a learning rate that lets
    `steps` updates recover it.

    The rate is 2 / (largest + smallest curvature) of the summed squared error, to two significant
    digits; inputs are redrawn until, at that rate, the error shrinks 10^4-fold within `steps` updates.
    """
    gen = seeded(rng)
    kh, kw = kernel_shape or (rng.randint(1, 3), rng.randint(2, 3))
    while True:
        h, w = kh + rng.randint(4, 5), kw + rng.randint(4, 5)
        X = gen.normal(size=(h, w)).astype(np.float32)
        out_h, out_w = h - kh + 1, w - kw + 1
        patches = np.array([as_float(X[a : a + out_h, b : b + out_w]).ravel() for a in range(kh) for b in range(kw)])
        curvature = np.linalg.eigvalsh(2 * patches @ patches.T)
        lr = float(f"{2 / (curvature[-1] + curvature[0]):.2g}")
        rate = max(abs(1 - lr * curvature[0]), abs(1 - lr * curvature[-1]))
        if rate**steps < 1e-4:
            break
    kernel = np.zeros((kh, kw))
    while np.allclose(kernel, kernel[::-1, ::-1]):
        kernel = gen.integers(-6, 7, size=(kh, kw)) / 2
    Y = np_corr2d(X, kernel).astype(np.float32)
    return tf.constant(X), tf.constant(Y), (kh, kw), steps, lr
