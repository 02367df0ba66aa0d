"""Exercise 3, q_7: the weights of the stack of 3x3 layers that sees as far as one k x k layer. Right
answers pass, each tempting wrong answer fails with its own message, and the reference is what Keras
counts for the stack TensorFlow's receptive field asks for."""

import numpy as np
import pytest
from harness.judged import checked, passes
from tensorflow import keras

from autograder.core import Status
from autograder.exercises.ex3.three_by_three import StackWeights
from autograder.vision.measure import measured_receptive_field

QUESTION = StackWeights()
VAR = QUESTION.var


def outcome(value, **options):
    return checked(QUESTION, {VAR: value}, **options)


def by_keras(k, channels):
    """Another method: build the stack in Keras and let it count."""
    depth = (k - 1) // 2
    stack = keras.Sequential([keras.Input((k + 2, k + 2, channels))])
    for _ in range(depth):
        stack.add(keras.layers.Conv2D(channels, 3))
    return stack.count_params()


RIGHT = {
    "the solution": None,
    "layers times one layer": lambda k, c: (k - 1) // 2 * (9 * c**2 + c),
    "weights then biases": lambda k, c: (k - 1) // 2 * 9 * c * c + (k - 1) // 2 * c,
    "a loop over the layers": lambda k, c: sum(3 * 3 * c * c + c for _ in range(1, k, 2)),
    "numpy's integer": lambda k, c: np.int64((k - 1) // 2 * (9 * c * c + c)),
    "counted by Keras": by_keras,
}


@pytest.mark.parametrize("name", sorted(RIGHT))
def test_q7_right_variants_pass_visible_and_hidden_cases(name):
    hidden = None if name == "counted by Keras" else {"extra_cases": 30, "seed": 3701}  # Keras builds slowly
    passes(QUESTION, RIGHT[name], hidden)


def depth(k):
    return (k - 1) // 2


@pytest.mark.parametrize(
    ("wrong", "fragment"),
    [
        (lambda k, c: depth(k) * 9 * c * c, "the biases are left out"),
        (lambda k, c: depth(k) * 9 * c * c + c, "the biases are counted once"),
        (lambda k, c: depth(k) * (9 * c + c), "each filter spans all the input channels"),
        (lambda k, c: k // 3 * (9 * c * c + c), "the fields do not add up 3 by 3"),
        (lambda k, c: (k - 2) * (9 * c * c + c), "not by 1"),
        (lambda k, c: k * k * c * c + c, "the one k x k layer's count"),
        (lambda k, c: depth(k) * (9 * c * c + c) + 1, "returned 11, but the expected result is 10"),
        (lambda k, c: float(depth(k) * (9 * c * c + c)) / 2, "returned 5.0, but the expected result is 10"),
    ],
)
def test_q7_tempting_wrong_answers_get_their_own_messages(wrong, fragment):
    result = outcome(wrong)
    assert result.status is Status.INCORRECT, result
    assert fragment in result.message, result.message


def test_q7_the_reference_is_the_keras_count_of_the_stack_with_the_k_cell_field():
    for k in (3, 5, 7, 9, 11):
        layers = (k - 1) // 2
        assert measured_receptive_field((3,) * layers, (1,) * layers) == k
        for channels in (1, 3, 64):
            assert QUESTION.reference(k, channels) == by_keras(k, channels), (k, channels)
    with pytest.raises(ValueError):
        QUESTION.reference(4, 1)
