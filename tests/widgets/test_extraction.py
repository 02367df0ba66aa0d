"""The playground's filter, detect and condense steps are TensorFlow's, summarised truthfully."""

import numpy as np
import pytest
import tensorflow as tf

from autograder.vision.pooling import pool_numpy
from autograder.widgets.extraction import IMAGE_NAMES, extract_features, source_image, summarise
from autograder.widgets.presets import preset_kernel


@pytest.mark.parametrize("name", IMAGE_NAMES)
def test_every_image_choice_loads_as_grayscale(name: str) -> None:
    image = source_image(name, 48)
    assert image.shape == (48, 48)
    assert image.dtype == np.float32
    assert 0.0 <= image.min() < image.max() <= 1.0


def test_stages_agree_with_tensorflow_and_with_numpy_pooling() -> None:
    image, kernel = source_image("camera", 64), preset_kernel("emboss")
    stages = extract_features(image, kernel, pool_window=2)
    batch = tf.constant(image[None, :, :, None])
    filtered = tf.nn.conv2d(batch, tf.constant(kernel[:, :, None, None]), strides=1, padding="SAME")
    detected = tf.nn.relu(filtered)
    condensed = tf.nn.max_pool2d(detected, ksize=2, strides=2, padding="SAME")
    np.testing.assert_allclose(stages.filtered, filtered[0, :, :, 0], atol=1e-5)
    np.testing.assert_allclose(stages.detected, detected[0, :, :, 0], atol=1e-5)
    np.testing.assert_allclose(stages.condensed, condensed[0, :, :, 0], atol=1e-5)
    np.testing.assert_allclose(stages.condensed, pool_numpy(stages.detected, 2, padding="same"), atol=1e-6)


def test_odd_sizes_pool_with_same_padding() -> None:
    stages = extract_features(source_image("circle", 33), preset_kernel("edge"), pool_window=3)
    assert stages.condensed.shape == (11, 11)


def test_summary_reports_shapes_and_how_much_relu_keeps() -> None:
    stages = extract_features(source_image("stripes", 32), preset_kernel("bottom_sobel"), pool_window=2)
    filter_line, detect_line, condense_line = summarise(stages)
    assert filter_line.startswith("Filter: 32×32 map, values from ")
    kept = 100 * np.count_nonzero(stages.detected) / stages.detected.size
    assert f"{kept:.1f}% of the values are positive" in detect_line
    assert condense_line.startswith("Condense (max pool 2×2): 16×16 map")


def test_summary_never_prints_minus_zero() -> None:
    kernel = np.array([[0.1, 0.1, 0.1], [0.1, -0.8, 0.1], [0.1, 0.1, 0.1]], dtype=np.float32)
    assert abs(kernel.sum()) < 1e-6
    filter_line = summarise(extract_features(source_image("dots", 16), kernel))[0]
    assert filter_line.endswith("(kernel weights sum to 0.00)")


def test_unknown_image_names_the_choices() -> None:
    with pytest.raises(FileNotFoundError, match="camera"):
        source_image("giraffe")
