"""Exercise 1: every right answer passes, every tempting wrong answer fails with its own message."""

import random

import keras
import numpy as np
import pytest
import scipy.linalg
import tensorflow as tf
from harness.garbage import garbage
from harness.judged import checked
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from autograder.core import Status, ____
from autograder.exercises import ex1
from autograder.exercises.ex1 import questions as ex1_questions
from autograder.vision import KERNELS, convolve, detect

QUESTIONS = {
    "kernel": ex1_questions.Kernel(),
    "kernel_shape": ex1_questions.KernelShape(),
    "conv_layer": ex1_questions.ConvLayer(),
    "feature_map": ex1_questions.FeatureMap(),
    "horizontal_kernel": ex1_questions.HorizontalKernel(),
    "conv_matrix": ex1_questions.ConvMatrix(),
}

RIGHT_FEATURE_MAP = [[0, 0, 0, 2, 0], [0, 0, 0, 2, 0], [0, 0, 0, 1, 0], [0, 0, 0, 1, 0], [0, 0, 0, 2, 0]]


def outcome(var, value, **options):
    return checked(QUESTIONS[var], {var: value}, **options)


def assert_incorrect(var, value, fragment, **options):
    result = outcome(var, value, **options)
    assert result.status is Status.INCORRECT, result
    assert fragment in result.message, result.message


# --- q_1 kernel --------------------------------------------------------------------------------


EDGE_KERNELS = {
    "lesson edge": KERNELS["edge"],
    "lesson bottom_sobel": KERNELS["bottom_sobel"],
    "integer laplacian": [[0, 1, 0], [1, -4, 1], [0, 1, 0]],
    "sobel left-right": [[1, 0, -1], [2, 0, -2], [1, 0, -1]],
    "2x2 (lesson 1's bar kernel)": [[1, -1], [1, -1]],
    "5x5 centre-surround": [[-1] * 5, [-1] * 5, [-1, -1, 24, -1, -1], [-1] * 5, [-1] * 5],
    "diagonal": [[2, 0, 0], [0, 0, 0], [0, 0, -2]],
}


@pytest.mark.parametrize("name", sorted(EDGE_KERNELS))
def test_q1_edge_kernels_of_any_reasonable_shape_pass(name):
    result = outcome("kernel", tf.constant(EDGE_KERNELS[name], dtype=tf.float32), extra_cases=3, seed=1)
    assert result.passed, result
    assert "add up to 0" in result.message


def test_q1_integer_kernel_passes():
    assert outcome("kernel", tf.constant([[-1, -1, -1], [-1, 8, -1], [-1, -1, -1]])).passed


@pytest.mark.parametrize(
    ("value", "fragment"),
    [
        (tf.zeros((3, 3)), "all zeros"),
        (tf.constant([[0, 0, 0], [0, 1, 0], [0, 0, 0]]), "only has a centre weight"),
        (tf.constant([[0, 0, 0], [0, 0, 1], [0, 0, 0]]), "only shifts the picture"),
        (tf.constant(KERNELS["blur"]), "add up to 1, so it keeps the brightness"),
        (tf.constant(KERNELS["sharpen"]), "add up to 1, so it keeps the brightness"),
        (tf.constant(KERNELS["emboss"]), "add up to 1, so it keeps the brightness"),
        (tf.constant([[-1, 2, -1], [2, 8, 2], [-1, 2, -1]]), "add up to 12, so a uniform area"),
        (tf.constant([[1, 2, 1], [2, 4, 2], [1, 2, 1]]), "add up to 16, not 0"),
        ([[-1, -1, -1], [-1, 8, -1], [-1, -1, -1]], "tf.constant([[-1, -1, -1], [-1, 8, -1], [-1, -1, -1]])"),
        (tf.ones((1, 3)), "shape (1, 3)"),
        (tf.ones((9, 9)), "shape (9, 9)"),
        (tf.ones((3, 3, 1)), "3-dimensional"),
        (tf.constant("edge"), "plain numbers"),
    ],
)
def test_q1_wrong_kernels_are_rejected_with_reasons(value, fragment):
    assert_incorrect("kernel", value, fragment)


