"""Exercise 4's training cases (question 4) are learnable and small, and the lesson's claims about
lost gradients hold."""

import random

import numpy as np
import pytest
import tensorflow as tf

from autograder.exercises.ex4.questions import QUESTIONS
from autograder.exercises.ex4.references import as_float, np_corr2d


def _training_cases():
    """The cases in which `train_kernel` must reach the hidden kernel (not the one whose lr is too small)."""
    cases = [case for case in QUESTIONS["q_4"].fixed_cases if not QUESTIONS["q_4"].reference(*case).still]
    for seed in (0, 4401, 1, 2, 3):
        rng = random.Random(seed)
        cases += [QUESTIONS["q_4"].random_case(rng) for _ in range(4)]
    return cases


def test_a_case_with_a_tiny_learning_rate_expects_the_kernel_to_stay_near_its_start():
    question = QUESTIONS["q_4"]
    still = [case for case in question.fixed_cases if question.reference(*case).still]
    assert len(still) == 1
    X, Y, shape, steps, lr = still[0]
    target = question.reference(X, Y, shape, steps, lr)
    # gradient descent from zeros, and from a random start, both pass; the hidden kernel itself does not
    assert question.same(np.zeros(shape), target)
    assert question.same(np.random.default_rng(0).normal(size=shape), target)
    assert not question.same(target.kernel, target)


@pytest.mark.parametrize("start", ["zeros", "random"])
def test_training_cases_are_learnable_from_any_reasonable_start(start):
    question = QUESTIONS["q_4"]
    for X, Y, shape, steps, lr in _training_cases():
        hidden = question.reference(X, Y, shape, steps, lr).kernel
        assert np.allclose(np_corr2d(X, hidden), Y, atol=1e-4)
        kernel = np.zeros(shape) if start == "zeros" else np.random.default_rng(steps).normal(size=shape)
        X64, Y64 = as_float(X), as_float(Y)
        for _ in range(steps):
            residual = np_corr2d(X64, kernel) - Y64
            out_h, out_w = Y64.shape
            gradient = np.array(
                [
                    [2 * (residual * X64[a : a + out_h, b : b + out_w]).sum() for b in range(shape[1])]
                    for a in range(shape[0])
                ]
            )
            kernel = kernel - lr * gradient
        assert np.abs(kernel - hidden).max() < question.tolerance / 5
        assert not np.allclose(hidden, hidden[::-1, ::-1]), "the hidden kernel must show a flip"


def test_training_cases_stay_small_enough_to_train_in_well_under_a_second():
    for _, Y, shape, steps, _ in _training_cases():
        assert Y.shape[0] * Y.shape[1] <= 36 and steps <= 20 and shape[0] <= 3 and shape[1] <= 3


def test_lesson_4_claims_about_lost_gradients_hold():
    X = tf.constant(np.arange(20, dtype=np.float32).reshape(4, 5))
    K = tf.Variable(tf.ones((2, 2)))
    with tf.GradientTape() as tape:
        Y = tf.Variable(tf.zeros((3, 4)))
        for i in range(3):
            for j in range(4):
                Y[i, j].assign(tf.reduce_sum(X[i : i + 2, j : j + 2] * K))
        loss = tf.reduce_sum(Y**2)
    assert tape.gradient(loss, K) is None  # assign cuts the gradient
    with tf.GradientTape() as tape:
        loss = tf.reduce_sum(K**2)
    rebound = K - 0.1 * tape.gradient(loss, K)
    assert not isinstance(rebound, tf.Variable)
    with tf.GradientTape() as tape:
        loss = tf.reduce_sum(rebound**2)
    assert tape.gradient(loss, rebound) is None  # the next step's tape does not watch a plain tensor
