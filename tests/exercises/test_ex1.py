"""Exercise 1: every right answer passes, every tempting wrong answer fails with its own message."""

import numpy as np
import pytest
import tensorflow as tf
from harness.garbage import garbage
from harness.judged import checked
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from autograder.core import Status, ____
from autograder.exercises import ex1
from autograder.vision import KERNELS, convolve, detect

QUESTIONS = {
    "kernel": ex1.Kernel(),
    "conv_fn": ex1.ConvFn(),
    "relu_fn": ex1.ReluFn(),
    "feature_map": ex1.FeatureMap(),
    "horizontal_kernel": ex1.HorizontalKernel(),
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


# --- q_2 conv_fn and q_3 relu_fn ---------------------------------------------------------------


def test_q2_and_q3_right_functions_pass():
    assert outcome("conv_fn", tf.nn.conv2d).passed
    assert outcome("relu_fn", tf.nn.relu).passed


@pytest.mark.parametrize(
    ("var", "value", "named"),
    [
        ("conv_fn", tf.nn.convolution, "`tf.nn.convolution` computes the same as `tf.nn.conv2d`"),
        ("relu_fn", tf.keras.activations.relu, "`keras.activations.relu` computes the same as `tf.nn.relu`"),
        ("relu_fn", lambda x: tf.maximum(x, 0.0), "Your function computes the same as `tf.nn.relu`"),
        ("relu_fn", tf.keras.layers.ReLU(), "Your function computes the same as `tf.nn.relu`"),
    ],
)
def test_q2_and_q3_accept_any_function_that_computes_the_same_and_name_the_lessons(var, value, named):
    result = outcome(var, value)
    assert result.passed and named in result.message, result


@pytest.mark.parametrize(
    ("value", "fragment"),
    [
        (tf.nn.conv2d(tf.ones((1, 3, 3, 1)), tf.ones((1, 1, 1, 1)), 1, "SAME"), "result of calling"),
        (tf.keras.layers.Conv2D, "Keras layer class `Conv2D`"),
        (tf.keras.layers.Conv2D(1, 3), "Keras layer object `Conv2D`"),
        ("tf.nn.conv2d", "Remove the quotes"),
        (tf.nn.conv1d, "1-D sequences"),
        (tf.nn.depthwise_conv2d, "each channel separately"),
        (tf.nn.relu, "detect step"),
        (tf.nn.max_pool2d, "condense step"),
        (tf.nn.softmax, "`tf.nn.softmax`, which is not"),
        (np.convolve, "not the TensorFlow function"),
        (3, "assign a function"),
    ],
)
def test_q2_tempting_wrong_answers_each_get_their_own_message(value, fragment):
    assert_incorrect("conv_fn", value, fragment)


@pytest.mark.parametrize(
    ("value", "fragment"),
    [
        ("relu", "activation='relu'"),
        ("tf.nn.relu", "Remove the quotes"),
        (tf.nn.relu(tf.constant([-1.0, 2.0])), "result of calling"),
        (tf.keras.layers.ReLU, "Keras layer class `ReLU`"),
        (tf.nn.relu6, "caps outputs at 6"),
        (tf.nn.leaky_relu, "small slope"),
        (tf.nn.elu, "bends smoothly"),
        (tf.nn.sigmoid, "squashes"),
        (tf.nn.conv2d, "filter step"),
        (tf.maximum, "computes ReLU, but"),
    ],
)
def test_q3_tempting_wrong_answers_each_get_their_own_message(value, fragment):
    assert_incorrect("relu_fn", value, fragment)


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


# --- q_6 and the set-up ------------------------------------------------------------------------


def test_q6_is_a_thought_question_with_a_discussion():
    result = ex1.VerticalDiscussion().evaluate({})
    assert result.status is Status.THOUGHT and "vertical" in ex1.VerticalDiscussion.solution


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
    for label, question in enumerate(QUESTIONS.values(), start=1):
        for hint in question.hints:
            for later in range(label + 1, 7):
                assert f"question {later}" not in hint, (label, hint)