def test_q1_what_the_diagnoses_say_about_flat_areas_is_what_tensorflow_computes():
    flat = tf.fill((1, 8, 8, 1), 0.5)
    for weights, total in (
        ([[-1, 2, -1], [2, 8, 2], [-1, 2, -1]], 12.0),
        (KERNELS["blur"], 1.0),
        (KERNELS["edge"], 0.0),
    ):
        filters = tf.reshape(tf.constant(weights, tf.float32), [3, 3, 1, 1])
        result = tf.nn.conv2d(flat, filters, strides=1, padding="VALID")
        assert np.allclose(result, 0.5 * total, atol=1e-5)


@pytest.mark.parametrize("value", [tf.constant([____]), tf.constant([[____, ____, ____]] * 3), [[____] * 3] * 3])
def test_q1_placeholders_are_not_attempted(value):
    assert outcome("kernel", value).status is Status.NOT_ATTEMPTED


# --- q_2 kernel_shape --------------------------------------------------------------------------


def _window(kernel_size):
    return (kernel_size, kernel_size) if isinstance(kernel_size, int) else tuple(kernel_size)


def _keras_kernel_shape(filters, kernel_size, channels):
    layer = keras.layers.Conv2D(filters, kernel_size)
    layer.build((None, 16, 16, channels))
    return layer.kernel.shape


RIGHT_KERNEL_SHAPES = {
    "a tuple": lambda filters, kernel_size, channels: (*_window(kernel_size), channels, filters),
    "a list": lambda filters, kernel_size, channels: [*_window(kernel_size), channels, filters],
    "a numpy array": lambda filters, kernel_size, channels: np.array([*_window(kernel_size), channels, filters]),
    "a TensorShape": lambda filters, kernel_size, channels: tf.TensorShape([*_window(kernel_size), channels, filters]),
    "a real Keras layer's kernel": _keras_kernel_shape,
}


@pytest.mark.parametrize("name", sorted(RIGHT_KERNEL_SHAPES))
def test_q2_right_kernel_shapes_pass_visible_and_hidden_checks(name):
    for options in ({}, {"extra_cases": 20, "seed": 2027}):
        result = outcome("kernel_shape", RIGHT_KERNEL_SHAPES[name], **options)
        assert result.passed, result


def test_q2_reference_is_the_shape_keras_gives_its_kernel():
    question = ex1_questions.KernelShape()
    rng = random.Random(3)
    cases = [*question.fixed_cases, *(question.random_case(rng) for __ in range(6))]
    for args in cases:
        assert tuple(_keras_kernel_shape(*args)) == question.reference(*args), args


@pytest.mark.parametrize(
    ("wrong", "fragment"),
    [
        (lambda f, k, c: (*_window(k), f), "you left out the input channels"),
        (lambda f, k, c: (*_window(k), f, c), "the input channels and the filters are swapped"),
        (lambda f, k, c: (*_window(k), 1, f), "the lesson's single input channel"),
        (lambda f, k, c: _window(k), "that is the window alone"),
        (lambda f, k, c: k, "you returned `kernel_size` itself"),
        (lambda f, k, c: (*_window(k), c), "that is the shape of one filter"),
        (lambda f, k, c: (3, 3, c, f), "the lesson's 3x3 window"),
        (lambda f, k, c: (*_window(k)[::-1], c, f), "the height and the width of the window are swapped"),
        (lambda f, k, c: (f, c, *_window(k)), "PyTorch's order"),
        (lambda f, k, c: (k, k, c, f), "may also be a pair"),
        (lambda f, k, c: (k, c, f), "`kernel_size=3` means 3x3"),
        (lambda f, k, c: int(np.prod(_window(k))) * c * f, "the number of weights"),
        (lambda f, k, c: (int(np.prod(_window(k))) * c + 1) * f, "number of parameters"),
        (lambda f, k, c: (*_window(k), c, f + 1), "but the kernel of this layer has the shape"),
        (lambda f, k, c: (3.0, 3.0, 1.0, 8.0), "a tuple of whole numbers"),
        (lambda f, k, c: "(3, 3, 1, 8)", "a tuple of whole numbers"),
    ],
)
def test_q2_each_tempting_kernel_shape_gets_its_own_message(wrong, fragment):
    assert_incorrect("kernel_shape", wrong, fragment)


