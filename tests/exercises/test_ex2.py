"""Exercise 2: every right answer passes, every tempting wrong answer fails with its own message."""

import random
import re

import keras
import numpy as np
import pytest
import tensorflow as tf
from harness.garbage import Hostile
from harness.garbage import garbage as shared_garbage
from harness.judged import checked
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from autograder import binder
from autograder.core import Status, ____
from autograder.exercises import ASSIGNMENTS, ex2
from autograder.exercises.ex2 import questions as ex2_questions
from autograder.exercises.ex2.global_average import GAP_MISTAKES
from autograder.exercises.ex2.gradients import GRADIENT_MISTAKES
from autograder.exercises.ex2.stack_shape import _spatial, _spatial_mistakes
from autograder.i18n.messages import template
from autograder.vision.geometry import output_size
from autograder.vision.pooling import pool_gradient as tf_pool_gradient
from autograder.vision.pooling import pool_numpy
from autograder.widgets import pooling_explorer

SETUP = {"image": ex2.image, "image_filter": ex2.image_filter, "image_detect": ex2.image_detect}

QUESTIONS = {
    "image_condense": ex2_questions.ImageCondense(),
    "hidden_by_pooling": ex2_questions.TranslationInvariance(),
    "gap_channels_first": ex2_questions.GapChannelsFirst(),
    "pooled_shape": ex2_questions.PooledShape(),
    "pool_gradient": ex2_questions.PoolGradient(),
}


EXPLORER_CALL = re.compile(r"pooling_explorer\(([^)]*)\)")


def outcome(var, value, namespace=None, **options):
    return checked(QUESTIONS[var], {**SETUP, **(namespace or {}), var: value}, **options)


def assert_incorrect(var, value, fragment, namespace=None):
    result = outcome(var, value, namespace)
    assert result.status is Status.INCORRECT, result
    assert fragment in result.message, result.message


def max_pool(maps, window=3, stride=2, padding="SAME"):
    return tf.nn.max_pool2d(maps, window, stride, padding)


# --- set-up ---------------------------------------------------------------------------------------


def test_setup_has_odd_sides_so_same_and_valid_differ():
    assert ex2.image_detect.shape == (1, 171, 257, 1)
    assert max_pool(ex2.image_detect).shape != max_pool(ex2.image_detect, padding="VALID").shape
    assert np.array_equal(ex2.image_detect, tf.nn.relu(tf.nn.conv2d(ex2.image, ex2.kernel, 1, "SAME")))


def test_the_package_gives_the_notebook_the_same_names():
    namespace = {}
    exec("from autograder.exercises.ex2 import *", namespace)
    exported = {name for name in namespace if name != "__builtins__"}
    assert exported == {
        *("q_1", "q_2", "q_3", "q_4", "q_5", "____", "compare_with_keras", "image", "image_detect"),
        *("image_filter", "kernel", "keras", "maps_channels_first", "np", "overlap_map", "plt", "pooling_stack"),
        *("show_condensed", "show_maps"),
        *("show_shifted_dots", "stack_code", "tf"),
    }
    assert ASSIGNMENTS["ex2_maximum_pooling"] == "autograder.exercises.ex2"


# --- q_1 image_condense ---------------------------------------------------------------------------


def test_q1_asks_for_a_setting_the_lesson_did_not_use():
    lesson = tf.nn.max_pool2d(ex2.image_detect, 2, 2, "SAME")
    assert lesson.shape == max_pool(ex2.image_detect).shape  # SAME: the stride alone sets the size
    assert not np.allclose(lesson, max_pool(ex2.image_detect))
    assert max_pool(ex2.image_detect, padding="VALID").shape == (1, 85, 128, 1)


