"""Exercise 4's tests' shared helpers: the questions' variables, the model solutions as a student
namespace, and a check of one answer's status and message."""

import textwrap

import numpy as np
import tensorflow as tf
from harness.judged import checked

from autograder.core import ____
from autograder.exercises.ex4.questions import QUESTIONS

VARS = {
    "q_1.a": "corr2d",
    "q_1.b": "convolve2d",
    "q_2.a": "corr2d_multi_in",
    "q_2.b": "corr2d_multi_in_out",
    "q_3": "pool2d",
    "q_4": "train_kernel",
    "q_5": "conv_multiply_adds",
    "q_6": "corr2d_strided",
    "q_7": "im2col",
    "q_8": "input_gradient",
}
SOLUTIONS = "\n\n".join(QUESTIONS[label].solution for label in VARS)
HIDDEN_SEEDS = {
    "q_1.a": (8, 4101),
    "q_1.b": (8, 4102),
    "q_2.a": (4, 4201),
    "q_2.b": (4, 4202),
    "q_3": (10, 4301),
    "q_4": (2, 4401),
    "q_6": (10, 4601),
    "q_7": (10, 4701),
    "q_8": (10, 4801),
}


def student(*sources):
    """A student namespace: every model solution, then the given sources on top."""
    values = {"tf": tf, "np": np, "____": ____}
    for source in (SOLUTIONS, *sources):
        exec(textwrap.dedent(source), values)
    return values


def outcome(label, *sources, **options):
    return checked(QUESTIONS[label], student(*sources), **options)


def assert_status(label, source, status, fragment, **options):
    result = outcome(label, source, **options)
    assert result.status is status, result
    assert fragment in result.message, result.message
    return result