def test_q2_a_function_that_assumes_a_pair_is_told_that_kernel_size_may_be_an_int():
    result = outcome("kernel_shape", lambda f, k, c: (*k, c, f))
    assert result.status is Status.ERROR and "`kernel_size` may be a single int" in result.message, result


def test_q2_a_slip_is_named_only_when_it_explains_every_case():
    # right on square windows, but swapping the two sizes of a pair: only the swap is named
    result = outcome("kernel_shape", lambda f, k, c: (*_window(k)[::-1], c, f))
    assert "(32, (5, 3), 16)" in result.message and "swapped" in result.message, result
    # wrong in a way no slip explains on every case: the generic message, never a slip's
    result = outcome("kernel_shape", lambda f, k, c: (*_window(k), c, f) if c < 10 else (*_window(k), f))
    assert "but the kernel of this layer has the shape" in result.message, result


# --- q_3 conv_layer ----------------------------------------------------------------------------


def _keras_conv_layer(images, kernels, biases):
    layer = keras.layers.Conv2D(kernels.shape[3], kernels.shape[:2], activation="relu")
    layer.build(tuple(images.shape))
    layer.set_weights([np.asarray(kernels), np.asarray(biases)])
    return layer(images)


RIGHT_CONV_LAYERS = {
    "tf.nn, keyword arguments": lambda images, kernels, biases: tf.nn.relu(
        tf.nn.conv2d(images, kernels, strides=1, padding="VALID") + biases
    ),
    "tf.nn.convolution and tf.nn.bias_add": lambda images, kernels, biases: tf.nn.relu(
        tf.nn.bias_add(tf.nn.convolution(images, kernels, padding="VALID"), biases)
    ),
    "tf.maximum for ReLU, numpy result": lambda images, kernels, biases: np.maximum(
        tf.nn.conv2d(images, kernels, 1, "VALID").numpy() + biases, 0
    ),
    "a real Keras layer": _keras_conv_layer,
}


@pytest.mark.parametrize("name", sorted(RIGHT_CONV_LAYERS))
def test_q3_right_layers_pass_visible_and_hidden_checks(name):
    for options in ({}, {"extra_cases": 8, "seed": 2028}):
        result = outcome("conv_layer", RIGHT_CONV_LAYERS[name], **options)
        assert result.passed, result


def test_q3_reference_is_what_a_keras_conv2d_layer_outputs():
    question = ex1_questions.ConvLayer()
    rng = random.Random(5)
    for args in [*question.fixed_cases, *(question.random_case(rng) for __ in range(4))]:
        assert np.allclose(_keras_conv_layer(*args), question.reference(*args), atol=1e-5)


def _filter(images, kernels, padding="VALID"):
    return tf.nn.conv2d(images, kernels, strides=1, padding=padding)


@pytest.mark.parametrize(
    ("wrong", "fragment"),
    [
        (lambda i, k, b: tf.nn.relu(_filter(i, k, "SAME") + b), "as with `padding='SAME'`"),
        (lambda i, k, b: tf.nn.relu(_filter(i, k) + b)[0], "lost the batch axis"),
        (lambda i, k, b: tf.nn.relu(_filter(i, k)), "you left out the biases"),
        (lambda i, k, b: tf.nn.relu(_filter(i, k)) + b, "you added the biases after ReLU"),
        (lambda i, k, b: _filter(i, k) + b, "you stopped after the filter step and the biases"),
        (lambda i, k, b: _filter(tf.nn.relu(i), k) + b, "you applied ReLU to the images"),
        (lambda i, k, b: tf.nn.relu(_filter(i, k[::-1, ::-1]) + b), "you flipped the kernels"),
        (lambda i, k, b: 2 * tf.nn.relu(_filter(i, k) + b), "not the values the layer computes"),
        (lambda i, k, b: tf.zeros((1, 2, 3)), "the layer's output has shape (2, 5, 4, 4)"),
        (lambda i, k, b: "feature maps", "an array of numbers"),
    ],
)
def test_q3_each_tempting_layer_gets_its_own_message(wrong, fragment):
    assert_incorrect("conv_layer", wrong, fragment)


