"""The lessons' measurable statements, each measured with TensorFlow (issue 18, item 3).

Every test computes the fact with TensorFlow itself and, where the lesson states a number or a shape,
also checks that the English lesson states the measured one.
"""

import itertools
import json
import math
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


# --- lesson 1: from a dense layer to a convolution, by locality and weight sharing -------------------


def test_a_dense_layer_from_28x28_to_28x28_needs_784x784_weights_and_a_shared_3x3_window_9():
    import keras

    dense = keras.Sequential([keras.Input(shape=(28 * 28,)), keras.layers.Dense(28 * 28, use_bias=False)])
    shared = keras.Sequential(
        [keras.Input(shape=(28, 28, 1)), keras.layers.Conv2D(1, kernel_size=3, padding="same", use_bias=False)]
    )
    assert dense.count_params() == 784 * 784 == 614_656
    assert shared.count_params() == 3 * 3
    assert dense.output_shape == (None, 784) and shared.output_shape == (None, 28, 28, 1)
    text = lesson_cell("lesson1_convolution_relu.ipynb", "## Why convolution? Locality and weight sharing")
    assert "784 × 784 = 614,656 weights" in text and "9 for a 3×3 window" in text


def conv1d_matrix(kernel: np.ndarray, n: int) -> np.ndarray:
    """The matrix of tf.nn.conv1d (VALID), found as lesson 1 finds it: its result on each unit signal."""
    units = np.eye(n, dtype=np.float32).reshape(n, n, 1)
    columns = tf.nn.conv1d(units, kernel.reshape(-1, 1, 1).astype(np.float32), stride=1, padding="VALID")
    return tf.transpose(columns[:, :, 0]).numpy()


def test_a_valid_1d_convolution_is_a_banded_matrix_whose_rows_repeat_the_kernel_shifted_by_one():
    rng = np.random.default_rng(6)
    for k in range(1, 6):
        for n in range(k, 13):
            kernel = rng.normal(size=k).astype(np.float32)
            M = conv1d_matrix(kernel, n)
            assert M.shape == (n - k + 1, n)
            x = rng.normal(size=n).astype(np.float32)
            direct = tf.nn.conv1d(x.reshape(1, n, 1), kernel.reshape(k, 1, 1), stride=1, padding="VALID")
            assert np.abs(M @ x - direct.numpy()[0, :, 0]).max() < AGREE
            for i in range(n - k + 1):
                assert np.array_equal(M[i, i : i + k], kernel), "row i holds the kernel, unflipped, from column i"
                outside = np.delete(M[i], np.arange(i, i + k))
                assert not outside.any(), "zeros off the band: locality"
    # the lesson's example: a 6x8 matrix whose 48 entries are the 3 weights and zeros
    M = conv1d_matrix(np.array([1.0, 2.0, 3.0]), 8)
    assert M.shape == (6, 8) and set(np.unique(M)) == {0.0, 1.0, 2.0, 3.0}
    text = lesson_cell("lesson1_convolution_relu.ipynb", "M is **banded**")
    assert "columns i to i + k − 1" in text and "the 6 × 8 = 48 entries of M" in text and "same 3 weights" in text


