import numpy as np
import pytest
import tensorflow as tf

from autograder.core.outcome import Incorrect
from autograder.core.shapes import read_shape, read_shapes, show_shape


def test_shapes_are_read_from_tuples_lists_tensorshapes_and_arrays():
    assert read_shape((None, 3, 4, 5), "s") == (None, 3, 4, 5)
    assert read_shape([8, 3.0, 4, 5], "s") == (8, 3, 4, 5)
    assert read_shape(tf.TensorShape([None, 3]), "s") == (None, 3)
    assert read_shape(np.array([2, 3]), "s") == (2, 3)
    assert read_shapes([(1, 2), [3, 4]], "s") == [(1, 2), (3, 4)]
    assert show_shape((None, 3)) == "(None, 3)" and show_shape((4,)) == "(4,)"


@pytest.mark.parametrize(
    ("value", "fragment"),
    [
        ("(1, 2)", "a string"),
        ((1, 2.5), "whole numbers"),
        ((1, -2), "negative"),
        ((1, True), "whole number"),
        (7, "tuple"),
    ],
)
def test_bad_shapes_are_explained(value, fragment):
    with pytest.raises(Incorrect) as raised:
        read_shape(value, "s")
    assert fragment in str(raised.value)


def test_a_flat_list_is_not_a_list_of_shapes():
    with pytest.raises(Incorrect, match="single flat list"):
        read_shapes([1, 2, 3], "s")
