"""Presets come from the course's kernels and keep filtering the same at 5×5."""

import numpy as np
import pytest

from autograder.vision import KERNELS, convolve, load_image
from autograder.widgets.presets import PRESET_NAMES, matching_preset, preset_kernel, resize_kernel


def test_presets_are_the_course_kernels() -> None:
    assert set(PRESET_NAMES) == {"edge", "bottom_sobel", "emboss", "sharpen", "blur"}
    for name in PRESET_NAMES:
        np.testing.assert_array_equal(preset_kernel(name), KERNELS[name])


@pytest.mark.parametrize("name", PRESET_NAMES)
def test_a_5x5_preset_filters_exactly_like_the_3x3_one(name: str) -> None:
    image = load_image("brick", size=40)
    small, large = preset_kernel(name, 3), preset_kernel(name, 5)
    assert large.shape == (5, 5)
    np.testing.assert_allclose(convolve(image, large), convolve(image, small), atol=1e-5)


def test_growing_then_shrinking_returns_the_kernel() -> None:
    kernel = np.arange(9, dtype=np.float32).reshape(3, 3)
    grown = resize_kernel(kernel, 5)
    assert grown[0].tolist() == [0] * 5 and grown[:, 4].tolist() == [0] * 5
    np.testing.assert_array_equal(resize_kernel(grown, 3), kernel)


def test_shrinking_keeps_the_middle() -> None:
    kernel = np.arange(25, dtype=np.float32).reshape(5, 5)
    np.testing.assert_array_equal(resize_kernel(kernel, 3), kernel[1:4, 1:4])


@pytest.mark.parametrize("name", PRESET_NAMES)
@pytest.mark.parametrize("size", [3, 5])
def test_each_preset_is_recognised_at_each_size(name: str, size: int) -> None:
    rounded = preset_kernel(name, size).round(4)  # the grid shows four decimals
    assert matching_preset(rounded) == name


def test_a_hand_made_kernel_matches_no_preset() -> None:
    kernel = preset_kernel("edge")
    kernel[0, 0] = 2
    assert matching_preset(kernel) is None


@pytest.mark.parametrize(
    ("kernel", "size"), [(np.ones((2, 2)), 3), (np.ones((3, 3)), 4), (np.ones((3, 5)), 5), (np.ones(3), 3)]
)
def test_even_or_non_square_kernels_are_refused(kernel: np.ndarray, size: int) -> None:
    with pytest.raises(ValueError):
        resize_kernel(kernel, size)


def test_unknown_preset_names_the_choices() -> None:
    with pytest.raises(ValueError, match="sharpen"):
        preset_kernel("gaussian")
