"""Exercise 4, questions 6 and 7: convolution with a stride and padding, and convolution as a matrix product.

Both go beyond lesson 4, which only showed VALID convolution with stride 1. Question 6 asks for
TensorFlow's own placement of SAME padding (the extra row or column at the bottom or right, lesson 3)
and any stride; question 7 for the im2col matrix that turns a convolution into one matrix product.
References are TensorFlow's: ``tf.nn.conv2d`` and ``tf.image.extract_patches``.
"""

from __future__ import annotations

import random
from typing import Any

import numpy as np
import tensorflow as tf

from autograder.core import Diagnosis, ShapeDiagnosis
from autograder.exercises.ex4.convolution import Corr2d
from autograder.exercises.ex4.data import example_K, example_X
from autograder.exercises.ex4.references import FIXED_INPUTS, as_float, dims, ints, seeded
from autograder.exercises.ex4.scratch import ScratchQuestion
from autograder.i18n import N_
from autograder.vision.geometry import output_size, padding_name, same_padding
from autograder.vision.library_ops import IM2COL_LIBRARY


def tf_corr2d_strided(X: Any, K: Any, stride: int = 1, padding: str = "valid") -> np.ndarray:
    """One channel's cross-correlation by ``tf.nn.conv2d``, with a stride and VALID or SAME padding."""
    images = tf.reshape(tf.convert_to_tensor(as_float(X), tf.float32), (1, *dims(X), 1))
    filters = tf.reshape(tf.convert_to_tensor(as_float(K), tf.float32), (*dims(K), 1, 1))
    name = padding_name(padding).upper()
    return tf.nn.conv2d(images, filters, strides=int(stride), padding=name)[0, :, :, 0].numpy().astype(np.float64)


def np_strided(X: Any, K: Any, stride: int, pads: tuple[tuple[int, int], tuple[int, int]]) -> np.ndarray | None:
    """Zero-pad X by ``pads`` ((top, bottom), (left, right)), then VALID cross-correlation with ``stride``."""
    X, K = np.pad(as_float(X), pads), as_float(K)
    kh, kw = K.shape
    if kh > X.shape[0] or kw > X.shape[1]:
        return None
    out_h, out_w = X.shape[0] - kh + 1, X.shape[1] - kw + 1
    out = np.zeros((out_h, out_w))
    for a in range(kh):
        for b in range(kw):
            out += K[a, b] * X[a : a + out_h, b : b + out_w]
    return out[::stride, ::stride]


