import numpy as np
import pytest
import tensorflow as tf

from autograder.core.outcome import Incorrect, StudentCodeError
from autograder.core.values import as_array, describe


class ExplodingArray:
    def __array__(self, *args, **kwargs):
        raise ValueError("boom")


@pytest.mark.parametrize(
    ("value", "fragment"),
    [
        (None, "is None"),
        ("kernel", "is a string"),
        (True, "a bool"),
        (print, "builtin_function_or_method"),
        ([[1, 2], [3]], "ragged"),
        ([[1, 2], ["a", "b"]], "plain numbers"),
        (np.array([1 + 2j]), "complex"),
        ([1.0, float("nan")], "NaN"),
        ([1.0, float("inf")], "infinite"),
        ([1.0, 1e300], "far larger than any answer"),
        (np.zeros(2_000_000), "far more than expected"),
        ([[1, 2, 3]], "shape (1, 3)"),
        ([1, 2, 3], "1-dimensional"),
    ],
)
def test_wrong_kinds_of_values_get_a_reason(value, fragment):
    with pytest.raises(Incorrect, match=None) as raised:
        as_array(value, "x", ndim=2, shape=(3, 3))
    assert fragment in str(raised.value)


def test_an_array_that_raises_when_read_is_the_students_error():
    with pytest.raises(StudentCodeError) as raised:
        as_array(ExplodingArray(), "x")
    assert "Your code raised ValueError" in raised.value.describe() and "boom" in raised.value.describe()


def test_good_values_become_float_arrays():
    for value in ([[1, 2], [3, 4]], np.array([[1, 2], [3, 4]]), tf.constant([[1, 2], [3, 4]])):
        array = as_array(value, "x", ndim=2, shape=(2, 2))
        assert array.dtype == np.float64 and array.tolist() == [[1, 2], [3, 4]]


def test_describe_never_calls_the_value():
    assert describe(None) == "None"
    assert describe([1]) == "a list"
    assert describe(3) == "an int"
    assert describe(np.zeros(1)) == "a numpy ndarray"
    assert describe(ExplodingArray()) == "a test_values ExplodingArray"
