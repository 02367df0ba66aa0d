"""Answers as data: what survives the trip from the kernel, and what the judge refuses."""

import numpy as np
import pytest
import tensorflow as tf

from autograder.core import ____
from autograder.core.evidence import EvidenceError, decode, dumps, encode, loads
from autograder.core.observed import MissingEvidence
from autograder.core.values import Opaque, TooLarge, is_tensor
from autograder.exercises import question_at


@pytest.mark.parametrize(
    "value",
    [
        None,
        True,
        3,
        -2.5,
        "relu",
        [1, [2, 3]],
        (1, None),
        {"a": 1},
        {1, 2},
        np.arange(6).reshape(2, 3),
        np.float32(1.5),
    ],
)
def test_plain_values_come_back_equal(value):
    back = decode(loads(dumps(encode(value))))
    assert type(back) is type(value) or isinstance(value, np.generic)
    assert np.array_equal(back, value) if isinstance(value, np.ndarray) else back == value


def test_tensors_placeholders_and_everything_else_come_back_as_what_the_rules_need():
    tensor = decode(loads(dumps(encode(tf.constant([[1.0, ____]])))))
    assert is_tensor(tensor) and tensor.dtype == tf.float32 and tensor.shape == (1, 2)
    assert decode(encode(____)) is ____
    assert decode(encode(float("nan"))) != decode(encode(float("nan")))
    assert isinstance(decode(encode(object())), Opaque)
    assert isinstance(decode(encode(np.zeros(2_000_000))), TooLarge)
    assert decode(encode(tf.TensorShape([None, 4]))) == (None, 4)


def test_values_that_cannot_travel_are_named_by_their_type_in_no_language():
    assert encode(object()) == {"opaque": "object"}
    assert encode(np.array(["a", "b"])) == {"opaque": "numpy.ndarray", "shape": [2], "dtype": "U"}
    assert encode(list(range(1_000_001))) == {"large": "list", "size": 1_000_001}
    assert repr(decode(encode(np.array(["a"])))) == "<a numpy ndarray of 'U' values>"
    assert repr(decode(encode(object()))) == "<an object>"


@pytest.mark.parametrize(
    "tree",
    [
        {"array": {"dtype": "float64", "shape": [2, 2], "data": "AAAA"}},  # bytes shorter than the shape
        {"array": {"dtype": "object", "shape": [1], "data": ""}},
        {"array": {"dtype": "int8", "shape": [2**62, 4], "data": ""}},
        {"array": {"dtype": "int8", "shape": ["2"], "data": "AA=="}},
        {"large": "x", "size": "zz"},
        {"opaque": "x", "shape": ["a"]},
        {"pickle": "gASV"},
        {"dict": [[{"list": []}, 1]]},
        {"set": [{"list": []}]},
        ["not", "tagged"],
    ],
)
def test_malformed_evidence_is_refused_never_crashing(tree):
    with pytest.raises(EvidenceError):
        decode(tree)


@pytest.mark.parametrize(
    "answers",
    [
        [None],
        [{}],
        [{"value": 1, "absent": True}],
        [{"value": {"large": "x", "size": "zz"}}],
        [{"function": True}, []],
        [{"function": True}, {"returned": {"pickle": "gASV"}}],
        [{"function": True}, {"fact": {"pickle": "gASV"}}],
    ],
)
def test_the_judge_turns_malformed_answers_into_a_verdict_that_is_not_correct(answers):
    for label in ("q_2", "q_4"):
        given = iter(answers)

        def supply(need, given=given):
            try:
                return next(given)
            except StopIteration:
                raise MissingEvidence("no more answers") from None

        outcome = question_at("ex1_convolution_relu", label).judge(supply)
        assert not outcome.passed and "could not be checked" in outcome.message, outcome
