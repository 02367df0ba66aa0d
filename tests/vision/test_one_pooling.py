"""The one pooling: TensorFlow's (`pool`, `pool_map`, `condense`) and NumPy's (`pool_numpy`) agree."""

import numpy as np
import pytest

from autograder.vision import condense
from autograder.vision.pooling import pool, pool_map, pool_numpy


@pytest.mark.parametrize("padding", ["valid", "same"])
@pytest.mark.parametrize("mode", ["max", "avg"])
@pytest.mark.parametrize(("window", "stride"), [(2, None), ((2, 3), 1), ((3, 2), 3), (1, 2)])
def test_tensorflow_and_numpy_pooling_agree(window, stride, mode, padding):
    values = np.random.default_rng(7).normal(size=(7, 8)) - 1.0
    expected = pool_numpy(values, window, stride, padding, mode)
    np.testing.assert_allclose(pool_map(values, window, stride, padding, mode), expected, rtol=1e-5, atol=1e-5)


def test_a_batch_keeps_its_axes_and_condense_is_one_map_of_it():
    batch = np.random.default_rng(1).random((2, 5, 7, 3)).astype(np.float32)
    assert pool(batch, 2, 2, "SAME").shape == (2, 3, 4, 3)
    np.testing.assert_array_equal(condense(batch[0, :, :, 1]), pool(batch, 2)[0, :, :, 1])


def test_a_custom_reduction_replaces_the_modes():
    values = -np.arange(12.0).reshape(3, 4)
    np.testing.assert_array_equal(pool_numpy(values, 2, 2, reduce=np.sum), [[-10, -18]])
