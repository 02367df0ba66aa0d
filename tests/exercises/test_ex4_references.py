"""Exercise 4's references and worked values: what the questions compare with is right."""

import keras
import numpy as np
import pytest
import scipy.signal
import tensorflow as tf
from ex4_support import student

from autograder.exercises import ex4
from autograder.exercises.ex4.questions import QUESTIONS
from autograder.exercises.ex4.references import np_corr2d
from autograder.vision.geometry import output_size
from autograder.vision.pooling import pool_map, pool_numpy


def test_published_worked_values():
    values = student()
    assert np.array_equal(values["corr2d"](ex4.example_X, ex4.example_K), [[19, 25], [37, 43]])
    assert np.array_equal(values["corr2d_multi_in"](ex4.example_X2, ex4.example_K2), [[56, 72], [104, 120]])
    assert np.array_equal(values["pool2d"](ex4.example_X, (2, 2)), [[4, 5], [7, 8]])
    assert np.array_equal(values["pool2d"](ex4.example_X, (2, 2), "avg"), [[2, 3], [5, 6]])
    assert np.array_equal(values["pool2d"](ex4.example_X, (2, 2), "avg", 2, "same"), [[2, 3.5], [6.5, 8]])
    assert values["corr2d_multi_in_out"](ex4.example_X2, ex4.example_K3).shape == (3, 2, 2)


@pytest.mark.parametrize("seed", range(5))
def test_tensorflow_references_agree_with_plain_numpy(seed):
    gen = np.random.default_rng(seed)
    X, K = gen.normal(size=(7, 5)), gen.normal(size=(3, 2))
    assert np.allclose(QUESTIONS["q_1.a"].reference(X, K), np_corr2d(X, K), atol=1e-4)
    for mode in ("valid", "full"):
        convolved = scipy.signal.convolve2d(X, K, mode=mode)
        assert np.allclose(QUESTIONS["q_1.b"].reference(X, K, mode), convolved, atol=1e-4)
    for mode, reduce in (("max", np.max), ("avg", np.mean)):
        for stride in (1, 2, 3):
            for padding in ("valid", "same"):
                numpy_pooled = pool_numpy(X, (2, 3), stride, padding, reduce=reduce)
                assert np.allclose(pool_map(X, (2, 3), stride, padding, mode), numpy_pooled, atol=1e-5)


def profiled_multiply_adds(h, w, kh, kw, c_in, c_out, stride, padding):
    """Half the floating-point operations TensorFlow's profiler counts for ``tf.nn.conv2d`` (two per multiply-add)."""
    graph = tf.Graph()
    with graph.as_default():
        images = tf.compat.v1.placeholder(tf.float32, (1, h, w, c_in))
        kernels = tf.compat.v1.placeholder(tf.float32, (kh, kw, c_in, c_out))
        tf.nn.conv2d(images, kernels, strides=stride, padding=padding.upper())
        options = tf.compat.v1.profiler.ProfileOptionBuilder.float_operation()
        options["output"] = "none"
        flops = tf.compat.v1.profiler.profile(graph, options=options).total_float_ops
    assert flops % 2 == 0
    return flops // 2


def counted_products(h, w, kh, kw, c_in, c_out, stride, padding):
    """The products of a convolution counted one by one: every weight at every output position."""
    starts = [output_size(n, k, stride, padding) for n, k in ((h, kh), (w, kw))]
    count = 0
    for _ in range(starts[0] * starts[1] * c_out):
        for _ in range(kh * kw * c_in):
            count += 1
    return count


COST_CASES = [
    (32, 32, 3, 3, 3, 64, 1, "same"),
    (27, 20, 5, 3, 8, 16, 2, "valid"),
    (7, 9, 5, 5, 2, 4, 2, "same"),
    (6, 10, 1, 1, 64, 32, 1, "valid"),
    (15, 14, 3, 2, 4, 6, 3, "same"),
    (9, 7, 2, 4, 3, 5, 3, "valid"),
]


@pytest.mark.parametrize("case", COST_CASES, ids=str)
def test_multiply_add_formula_is_what_tensorflow_counts(case):
    assert QUESTIONS["q_5"].reference(*case) == profiled_multiply_adds(*case) == counted_products(*case)
    h, w, kh, kw, c_in, c_out, stride, padding = case
    layer = keras.layers.Conv2D(c_out, (kh, kw), strides=stride, padding=padding)
    output = layer(np.zeros((1, h, w, c_in), dtype=np.float32))
    assert QUESTIONS["q_5"].reference(*case) == np.prod(output.shape) * kh * kw * c_in


def test_multiply_add_defaults_are_stride_1_and_valid():
    assert QUESTIONS["q_5"].reference(32, 32, 3, 3, 3, 64) == 30 * 30 * 3 * 3 * 3 * 64


def test_im2col_times_the_flattened_kernel_is_corr2d():
    values = student()
    rng = np.random.default_rng(7)
    for shape, kernel_shape in [((5, 7), (2, 3)), ((4, 4), (3, 1)), ((6, 3), (2, 2))]:
        X = rng.normal(size=shape).astype(np.float32)
        K = rng.normal(size=kernel_shape).astype(np.float32)
        product = np.asarray(values["im2col"](X, K.shape)) @ K.ravel()
        assert np.allclose(product, np.asarray(values["corr2d"](X, K)).ravel(), atol=1e-5)
