"""The lessons' measurable statements, each measured with TensorFlow (issue 18, item 3).

Every test computes the fact with TensorFlow itself and, where the lesson states a number or a shape,
also checks that the English lesson states the measured one.
"""

import json
import re
from pathlib import Path

import numpy as np
import pytest
import scipy.signal
import tensorflow as tf

from autograder.vision import dots, load_image

COURSE = Path(__file__).resolve().parents[2] / "course"
AGREE = 1e-4
"""Float32 rounding: two computations of the same sum agree to about 1e-6; a real difference is far larger."""


def lesson_cell(notebook: str, words: str) -> str:
    """The text of the English lesson's one cell that contains ``words``."""
    cells = json.loads((COURSE / notebook).read_text())["cells"]
    found = ["".join(cell["source"]) for cell in cells if words in "".join(cell["source"])]
    assert len(found) == 1, f"{len(found)} cells of {notebook} contain {words!r}"
    return found[0]


def conv(image: tf.Tensor, kernel: tf.Tensor, padding: str) -> np.ndarray:
    return tf.nn.conv2d(image, kernel, strides=1, padding=padding).numpy()[0, :, :, 0]


def combined_kernel(first: tf.Tensor, second: tf.Tensor) -> tf.Tensor:
    """The 5x5 kernel of two 3x3 ones, built as lesson 1 builds it."""
    padded_first = tf.pad(tf.reshape(first, [1, 3, 3, 1]), [[0, 0], [2, 2], [2, 2], [0, 0]])
    combined = tf.nn.conv2d(padded_first, second[::-1, ::-1], strides=1, padding="VALID")
    return tf.reshape(combined, [5, 5, 1, 1])


@pytest.fixture(scope="module")
def two_kernels() -> tuple[tf.Tensor, tf.Tensor]:
    rng = np.random.default_rng(0)
    return tuple(tf.constant(rng.normal(size=(3, 3, 1, 1)), dtype=tf.float32) for _ in range(2))


# --- lesson 1: two convolutions are one combined convolution only without padding -------------------


def test_stacked_valid_convolutions_equal_one_convolution_with_the_combined_kernel(two_kernels):
    first, second = two_kernels
    image = tf.constant(np.random.default_rng(1).random((1, 16, 16, 1)), dtype=tf.float32)
    stacked = conv(tf.reshape(conv(image, first, "VALID"), [1, 14, 14, 1]), second, "VALID")
    once = conv(image, combined_kernel(first, second), "VALID")
    assert stacked.shape == once.shape == (12, 12)
    assert np.abs(stacked - once).max() < AGREE


@pytest.mark.parametrize("photo", [False, True], ids=["random", "camera photo"])
def test_with_same_padding_they_differ_exactly_on_a_one_cell_frame_and_agree_inside(two_kernels, photo):
    first, second = two_kernels
    if photo:  # the lesson's own input
        pixels = load_image("camera", size=256)
        image = tf.reshape(tf.constant(pixels, dtype=tf.float32), [1, *pixels.shape, 1])
    else:
        image = tf.constant(np.random.default_rng(1).random((1, 16, 16, 1)), dtype=tf.float32)
    h, w = image.shape[1:3]
    stacked = conv(tf.reshape(conv(image, first, "SAME"), [1, h, w, 1]), second, "SAME")
    once = conv(image, combined_kernel(first, second), "SAME")
    difference = np.abs(stacked - once)
    frame = np.ones((h, w), dtype=bool)
    frame[1:-1, 1:-1] = False
    assert difference[~frame].max() < AGREE, "the interior agrees"
    assert difference[frame].max() > 100 * AGREE, "the border differs"
    if not photo:  # on random values every border cell differs (the photo has flat regions)
        assert np.array_equal(difference > AGREE, frame)
    text = lesson_cell("lesson1_convolution_relu.ipynb", "## Why the nonlinearity matters")
    assert "without padding (`'valid'`)" in text and re.search(r"frame one cell\s+wide", text)


# --- lesson 1: a Conv2D kernel is as deep as the input has channels --------------------------------


