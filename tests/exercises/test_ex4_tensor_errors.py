"""Exercise 4's reading of TensorFlow errors: each mistake raised by the TensorFlow installed is
recognised live and as the judge rebuilds it from evidence, and nothing else is."""

from pathlib import Path

import numpy as np
import pytest
import tensorflow as tf

from autograder.core.evidence import decode_error, encode_error
from autograder.exercises.ex4 import tensor_errors
from autograder.exercises.ex4.tensor_errors import (
    assigns_into_a_tensor,
    is_tf_error,
    missing_attribute,
    mixes_floats,
    no_gradient,
    reuses_a_tape,
    shapes_do_not_broadcast,
)

X = tf.constant([[1.0, 2.0], [3.0, 4.0]])


def _assign_into(value):
    value[0, 0] = 1.0


def _second_gradient():
    K = tf.Variable(X)
    with tf.GradientTape() as tape:
        loss = tf.reduce_sum(K * 2)
    tape.gradient(loss, K)
    tape.gradient(loss, K)


MISTAKES = {
    "numpy method on a tensor": (lambda: X.sum(), missing_attribute),
    "numpy method on a variable": (lambda: tf.Variable(X).max(), missing_attribute),
    "assign on a tensor": (lambda: X.assign(X), missing_attribute),
    "item assignment into a tensor": (lambda: _assign_into(X), assigns_into_a_tensor),
    "item assignment into a variable": (lambda: _assign_into(tf.Variable(X)), assigns_into_a_tensor),
    "float64 in an operation": (lambda: X * tf.constant(np.zeros((2, 2))), mixes_floats),
    "float32 into a float64 operation": (lambda: tf.constant(np.zeros((2, 2))) @ X, mixes_floats),
    "float64 stacked with float32": (lambda: tf.stack([X, tf.constant(np.zeros((2, 2)))]), mixes_floats),
    "float64 converted to float32": (
        lambda: tf.convert_to_tensor(tf.constant(np.zeros(2)), dtype=tf.float32),
        mixes_floats,
    ),
    "tensors that do not broadcast": (lambda: X * tf.ones((2, 3)), shapes_do_not_broadcast),
    "arrays that do not broadcast": (lambda: np.ones((2, 2)) * np.ones((2, 3)), shapes_do_not_broadcast),
    "a tape asked twice": (_second_gradient, reuses_a_tape),
    "a None gradient scaled": (lambda: 0.1 * None, no_gradient),
    "a None gradient applied": (lambda: tf.Variable(X).assign_sub(None), no_gradient),
}
RECOGNISERS = (missing_attribute, assigns_into_a_tensor, mixes_floats, shapes_do_not_broadcast, reuses_a_tape)


def raised(make):
    with pytest.raises(Exception) as info:
        make()
    return info.value


@pytest.mark.parametrize("judged", [False, True], ids=["live", "judged"])
@pytest.mark.parametrize("mistake", sorted(MISTAKES))
def test_each_mistake_is_recognised_by_its_own_reader_only(mistake, judged):
    make, reader = MISTAKES[mistake]
    error = raised(make)
    if judged:
        error = decode_error(encode_error(error))
    assert reader(error)
    others = [other for other in RECOGNISERS if other is not reader and other(error)]
    assert others == [] or reader is no_gradient, others


def test_the_attribute_and_the_class_are_read_from_the_error():
    assert missing_attribute(raised(lambda: X.sum())) == ("tensorflow.python.framework.ops.EagerTensor", "sum")
    assert missing_attribute(raised(lambda: tf.Variable(X).max()))[1] == "max"
    assert missing_attribute(AttributeError("'list' object has no attribute 'sum'")) is None


def test_a_tensorflow_error_is_known_by_its_type_live_and_as_the_judge_rebuilds_it():
    error = raised(lambda: X * tf.constant(np.zeros((2, 2))))
    assert is_tf_error(error, tf.errors.InvalidArgumentError)
    assert is_tf_error(decode_error(encode_error(error)), tf.errors.InvalidArgumentError)
    assert not is_tf_error(ValueError("Incompatible shapes"), tf.errors.InvalidArgumentError)


@pytest.mark.parametrize(
    "error",
    [
        ValueError("Incompatible shapes: [2,2] vs. [2,3]"),
        RuntimeError("expected to be a float tensor but is a double tensor"),
        KeyError("requested dtype float32 for Tensor with dtype float64"),
        TypeError("could not be broadcast"),
        ValueError("A non-persistent GradientTape can only be used to compute one set of gradients"),
        KeyError("'NoneType'"),
    ],
)
def test_the_wording_alone_is_not_enough_without_the_type(error):
    assert not any(reader(error) for reader in (*RECOGNISERS, no_gradient))


def test_the_module_reads_no_regular_expression():
    assert "import re" not in Path(tensor_errors.__file__).read_text(encoding="utf-8")