@pytest.mark.parametrize(
    ("wrong", "fragment"),
    [
        (lambda i, k, b: tf.nn.relu(_filter(i, k, "valid") + b), "takes its padding in capitals"),
        (lambda i, k, b: tf.nn.relu(tf.nn.conv2d(i, k, padding="VALID") + b), "needs the strides as well"),
    ],
)
def test_q3_errors_from_tf_nn_conv2d_say_what_it_needs(wrong, fragment):
    result = outcome("conv_layer", wrong)
    assert result.status is Status.ERROR and fragment in result.message, result


def test_q3_demo_runs_the_students_layer_and_explains_what_is_missing(capsys):
    ex1.run_conv_layer(RIGHT_CONV_LAYERS["tf.nn, keyword arguments"], KERNELS["edge"], ex1.image)
    assert "kernels: (3, 3, 1, 1)" in capsys.readouterr().out
    ex1.run_conv_layer(____, KERNELS["edge"], ex1.image)
    assert "Answer question 3 first" in capsys.readouterr().out
    ex1.run_conv_layer(lambda i, k, b: None, KERNELS["edge"], ex1.image)
    assert "did not return feature maps" in capsys.readouterr().out
    ex1.run_conv_layer(lambda i, k, b: 1 / 0, KERNELS["edge"], ex1.image)
    assert "raised ZeroDivisionError" in capsys.readouterr().out
    ex1.run_conv_layer(RIGHT_CONV_LAYERS["a real Keras layer"], ____, ex1.image)
    assert "Answer question 1 first" in capsys.readouterr().out


# --- q_4 feature_map ---------------------------------------------------------------------------


def test_q4_right_answer_passes_as_list_array_or_tensor():
    for value in (RIGHT_FEATURE_MAP, np.array(RIGHT_FEATURE_MAP), tf.constant(RIGHT_FEATURE_MAP)):
        assert outcome("feature_map", value).passed


def test_q4_reference_is_tensorflows_own_result():
    batch = tf.reshape(tf.constant(ex1.line_image), [1, 6, 6, 1])
    kernel = tf.reshape(tf.constant(ex1.line_kernel), [2, 2, 1, 1])
    expected = tf.nn.relu(tf.nn.conv2d(batch, kernel, strides=1, padding="VALID"))[0, :, :, 0]
    assert np.array_equal(expected.numpy(), RIGHT_FEATURE_MAP)


def test_q4_praise_names_the_edge_where_tensorflow_responds():
    # the vertical line is column 3; every positive output sits at column 3, whose window covers the
    # line (under the +1 column) and the dark column 4 to its right: the right, bright-to-dark, edge
    line_column = int(np.argmax(ex1.line_image[0]))
    positive_columns = set(np.argwhere(np.array(RIGHT_FEATURE_MAP) > 0)[:, 1].tolist())
    assert positive_columns == {line_column}
    assert ex1.line_image[0, line_column] > ex1.line_image[0, line_column + 1]
    message = outcome("feature_map", RIGHT_FEATURE_MAP).message
    assert "right edge" in message and "left edge" not in message


def test_q4_tempting_wrong_answers_each_get_their_own_message():
    raw = convolve(ex1.line_image, ex1.line_kernel, padding="VALID")
    assert_incorrect("feature_map", raw.tolist(), "apply ReLU")
    flipped = detect(convolve(ex1.line_image, ex1.line_kernel[::-1, ::-1], padding="VALID"))
    assert_incorrect("feature_map", flipped.tolist(), "flipped the kernel")
    same = detect(convolve(ex1.line_image, ex1.line_kernel, padding="SAME"))
    assert_incorrect("feature_map", same.tolist(), "SAME-padded")
    assert_incorrect("feature_map", np.zeros((6, 6)).tolist(), "result is 5x5")
    assert_incorrect("feature_map", np.zeros((5, 5)).tolist(), "5 of the 25 entries are wrong")
    assert_incorrect("feature_map", [[0, 0, 0, 2]] * 4, "result is 5x5")


