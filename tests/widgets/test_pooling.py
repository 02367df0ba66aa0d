"""NumPy pooling (`autograder.vision.pooling`) agrees with tf.nn.pool, padded cells ignored; the explorer
explains each output."""

import numpy as np
import pytest
import tensorflow as tf
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from autograder.vision.pooling import pool_map, pool_numpy, window_spans
from autograder.widgets.pooling import example_feature_map, explain_output


def tensorflow_pool(values: np.ndarray, window: int, stride: int, mode: str, padding: str) -> np.ndarray:
    """tf.nn.max_pool2d or avg_pool2d (tf.nn.pool itself refuses strides larger than the window)."""
    batch = tf.constant(values[None, :, :, None], dtype=tf.float64)
    function = tf.nn.max_pool2d if mode == "max" else tf.nn.avg_pool2d
    return function(batch, ksize=window, strides=stride, padding=padding.upper())[0, :, :, 0].numpy()


@settings(max_examples=150, deadline=None)
@given(
    height=st.integers(1, 7),
    width=st.integers(1, 7),
    window=st.integers(1, 4),
    stride=st.integers(1, 4),
    mode=st.sampled_from(["max", "average"]),
    padding=st.sampled_from(["valid", "same"]),
    seed=st.integers(0, 2**16),
)
def test_pool_matches_tensorflow(height, width, window, stride, mode, padding, seed) -> None:
    assume(padding == "same" or window <= min(height, width))
    # Negative values too: max pooling would go wrong if padded cells counted as zeros.
    values = np.random.default_rng(seed).normal(size=(height, width)) - 1.0
    expected = tensorflow_pool(values, window, stride, mode, padding)
    got = pool_numpy(values, window, stride, padding, mode)
    assert got.shape == expected.shape
    np.testing.assert_allclose(got, expected, rtol=1e-12, atol=1e-12)


@pytest.mark.parametrize("mode", ["max", "average"])
def test_pool_matches_tf_nn_pool_on_a_feature_map(mode: str) -> None:
    values = example_feature_map(7, seed=5)
    for padding in ("valid", "same"):
        expected = tf.nn.pool(
            tf.constant(values[None, :, :, None]),
            window_shape=(3, 3),
            pooling_type="MAX" if mode == "max" else "AVG",
            strides=(2, 2),
            padding=padding.upper(),
        )[0, :, :, 0].numpy()
        np.testing.assert_allclose(pool_numpy(values, 3, 2, padding, mode), expected)
        np.testing.assert_allclose(pool_map(values, 3, 2, padding, mode), expected, rtol=1e-6)


def test_stride_defaults_to_the_window_as_in_keras() -> None:
    values = example_feature_map(6, seed=3)
    layer = tf.keras.layers.MaxPool2D(pool_size=3)
    expected = layer(values[None, :, :, None].astype(np.float32))[0, :, :, 0].numpy()
    np.testing.assert_allclose(pool_numpy(values, 3), expected)


def test_same_windows_always_cover_some_real_cells() -> None:
    for size in range(1, 9):
        for window in range(1, 5):
            for stride in range(1, 5):
                for start, stop in window_spans(size, window, stride, "same"):
                    assert 0 <= start < stop <= size


def test_max_explanation_lists_the_window() -> None:
    values = np.array([[1, 5, 2], [0, 3, 9], [4, 4, 4]], dtype=float)
    assert explain_output(values, 0, 0, window=2, stride=1) == "output[0, 0] = max(1, 5, 0, 3) = 5"


def test_average_explanation_divides_by_real_cells_only() -> None:
    values = np.array([[1, 5, 2], [0, 3, 9], [4, 4, 4]], dtype=float)
    text = explain_output(values, 1, 1, window=2, mode="avg", padding="same")
    assert text == "output[1, 1] = (4) / 1 = 4 (3 padded cells ignored)"


def test_average_explanation_shows_decimals() -> None:
    values = np.array([[1, 2], [2, 2]], dtype=float)
    assert explain_output(values, 0, 0, mode="average") == "output[0, 0] = (1 + 2 + 2 + 2) / 4 = 1.75"


def test_example_feature_map_looks_like_a_relu_output() -> None:
    values = example_feature_map(6, seed=0)
    assert values.shape == (6, 6)
    assert values.min() == 0 and values.max() <= 9
    assert np.array_equal(values, values.round())
    assert np.array_equal(values, example_feature_map(6, seed=0))
    assert not np.array_equal(values, example_feature_map(6, seed=1))


@pytest.mark.parametrize("kwargs", [{"mode": "median"}, {"padding": "full"}])
def test_bad_options_are_refused(kwargs: dict) -> None:
    with pytest.raises(ValueError):
        pool_numpy(np.ones((4, 4)), 2, **kwargs)


def test_pool_needs_a_2d_map() -> None:
    with pytest.raises(ValueError, match="2-D"):
        pool_numpy(np.ones((2, 4, 4)))
