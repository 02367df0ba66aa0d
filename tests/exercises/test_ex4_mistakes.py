"""Exercise 4: mistakes that need more than the wrong answers' table, answers not attempted, the
student's own errors, and garbage, which never crashes the checker."""

import random

import numpy as np
import pytest
from ex4_cases import WRONG_SOURCE
from ex4_support import VARS, assert_status, outcome
from harness.garbage import garbage
from harness.judged import checked
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from autograder.core import Status, ____
from autograder.exercises.ex4.descent import training_case
from autograder.exercises.ex4.questions import QUESTIONS


def test_wrong_answers_name_the_call_that_failed():
    result = outcome("q_3", WRONG_SOURCE["stride ignored"])
    assert result.message.startswith("`pool2d(<array of shape (5, 7)>, (2, 2), 'max', 2)`")


def test_train_kernel_explains_a_swapped_kernel_shape():
    question = QUESTIONS["q_4"]
    X, Y, _, steps, lr = training_case(random.Random(9), (2, 3))
    target = question.reference(X, Y, (2, 3), steps, lr)
    assert "height and width swapped" in question.explain_mismatch(np.zeros((3, 2)), target)


def test_a_wrong_helper_is_pointed_out_in_later_questions():
    broken = """
        def corr2d(X, K):
            X, K = np.asarray(X), np.asarray(K)
            kh, kw = K.shape
            return np.array([[np.sum(X[i:i + kh, j:j + kw] * K) for i in range(X.shape[0] - kh + 1)]
                             for j in range(X.shape[1] - kw + 1)])
        """
    assert_status("q_2.a", broken, Status.INCORRECT, "calls your `corr2d`, which is not right yet (q_1.a)")
    assert_status("q_2.b", broken, Status.INCORRECT, "calls your `corr2d_multi_in`, which is not right yet (q_2.a)")


def test_mixing_float64_into_float32_tensors_is_explained():
    float64_kernel = """
        def train_kernel(X, Y, kernel_shape, steps, lr):
            K = tf.Variable(np.zeros(kernel_shape))
            for _ in range(steps):
                with tf.GradientTape() as tape:
                    loss = tf.reduce_sum((corr2d(X, K) - Y) ** 2)
                K.assign_sub(lr * tape.gradient(loss, K))
            return K
        """
    assert_status("q_4", float64_kernel, Status.ERROR, "will not mix them with float64 ones")
    float64_output = """
        def corr2d(X, K):
            kh, kw = K.shape
            Y = tf.Variable(tf.zeros((X.shape[0] - kh + 1, X.shape[1] - kw + 1)))
            for i in range(Y.shape[0]):
                for j in range(Y.shape[1]):
                    Y[i, j].assign(tf.reduce_sum(tf.cast(X[i:i + kh, j:j + kw], tf.float64) * tf.cast(K, tf.float64)))
            return Y
        """
    assert_status("q_1.a", float64_output, Status.ERROR, "will not mix them with float64 ones")


def test_an_unfinished_helper_is_pointed_out_when_the_next_answer_raises():
    stub = "def corr2d(X, K):\n    ____"
    result = assert_status("q_2.a", stub, Status.ERROR, "Your code raised")
    assert "calls your `corr2d`, which is not right yet (q_1.a)" in result.message


def test_a_forward_pass_that_cuts_the_gradient_is_explained():
    numpy_forward = """
        def corr2d(X, K):
            kh, kw = K.shape
            Y = np.zeros((X.shape[0] - kh + 1, X.shape[1] - kw + 1))
            for i in range(Y.shape[0]):
                for j in range(Y.shape[1]):
                    Y[i, j] = np.sum(X[i:i + kh, j:j + kw] * K)
            return Y
        """
    assert_status("q_4", numpy_forward, Status.ERROR, "Your `corr2d` lets no gradient through")
    assert vars(QUESTIONS["q_4"]) == {}, "the check's namespace travels in the call, not on the shared question"


# --- not attempted and the student's own errors -----------------------------------------------


@pytest.mark.parametrize("label", sorted(VARS))
def test_untouched_stubs_and_missing_functions_are_not_attempted(label):
    var = VARS[label]
    stub = f"def {var}(*args):\n    '''doc'''\n    ____  # YOUR CODE HERE"
    assert outcome(label, stub).status is Status.NOT_ATTEMPTED
    assert QUESTIONS[label].evaluate({}).status is Status.NOT_ATTEMPTED
    assert QUESTIONS[label].evaluate({var: ____}).status is Status.NOT_ATTEMPTED


@pytest.mark.parametrize("label", sorted(VARS))
@pytest.mark.parametrize("result", ["____", "[[____, ____]]", "tf.constant([[____]])"])
def test_placeholders_in_results_are_not_attempted(label, result):
    source = f"def {VARS[label]}(*args):\n    return {result}"
    assert outcome(label, source).status is Status.NOT_ATTEMPTED


@pytest.mark.parametrize("label", sorted(VARS))
def test_student_exceptions_are_errors_not_crashes(label):
    source = f"def {VARS[label]}(*args):\n    raise ValueError('my bug')"
    assert_status(label, source, Status.ERROR, "Your code raised ValueError")


@pytest.mark.parametrize("label", sorted(VARS))
def test_a_missing_return_is_explained(label):
    assert_status(label, f"def {VARS[label]}(*args):\n    pass", Status.INCORRECT, "forget a `return`")


# --- garbage never crashes the checker ---------------------------------------------------------


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(label=st.sampled_from(sorted(VARS)), value=garbage(), as_result=st.booleans())
def test_garbage_answers_and_results_never_crash_the_checker(label, value, as_result):
    answer = (lambda *args, **kwargs: value) if as_result else value
    result = checked(QUESTIONS[label], {VARS[label]: answer})
    assert result.status in (Status.INCORRECT, Status.ERROR, Status.NOT_ATTEMPTED)
    assert "Traceback" not in result.message and result.message
    # strict mode (tests/conftest.py) raises on a checker crash; an ERROR must be the student's own
    assert result.status is not Status.ERROR or result.message.startswith("Your code"), result