def test_q4_placeholder_rows_are_not_attempted():
    assert outcome("feature_map", [____]).status is Status.NOT_ATTEMPTED
    assert outcome("feature_map", [[0, 0, ____, 2, 0]] * 5).status is Status.NOT_ATTEMPTED


# --- q_5 horizontal_kernel ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "weights",
    [
        [[-1, -1, -1], [2, 2, 2], [-1, -1, -1]],
        [[1, 2, 1], [0, 0, 0], [-1, -2, -1]],
        [[-1, -2, -1], [0, 0, 0], [1, 2, 1]],
        [[-1, -1], [1, 1]],
        [[-1, -1, -1, -1, -1], [2, 2, 2, 2, 2], [-1, -1, -1, -1, -1]],
    ],
)
@pytest.mark.parametrize("seed", [0, 7, 99])
def test_q5_horizontal_detectors_pass_on_random_probes(weights, seed):
    assert outcome("horizontal_kernel", tf.constant(weights), extra_cases=12, seed=seed).passed


@pytest.mark.parametrize(
    ("weights", "fragment"),
    [
        ([[-1, 2, -1], [-1, 2, -1], [-1, 2, -1]], "vertical lines, not horizontal"),
        ([[1, 0, -1], [2, 0, -2], [1, 0, -1]], "vertical lines, not horizontal"),
        ([[1, 1, 1], [1, 1, 1], [1, 1, 1]], "almost as much"),
        ([[-1, -1, -1], [-1, 8, -1], [-1, -1, -1]], "almost as much"),
        ([[-1, -1, -1], [-1, -1, -1], [-1, -1, -1]], "barely responds"),
        ([[0, 0, 0], [0, 0, 0], [0, 0, 0]], "all zeros"),
        ([[1, -1, 0], [2, 2, 2], [-1, -1, -1]], "almost as much"),
        (np.ones((9, 9)), "use a small kernel"),
    ],
)
def test_q5_wrong_kernels_are_rejected_with_reasons(weights, fragment):
    assert_incorrect("horizontal_kernel", tf.constant(weights, dtype=tf.float32), fragment)


def test_q5_vertical_dominant_kernel_is_called_out():
    weights = tf.constant([[-1, 3, -1], [-1, 3, -1], [0, 1, 0]], dtype=tf.float32)
    result = outcome("horizontal_kernel", weights)
    assert result.status is Status.INCORRECT and "vertical" in result.message


# --- q_7 conv_matrix ---------------------------------------------------------------------------


def _banded(kernel, n):
    k = len(kernel)
    M = np.zeros((n - k + 1, n))
    for i in range(n - k + 1):
        M[i, i : i + k] = kernel
    return M


def _tf_columns(kernel, n, padding="VALID"):
    """The lesson's way: TensorFlow's result on the n unit signals, one column each."""
    units = tf.reshape(tf.eye(n), (n, n, 1))
    weights = tf.reshape(tf.constant(kernel, tf.float32), (-1, 1, 1))
    return tf.transpose(tf.nn.conv1d(units, weights, stride=1, padding=padding)[:, :, 0])


def _shifted(kernel, n, offset, per_row=1):
    """Row i holds the kernel from column per_row * i + offset (cut at the borders)."""
    M = np.zeros((n - len(kernel) + 1, n))
    for i in range(M.shape[0]):
        for j, weight in enumerate(kernel):
            if 0 <= per_row * i + j + offset < n:
                M[i, per_row * i + j + offset] = weight
    return M


def _past_the_last_window(kernel, n):
    M = np.zeros((n, n))
    for i in range(n):
        M[i, i : i + len(kernel)] = kernel
    return M


