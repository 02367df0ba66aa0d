"""Exercise 4's references and worked values: what the questions compare with is right."""

import keras
import numpy as np
import pytest
from ex4_support import student

from autograder.exercises import ex4
from autograder.exercises.ex4 import QUESTIONS
from autograder.exercises.ex4.references import np_corr2d
from autograder.vision.pooling import pool_map, pool_numpy


def test_published_worked_values():
    values = student()
    assert np.array_equal(values["corr2d"](ex4.example_X, ex4.example_K), [[19, 25], [37, 43]])
    assert np.array_equal(values["corr2d_multi_in"](ex4.example_X2, ex4.example_K2), [[56, 72], [104, 120]])
    assert np.array_equal(values["pool2d"](ex4.example_X, (2, 2)), [[4, 5], [7, 8]])
    assert np.array_equal(values["pool2d"](ex4.example_X, (2, 2), "avg"), [[2, 3], [5, 6]])
    assert values["corr2d_multi_in_out"](ex4.example_X2, ex4.example_K3).shape == (3, 2, 2)


@pytest.mark.parametrize("seed", range(5))
def test_tensorflow_references_agree_with_plain_numpy(seed):
    gen = np.random.default_rng(seed)
    X, K = gen.normal(size=(7, 5)), gen.normal(size=(3, 2))
    assert np.allclose(QUESTIONS["q_1"].reference(X, K), np_corr2d(X, K), atol=1e-4)
    for mode, reduce in (("max", np.max), ("avg", np.mean)):
        for stride in (1, 2, 3):
            numpy_pooled = pool_numpy(X, (2, 3), stride, "valid", reduce=reduce)
            assert np.allclose(pool_map(X, (2, 3), stride, "valid", mode), numpy_pooled, atol=1e-5)


@pytest.mark.parametrize(("kh", "kw", "c_in", "c_out"), [(3, 3, 3, 64), (1, 1, 128, 32), (5, 2, 7, 3)])
def test_parameter_formula_is_what_keras_counts(kh, kw, c_in, c_out):
    layer = keras.layers.Conv2D(c_out, (kh, kw))
    layer.build((None, 16, 16, c_in))
    assert QUESTIONS["q_5"].reference(kh, kw, c_in, c_out) == layer.count_params()


def test_im2col_times_the_flattened_kernel_is_corr2d():
    values = student()
    rng = np.random.default_rng(7)
    for shape, kernel_shape in [((5, 7), (2, 3)), ((4, 4), (3, 1)), ((6, 3), (2, 2))]:
        X = rng.normal(size=shape).astype(np.float32)
        K = rng.normal(size=kernel_shape).astype(np.float32)
        product = np.asarray(values["im2col"](X, K.shape)) @ K.ravel()
        assert np.allclose(product, np.asarray(values["corr2d"](X, K)).ravel(), atol=1e-5)
