"""Exercise 3, q_6: when PyTorch's symmetric padding is TensorFlow's SAME. Right answers pass, each
tempting wrong answer fails with its own message, and the reference is what TensorFlow computes."""

import math

import numpy as np
import pytest
import tensorflow as tf
from harness.judged import checked, passes

from autograder.core import Status
from autograder.exercises.ex3.porting import SymmetricMatchesSame

QUESTION = SymmetricMatchesSame()
VAR = QUESTION.var


def outcome(value, **options):
    return checked(QUESTION, {VAR: value}, **options)


def same_total(n, k, s):
    return max((math.ceil(n / s) - 1) * s + k - n, 0)


def by_tensorflow(n, k, s):
    """Another method: run both paddings and compare, as lesson 3's cell does."""
    x = tf.random.stateless_uniform((1, n, 1, 1), seed=(n, k), dtype=tf.float64)
    w = tf.random.stateless_uniform((k, 1, 1, 1), seed=(k, s), dtype=tf.float64)
    p = (k - 1) // 2
    same = tf.nn.conv2d(x, w, strides=[s, 1], padding="SAME")
    symmetric = tf.nn.conv2d(x, w, strides=[s, 1], padding=[[0, 0], [p, p], [0, 0], [0, 0]])
    return same.shape == symmetric.shape and bool(np.allclose(same, symmetric))


RIGHT = {
    "the solution": None,
    "the total is k - 1": lambda n, k, s: same_total(n, k, s) == k - 1,
    "the padding before is (k - 1) // 2": lambda n, k, s: same_total(n, k, s) // 2 == (k - 1) // 2,
    "the split is (p, p)": lambda n, k, s: (
        (same_total(n, k, s) // 2, same_total(n, k, s) - same_total(n, k, s) // 2) == ((k - 1) // 2, (k - 1) // 2)
    ),
    "numpy's bool": lambda n, k, s: np.bool_(same_total(n, k, s) == k - 1),
    "1 and 0": lambda n, k, s: int(same_total(n, k, s) == k - 1),
    "measured with TensorFlow": by_tensorflow,
}


@pytest.mark.parametrize("name", sorted(RIGHT))
def test_q6_right_variants_pass_visible_and_hidden_cases(name):
    passes(QUESTION, RIGHT[name], {"extra_cases": 60, "seed": 3601})


@pytest.mark.parametrize(
    ("wrong", "fragment"),
    [
        (lambda n, k, s: True, "as if the same size meant the same output"),
        (lambda n, k, s: n + 2 * ((k - 1) // 2) - k >= 0, "as if the same size meant the same output"),
        (lambda n, k, s: s == 1, "stride 1 is enough but not needed"),
        (lambda n, k, s: max((n // s - 1) * s + k - n, 0) == k - 1, "not n // s"),
        (lambda n, k, s: same_total(n, k, s) != k - 1, "the opposite"),
        (lambda n, k, s: False, "they do match sometimes"),
        (lambda n, k, s: n % 2 == 1, "but TensorFlow"),
        (lambda n, k, s: "yes", "return True or False"),
    ],
)
def test_q6_tempting_wrong_answers_get_their_own_messages(wrong, fragment):
    result = outcome(wrong)
    assert result.status is Status.INCORRECT, result
    assert fragment in result.message, result.message


def test_q6_the_reference_is_what_tensorflow_computes_and_the_lesson_s_two_cases():
    for n in range(1, 20):
        for k in (1, 3, 5, 7):
            for s in (1, 2, 3, 4):
                assert QUESTION.reference(n, k, s) == by_tensorflow(n, k, s), (n, k, s)
    assert QUESTION.reference(6, 3, 1) and not QUESTION.reference(6, 3, 2)


def test_q6_the_sizes_always_agree_so_only_the_values_can_differ():
    """The claim the first diagnosis makes: floor((n + 2p - k) / s) + 1 = ceil(n / s) for odd k."""
    for n in range(1, 30):
        for k in (1, 3, 5, 7, 9):
            for s in range(1, 6):
                p = (k - 1) // 2
                symmetric = tf.nn.conv2d(
                    tf.zeros((1, n, 1, 1)), tf.ones((k, 1, 1, 1)), [s, 1], [[0, 0], [p, p], [0, 0], [0, 0]]
                )
                assert symmetric.shape[1] == (n + 2 * p - k) // s + 1 == math.ceil(n / s), (n, k, s)