def test_q1_right_answer_passes_in_every_form_the_lesson_showed():
    detect = ex2.image_detect
    right = max_pool(detect)
    for value in (
        right,
        right.numpy(),
        tf.nn.max_pool2d(input=detect, ksize=[3, 3], strides=[2, 2], padding="SAME"),
        tf.nn.pool(detect, (3, 3), "MAX", strides=(2, 2), padding="SAME"),
        keras.layers.MaxPool2D(3, strides=2, padding="same")(detect),
        keras.layers.MaxPooling2D(pool_size=(3, 3), strides=(2, 2), padding="same")(detect),
    ):
        assert outcome("image_condense", value).passed


def test_q1_relu_after_pooling_the_filter_is_accepted_because_they_commute():
    answer = tf.nn.relu(max_pool(ex2.image_filter))
    assert outcome("image_condense", answer).passed
    assert "commute" in ex2_questions.ImageCondense.solution


@pytest.mark.parametrize(
    ("make", "fragment"),
    [
        (lambda: tf.nn.avg_pool2d(ex2.image_detect, 3, 2, "SAME"), "average pooling"),
        (lambda: keras.layers.AveragePooling2D(3, 2, "same")(ex2.image_detect), "average pooling"),
        (lambda: max_pool(ex2.image_detect, padding="VALID"), "VALID padding"),
        (lambda: max_pool(ex2.image_detect, padding="VALID"), "every window must fit inside the map"),
        (lambda: keras.layers.MaxPool2D(3, strides=2)(ex2.image_detect), "Use `padding='SAME'`"),
        (lambda: keras.layers.MaxPool2D(3, padding="same")(ex2.image_detect), "stride defaults to its pool size"),
        (lambda: max_pool(ex2.image_detect, stride=3), "Give `strides=2`"),
        (lambda: keras.layers.MaxPool2D(3)(ex2.image_detect), "with Keras's defaults"),
        (lambda: max_pool(ex2.image_detect, window=2), "the lesson's 2x2 windows"),
        (lambda: keras.layers.MaxPool2D(2, padding="same")(ex2.image_detect), "the lesson's 2x2 windows"),
        (lambda: max_pool(ex2.image_detect, window=4), "the window is 4x4"),
        (lambda: max_pool(ex2.image_detect, window=1), "every other pixel"),
        (lambda: max_pool(ex2.image_detect, stride=1), "3x3 window moved with stride 1"),
        (lambda: max_pool(ex2.image_detect, window=2, stride=1), "2x2 window moved with stride 1"),
        (lambda: max_pool(ex2.image_filter), "before ReLU"),
        (lambda: max_pool(ex2.image), "pooled the photo itself"),
        (lambda: tf.nn.avg_pool2d(ex2.image_detect, 3, 2, "VALID"), "this is average pooling of `image_detect`"),
        (
            lambda: tf.nn.max_pool2d(ex2.image_detect, 2, 2, "VALID"),
            "this is max pooling of `image_detect` with a 2x2 window, stride 2 and VALID padding",
        ),
        (lambda: tf.zeros((1, 86, 129, 1)), "doesn't match max pooling of your image_detect"),
        (lambda: tf.random.uniform((1, 86, 129, 1), seed=3), "doesn't match max pooling of your image_detect"),
        (lambda: max_pool(ex2.image_detect)[0, :, :, 0], "don't squeeze"),
        (lambda: max_pool(ex2.image_detect)[0], "don't squeeze"),
        (lambda: np.zeros((86, 129)), "2-dimensional"),
        (lambda: tf.zeros((1, 50, 50, 1)), "gives (1, 86, 129, 1)"),
        (lambda: "max_pool2d", "string"),
    ],
)
def test_q1_tempting_wrong_answers_each_get_their_own_message(make, fragment):
    assert_incorrect("image_condense", make(), fragment.replace("your image_detect", "your `image_detect`"))


def test_q1_checks_against_the_students_own_image_detect():
    changed = tf.nn.relu(-ex2.image_filter)
    namespace = {"image_detect": changed}
    assert outcome("image_condense", max_pool(changed), namespace).passed
    assert_incorrect("image_condense", max_pool(ex2.image_detect), "doesn't match max pooling", namespace)