RIGHT_CONV_MATRICES = {
    "a loop over the rows, numpy": _banded,
    "a list of rows": lambda kernel, n: _banded(kernel, n).tolist(),
    "a comprehension, another name for the kernel's length": lambda kernel, n: [
        [float(kernel[col - row]) if 0 <= col - row < len(kernel) else 0.0 for col in range(n)]
        for row in range(n - len(kernel) + 1)
    ],
    "TensorFlow on unit signals, a float32 tensor": _tf_columns,
    "scipy.linalg.toeplitz": lambda kernel, n: scipy.linalg.toeplitz(
        np.r_[kernel[0], np.zeros(n - len(kernel))], np.r_[kernel, np.zeros(n - len(kernel))]
    ),
    "np.correlate on unit signals": lambda kernel, n: np.array([np.correlate(e, kernel, "valid") for e in np.eye(n)]).T,
}


@pytest.mark.parametrize("name", sorted(RIGHT_CONV_MATRICES))
def test_q7_right_matrices_pass_visible_and_hidden_checks(name):
    for options in ({}, {"extra_cases": 20, "seed": 2029}):
        result = outcome("conv_matrix", RIGHT_CONV_MATRICES[name], **options)
        assert result.passed, result
        assert "(weight sharing)" in result.message


def test_q7_reference_is_the_matrix_whose_product_is_tf_nn_conv1d():
    question = ex1_questions.ConvMatrix()
    rng = random.Random(11)
    cases = [*question.fixed_cases, *(question.random_case(rng) for __ in range(60))]
    assert {len(kernel) for kernel, __ in cases} == {1, 2, 3, 4, 5}
    assert max(n for __, n in cases) == 12 and any(len(kernel) == n for kernel, n in cases)
    signals = np.random.default_rng(12)
    for kernel, n in cases:
        M = question.reference(kernel, n)
        assert M.shape == (n - len(kernel) + 1, n)
        assert np.array_equal(M, _banded(kernel, n)), (kernel, n)  # locality and sharing, exactly
        x = signals.normal(size=n)
        direct = tf.nn.conv1d(x.reshape(1, n, 1), kernel.reshape(-1, 1, 1), stride=1, padding="VALID")
        assert np.allclose(M @ x, direct.numpy()[0, :, 0], atol=1e-9)
        if len(kernel) > 1:  # the flipped kernel's matrix, which a diagnosis names, is a different one
            assert not np.allclose(M, _banded(kernel[::-1], n))


@pytest.mark.parametrize(
    ("wrong", "fragment"),
    [
        (lambda kernel, n: _banded(kernel[::-1], n), "the convolution of mathematics, which flips the kernel"),
        (
            lambda kernel, n: np.array([np.convolve(e, kernel, "valid") for e in np.eye(n)]).T,
            "the convolution of mathematics, which flips the kernel",
        ),
        (lambda kernel, n: _banded(kernel, n).T, "that is the transpose of M"),
        (lambda kernel, n: _banded(kernel[::-1], n).T, "the shape of the transpose"),
        (lambda kernel, n: _tf_columns(kernel, n, "SAME"), "the size of a 'SAME' convolution"),
        (lambda kernel, n: np.zeros((n, n)), "the size of a 'SAME' convolution"),
        (
            lambda kernel, n: np.array([np.correlate(e, kernel, "full") for e in np.eye(n)]).T,
            "(a 'full' convolution)",
        ),
        (lambda kernel, n: _banded(kernel, n)[:-1], "n - k rows, one too few"),
        (lambda kernel, n: _shifted(kernel, n, 0, per_row=0), "at the same columns, 0 to k - 1"),
        (lambda kernel, n: _shifted(kernel, n, 1), "one column too far to the right"),
        (lambda kernel, n: _shifted(kernel, n, -1), "one column too far to the left"),
        (lambda kernel, n: 2 * _banded(kernel, n), "its row 0 (counting from 0) is [ 2., -4., 6., 0., 0., 0.]"),
        (lambda kernel, n: np.zeros((2, 3)), "the matrix for this signal has shape (4, 6)"),
        (lambda kernel, n: "M", "it should return a matrix of numbers"),
    ],
)
def test_q7_each_tempting_matrix_gets_its_own_message(wrong, fragment):
    assert_incorrect("conv_matrix", wrong, fragment)


