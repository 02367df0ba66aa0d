import numpy as np
import pytest
import tensorflow as tf

from autograder.core.placeholder import ____, contains_placeholder, is_untouched_stub


@pytest.mark.parametrize(
    "value",
    [
        ____,
        [____],
        [[1, 2], [3, ____]],
        (1, [2, (____,)]),
        {"a": ____},
        np.array([[1.0, ____]]),
        tf.constant([[____, ____], [____, ____]]),
        tf.constant([____]),
        np.array([1, ____], dtype=object),
    ],
)
def test_placeholder_is_found_wherever_it_hides(value):
    assert contains_placeholder(value)


@pytest.mark.parametrize(
    "value",
    [None, 0, -31337, 1.5, "____", [1, 2], np.zeros((3, 3)), tf.ones((2, 2)), np.arange(4), {"a": 1}, object()],
)
def test_ordinary_values_are_not_placeholders(value):
    assert not contains_placeholder(value)


def test_placeholder_prints_as_underscores_and_behaves_as_a_number():
    assert repr(____) == "____" and str(____) == "____"
    assert float(tf.constant(____)) == float(____)


def test_untouched_stub_is_recognised_but_a_written_function_is_not():
    def stub(x):
        """Starter docstring."""
        ____  # noqa: B018

    def returns_stub(x):
        return ____

    def written(x):
        return x + 1

    def half_written(x):
        y = x * 2
        return y + ____

    assert is_untouched_stub(stub) and is_untouched_stub(returns_stub)
    assert not is_untouched_stub(written) and not is_untouched_stub(half_written)
    assert not is_untouched_stub(len) and not is_untouched_stub(None)