def test_conv2d_learns_filters_kernels_each_spanning_every_input_channel():
    import keras

    layer = keras.layers.Conv2D(filters=4, kernel_size=3)
    layer.build((None, 8, 8, 3))
    assert tuple(layer.kernel.shape) == (3, 3, 3, 4)  # (kh, kw, c_in, filters)
    assert layer.count_params() == 3 * 3 * 3 * 4 + 4
    # each filter's output is the sum over the input channels of one 3x3 slice per channel
    rng = np.random.default_rng(2)
    image = tf.constant(rng.normal(size=(1, 8, 8, 3)), dtype=tf.float32)
    kernel = layer.kernel.numpy()
    per_channel = sum(conv(image[..., c : c + 1], kernel[:, :, c : c + 1, 0:1], "VALID") for c in range(3))
    assert np.abs(layer(image).numpy()[0, :, :, 0] - layer.bias.numpy()[0] - per_channel).max() < AGREE
    summary = lesson_cell("lesson1_convolution_relu.ipynb", "## Summary")
    assert "`(kh, kw, c_in, filters)`" in summary and "kernels of size\n  `kernel_size`" not in summary


# --- lesson 2: how many cells differ after each pooling of a shifted dot ---------------------------


def differing_cells_after_each_pooling(shift: int) -> list[int]:
    """Lesson 2's experiment: a dot at column 8 and its copy moved by ``shift``, pooled 2x2 until 1x1."""
    dot = dots(size=16, spacing=16, radius=0)
    maps = [tf.reshape(tf.constant(m), [1, 16, 16, 1]) for m in (dot, np.roll(dot, shift, axis=1))]
    counts = []
    while maps[0].shape[1] > 1:
        maps = [tf.nn.max_pool2d(m, ksize=2, strides=2, padding="VALID") for m in maps]
        counts.append(int(tf.reduce_sum(tf.cast(maps[0] != maps[1], tf.int32))))
    return counts  # after 1, 2, 3 and 4 poolings


def test_a_two_pixel_shift_leaves_two_differing_cells_after_one_pooling_and_none_after_two():
    counts = differing_cells_after_each_pooling(2)
    assert counts == [2, 0, 0, 0]
    dot = tf.reshape(tf.constant(dots(size=16, spacing=16, radius=0)), [1, 16, 16, 1])
    pooled = tf.nn.max_pool2d(dot, ksize=2, strides=2, padding="VALID").numpy()[0, :, :, 0]
    moved = tf.nn.max_pool2d(tf.roll(dot, 2, axis=2), ksize=2, strides=2, padding="VALID").numpy()[0, :, :, 0]
    assert np.argwhere(pooled)[:, 1].tolist() == [4] and np.argwhere(moved)[:, 1].tolist() == [5]
    text = lesson_cell("lesson2_maximum_pooling.ipynb", "After one pooling the two maps")
    number = {"one": 1, "two": 2, "three": 3}[re.search(r"still differ (?:in|by) (\w+) cells?", text).group(1)]
    assert number == counts[0]
    assert "column 4 of one map" in text and "column 5 of the other" in text


def test_a_one_pixel_shift_left_differs_until_the_map_is_one_by_one():
    assert differing_cells_after_each_pooling(-1) == [2, 2, 2, 0]


# --- lesson 3: SAME with an even kernel pads the extra row after; d2l puts it before -----------------


