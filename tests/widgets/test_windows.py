"""The sliding-window layout agrees with where tf.nn.conv2d really puts its windows."""

import numpy as np
import pytest
import tensorflow as tf

from autograder.widgets.windows import axis_layout, formula_lines


def tensorflow_windows(image: np.ndarray, kernel: int, stride: int, padding: str) -> np.ndarray:
    """Every window's k×k pixels, read off tf.nn.conv2d with one one-hot filter per kernel tap."""
    taps = kernel * kernel
    filters = np.eye(taps, dtype=np.float32).reshape(kernel, kernel, 1, taps)
    batch = tf.constant(image[None, :, :, None], dtype=tf.float32)
    result = tf.nn.conv2d(batch, filters, strides=stride, padding=padding.upper())[0].numpy()
    return result.reshape(result.shape[0], result.shape[1], kernel, kernel)


def layout_windows(image: np.ndarray, kernel: int, stride: int, padding: str) -> np.ndarray:
    """The same windows cut from a zero-padded copy at the layout's start positions."""
    layout = axis_layout(image.shape[0], kernel, stride, padding)
    padded = np.pad(image, (layout.pad_before, layout.pad_after))
    offset = layout.pad_before
    return np.array(
        [
            [padded[r + offset : r + offset + kernel, c + offset : c + offset + kernel] for c in layout.starts]
            for r in layout.starts
        ]
    )


@pytest.mark.parametrize("padding", ["valid", "same"])
def test_windows_and_padding_match_tensorflow_conv2d(padding: str) -> None:
    compared = 0
    for size in range(1, 10):
        image = np.arange(1, size * size + 1, dtype=np.float32).reshape(size, size)
        for kernel in range(1, 6):
            if padding == "valid" and kernel > size:
                continue
            for stride in range(1, 5):
                expected = tensorflow_windows(image, kernel, stride, padding)
                got = layout_windows(image, kernel, stride, padding)
                assert got.shape == expected.shape, (size, kernel, stride)
                np.testing.assert_array_equal(got, expected, err_msg=f"n={size} k={kernel} s={stride}")
                compared += 1
    assert compared > 100


def test_same_padding_puts_the_extra_cell_after() -> None:
    layout = axis_layout(6, 4, 1, "same")
    assert (layout.output, layout.pad_before, layout.pad_after) == (6, 1, 2)
    assert layout.starts[0] == -1
    assert formula_lines(layout) == [
        "SAME: output = ⌈n / s⌉ = ⌈6 / 1⌉ = 6",
        "Padding P = max((o − 1)·s + k − n, 0) = max(5·1 + 4 − 6, 0) = 3",
        "Split: 1 before (top/left), 2 after (bottom/right)",
    ]


def test_same_padding_formula_with_a_stride() -> None:
    lines = formula_lines(axis_layout(7, 3, 2, "SAME"))
    assert lines[0].endswith("⌈7 / 2⌉ = 4")
    assert lines[1].endswith("max(3·2 + 3 − 7, 0) = 2")
    assert lines[2] == "Split: 1 before (top/left), 1 after (bottom/right)"


def test_valid_formula_names_the_cells_a_stride_skips() -> None:
    layout = axis_layout(8, 3, 3, "valid")
    assert (layout.output, layout.total_padding, layout.uncovered) == (2, 0, 2)
    assert formula_lines(layout) == [
        "VALID: output = ⌈(n − k + 1) / s⌉ = ⌈(8 − 3 + 1) / 3⌉ = ⌈6 / 3⌉ = 2",
        "No padding: every window stays inside the input.",
        "The last 2 cells are never covered by a window.",
    ]


def test_valid_formula_without_skipped_cells_has_two_lines() -> None:
    assert len(formula_lines(axis_layout(7, 3, 2, "valid"))) == 2


@pytest.mark.parametrize("args", [(3, 4, 1, "valid"), (5, 3, 0, "same"), (5, 3, 1, "full"), (0, 1, 1, "same")])
def test_impossible_layouts_are_refused(args: tuple) -> None:
    with pytest.raises(ValueError):
        axis_layout(*args)


def test_the_formula_names_the_cells_a_short_window_skips_with_either_padding():
    for padding, cells in (("same", "cells 2, 5 lie"), ("valid", "cell 2 lies")):
        lines = formula_lines(axis_layout(7, 2, 3, padding))
        assert any(cells in line and "no window reads" in line for line in lines), lines
    assert not any("no window reads" in line for line in formula_lines(axis_layout(7, 3, 2, "same")))