def test_q7_an_integer_matrix_is_told_that_it_cut_off_the_kernels_fractions():
    def into_integers(kernel, n):
        M = np.zeros((n - len(kernel) + 1, n), dtype=int)
        for i in range(M.shape[0]):
            M[i, i : i + len(kernel)] = kernel
        return M

    result = outcome("conv_matrix", into_integers)
    assert result.status is Status.INCORRECT and "`conv_matrix([0.5], 4)`" in result.message, result
    assert "a matrix of whole numbers (dtype int64)" in result.message and "lost their fractions" in result.message
    # a wrong integer matrix that is not the truncated one gets the generic message
    result = outcome("conv_matrix", lambda kernel, n: np.ones((n - len(kernel) + 1, n), dtype=int))
    assert "its row 0 (counting from 0) is [1., 1., 1., 1., 1., 1.]" in result.message, result


def test_q7_a_loop_past_the_last_window_is_told_how_many_windows_fit():
    result = outcome("conv_matrix", _past_the_last_window)
    assert result.status is Status.ERROR and "A window of k samples fits n - k + 1 times" in result.message, result


def test_q7_what_the_messages_say_about_shapes_is_what_tensorflow_gives():
    signal = tf.zeros((1, 6, 1))
    kernel = tf.ones((3, 1, 1))
    assert tf.nn.conv1d(signal, kernel, stride=1, padding="VALID").shape[1] == 6 - 3 + 1
    assert tf.nn.conv1d(signal, kernel, stride=1, padding="SAME").shape[1] == 6
    assert np.convolve(np.ones(6), np.ones(3), "full").shape == (6 + 3 - 1,)
    # the convolution of mathematics (numpy's) is TensorFlow's with the kernel reversed
    x, w = np.arange(6.0), np.array([1.0, -2.0, 3.0])
    tf_result = tf.nn.conv1d(x.reshape(1, 6, 1), w.reshape(3, 1, 1), stride=1, padding="VALID").numpy()[0, :, 0]
    assert np.allclose(np.convolve(x, w[::-1], "valid"), tf_result)
    assert not np.allclose(np.convolve(x, w, "valid"), tf_result)


# --- q_6 and the set-up ------------------------------------------------------------------------


def test_q6_is_a_thought_question_with_a_discussion():
    result = ex1_questions.VerticalDiscussion().evaluate({})
    assert result.status is Status.THOUGHT and "vertical" in ex1_questions.VerticalDiscussion.solution


def test_every_graded_question_has_hints_and_a_solution():
    for question in QUESTIONS.values():
        assert question.hints and question.solution


def test_solutions_shown_to_students_are_themselves_correct():
    namespace = {"tf": tf, "np": np}
    for question in QUESTIONS.values():
        exec(question.solution, namespace)
    for var, question in QUESTIONS.items():
        assert question.evaluate({var: namespace[var]}, extra_cases=5).passed, var


# --- garbage never crashes the checker ---------------------------------------------------------


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(var=st.sampled_from(sorted(QUESTIONS)), value=garbage())
def test_garbage_answers_never_crash_the_checker(var, value):
    result = outcome(var, value)
    assert result.status in (Status.CORRECT, Status.INCORRECT, Status.ERROR, Status.NOT_ATTEMPTED)
    assert "Traceback" not in result.message and result.message
    # strict mode (tests/conftest.py) raises on a checker crash; an ERROR must be the student's own
    assert result.status is not Status.ERROR or result.message.startswith("Your code"), result


def test_hints_never_point_to_a_later_question():
    for label, question in ex1_questions.QUESTIONS.items():
        number = int(label.removeprefix("q_"))
        for hint in question.hints:
            for later in range(number + 1, len(ex1_questions.QUESTIONS) + 1):
                assert f"question {later}" not in hint, (label, hint)
