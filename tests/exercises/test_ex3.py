"""Exercise 3: right answers pass, each tempting wrong answer fails with its own message."""

import math
import random
import re
from dataclasses import replace

import numpy as np
import pytest
import tensorflow as tf
from harness.garbage import Hostile
from harness.garbage import garbage as shared_garbage
from harness.judged import checked
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import autograder.i18n
from autograder.core import Status, ____
from autograder.core.shapes import show_shape
from autograder.exercises import ex3
from autograder.exercises.ex3 import fields, model, porting, smoothing, three_by_three, windows
from autograder.exercises.ex3 import questions as ex3_questions
from autograder.i18n.messages import template
from autograder.vision.geometry import output_size as true_output_size
from autograder.vision.stacks import MISREAD_RULES, try_shapes
from autograder.widgets import sliding_window_explorer
from autograder.widgets.window_explorer import KERNEL_RANGE, SIZE_RANGE, STRIDE_RANGE
from autograder.widgets.windows import axis_layout

QUESTIONS = {
    "output_size": windows.OutputSize(),
    "same_padding": windows.SamePadding(),
    "model_shapes": model.ModelShapes(),
    "receptive_field": fields.ReceptiveField(),
    "smoothing_kernel": smoothing.SmoothingKernel(),
    "symmetric_matches_same": porting.SymmetricMatchesSame(),
    "stack_weights": three_by_three.StackWeights(),
}


def solved(var):
    namespace = {}
    exec(QUESTIONS[var].solution, namespace)
    return namespace[var]


def outcome(var, value, **options):
    return checked(QUESTIONS[var], {var: value}, **options)


def assert_incorrect(var, value, fragment):
    result = outcome(var, value)
    assert result.status is Status.INCORRECT, result
    assert fragment in result.message, result.message


@pytest.mark.parametrize("var", sorted(QUESTIONS))
@pytest.mark.parametrize("seed", [0, 1, 2])
def test_model_solutions_pass_with_hidden_random_cases(var, seed):
    assert outcome(var, solved(var), extra_cases=25, seed=seed).passed


def test_model_shapes_match_the_real_model():
    keras_model = ex3.build_model()
    assert [tuple(layer.output.shape) for layer in keras_model.layers] == model.expected_model_shapes()
    namespace = {}
    exec(model.ModelShapes.solution, namespace)
    assert namespace["model_shapes"] == model.expected_model_shapes()


def test_the_package_gives_the_notebook_the_names_it_always_had():
    namespace = {}
    exec("from autograder.exercises.ex3 import *", namespace)
    names = {"build_model", "np", "show_model_code", "show_smoothing", "show_window_positions", "tf", "____"}
    assert set(namespace) - {"__builtins__"} == names | {f"q_{n}" for n in range(1, 8)}
    assert [type(question) for question in ex3_questions.QUESTIONS.values()] == [type(q) for q in QUESTIONS.values()]


# --- q_1 output_size ---------------------------------------------------------------------------


def span(k, d):
    return d * (k - 1) + 1


def right_size(n, k, s, p, d):
    return (n + 2 * p - span(k, d)) // s + 1


RIGHT_OUTPUT_SIZES = {
    "floor division": right_size,
    "math.floor": lambda n, k, s, p, d: math.floor((n + 2 * p - d * (k - 1) - 1) / s) + 1,
    "lesson 3's ceil on the padded axis": lambda n, k, s, p, d: math.ceil((n + 2 * p - span(k, d) + 1) / s),
    "counting the starts": lambda n, k, s, p, d: len(range(0, n + 2 * p - span(k, d) + 1, s)),
    "a numpy integer": lambda n, k, s, p, d: np.int64(right_size(n, k, s, p, d)),
    "other names and defaults": lambda size, taps, stride=1, pad=0, rate=1: right_size(size, taps, stride, pad, rate),
}


@pytest.mark.parametrize("name", sorted(RIGHT_OUTPUT_SIZES))
def test_q1_right_variants_pass_visible_and_hidden_cases(name):
    for options in ({}, {"extra_cases": 200, "seed": 3101}):
        assert outcome("output_size", RIGHT_OUTPUT_SIZES[name], **options).passed


