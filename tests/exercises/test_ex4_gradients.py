"""Exercise 4, q_8: the gradient a convolutional layer sends back to its input. Its right and tempting
wrong answers are in `ex4_cases.gradients` (run by test_ex4_answers); here: library convolutions are
refused, a wrong `convolve2d` it calls is pointed at, and the reference is TensorFlow's tape."""

import numpy as np
import scipy.signal
import tensorflow as tf
from ex4_support import outcome

from autograder.core import Status
from autograder.exercises.ex4.questions import QUESTIONS

QUESTION = QUESTIONS["q_8"]


def test_q8_a_library_convolution_is_refused():
    source = "def input_gradient(dY, K):\n    return scipy.signal.convolve2d(np.asarray(dY), np.asarray(K), 'full')"
    result = outcome("q_8", "import scipy.signal", source)
    assert result.status is Status.INCORRECT and "does the convolution for you" in result.message, result


def test_q8_a_wrong_convolve2d_is_pointed_at():
    broken = "def convolve2d(X, K, mode='valid'):\n    return X"
    result = outcome("q_8", broken, "def input_gradient(dY, K):\n    return convolve2d(dY, K, 'full')")
    assert result.status is Status.INCORRECT and "convolve2d" in result.message, result


def test_q8_the_reference_is_the_tape_and_the_full_convolution_of_dy_with_k():
    rng = np.random.default_rng(8)
    for dh, dw, kh, kw in [(1, 1, 2, 2), (3, 4, 2, 3), (2, 2, 1, 1), (4, 1, 3, 1)]:
        dY, K = rng.normal(size=(dh, dw)), rng.normal(size=(kh, kw))
        expected = scipy.signal.convolve2d(dY, K, "full")
        assert np.allclose(QUESTION.reference(dY, K), expected, atol=1e-5)
        assert np.allclose(QUESTION.reference(tf.constant(dY), tf.constant(K)), expected, atol=1e-5)