def test_same_with_an_even_kernel_puts_the_extra_padding_at_the_bottom_and_right():
    rng = np.random.default_rng(3)
    image = tf.constant(rng.random((1, 6, 6, 1)), dtype=tf.float32)
    kernel = tf.constant(rng.random((4, 4, 1, 1)), dtype=tf.float32)
    same = conv(image, kernel, "SAME")
    total = 4 - 1  # d2l's p_h = k_h - 1 for stride 1: the same total as TensorFlow's P
    after = [total // 2, total - total // 2]  # TensorFlow: P // 2 before, the rest after
    before = [total - total // 2, total // 2]  # d2l: ceil(p_h / 2) on top, floor(p_h / 2) below
    tensorflow_split = tf.pad(image, [[0, 0], after, after, [0, 0]])
    d2l_split = tf.pad(image, [[0, 0], before, before, [0, 0]])
    assert same.shape == (6, 6) == conv(d2l_split, kernel, "VALID").shape
    assert np.abs(same - conv(tensorflow_split, kernel, "VALID")).max() < AGREE  # 1 before, 2 after
    assert np.abs(same - conv(d2l_split, kernel, "VALID")).max() > 100 * AGREE  # 2 before, 1 after
    # the same total, shifted: d2l's output at (i, j) is TensorFlow's at (i - 1, j - 1)
    assert np.abs(conv(d2l_split, kernel, "VALID")[1:, 1:] - same[:-1, :-1]).max() < AGREE


def test_with_stride_two_the_same_padding_total_is_not_k_minus_one():
    rng = np.random.default_rng(4)
    image = tf.constant(rng.random((1, 6, 6, 1)), dtype=tf.float32)
    kernel = tf.constant(rng.random((3, 3, 1, 1)), dtype=tf.float32)
    same = tf.nn.conv2d(image, kernel, strides=2, padding="SAME").numpy()
    one_after = tf.pad(image, [[0, 0], [0, 1], [0, 1], [0, 0]])  # P = max(2*2 + 3 - 6, 0) = 1
    two = tf.pad(image, [[0, 0], [1, 1], [1, 1], [0, 0]])  # k - 1 = 2
    assert np.abs(same - tf.nn.conv2d(one_after, kernel, strides=2, padding="VALID").numpy()).max() < AGREE
    assert np.abs(same - tf.nn.conv2d(two, kernel, strides=2, padding="VALID").numpy()).max() > 100 * AGREE
    text = lesson_cell("lesson3_sliding_window.ipynb", "## How `'same'` pads")
    assert "puts the extra row on **top**" in text and "(d2l among them)" not in text


# --- lesson 4: the convolution formula, indices from 0, and the pooling window's symbols -------------


def test_true_convolution_is_the_cross_correlation_sum_with_the_kernel_read_backwards():
    rng = np.random.default_rng(5)
    X = rng.normal(size=(6, 7)).astype(np.float32)
    K = rng.normal(size=(3, 2)).astype(np.float32)
    kh, kw = K.shape
    rows, cols = X.shape[0] - kh + 1, X.shape[1] - kw + 1
    convolution = np.array(
        [
            [
                sum(X[i + a, j + b] * K[kh - 1 - a, kw - 1 - b] for a in range(kh) for b in range(kw))
                for j in range(cols)
            ]
            for i in range(rows)
        ]
    )
    correlation = np.array(
        [
            [sum(X[i + a, j + b] * K[a, b] for a in range(kh) for b in range(kw)) for j in range(cols)]
            for i in range(rows)
        ]
    )
    assert np.abs(convolution - scipy.signal.convolve2d(X, K, mode="valid")).max() < AGREE
    as_tf = conv(tf.reshape(X, (1, *X.shape, 1)), tf.reshape(K, (*K.shape, 1, 1)), "VALID")
    assert np.abs(correlation - as_tf).max() < AGREE
    assert np.abs(convolution - as_tf).max() > 100 * AGREE
    text = lesson_cell("lesson4_from_scratch.ipynb", "### Why *cross-correlation*")
    assert r"X_{i+a,\,j+b}\, K_{k_h-1-a,\,k_w-1-b}" in text and "X_{i-a" not in text


def test_pooling_output_size_uses_the_window_k_h_by_k_w():
    for h, w, kh, kw, stride in [(7, 9, 2, 3, 1), (7, 9, 3, 2, 2), (8, 8, 2, 2, 2), (10, 6, 4, 1, 3)]:
        pooled = tf.nn.max_pool2d(tf.zeros((1, h, w, 1)), ksize=(kh, kw), strides=stride, padding="VALID")
        assert pooled.shape[1:3] == ((h - kh) // stride + 1, (w - kw) // stride + 1)
    text = lesson_cell("lesson4_from_scratch.ipynb", "## 8. Pooling from scratch")
    assert "`(k_h, k_w)`" in text and "p_h" not in text