def _same_pads(X: Any, K: Any, stride: int, split: str) -> tuple[tuple[int, int], tuple[int, int]]:
    """SAME padding per axis: TensorFlow's ("after"), the extra cell first ("before"), or k - 1 whatever the stride."""
    pads = []
    for n, k in zip(dims(X), dims(K), strict=True):
        if split == "k-1":
            total = k - 1
            pads.append((total // 2, total - total // 2))
            continue
        before, after = same_padding(n, k, stride)
        pads.append((before, after) if split == "after" else (after, before))
    return pads[0], pads[1]


def _slip(split: str) -> Any:
    """A SAME-padding slip as a wrong implementation (None for VALID cases, where it cannot show)."""

    def wrong(X: Any, K: Any, stride: int = 1, padding: str = "valid") -> np.ndarray | None:
        if padding_name(padding) != "same":
            return None
        return np_strided(X, K, stride, _same_pads(X, K, stride, split))

    return wrong


class Corr2dStrided(ScratchQuestion):
    """Q6: ``corr2d_strided(X, K, stride=1, padding="valid")``: one channel, any stride, VALID or SAME.

    Graded against ``tf.nn.conv2d`` on non-square inputs, even and odd kernels, strides 1 to 3 and both
    paddings, with hidden random cases. Same no-library rule as question 1.
    """

    var = "corr2d_strided"
    shape_rule = N_(
        "with stride s, VALID gives ceil((h - kh + 1) / s) rows and SAME gives ceil(h / s), and the same for "
        "the columns (lesson 3)."
    )
    builds_on = (Corr2d,)
    fixed_cases = (
        (example_X, example_K),
        (FIXED_INPUTS["corr2d"][0], FIXED_INPUTS["corr2d"][1], 2),
        (FIXED_INPUTS["corr2d"][0], FIXED_INPUTS["corr2d"][1], 1, "same"),
        (tf.constant(FIXED_INPUTS["pool2d"][1]), tf.constant([[1.0, -2.0], [3.0, 0.5]]), 2, "same"),
        (FIXED_INPUTS["pool2d"][3], np.arange(12, dtype=np.float32).reshape(3, 4) - 5, 3, "same"),
        (FIXED_INPUTS["pool2d"][2], np.ones((4, 2), dtype=np.float32), 3, "valid"),
        (tf.constant(FIXED_INPUTS["pool2d"][2]), tf.constant([[1.0], [-2.0], [3.0], [0.5], [2.0]]), 3, "same"),
    )
    visible_random_cases = 2
    diagnoses = (
        Diagnosis(
            _slip("before"),
            N_(
                "the extra row or column of SAME padding is on the wrong side. When the total padding P is odd, "
                "TensorFlow puts P // 2 before (top, left) and the rest after (bottom, right)."
            ),
        ),
        Diagnosis(
            _slip("k-1"),
            N_(
                "you padded k - 1 in total, as for stride 1. With stride s, SAME pads only enough for ceil(n / s) "
                "windows: P = max((ceil(n / s) - 1) * s + k - n, 0) along each axis (question 2 of exercise 3)."
            ),
        ),
        Diagnosis(
            lambda X, K, stride=1, padding="valid": (
                None if padding_name(padding) != "same" else tf_corr2d_strided(X, K, stride, "valid")
            ),
            N_(
                "this is VALID: with padding='same' pad the input with zeros first, so that there are ceil(n / s) "
                "windows along each axis."
            ),
        ),
        ShapeDiagnosis(
            lambda X, K, stride=1, padding="valid": (
                None
                if stride == 1
                else tuple(output_size(n, k, 1, padding) for n, k in zip(dims(X), dims(K), strict=True))
            ),
            N_(
                "you ignored `stride`: windows start every `stride` rows and columns, so there are about `stride` "
                "times fewer of them along each axis."
            ),
        ),
    )
    hints = (
        N_(
            "Run lesson 3's `show_window_positions(7, 3, 2, 'same')` (or its sliding-window explorer) and read off "
            "where each window starts and where the padding goes. The same rules hold here, along each axis."
        ),
        N_(
            "Pad first, then slide: for 'same', work out the padding of each axis (exercise 3, question 2), pad "
            "`X` with zeros (`np.pad` or `tf.pad`), and then take the VALID windows that start every `stride` "
            "cells: rows 0, s, 2s, ... as long as the window fits."
        ),
        N_(
            "For 'same', an axis of n cells gets P = max((ceil(n / s) - 1) * s + k - n, 0) zeros, P // 2 before "
            "and the rest after (exercise 3's `same_padding`). With those as `(top, bottom)` and `(left, right)`, "
            "`Xp = np.pad(np.asarray(X), ((top, bottom), (left, right)))`; then "
            "`out[i, j] = np.sum(Xp[i*s:i*s + kh, j*s:j*s + kw] * K)` for i in range((Xp.shape[0] - kh) // s + 1) "
            "and the same across."
        ),
    )
    solution = (
        "import math\n\n"
        "def corr2d_strided(X, K, stride=1, padding='valid'):\n"
        "    X, K = np.asarray(X, dtype=np.float32), np.asarray(K, dtype=np.float32)\n"
        "    (h, w), (kh, kw) = X.shape, K.shape\n"
        "    if padding.lower() == 'same':\n"
        "        pads = []\n"
        "        for n, k in ((h, kh), (w, kw)):\n"
        "            total = max((math.ceil(n / stride) - 1) * stride + k - n, 0)\n"
        "            pads.append((total // 2, total - total // 2))\n"
        "        X = np.pad(X, pads)\n"
        "    rows = (X.shape[0] - kh) // stride + 1\n"
        "    cols = (X.shape[1] - kw) // stride + 1\n"
        "    out = np.zeros((rows, cols), dtype=np.float32)\n"
        "    for i in range(rows):\n"
        "        for j in range(cols):\n"
        "            window = X[i * stride:i * stride + kh, j * stride:j * stride + kw]\n"
        "            out[i, j] = np.sum(window * K)\n"
        "    return out"
    )

    def reference(self, X: Any, K: Any, stride: int = 1, padding: str = "valid") -> np.ndarray:
        return tf_corr2d_strided(X, K, stride, padding)

    def random_case(self, rng: random.Random) -> tuple[Any, ...]:
        gen = seeded(rng)
        h, w = rng.randint(3, 9), rng.randint(3, 9)
        kh, kw = rng.randint(1, min(h, 4)), rng.randint(1, min(w, 4))
        X, K = ints(gen, (h, w)), ints(gen, (kh, kw))
        if rng.random() < 0.5:
            X, K = tf.constant(X), tf.constant(K)
        return X, K, rng.randint(1, 3), rng.choice(["valid", "same"])


def tf_im2col(X: Any, kernel_shape: tuple[int, int]) -> np.ndarray:
    """The windows of X as rows, by ``tf.image.extract_patches``: shape (out_h * out_w, kh * kw)."""
    kh, kw = (int(k) for k in kernel_shape)
    images = tf.reshape(tf.convert_to_tensor(as_float(X), tf.float32), (1, *dims(X), 1))
    patches = tf.image.extract_patches(images, [1, kh, kw, 1], [1, 1, 1, 1], [1, 1, 1, 1], "VALID")
    return tf.reshape(patches, (-1, kh * kw)).numpy().astype(np.float64)


def _kernel(kernel_shape: Any) -> tuple[int, int]:
    """``kernel_shape`` as two plain ints."""
    kh, kw = (int(k) for k in kernel_shape)
    return kh, kw


def _windows(X: Any, kernel_shape: Any) -> np.ndarray:
    """(out_h, out_w, kh, kw): every VALID window of X, in numpy."""
    return np.lib.stride_tricks.sliding_window_view(as_float(X), _kernel(kernel_shape))


class Im2col(ScratchQuestion):
    """Q7: ``im2col(X, kernel_shape)``: one row per VALID window, row-major, each window flattened row-major.

    So ``im2col(X, K.shape) @ K.ravel()`` is ``corr2d(X, K)`` flattened. Graded against
    ``tf.image.extract_patches``, which the answer may not use (nor a library convolution).
    """

    var = "im2col"
    library = IM2COL_LIBRARY
    refusal = N_(
        "`{var}` uses `{name}`, which does the window extraction for you. This question asks you to write it "
        "yourself with loops, slicing and reshaping (`np.stack`, `tf.stack`, `.ravel()` and `tf.reshape` are fine)."
    )
    shape_rule = N_(
        "one row per window position, (h - kh + 1) * (w - kw + 1) rows, and one column per kernel weight, "
        "kh * kw columns."
    )
    fixed_cases = (
        (example_X, (2, 2)),
        (FIXED_INPUTS["corr2d"][0], (3, 2)),
        (tf.constant(FIXED_INPUTS["pool2d"][0]), (2, 3)),
        (FIXED_INPUTS["pool2d"][2], (1, 4)),
    )
    visible_random_cases = 2
    diagnoses = (
        Diagnosis(
            lambda X, shape: tf_im2col(X, shape).T,
            N_(
                "your matrix is transposed: it needs one *row* per window (and one column per kernel weight), so "
                "that `im2col(X, K.shape) @ K.ravel()` gives one number per window."
            ),
        ),
        Diagnosis(
            lambda X, shape: (
                None
                if 1 in tuple(shape)
                else _windows(X, shape).transpose(0, 1, 3, 2).reshape(-1, int(shape[0]) * int(shape[1]))
            ),
            N_(
                "each window is flattened column by column. Flatten it row by row (`window.ravel()` or "
                "`tf.reshape(window, [-1])`), as `K.ravel()` flattens the kernel."
            ),
        ),
        Diagnosis(
            lambda X, shape: (
                None
                if 1 in _windows(X, shape).shape[:2]
                else _windows(X, shape).transpose(1, 0, 2, 3).reshape(-1, int(shape[0]) * int(shape[1]))
            ),
            N_(
                "the windows are listed column by column. List them row by row, as `corr2d`'s output is read: "
                "the window at (0, 0), then (0, 1), ... along the first row, then the next row."
            ),
        ),
        ShapeDiagnosis(
            lambda X, shape: (_windows(X, shape).shape[0] * _windows(X, shape).shape[1], *_kernel(shape)),
            N_(
                "each window is still a (kh, kw) block, shape (out_h * out_w, kh, kw): flatten every window into "
                "one row of kh * kw numbers, `window.ravel()` or `tf.reshape(window, [-1])`."
            ),
        ),
        ShapeDiagnosis(
            lambda X, shape: _windows(X, shape).shape,
            N_(
                "you kept the windows as a grid of (kh, kw) blocks, shape (out_h, out_w, kh, kw): reshape to one row "
                "per window, (out_h * out_w, kh * kw)."
            ),
        ),
        ShapeDiagnosis(
            lambda X, shape: (*_windows(X, shape).shape[:2], int(shape[0]) * int(shape[1])),
            N_(
                "you kept the windows in a grid, shape (out_h, out_w, kh * kw): reshape to one row per window, "
                "(out_h * out_w, kh * kw)."
            ),
        ),
        ShapeDiagnosis(
            lambda X, shape: (
                None
                if dims(X)[0] == dims(X)[1]
                else (
                    (dims(X)[0] - int(shape[0]) + 1) * (dims(X)[0] - int(shape[1]) + 1),
                    int(shape[0]) * int(shape[1]),
                )
            ),
            N_(
                "your loops only work on square inputs: the number of windows across came from the input's height. "
                "Take `h, w = X.shape`."
            ),
        ),
    )
    hints = (
        N_(
            "Check it on the worked example: with `example_X` (3x3) and a 2x2 kernel there are 4 windows of 4 "
            "numbers. Write the 4 rows by hand, then compare `np.asarray(im2col(example_X, (2, 2))) @ "
            "np.ravel(example_K)` with `np.ravel(corr2d(example_X, example_K))`."
        ),
        N_(
            "Loop over the window positions as `corr2d` does, i over rows outside and j over columns inside; "
            "flatten each window `X[i:i + kh, j:j + kw]` into one row, and stack the rows."
        ),
        N_(
            "`np.stack([np.ravel(np.asarray(X)[i:i + kh, j:j + kw]) for i in range(h - kh + 1) "
            "for j in range(w - kw + 1)])`"
        ),
    )
    solution = (
        "def im2col(X, kernel_shape):\n"
        "    X = np.asarray(X)\n"
        "    kh, kw = kernel_shape\n"
        "    h, w = X.shape\n"
        "    rows = [X[i:i + kh, j:j + kw].ravel() for i in range(h - kh + 1) for j in range(w - kw + 1)]\n"
        "    return np.stack(rows)"
    )

    def reference(self, X: Any, kernel_shape: tuple[int, int]) -> np.ndarray:
        return tf_im2col(X, kernel_shape)

    def random_case(self, rng: random.Random) -> tuple[Any, ...]:
        gen = seeded(rng)
        h, w = rng.randint(2, 7), rng.randint(2, 7)
        X = ints(gen, (h, w))
        return (tf.constant(X) if rng.random() < 0.5 else X), (rng.randint(1, h), rng.randint(1, w))