@pytest.mark.parametrize(
    ("detect", "fragment"),
    [
        (None, "not defined any more"),
        (____, "not defined any more"),
        ("photo", "run the set-up cell again"),
        (np.zeros((171, 257)), "4-dimensional"),
        (np.zeros((1, 1, 1, 1)), "too small to pool"),
    ],
)
def test_q1_missing_or_broken_image_detect_is_reported(detect, fragment):
    namespace = dict(SETUP)
    if detect is None:
        del namespace["image_detect"]
    else:
        namespace["image_detect"] = detect
    result = ex2_questions.ImageCondense().evaluate({**namespace, "image_condense": max_pool(ex2.image_detect)})
    assert result.status is Status.INCORRECT and fragment in result.message, result


@pytest.mark.parametrize("value", [____, [____], tf.constant([[____, 1.0]]), [[1.0, ____]]])
def test_q1_placeholders_are_not_attempted(value):
    assert outcome("image_condense", value).status is Status.NOT_ATTEMPTED


# --- q_2 translation invariance -------------------------------------------------------------------


RIGHT_PREDICTIONS = {
    "blocks of 2 ** rounds": lambda column, shift, rounds: column // 2**rounds == (column + shift) // 2**rounds,
    "a right shift as a bit test": lambda column, shift, rounds: (column >> rounds) == ((column + shift) >> rounds),
    "numpy's answer": lambda column, shift, rounds: (
        np.floor_divide(column, 2**rounds) == np.floor_divide(column + shift, 2**rounds)
    ),
    "a loop halving both columns": lambda column, shift, rounds: (
        _halved(column, rounds) == _halved(column + shift, rounds)
    ),
    "ones and zeros": lambda column, shift, rounds: int(column // 2**rounds == (column + shift) // 2**rounds),
}


def _halved(column, rounds):
    for _ in range(rounds):
        column //= 2
    return column


@pytest.mark.parametrize("name", sorted(RIGHT_PREDICTIONS))
def test_q2_right_predictions_pass_visible_and_hidden_checks(name):
    for options in ({}, {"extra_cases": 30, "seed": 2201}):
        result = outcome("hidden_by_pooling", RIGHT_PREDICTIONS[name], **options)
        assert result.passed, result


@pytest.mark.parametrize(
    ("prediction", "fragment"),
    [
        (lambda column, shift, rounds: column // 2**rounds != (column + shift) // 2**rounds, "the opposite"),
        (lambda column, shift, rounds: abs(shift) < 2**rounds, "size of the shift alone"),
        (lambda column, shift, rounds: column // 2 == (column + shift) // 2, "one pooling only"),
        (lambda column, shift, rounds: column // (2 * rounds) == (column + shift) // (2 * rounds), "not 2 * rounds"),
        (lambda column, shift, rounds: True, "still visible"),
        (lambda column, shift, rounds: "yes", "return True or False"),
    ],
)
def test_q2_each_tempting_prediction_gets_its_own_message(prediction, fragment):
    assert_incorrect("hidden_by_pooling", prediction, fragment)


def test_q2_references_are_tensorflows_pooling_and_match_lesson_2():
    question = ex2_questions.TranslationInvariance()
    assert question.reference(8, 2, 2) and not question.reference(8, 2, 1)  # lesson 2's demo
    assert not question.reference(8, -1, 3) and question.reference(8, 5, 3)


# --- q_3 gap_channels_first -----------------------------------------------------------------------


RIGHT_GAPS = {
    "tf.reduce_mean over axes 2 and 3": lambda maps: tf.reduce_mean(maps, axis=[2, 3]),
    "negative axes": lambda maps: tf.reduce_mean(maps, axis=(-2, -1)),
    "Keras told the layout": lambda maps: keras.layers.GlobalAvgPool2D(data_format="channels_first")(maps),
    "channels last first, then the lesson's axes": lambda maps: tf.reduce_mean(
        tf.transpose(maps, [0, 2, 3, 1]), axis=[1, 2]
    ),
    "numpy, as a list": lambda maps: np.mean(np.asarray(maps), axis=(2, 3)).tolist(),
    "sum over the cells of each map": lambda maps: tf.reduce_sum(maps, axis=[2, 3]) / (maps.shape[2] * maps.shape[3]),
}


EXAMPLE_SCORES = tf.reduce_mean(ex2.maps_channels_first, axis=[2, 3]).numpy().tolist()
"""The example's right scores, as a student who worked them out once might return them for any batch."""


@pytest.mark.parametrize("name", sorted(RIGHT_GAPS))
def test_q3_right_poolings_pass_visible_and_hidden_checks(name):
    for options in ({}, {"extra_cases": 12, "seed": 2203}):
        result = outcome("gap_channels_first", RIGHT_GAPS[name], **options)
        assert result.passed, result


def test_q3_reference_is_keras_global_average_pooling_channels_first():
    question = ex2_questions.GapChannelsFirst()
    rng = random.Random(8)
    for (maps,) in [*question.fixed_cases, *(question.random_case(rng) for __ in range(4))]:
        pooled = keras.layers.GlobalAvgPool2D(data_format="channels_first")(maps)
        assert np.allclose(pooled, question.reference(maps), atol=1e-6)
    assert ex2.maps_channels_first.shape == (2, 3, 5, 4)


@pytest.mark.parametrize(
    ("make", "fragment"),
    [
        (lambda m: tf.reduce_mean(m, axis=[1, 2]), "the height and width of the lesson's channels-last layout"),
        (lambda m: keras.layers.GlobalAvgPool2D()(m), "the height and width of the lesson's channels-last layout"),
        (lambda m: tf.reduce_mean(m, axis=[2, 3], keepdims=True), "kept the two size-1 axes"),
        (
            lambda m: keras.layers.GlobalAvgPool2D(data_format="channels_first", keepdims=True)(m),
            "kept the two size-1 axes",
        ),
        (lambda m: tf.reduce_mean(m, axis=1), "averaged over the channels (axis 1)"),
        (lambda m: keras.layers.GlobalMaxPool2D(data_format="channels_first")(m), "global max pooling"),
        (lambda m: tf.reduce_sum(m, axis=[2, 3]), "sums of each map"),
        (lambda m: tf.reduce_sum(m, axis=[2, 3]) / 20, "you divided the sums by 20"),
        (lambda m: tf.transpose(tf.reduce_mean(m, axis=[2, 3])), "transposed to shape (C, N)"),
        (lambda m: tf.reduce_mean(m, axis=[0, 2, 3]), "over the examples too"),
        (lambda m: tf.reduce_mean(m, axis=[1, 2, 3]), "channels together too"),
        (lambda m: tf.reduce_mean(m), "the whole batch into a single number"),
        (lambda m: tf.reduce_mean(m, axis=2), "only one of height and width"),
        (lambda m: tf.reduce_mean(m, axis=3), "only one of height and width"),
        (lambda m: tf.zeros((2, 3)), "not the mean of each feature map"),
        (lambda m: EXAMPLE_SCORES, "for this batch it should have shape (N, C) = (1, 4)"),
        (lambda m: tf.zeros((4,)), "should have shape (N, C) = (2, 3)"),
        (lambda m: "scores", "an array of scores"),
    ],
)
def test_q3_tempting_wrong_poolings_each_get_their_own_message(make, fragment):
    assert_incorrect("gap_channels_first", make, fragment)


def test_q3_a_value_instead_of_a_function_is_refused():
    assert_incorrect("gap_channels_first", tf.reduce_mean(ex2.maps_channels_first, axis=[2, 3]), "should be a function")


# --- q_4 pooled_shape -----------------------------------------------------------------------------


def test_q4_reference_is_the_real_keras_output_shape():
    model = keras.Sequential(
        [
            keras.Input(shape=(45, 31, 16), batch_size=8),
            keras.layers.MaxPool2D(2),
            keras.layers.MaxPool2D(3, strides=2, padding="same"),
            keras.layers.AveragePooling2D(2, strides=1),
        ]
    )
    assert model.output_shape == ex2.pooling_stack.output_shape == (8, 10, 7, 16)
    assert _spatial() == (10, 7)
    assert model(tf.zeros((8, 45, 31, 16))).shape == (8, 10, 7, 16)


@pytest.mark.parametrize(
    "value",
    [(8, 10, 7, 16), (None, 10, 7, 16), [8, 10, 7, 16], tf.TensorShape([8, 10, 7, 16]), np.array([8, 10, 7, 16])],
)
def test_q4_right_answer_passes_with_the_batch_or_none(value):
    assert outcome("pooled_shape", value).passed


@pytest.mark.parametrize(
    ("value", "fragment"),
    [
        ((10, 7, 16), "left out the batch axis"),
        ((8, 10, 7, 1), "16 channels stay 16"),
        ((8, 10, 7, 32), "pooling has no weights"),
        ((8, 21, 14, 16), "Keras uses the pool size"),
        ((8, 43, 29, 16), "every window with stride 1"),
        ((8, 10, 6, 16), "ceil(n / stride), rounded up"),
        ((8, 11, 7, 16), "layer 1 (`layers.MaxPool2D(2)`) was computed as if padding='same'"),
        (
            (8, 9, 6, 16),
            "layer 2 (`layers.MaxPool2D(3, strides=2, padding='same')`) was computed as if padding='valid'",
        ),
        ((8, 11, 8, 16), "layer 3 (`layers.AveragePooling2D(2, strides=1)`) was computed as if padding='same'"),
        ((1, 10, 7, 16), "keeps the batch of 8"),
        ((None, None, 7, 16), "only the batch may be None"),
        ((8, 10, 8, 16), "the height is right, but the width 8"),
        ((8, 12, 7, 16), "the width is right, but the height 12"),
        ((8, 3, 3, 16), "not what the three layers give"),
        ((8, 10, 7), "the output has 4 axes"),
        ((8, 10, 7, 16, 1), "has 5 sizes"),
        ((8,), "has 1 size;"),
        ((8, 10.5, 7, 16), "whole numbers"),
        ("(8, 10, 7, 16)", "string"),
    ],
)
def test_q4_tempting_wrong_answers_each_get_their_own_message(value, fragment):
    assert_incorrect("pooled_shape", value, fragment)


def test_q4_slips_give_distinct_shapes():
    wrong = [shape for shape, _ in _spatial_mistakes()]
    assert len(set(wrong)) == len(wrong) and _spatial() not in wrong


@pytest.mark.parametrize("value", [____, (8, ____, 7, 16), [____, ____, ____, ____]])
def test_q4_placeholders_are_not_attempted(value):
    assert outcome("pooled_shape", value).status is Status.NOT_ATTEMPTED


# --- q_5 pool_gradient ----------------------------------------------------------------------------


def _loops(x, size, stride, add=True, step=None, spread=False):
    """The gradient of the pooled sum by loops over the windows; the keywords make the tempting slips."""
    x = np.asarray(x, dtype=np.float64)
    step = stride if step is None else step
    grad = np.zeros(x.shape)
    for top in range(0, x.shape[0] - size + 1, step):
        for left in range(0, x.shape[1] - size + 1, step):
            window = x[top : top + size, left : left + size]
            if spread:
                grad[top : top + size, left : left + size] += 1 / (size * size)
                continue
            r, c = np.unravel_index(np.argmax(window), window.shape)
            if add:
                grad[top + r, left + c] += 1
            else:
                grad[top + r, left + c] = 1
    return grad


def _tape(x, size, stride, reshape_back=True, padding="VALID", pool=tf.nn.max_pool2d):
    rows, cols = np.shape(x)
    batch = tf.reshape(tf.constant(x, dtype=tf.float32), [1, rows, cols, 1])
    with tf.GradientTape() as tape:
        tape.watch(batch)
        total = tf.reduce_sum(pool(batch, size, stride, padding))
    grad = tape.gradient(total, batch)
    return tf.reshape(grad, [rows, cols]) if reshape_back else grad


def _masks(x, size, stride):
    """A vectorised answer: each window's one-hot maximum, added where it sits."""
    x = np.asarray(x)
    grad = np.zeros_like(x, dtype=float)
    windows = np.lib.stride_tricks.sliding_window_view(x, (size, size))[::stride, ::stride]
    for i, j in np.ndindex(windows.shape[:2]):
        window = windows[i, j]
        grad[i * stride : i * stride + size, j * stride : j * stride + size] += window == window.max()
    return grad


def _count_of_wins(x, size, stride):
    """Another way round: for every cell, how many windows it is the maximum of."""
    x = np.asarray(x)
    rows, cols = x.shape
    starts = [(t, l) for t in range(0, rows - size + 1, stride) for l in range(0, cols - size + 1, stride)]
    return [
        [
            sum(
                x[i, j] == x[t : t + size, l : l + size].max() and t <= i < t + size and l <= j < l + size
                for t, l in starts
            )
            for j in range(cols)
        ]
        for i in range(rows)
    ]


RIGHT_GRADIENTS = {
    "numpy loops": _loops,
    "tf.GradientTape on tf.nn.max_pool2d": _tape,
    "tf.GradientTape, the 4-D gradient": lambda x, size, stride: _tape(x, size, stride, reshape_back=False),
    "keras MaxPool2D under a tape": lambda x, size, stride: _keras_tape(x, size, stride),
    "window masks added up": _masks,
    "counting the windows each cell wins, as lists": _count_of_wins,
}


def _keras_tape(x, size, stride):
    batch = tf.constant(np.asarray(x)[None, :, :, None], dtype=tf.float32)
    with tf.GradientTape() as tape:
        tape.watch(batch)
        total = tf.reduce_sum(keras.layers.MaxPool2D(size, strides=stride)(batch))
    return tape.gradient(total, batch)[0, :, :, 0].numpy()


@pytest.mark.parametrize("name", sorted(RIGHT_GRADIENTS))
def test_q5_right_gradients_pass_visible_and_hidden_checks(name):
    for options in ({}, {"extra_cases": 20, "seed": 2205}):
        result = outcome("pool_gradient", RIGHT_GRADIENTS[name], **options)
        assert result.passed, result


def test_q5_another_name_for_the_function_passes_once_assigned():
    def gradient_of_max_pooling(values, window, step):
        return _loops(values, window, step)

    assert outcome("pool_gradient", gradient_of_max_pooling).passed


def test_q5_reference_is_tensorflows_gradient_and_overlaps_add_up():
    question = ex2_questions.PoolGradient()
    expected = np.zeros((5, 5))
    expected[2, 1], expected[1, 3], expected[4, 4] = 2, 1, 1  # 24 wins two windows, 23 and 22 one each
    assert np.array_equal(question.reference(ex2.overlap_map, 3, 2), expected)
    rng = random.Random(9)
    cases = [*question.fixed_cases, *(question.random_case(rng) for __ in range(30))]
    overlapping = 0
    for x, size, stride in cases:
        assert len(np.unique(x)) == x.size, "no ties: every window has one maximum"
        assert np.array_equal(question.reference(x, size, stride), _loops(x, size, stride))
        overlapping += bool(question.reference(x, size, stride).max() > 1)
    assert overlapping >= 10, "many cases have a cell that wins several windows"
    assert any(stride > size for __, size, stride in question.fixed_cases)
    uncovered = [
        tf_pool_gradient(x, size, stride, mode="average").min() == 0 for x, size, stride in question.fixed_cases
    ]
    assert sum(uncovered) >= 2, "some cases leave cells under no window (VALID drops them): they get 0"


@pytest.mark.parametrize(
    ("make", "fragment"),
    [
        (lambda x, size, stride: np.ones(np.shape(x)), "the maximum of no window"),
        (lambda x, size, stride: _loops(x, size, stride, spread=True) > 0, "the maximum of no window"),
        (lambda x, size, stride: _loops(x, size, stride, spread=True), "gradient of average pooling"),
        (lambda x, size, stride: _tape(x, size, stride, pool=tf.nn.avg_pool2d), "gradient of average pooling"),
        (
            lambda x, size, stride: (_loops(x, size, stride, spread=True) > 0) / (size * size),
            "you spread 1 / (size * size)",
        ),
        (lambda x, size, stride: _loops(x, size, stride, add=False), "add up the windows' contributions"),
        (lambda x, size, stride: _loops(x, size, stride, step=size), "by their own size"),
        (lambda x, size, stride: _loops(x, size, stride, step=1), "one cell at a time"),
        (lambda x, size, stride: _tape(x, size, stride, padding="SAME"), "hang over the edge"),
        (lambda x, size, stride: tf.nn.max_pool2d(x[None, :, :, None], size, stride, "VALID"), "the forward pass"),
        (lambda x, size, stride: pool_numpy(x, size, stride), "the forward pass"),
        (lambda x, size, stride: _loops(x, size, stride).T, "returned the right shape, but not the gradient"),
        (lambda x, size, stride: _loops(x, size, stride)[:-1], "the gradient has one number per cell of `x`"),
        (lambda x, size, stride: -_loops(x, size, stride), "at row 1, column 3 it should be 1, not -1"),
        (lambda x, size, stride: "gradient", "return an array of numbers"),
    ],
)
def test_q5_tempting_wrong_gradients_each_get_their_own_message(make, fragment):
    assert_incorrect("pool_gradient", make, fragment)


def test_q5_slips_that_give_the_same_gradient_on_the_example_say_the_same():
    x, size, stride = ex2.overlap_map, 3, 2
    right = tuple(tf_pool_gradient(x, size, stride).ravel())
    messages = {}
    for diagnosis in GRADIENT_MISTAKES:
        gradient = tuple(np.asarray(diagnosis.wrong(x, size, stride), dtype=float).ravel())
        messages.setdefault(gradient, set()).add(diagnosis.message)
    assert right not in messages and all(len(said) == 1 for said in messages.values())
    assert len(messages) == len(GRADIENT_MISTAKES) - 1  # a 1 everywhere is a 1 under every window here


# --- views, hints, solutions ----------------------------------------------------------------------


def test_every_graded_question_has_hints_and_a_solution():
    for question in QUESTIONS.values():
        assert len(question.hints) > 1 and question.solution


ANSWERS_IN_HINTS = {
    "image_condense": "ksize=3",
    "hidden_by_pooling": "2 ** rounds ==",
    "gap_channels_first": "axis=[2, 3]",
    "pooled_shape": "(8, 10, 7, 16)",
    "pool_gradient": "+= 1",
}
"""What gives each answer away: only a question's last hint may hold it."""


@pytest.mark.parametrize("var", sorted(ANSWERS_IN_HINTS))
def test_hints_go_from_a_nudge_to_the_method_and_only_the_last_gives_the_answer(var):
    *earlier, last = QUESTIONS[var].hints
    assert ANSWERS_IN_HINTS[var] in last
    assert not any(ANSWERS_IN_HINTS[var] in hint for hint in earlier)


def test_no_hint_points_at_another_question():
    for question in QUESTIONS.values():
        for hint in question.hints:
            assert not re.search(r"\bq_\d|\bquestion \d", hint), hint


def test_every_explorer_setting_a_hint_names_runs_and_shows_what_the_hint_says():
    calls = [call for q in QUESTIONS.values() for hint in q.hints for call in EXPLORER_CALL.findall(hint)]
    assert len(calls) >= 4
    for arguments in calls:
        options = eval(f"dict({arguments})")
        assert pooling_explorer(**options, static=True) is not None, arguments
    # q_1's and q_4's nudges ask to count the output rows of a 7-row map; q_3's to see a single cell
    assert output_size(7, 3, 2, "same") == 4 and output_size(7, 3, 2, "valid") == 3 and output_size(7, 2, 2) == 3
    assert pool_numpy(np.arange(16.0).reshape(4, 4), 4, mode="average").shape == (1, 1)


def test_every_student_facing_text_of_the_questions_is_marked_for_translation():
    marked = {m.id if isinstance(m.id, str) else m.id[0] for m in template() if m.id}
    texts = [text for q in QUESTIONS.values() for text in (*q.hints, q.solution)]
    texts += [d.message for d in ex2_questions.TranslationInvariance.diagnoses] + [d.message for d in GAP_MISTAKES]
    texts += [d.message for d in GRADIENT_MISTAKES]
    assert [text[:60] for text in texts if text not in marked] == []


def test_solutions_shown_to_students_are_themselves_correct():
    namespace = {**SETUP, "tf": tf, "keras": keras, "np": np}
    for question in QUESTIONS.values():
        exec(question.solution, namespace)
    for var, question in QUESTIONS.items():
        assert question.evaluate(namespace).passed, var


def test_views_read_the_bound_namespace_and_grade_cells_raise_with_the_reason():
    namespace = {**SETUP, "image_condense": tf.nn.avg_pool2d(ex2.image_detect, 3, 2, "SAME")}
    binder.bind(namespace)
    try:
        assert ex2.q_1.outcome().status is Status.INCORRECT
        with pytest.raises(AssertionError, match="average pooling"):
            ex2.q_1.assert_correct()
        namespace["image_condense"] = max_pool(ex2.image_detect)
        ex2.q_1.assert_correct()
    finally:
        binder.unbind()


def test_demo_helpers_do_not_crash_on_unanswered_or_wrong_answers(capsys):
    ex2.show_condensed(ex2.image_detect, ____)
    ex2.show_condensed(ex2.image_detect, "nonsense")
    assert capsys.readouterr().out.count("Answer question 1 first") == 2
    ex2.compare_with_keras(____)
    assert "Answer question 4 first" in capsys.readouterr().out
    ex2.compare_with_keras((8, 10, 7, 16))
    assert "(8, 10, 7, 16)" in capsys.readouterr().out


@pytest.mark.parametrize("var", ["image_condense"])
def test_a_value_that_is_not_data_is_refused_without_running_its_methods(var):
    result = outcome(var, Hostile())
    assert result.status is Status.INCORRECT and "does not hold plain numbers" in result.message, result


def test_a_shape_holding_a_hostile_object_is_refused_without_touching_it():
    assert_incorrect("pooled_shape", (8, Hostile(), 7, 16), "each size should be a whole number")


# --- garbage never crashes the checker ------------------------------------------------------------


garbage = shared_garbage(
    st.lists(st.one_of(st.none(), st.integers(-5, 200), st.floats(allow_nan=True)), max_size=6),
    arrays(np.float32, st.tuples(st.just(1), st.integers(1, 8), st.integers(1, 8), st.just(1))),
    st.just([Hostile(), 1, 2, 3]),
)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(var=st.sampled_from(sorted(QUESTIONS)), value=garbage, detect=st.one_of(st.just(ex2.image_detect), garbage))
def test_garbage_answers_never_crash_the_checker(var, value, detect):
    result = outcome(var, value, {"image_detect": detect})
    assert result.status in (Status.INCORRECT, Status.ERROR, Status.NOT_ATTEMPTED)
    assert "Traceback" not in result.message and result.message
    # strict mode (tests/conftest.py) raises on a checker crash; an ERROR must be the student's own
    assert result.status is not Status.ERROR or result.message.startswith("Your code"), result