def test_q1_lesson_3_s_valid_formula_copied_fails():
    """Lesson 3's predicted() cannot even be called with the new arguments; its rule without p and d fails."""
    assert_incorrect("output_size", lambda n, k, s, p, d: math.ceil((n - k + 1) / s), "lesson 3's 'valid' size")


@pytest.mark.parametrize(
    ("wrong", "fragment"),
    [
        (lambda n, k, s, p, d: (n + 2 * p - span(k, d)) // s, "the +1 is missing"),
        (lambda n, k, s, p, d: (n + p - span(k, d)) // s + 1, "padding is counted once"),
        (lambda n, k, s, p, d: (n - span(k, d)) // s + 1, "padding is left out"),
        (lambda n, k, s, p, d: math.ceil((n + 2 * p - span(k, d)) / s) + 1, "rounds the steps up"),
        (lambda n, k, s, p, d: (n + 2 * p - d * k) // s + 1, "d * k cells wide"),
        (lambda n, k, s, p, d: (n + 2 * p - d * (k - 1)) // s + 1, "taken as d * (k - 1) cells wide"),
        (lambda n, k, s, p, d: (n + 2 * p - k) // s + 1, "dilation is ignored"),
        (lambda n, k, s, p, d: n + 2 * p - span(k, d) + 1, "stride is ignored"),
        (lambda n, k, s, p, d: (n + 2 * p - span(k, d) + 0.5) / s + 1, "fraction of a position"),
        (lambda n, k, s, p, d: (n + 2 * p - span(k, d)) / s + 1, "a float"),
        (lambda n, k, s, p, d: float(right_size(n, k, s, p, d)), "a float"),
        (lambda n, k, s, p, d: 3, "but TensorFlow gives"),
    ],
)
def test_q1_tempting_wrong_formulas_get_their_own_messages(wrong, fragment):
    assert_incorrect("output_size", wrong, fragment)


def test_q1_two_slips_at_once_get_the_generic_message_not_a_wrong_diagnosis():
    result = outcome("output_size", lambda n, k, s, p, d: (n + p - k) // s + 1)
    assert result.status is Status.INCORRECT and "but TensorFlow gives" in result.message, result


def test_q1_not_attempted_and_errors():
    def output_size(n, k, s, p, d):
        ____  # noqa: B018

    assert outcome("output_size", output_size).status is Status.NOT_ATTEMPTED
    crashed = outcome("output_size", lambda n, k, s, p, d: n / 0)
    assert crashed.status is Status.ERROR and "ZeroDivisionError" in crashed.message
    old = outcome("output_size", lambda n, k, s, padding: n)
    assert old.status is Status.ERROR and "TypeError" in old.message


@pytest.mark.parametrize("seed", [0, 1])
def test_q1_reference_is_tensorflow_s_conv2d_with_explicit_padding_and_dilation(seed):
    question, rng = QUESTIONS["output_size"], random.Random(seed)
    cases = [*question.fixed_cases[::7], *(question.random_case(rng) for __ in range(15))]
    for n, k, s, p, d in cases:
        x = tf.zeros((1, n, n, 1))
        padded = tf.pad(x, [[0, 0], [p, p], [p, p], [0, 0]])
        y = tf.nn.conv2d(padded, tf.ones((k, k, 1, 1)), strides=s, padding="VALID", dilations=d)
        assert question.reference(n, k, s, p, d) == y.shape[1] == y.shape[2] == right_size(n, k, s, p, d)


def test_q1_without_padding_and_dilation_it_is_lesson_3_s_valid_size():
    question = QUESTIONS["output_size"]
    for n, k, s in [(7, 3, 2), (7, 3, 3), (28, 5, 2), (10, 4, 3)]:
        assert question.reference(n, k, s, 0, 1) == true_output_size(n, k, s, "valid")


# --- q_2 same_padding --------------------------------------------------------------------------


def right_total(n, k, s, d=1):
    return max((math.ceil(n / s) - 1) * s + span(k, d) - n, 0)


def right_padding(n, k, s, d):
    total = right_total(n, k, s, d)
    return total // 2, total - total // 2


def _padding_by_negative_floor(n, k, s, d):
    total = max((-(-n // s) - 1) * s + d * (k - 1) + 1 - n, 0)
    after = (total + 1) // 2
    return total - after, after


RIGHT_PADDINGS = {
    "the solution": lambda n, k, s, d: solved("same_padding")(n, k, s, d),
    "a list": lambda n, k, s, d: list(right_padding(n, k, s, d)),
    "numpy integers": lambda n, k, s, d: tuple(np.int64(v) for v in right_padding(n, k, s, d)),
    "ceil division by hand": _padding_by_negative_floor,
    "a dense kernel with zeros between the taps": lambda n, k, s, d: right_padding(n, d * (k - 1) + 1, s, 1),
    "after first, rounded up": lambda n, k, s, d: (
        right_total(n, k, s, d) - math.ceil(right_total(n, k, s, d) / 2),
        math.ceil(right_total(n, k, s, d) / 2),
    ),
}


@pytest.mark.parametrize("name", sorted(RIGHT_PADDINGS))
def test_q2_right_variants_pass_visible_and_hidden_cases(name):
    for options in ({}, {"extra_cases": 100, "seed": 3201}):
        assert outcome("same_padding", RIGHT_PADDINGS[name], **options).passed


@pytest.mark.parametrize(
    ("wrong", "fragment"),
    [
        (lambda n, k, s, d: right_padding(n, k, s, 1), "lesson 3's padding for a dense window of k cells"),
        (lambda n, k, s, d: tuple(right_padding(n, k, s, d))[::-1], "wrong side"),
        (lambda n, k, s, d: (span(k, d) // 2, span(k, d) // 2), "half the window on each side"),
        (lambda n, k, s, d: (right_total(n, k, s, d),) * 2, "the whole padding on each side"),
        (lambda n, k, s, d: ((span(k, d) - 1) // 2, span(k, d) - 1 - (span(k, d) - 1) // 2), "whatever the stride"),
        (lambda n, k, s, d: right_total(n, k, s, d) // 2, "single number"),
        (lambda n, k, s, d: [right_total(n, k, s, d)], "pair"),
        (lambda n, k, s, d: (0, 0), "but TensorFlow pads"),
    ],
)
def test_q2_tempting_wrong_answers_get_their_own_messages(wrong, fragment):
    assert_incorrect("same_padding", wrong, fragment)


def _padding_with_span(width):
    def same_padding(n, k, s, d):
        total = max((math.ceil(n / s) - 1) * s + width(k, d) - n, 0)
        return total // 2, total - total // 2

    return same_padding


@pytest.mark.parametrize(
    ("width", "fragment"),
    [
        (lambda k, d: d * k, "d * k cells wide"),
        (lambda k, d: d * (k - 1), "taken as d * (k - 1) cells wide"),
    ],
)
def test_q2_a_wrong_span_of_the_dilated_window_is_named(width, fragment):
    assert_incorrect("same_padding", _padding_with_span(width), fragment)


def test_q2_negative_total_padding_is_explained():
    def same_padding(n, k, s, d):
        total = (math.ceil(n / s) - 1) * s + d * (k - 1) + 1 - n
        return total // 2, total - total // 2

    assert_incorrect("same_padding", same_padding, "max(..., 0)")


def test_q2_lesson_3_s_copied_formula_is_told_about_the_dilation_at_a_dilated_case():
    result = outcome("same_padding", lambda n, k, s, d: right_padding(n, k, s, 1))
    call = re.search(r"`same_padding\((\d+), (\d+), (\d+), (\d+)\)`", result.message)
    assert call is not None and int(call.group(4)) > 1, result.message


@pytest.mark.parametrize("seed", [0, 1])
def test_q2_reference_is_the_padding_that_makes_valid_give_same(seed):
    question, rng = QUESTIONS["same_padding"], random.Random(seed)
    cases = [*question.fixed_cases, *(question.random_case(rng) for __ in range(20))]
    for n, k, s, d in cases:
        before, after = question.reference(n, k, s, d)
        assert (before, after) == right_padding(n, k, s, d), (n, k, s, d)
        x = tf.random.stateless_uniform((1, n, n, 1), seed=(n, k))
        w = tf.random.stateless_uniform((k, k, 1, 1), seed=(s, d))
        same = tf.nn.conv2d(x, w, strides=s, padding="SAME", dilations=d)
        padded = tf.pad(x, [[0, 0], [before, after], [before, after], [0, 0]])
        assert np.allclose(same, tf.nn.conv2d(padded, w, strides=s, padding="VALID", dilations=d)), (n, k, s, d)
        if before != after:  # the other split gives another result
            other = tf.pad(x, [[0, 0], [after, before], [after, before], [0, 0]])
            assert not np.allclose(same, tf.nn.conv2d(other, w, strides=s, padding="VALID", dilations=d))


def test_q2_without_dilation_it_is_lesson_3_s_same_padding():
    from autograder.vision.measure import measured_same_padding

    question = QUESTIONS["same_padding"]
    for n, k, s in [(6, 4, 1), (6, 4, 2), (8, 1, 3), (6, 3, 2), (10, 5, 3)]:
        assert question.reference(n, k, s, 1) == measured_same_padding(n, k, s)


# --- q_3 model_shapes --------------------------------------------------------------------------

RIGHT_SHAPES = [(None, 15, 16, 16), (None, 7, 8, 16), (None, 5, 6, 32), (None, 3, 3, 32), (None, 3, 3, 8)]


def test_q3_batch_size_may_be_none_or_a_number_and_lists_are_fine():
    assert outcome("model_shapes", RIGHT_SHAPES).passed
    assert outcome("model_shapes", [list((8, *shape[1:])) for shape in RIGHT_SHAPES]).passed


@pytest.mark.parametrize(
    ("shapes", "fragment"),
    [
        ([shape[1:] for shape in RIGHT_SHAPES], "four entries"),
        (RIGHT_SHAPES[:4], "has 4 shapes"),
        ([(None, 15, 16, 16), (None, 14, 15, 16), (None, 12, 13, 32), (None, 6, 7, 32), (None, 6, 7, 8)], "default"),
        ([(None, 15, 16, 3), *RIGHT_SHAPES[1:]], "channels"),
        ([(None, 15, 16, 16), (None, 7, 8, 32), *RIGHT_SHAPES[2:]], "channels"),
        ([(None, 15, 16, 16), (None, 8, 8, 16), *RIGHT_SHAPES[2:]], "layer 2"),
        ("shapes", "a str"),
        ([1, 2, 3], "single flat list"),
        ([(None, 15.5, 16, 16), *RIGHT_SHAPES[1:]], "whole numbers"),
    ],
)
def test_q3_wrong_predictions_get_their_own_messages(shapes, fragment):
    assert_incorrect("model_shapes", shapes, fragment)


@pytest.mark.parametrize(
    ("shapes", "fragment"),
    [
        ([shape[1:] for shape in RIGHT_SHAPES], "left out the batch axis"),
        ([shape[:3] for shape in RIGHT_SHAPES], "left out the channels"),
        ([*RIGHT_SHAPES[:1], (None, 7, 8, 32), *RIGHT_SHAPES[2:]], "pooling keeps the channel count: 16 in, 16 out"),
        ([*RIGHT_SHAPES[:2], (None, 5, 6, 16), *RIGHT_SHAPES[3:]], "one channel per filter: 32"),
    ],
)
def test_q3_missing_axes_and_channel_slips_each_get_their_own_message(shapes, fragment):
    assert_incorrect("model_shapes", shapes, fragment)


def _one_layer_changed(index, **change):
    layers = list(model.MODEL_LAYERS)
    layers[index] = replace(layers[index], **change)
    return try_shapes(model.MODEL_INPUT, layers, true_output_size)


@pytest.mark.parametrize(
    ("index", "fragment"),
    [
        (0, "layer 1 (`layers.Conv2D(16, 3, strides=2, padding='same')`): this is what padding='valid' would give"),
        (1, "layer 2 (`layers.MaxPool2D(pool_size=2)`): this is what padding='same' would give"),
        (2, "layer 3 (`layers.Conv2D(32, 3)`): this is what padding='same' would give"),
        (3, "layer 4 (`layers.MaxPool2D(pool_size=3, strides=2, padding='same')`): this is what padding='valid'"),
    ],
)
def test_q3_valid_and_same_swapped_at_one_layer_is_pinned_to_that_layer(index, fragment):
    layer = model.MODEL_LAYERS[index]
    shapes = _one_layer_changed(index, padding="valid" if layer.padding == "same" else "same")
    assert_incorrect("model_shapes", shapes, fragment)


@pytest.mark.parametrize("index", [0, 3])
def test_q3_a_stride_ignored_at_one_layer_is_pinned_to_that_layer(index):
    shapes = _one_layer_changed(index, stride=1)
    assert_incorrect("model_shapes", shapes, f"layer {index + 1} (`")
    assert_incorrect("model_shapes", shapes, "this ignores the stride")


def test_q3_an_unexplained_slip_names_the_layer_and_its_input():
    shapes = [*RIGHT_SHAPES[:2], (None, 4, 6, 32), *RIGHT_SHAPES[3:]]
    assert_incorrect("model_shapes", shapes, "layer 3 (`layers.Conv2D(32, 3)`) does not give (None, 4, 6, 32)")
    assert_incorrect("model_shapes", shapes, "previous layer's output, (None, 7, 8, 16)")


@pytest.mark.parametrize(
    ("rule", "fragment"), [("swapped", "swapped"), ("floor", "rounded down, which loses a last window")]
)
def test_q3_misread_rules_are_recognised(rule, fragment):
    shapes = try_shapes(model.MODEL_INPUT, model.MODEL_LAYERS, MISREAD_RULES[rule])
    assert shapes is not None and shapes != RIGHT_SHAPES
    assert_incorrect("model_shapes", shapes, fragment)


def test_q3_placeholder_is_not_attempted():
    assert outcome("model_shapes", [(None, ____, ____, ____)] * 5).status is Status.NOT_ATTEMPTED


# --- q_4 receptive_field -----------------------------------------------------------------------


def right_field(ks, ss, ds):
    field, jump = 1, 1
    for k, s, d in zip(ks, ss, ds, strict=True):
        field += d * (k - 1) * jump
        jump *= s
    return field


def _backwards_field(ks, ss, ds):
    """From the top layer down: the field of the layers above, in the units of this layer's input."""
    field = 1
    for k, s, d in reversed(list(zip(ks, ss, ds, strict=True))):
        field = (field - 1) * s + d * (k - 1) + 1
    return field


RIGHT_FIELDS = {
    "the solution": lambda ks, ss, ds: solved("receptive_field")(ks, ss, ds),
    "from the top down": _backwards_field,
    "with math.prod": lambda ks, ss, ds: (
        1 + sum(d * (k - 1) * math.prod(ss[:i]) for i, (k, d) in enumerate(zip(ks, ds, strict=True)))
    ),
    "numpy": lambda ks, ss, ds: int(
        1 + np.sum((np.array(ds) * (np.array(ks) - 1)) * np.concatenate([[1], np.cumprod(ss)[:-1]]))
    ),
    "other names": lambda sizes, steps, rates: right_field(sizes, steps, rates),
}


@pytest.mark.parametrize("name", sorted(RIGHT_FIELDS))
def test_q4_right_variants_pass_visible_and_hidden_cases(name):
    for options in ({}, {"extra_cases": 60, "seed": 3401}):
        assert outcome("receptive_field", RIGHT_FIELDS[name], **options).passed


def test_q4_lesson_3_s_formula_copied_is_told_about_the_dilations():
    assert_incorrect("receptive_field", lambda ks, ss, ds: right_field(ks, ss, [1] * len(ks)), "dilations are ignored")


@pytest.mark.parametrize(
    ("wrong", "fragment"),
    [
        (fields._span_d_times_k, "d * k cells wide"),
        (fields._dilation_as_stride, "like a stride"),
        (lambda ks, ss, ds: sum(d * (k - 1) + 1 for k, d in zip(ks, ds, strict=True)), "counts the shared cells"),
        (lambda ks, ss, ds: 1 + sum(d * (k - 1) for k, d in zip(ks, ds, strict=True)), "strides are ignored"),
        (fields._own_stride_counted, "*before* it"),
        (lambda ks, ss, ds: 7, "expected result"),
    ],
)
def test_q4_tempting_wrong_answers_get_their_own_messages(wrong, fragment):
    assert_incorrect("receptive_field", wrong, fragment)


def test_q4_two_slips_at_once_get_the_generic_message():
    result = outcome("receptive_field", lambda ks, ss, ds: 1 + sum(k - 1 for k in ks))
    assert result.status is Status.INCORRECT and "expected result" in result.message, result


def test_q4_three_3x3_layers_see_7_cells_and_the_notebook_s_stack_12():
    question = QUESTIONS["receptive_field"]
    assert question.reference([3, 3, 3], [1, 1, 1], [1, 1, 1]) == 7
    assert question.reference([3, 2, 3], [1, 2, 1], [1, 1, 2]) == 12


def test_q4_a_keras_model_with_pooling_and_dilation_sees_the_measured_field():
    """The notebook's stack as Keras layers: a gradient through the real model spans the reference's width."""
    import keras

    stack = keras.Sequential(
        [
            keras.Input((40, 40, 1)),
            keras.layers.Conv2D(1, 3, use_bias=False, kernel_initializer="ones"),
            keras.layers.MaxPool2D(2),
            keras.layers.Conv2D(1, 3, dilation_rate=2, use_bias=False, kernel_initializer="ones"),
        ]
    )
    x = tf.Variable(tf.random.uniform((1, 40, 40, 1), 1.0, 2.0))
    with tf.GradientTape() as tape:
        first = stack(x)[0, 0, 0, 0]
    used = np.flatnonzero(tape.gradient(first, x)[0, :, :, 0].numpy().any(axis=1))
    assert used[-1] - used[0] + 1 == QUESTIONS["receptive_field"].reference([3, 2, 3], [1, 2, 1], [1, 1, 2]) == 12


@pytest.mark.parametrize("seed", [0, 1])
def test_q4_reference_agrees_with_the_rule_on_random_stacks(seed):
    question, rng = QUESTIONS["receptive_field"], random.Random(seed)
    for args in [*question.fixed_cases, *(question.random_case(rng) for __ in range(10))]:
        assert question.reference(*args) == right_field(*args), args


# --- garbage -----------------------------------------------------------------------------------

garbage = shared_garbage(
    st.lists(st.one_of(st.none(), st.integers(), st.tuples(st.integers(), st.none())), max_size=6),
    st.just(lambda *args: None),
    st.just(lambda *args: "7"),
    st.just(lambda *args: float("nan")),
    st.just(lambda *args: [[1, 2], [3]]),
    st.just(lambda *args: Hostile()),
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(var=st.sampled_from(sorted(QUESTIONS)), value=garbage)
def test_garbage_never_crashes_the_checker(var, value):
    result = outcome(var, value)
    assert result.status in (Status.INCORRECT, Status.ERROR, Status.NOT_ATTEMPTED)
    assert result.message and "Traceback" not in result.message
    # strict mode (tests/conftest.py) raises on a checker crash; an ERROR must be the student's own
    assert result.status is not Status.ERROR or result.message.startswith("Your code"), result


SAME_PADDING_SLIPS = {
    "span - 1 in total whatever the stride": (
        "def same_padding(n, k, s, d):\n    t = d * (k - 1)\n    return t // 2, t - t // 2",
        "span - 1 cells in total whatever the stride",
    ),
    "the total on each side": (
        "import math\n\ndef same_padding(n, k, s, d):\n"
        "    total = max((math.ceil(n / s) - 1) * s + d * (k - 1) + 1 - n, 0)\n    return total, total",
        "the whole padding on each side",
    ),
    "half the span on each side": (
        "def same_padding(n, k, s, d):\n    return (d * (k - 1) + 1) // 2, (d * (k - 1) + 1) // 2",
        "does not always pad half the window on each side",
    ),
    "lesson 3 copied": (
        "import math\n\ndef same_padding(n, k, s, d):\n"
        "    total = max((math.ceil(n / s) - 1) * s + k - n, 0)\n    return total // 2, total - total // 2",
        "a dilated window is wider",
    ),
}


ANSWERS_IN_HINTS = {
    "output_size": "// s + 1",
    "same_padding": "P // 2",
    "model_shapes": "(None, 5, 6, 32)",
    "receptive_field": "field +=",
    "smoothing_kernel": "[0.2, 0.2, 0.2, 0.2, 0.2]",
    "symmetric_matches_same": "P == k - 1",
    "stack_weights": "layers * (3 * 3 * channels * channels + channels)",
}
"""What gives each answer away: only a question's last hint may hold it."""

EXPLORER_CALL = re.compile(r"sliding_window_explorer\(([^)]*)\)")


@pytest.mark.parametrize("var", sorted(QUESTIONS))
def test_hints_go_from_a_nudge_to_the_method_and_only_the_last_gives_the_answer(var):
    hints = QUESTIONS[var].hints
    assert len(hints) == 3
    *earlier, last = hints
    assert ANSWERS_IN_HINTS[var] in last
    assert not any(ANSWERS_IN_HINTS[var] in hint for hint in earlier)


def test_the_first_hints_send_the_student_to_a_picture_where_one_helps():
    first = {var: question.hints[0] for var, question in QUESTIONS.items()}
    for var in ("output_size", "same_padding", "receptive_field"):
        assert EXPLORER_CALL.search(first[var]), var
        assert "from autograder.widgets import sliding_window_explorer" in first[var]
    assert "show_smoothing(" in first["smoothing_kernel"]


def test_no_hint_refers_to_a_later_question():
    for number, question in enumerate(QUESTIONS.values(), start=1):
        for hint in question.hints:
            mentioned = [int(n) for n in re.findall(r"\b(?:question |q_)(\d)", hint)]
            assert all(n < number for n in mentioned), hint


def test_every_explorer_call_in_a_hint_runs_within_the_explorer_s_ranges():
    calls = [call for q in QUESTIONS.values() for hint in q.hints for call in EXPLORER_CALL.findall(hint)]
    assert len(calls) == 3
    for arguments in calls:
        options = eval(f"dict({arguments})")
        assert SIZE_RANGE[0] <= options["size"] <= SIZE_RANGE[1], arguments
        assert KERNEL_RANGE[0] <= options["kernel"] <= min(KERNEL_RANGE[1], options["size"]), arguments
        assert STRIDE_RANGE[0] <= options["stride"] <= STRIDE_RANGE[1], arguments
        assert sliding_window_explorer(**options, static=True) is not None, arguments


def test_what_the_nudges_ask_to_count_is_what_tensorflow_does():
    output_size, same_padding = QUESTIONS["output_size"], QUESTIONS["same_padding"]
    # q_1: the dense 5-wide window the nudge draws has as many positions as 3 taps dilated by 2
    assert output_size.reference(9, 3, 2, 0, 2) == axis_layout(9, 5, 2, "valid").output == 3
    # q_2: the padding the nudge hatches is the dilated kernel's, stride 1 and then 2
    for stride in (1, 2):
        layout = axis_layout(6, 5, stride, "same")
        assert same_padding.reference(6, 3, stride, 2) == (layout.pad_before, layout.pad_after)
    assert same_padding.reference(6, 3, 1, 2) == (2, 2) and same_padding.reference(6, 3, 2, 2) == (1, 2)
    # q_4: the 3 windows of each setting cover as many cells as two stacked 3-wide layers see
    receptive_field = QUESTIONS["receptive_field"]
    for size, stride in [(5, 1), (7, 2)]:
        layout = axis_layout(size, 3, stride, "valid")
        covered = layout.starts[-1] + layout.kernel - layout.starts[0]
        assert layout.output == 3 and covered == receptive_field.reference([3, 3], [stride, 1], [1, 1])


def test_the_worked_shapes_of_the_last_model_hint_are_the_model_s_own():
    last = QUESTIONS["model_shapes"].hints[-1]
    positions = [last.index(show_shape(shape)) for shape in model.expected_model_shapes()]
    assert positions == sorted(positions)
    for layer in model.MODEL_LAYERS:
        assert layer.code().removeprefix("layers.") in last


def test_every_student_facing_text_of_the_questions_is_marked_for_translation():
    marked = {m.id if isinstance(m.id, str) else m.id[0] for m in template() if m.id}
    texts = [text for question in QUESTIONS.values() for text in question.hints]
    texts += [d.message for question in QUESTIONS.values() for d in getattr(question, "diagnoses", ())]
    texts += [*model._MISREADINGS.values(), QUESTIONS["smoothing_kernel"].solution]
    assert [text[:60] for text in texts if text not in marked] == []


class Bracketing:
    """A catalog that 'translates' every message by bracketing it, to see which texts went through it."""

    def gettext(self, message):
        return f"[{message}]"

    def ngettext(self, singular, plural, n):
        return f"[{singular if n == 1 else plural}]"


@pytest.mark.parametrize(
    ("var", "value"),
    [
        ("output_size", lambda n, k, s, p, d: 3),
        ("output_size", lambda n, k, s, p, d: (n + 2 * p - k) // s + 1),
        ("same_padding", lambda n, k, s, d: 0),
        ("same_padding", lambda n, k, s, d: right_padding(n, k, s, 1)),
        ("receptive_field", lambda ks, ss, ds: right_field(ks, ss, [1] * len(ks))),
        ("model_shapes", RIGHT_SHAPES[:4]),
        ("model_shapes", [*RIGHT_SHAPES[:2], (None, 4, 6, 32), *RIGHT_SHAPES[3:]]),
        ("model_shapes", _one_layer_changed(0, padding="valid")),
        ("model_shapes", [*RIGHT_SHAPES[:1], (None, 7, 8, 32), *RIGHT_SHAPES[2:]]),
        ("model_shapes", RIGHT_SHAPES),
        ("smoothing_kernel", [1, 1, 1]),
        ("smoothing_kernel", [0.2] * 5),
    ],
)
def test_messages_the_checks_build_go_through_the_catalog(monkeypatch, var, value):
    monkeypatch.setattr(autograder.i18n, "translations", lambda code: Bracketing())
    message = outcome(var, value).message
    assert message.endswith(("]", "].")) and "[" in message, message


# --- q_5 smoothing_kernel ----------------------------------------------------------------------------

SMOOTHERS = {
    "the solution": [0.2] * 5,
    "a 3-value moving average": [1 / 3] * 3,
    "binomial weights as a tensor": tf.constant([0.25, 0.5, 0.25]),
    "two values": np.array([0.5, 0.5]),
    "a long average": np.full(11, 1 / 11),
    "a triangle of 7": np.array([1, 2, 3, 4, 3, 2, 1]) / 16,
}


@pytest.mark.parametrize("name", sorted(SMOOTHERS))
def test_q5_smoothing_kernels_pass_visible_and_hidden_checks(name):
    for options in ({}, {"extra_cases": 20, "seed": 3501}):
        result = outcome("smoothing_kernel", SMOOTHERS[name], **options)
        assert result.passed, result


@pytest.mark.parametrize(
    ("value", "fragment"),
    [
        ([1, 1, 1], "add up to 3"),
        ([1, -1], "change detector"),
        ([1], "single weight of 1"),
        ([0, 0, 1], "single weight of 1"),
        ([2, -1], "makes the noise larger"),
        ([-0.5, 2, -0.5], "makes the noise larger"),
        ([0.1, 0.8, 0.1], "only a little"),
        (np.ones(80) / 80, "80 weights"),
        ([[0.5, 0.5]], "1-dimensional"),
    ],
)
def test_q5_each_mistake_gets_its_own_message(value, fragment):
    assert_incorrect("smoothing_kernel", value, fragment)


def test_q5_the_check_measures_what_tensorflow_computes():
    from autograder.vision.series import measured_smoothing

    series = np.arange(10.0)
    assert np.allclose(measured_smoothing(series, [0.5, 0.5]), series[:-1] + 0.5)
    # the noise a moving average of n keeps is about 1 / sqrt(n), as the praise reports
    assert abs(smoothing._noise_kept(0, np.full(4, 0.25)) - 0.5) < 0.06