def test_a_3x3_same_convolution_of_a_flattened_28x28_image_has_at_most_9_weights_a_row_all_shared():
    kernel = np.random.default_rng(7).normal(size=(3, 3)).astype(np.float32)
    units = np.eye(784, dtype=np.float32).reshape(784, 28, 28, 1)  # every one-pixel image
    columns = tf.nn.conv2d(units, kernel.reshape(3, 3, 1, 1), strides=1, padding="SAME").numpy()
    M = columns.reshape(784, 784).T  # row: an output pixel, column: an input pixel
    image = np.random.default_rng(8).random((28, 28)).astype(np.float32)
    direct = tf.nn.conv2d(image.reshape(1, 28, 28, 1), kernel.reshape(3, 3, 1, 1), strides=1, padding="SAME")
    assert np.abs(M @ image.reshape(784) - direct.numpy().reshape(784)).max() < AGREE
    per_row = np.count_nonzero(M, axis=1)
    assert per_row.max() == 9 and per_row.reshape(28, 28)[1:-1, 1:-1].min() == 9  # fewer only at the border
    assert set(np.unique(M[M != 0])) <= set(kernel.reshape(-1))  # the same 9 weights everywhere
    for out in (0, 29, 400, 783):  # each output reads only the 3x3 window around its own pixel
        rows, cols = np.divmod(np.flatnonzero(M[out]), 28)
        assert np.abs(rows - out // 28).max() <= 1 and np.abs(cols - out % 28).max() <= 1
    text = lesson_cell("lesson1_convolution_relu.ipynb", "M is **banded**")
    assert "a 784×784 matrix with at most 9 non-zero entries in each row" in text


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


# --- lesson 2: convolution is equivariant to a shift, away from the border ---------------------------


def shift_difference(image: tf.Tensor, kernel: tf.Tensor, dy: int, dx: int) -> np.ndarray:
    """Lesson 2's experiment: |conv(roll(image)) - roll(conv(image))|, as a (height, width) map."""
    moved_first = tf.nn.conv2d(tf.roll(image, shift=[dy, dx], axis=[1, 2]), kernel, strides=1, padding="SAME")
    moved_after = tf.roll(tf.nn.conv2d(image, kernel, strides=1, padding="SAME"), shift=[dy, dx], axis=[1, 2])
    return np.abs((moved_first - moved_after).numpy())[0, :, :, 0]


def test_the_feature_map_of_the_moved_photo_is_the_moved_feature_map_away_from_the_border():
    from autograder.vision import KERNELS

    image = tf.reshape(tf.constant(load_image("chelsea", size=(171, 257))), [1, 171, 257, 1])
    kernel = tf.reshape(tf.constant(KERNELS["edge"]), [3, 3, 1, 1])
    difference = shift_difference(image, kernel, 3, 5)  # the lesson's shift
    inside = difference[3 + 1 : -1, 5 + 1 : -1]
    assert inside.max() == 0.0, "identical to the last bit: the same products, summed in the same order"
    assert difference.max() > 100 * AGREE, "near the border the two maps differ"
    # any kernel, any shift: a 3x3 kernel sees a one-cell neighbourhood, so only that frame can differ
    rng = np.random.default_rng(9)
    for dy, dx in [(1, 1), (2, 7), (4, 0), (0, 3)]:
        random_image = tf.constant(rng.random((1, 20, 24, 1)), dtype=tf.float32)
        random_kernel = tf.constant(rng.normal(size=(3, 3, 1, 1)), dtype=tf.float32)
        random_difference = shift_difference(random_image, random_kernel, dy, dx)
        assert random_difference[dy + 1 : -1, dx + 1 : -1].max() < AGREE
        assert random_difference.max() > 100 * AGREE
    code = lesson_cell("lesson2_maximum_pooling.ipynb", "moved_photo = tf.roll(")
    assert "dy, dx = 3, 5" in code and "difference[dy + 1:-1, dx + 1:-1]" in code
    text = lesson_cell("lesson2_maximum_pooling.ipynb", "## Equivariance")
    assert "3 pixels down and 5 to the right" in text
    after = lesson_cell("lesson2_maximum_pooling.ipynb", "Convolution is **equivariant** to translation:\n")
    assert "Away from the border the two maps are identical, to the last bit" in after


# --- lesson 2: where the gradient goes through max and average pooling ------------------------------


def pooled_sum_gradient(pool, values, size: int = 2, weights=None) -> np.ndarray:
    """d(sum(weights * pool(values)))/d(values) by tf.GradientTape, VALID windows side by side."""
    x = tf.constant(values, dtype=tf.float32)
    x = tf.reshape(x, [1, *x.shape, 1])
    with tf.GradientTape() as tape:
        tape.watch(x)
        pooled = pool(x, ksize=size, strides=size, padding="VALID")
        total = tf.reduce_sum(pooled if weights is None else pooled * weights)
    return tape.gradient(total, x).numpy()[0, :, :, 0]


SMALL = [[0, 3, 0, 0], [1, 0, 0, 2], [0, 0, 5, 0], [4, 0, 1, 1]]
"""Lesson 2's small map."""


def test_max_pooling_sends_each_windows_whole_gradient_to_its_maximum_and_0_elsewhere():
    gradient = pooled_sum_gradient(tf.nn.max_pool2d, SMALL)
    winners = np.zeros((4, 4))
    winners[0, 1] = winners[1, 3] = winners[2, 2] = winners[3, 0] = 1
    assert np.array_equal(gradient, winners)
    assert sorted(np.asarray(SMALL, dtype=float)[winners == 1]) == [2, 3, 4, 5]
    # whatever reaches a pooled cell from above goes on, unchanged, to that window's winner
    upstream = np.array([[0.5, -2.0], [3.0, 1.5]], dtype=np.float32)
    passed_on = pooled_sum_gradient(tf.nn.max_pool2d, SMALL, weights=upstream.reshape(1, 2, 2, 1))
    assert passed_on[0, 1] == 0.5 and passed_on[1, 3] == -2.0 and passed_on[3, 0] == 3.0 and passed_on[2, 2] == 1.5
    assert np.count_nonzero(passed_on) == 4
    text = lesson_cell("lesson2_maximum_pooling.ipynb", "Max pooling sends the whole gradient")
    assert "(the 3,\n2, 5 and 4 of `small`), and 0 to the other three cells" in text


@pytest.mark.parametrize("k", [2, 3, 4])
def test_average_pooling_gives_each_cell_of_a_k_by_k_window_one_over_k_squared(k):
    values = np.random.default_rng(k).normal(size=(2 * k, 3 * k))
    gradient = pooled_sum_gradient(tf.nn.avg_pool2d, values, size=k)
    assert np.abs(gradient - 1 / (k * k)).max() < 1e-7
    text = lesson_cell("lesson2_maximum_pooling.ipynb", "Max pooling sends the whole gradient")
    assert "1/(k·k) of it, here 1/4 = 0.25" in text


def test_on_a_tie_tensorflow_gives_the_whole_gradient_to_the_first_maximum_in_reading_order():
    assert tf.config.list_physical_devices("GPU") == [], "measured on the CPU, as the lesson says"
    for k in (2, 3):
        for pattern in itertools.product([False, True], repeat=k * k):  # every set of tied cells
            if not any(pattern):
                continue
            window = np.where(np.reshape(pattern, (k, k)), 7.0, 1.0)
            gradient = pooled_sum_gradient(tf.nn.max_pool2d, window, size=k).ravel()
            first = pattern.index(True)  # reading order: row by row, left to right
            assert gradient[first] == 1 and np.count_nonzero(gradient) == 1, (pattern, gradient)
    tie = pooled_sum_gradient(tf.nn.max_pool2d, [[1.0, 7.0], [7.0, 7.0]])
    assert np.array_equal(tie, [[0, 1], [0, 0]])
    code = lesson_cell("lesson2_maximum_pooling.ipynb", "tie = [[")
    assert "tie = [[1.0, 7.0], [7.0, 7.0]]" in code
    text = lesson_cell("lesson2_maximum_pooling.ipynb", "What if a window holds its maximum twice?")
    assert "it is the first of them in reading order: along the top row from left to right" in text
    after = lesson_cell("lesson2_maximum_pooling.ipynb", "The 7 in the top row receives the 1")
    assert "the two below it receive 0" in after


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


# --- lesson 3: symmetric padding (PyTorch's padding=(k - 1) // 2) has SAME's size, not always its values ----


def symmetric_and_same(n: int, k: int, s: int) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(n + 10 * k + 100 * s)
    column = tf.constant(rng.random((1, n, 1, 1)), dtype=tf.float32)
    taps = tf.constant(rng.random((k, 1, 1, 1)), dtype=tf.float32)
    p = (k - 1) // 2
    same = tf.nn.conv2d(column, taps, strides=[s, 1], padding="SAME")
    symmetric = tf.nn.conv2d(column, taps, strides=[s, 1], padding=[[0, 0], [p, p], [0, 0], [0, 0]])
    return symmetric.numpy()[0, :, 0, 0], same.numpy()[0, :, 0, 0]


def test_symmetric_padding_always_has_same_s_size_and_with_stride_one_its_values():
    for n in range(1, 25):
        for k in (1, 3, 5, 7):
            for s in (1, 2, 3):
                symmetric, same = symmetric_and_same(n, k, s)
                p = (k - 1) // 2
                assert len(symmetric) == (n + 2 * p - k) // s + 1 == (n - 1) // s + 1 == math.ceil(n / s) == len(same)
                if s == 1:
                    assert np.abs(symmetric - same).max() < AGREE, (n, k)
    text = lesson_cell("lesson3_sliding_window.ipynb", "## Symmetric padding is not `'same'`")
    assert "floor((n + 2p − k) / s) + 1" in text and "floor((n − 1) / s) + 1 =\nceil(n / s)" in text


def test_with_stride_two_n_6_and_k_3_the_windows_start_one_row_apart():
    symmetric, same = symmetric_and_same(6, 3, 2)
    assert len(symmetric) == len(same) == 3 and np.abs(symmetric - same).max() > 100 * AGREE
    # which input rows each window starts on: the row whose weight is the first tap's
    column = tf.reshape(tf.range(1.0, 7.0), (1, 6, 1, 1))
    first_tap = tf.reshape(tf.constant([1.0, 0.0, 0.0]), (3, 1, 1, 1))
    starts = {
        "same": tf.nn.conv2d(column, first_tap, [2, 1], "SAME").numpy().ravel() - 1,
        "symmetric": tf.nn.conv2d(column, first_tap, [2, 1], [[0, 0], [1, 1], [0, 0], [0, 0]]).numpy().ravel() - 1,
    }
    assert list(starts["same"]) == [0, 2, 4]
    assert list(starts["symmetric"]) == [-1, 1, 3]  # row -1 is the padding's 0, read as 0 - 1
    text = lesson_cell("lesson3_sliding_window.ipynb", "## Symmetric padding is not `'same'`")
    assert "at rows 0, 2 and 4 in one and at rows −1, 1 and 3 in the other" in text
    assert "pads only P = 1\ncell" in text


# --- lesson 3: a stack of 3x3 kernels sees as far as one large kernel, with fewer weights -----------------


def test_two_3x3_layers_see_5x5_and_three_see_7x7_with_18_and_27_against_25_and_49_weights_per_c_squared():
    from autograder.vision.measure import measured_receptive_field

    channels = 64

    def weights(kernel_size: int, depth: int) -> int:
        stack = tf.keras.Sequential([tf.keras.Input((32, 32, channels))])
        for _ in range(depth):
            stack.add(tf.keras.layers.Conv2D(channels, kernel_size))
        return stack.count_params()

    for big, depth, stack_share, big_share, fewer in ((5, 2, 18, 25, 28), (7, 3, 27, 49, 45)):
        assert measured_receptive_field([3] * depth, [1] * depth) == measured_receptive_field([big], [1]) == big
        assert weights(3, depth) == stack_share * channels**2 + depth * channels
        assert weights(big, 1) == big_share * channels**2 + channels
        assert round(100 * (1 - stack_share / big_share)) == fewer
    text = lesson_cell("lesson3_sliding_window.ipynb", "### Why stacks of 3×3 kernels")
    assert "18 against 25 per\nC², about 28 % fewer" in text and "27 against 49 per C², 45 % fewer" in text


# --- lesson 4: the convolution formula, indices from 0, and the pooling window's symbols -------------


def test_the_loss_gradient_with_respect_to_the_kernel_is_corr2d_of_x_with_the_upstream_gradient():
    rng = np.random.default_rng(4)
    X = tf.constant(rng.normal(size=(1, 5, 6, 1)), dtype=tf.float32)
    K = tf.Variable(rng.normal(size=(2, 3, 1, 1)), dtype=tf.float32)
    with tf.GradientTape() as tape:
        Y = tf.nn.conv2d(X, K, strides=1, padding="VALID")
        loss = tf.reduce_sum(Y**2)
    dY = (2 * Y)[0, :, :, 0].numpy()
    by_formula = scipy.signal.correlate2d(X[0, :, :, 0].numpy(), dY, mode="valid")
    assert np.abs(tape.gradient(loss, K).numpy()[:, :, 0, 0] - by_formula).max() < AGREE * np.abs(by_formula).max()
    text = lesson_cell("lesson4_from_scratch.ipynb", "### What the tape computes")
    assert "∂L/∂K[a, b] = Σᵢ Σⱼ dY[i, j]·X[i + a, j + b]" in text and "`corr2d(X, dY)`" in text


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


# --- lesson 4: a small network trained on bar images learns line detectors, weighed by orientation ---------


def test_the_trained_network_learns_line_detectors_whose_head_weights_follow_their_orientation():
    from autograder.vision import bar_images

    images, vertical = bar_images(600, seed=0)
    new_images, new_vertical = bar_images(200, seed=1)
    tf.keras.utils.set_random_seed(0)
    network = tf.keras.Sequential(
        [
            tf.keras.Input((16, 16, 1)),
            tf.keras.layers.Conv2D(4, 3, activation="relu"),
            tf.keras.layers.GlobalMaxPooling2D(),
            tf.keras.layers.Dense(1, activation="sigmoid"),
        ]
    )
    network.compile(optimizer=tf.keras.optimizers.Adam(0.02), loss="binary_crossentropy", metrics=["accuracy"])
    network.fit(images, vertical, epochs=15, batch_size=32, verbose=0)
    assert network.evaluate(new_images, new_vertical, verbose=0)[1] >= 0.95
    kernels = network.layers[0].kernel.numpy()[:, :, 0, :]
    votes = network.layers[2].kernel.numpy()[:, 0]
    bar = np.zeros((1, 9, 9, 1), dtype=np.float32)
    bar[0, 4, 2:7, 0] = 1.0  # a horizontal bar; its transpose is vertical
    across = tf.nn.conv2d(bar, kernels[:, :, None, :], 1, "VALID").numpy().max(axis=(0, 1, 2))
    down = tf.nn.conv2d(bar.transpose(0, 2, 1, 3), kernels[:, :, None, :], 1, "VALID").numpy().max(axis=(0, 1, 2))
    weighed = np.abs(votes) > 0.5
    assert weighed.sum() >= 2 and {bool(v > 0) for v in votes[weighed]} == {True, False}
    for n in np.flatnonzero(weighed):  # a kernel answering more to vertical bars is evidence for "vertical"
        assert (down[n] > across[n]) == (votes[n] > 0), (n, kernels[:, :, n], votes[n])
        rows, cols = kernels[:, :, n].mean(axis=1), kernels[:, :, n].mean(axis=0)
        line = cols if votes[n] > 0 else rows  # a line of positive weights next to negative ones
        assert line.max() > 0 > line.min(), (n, kernels[:, :, n])
    text = lesson_cell("lesson4_from_scratch.ipynb", "## 10. What a trained network learns")
    assert "600 noisy 16×16 images" in text and "four\n3×3 kernels" in text
