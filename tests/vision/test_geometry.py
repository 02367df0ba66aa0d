"""The window formulas the lessons teach agree with what TensorFlow and Keras measure."""

import itertools

import pytest

from autograder.vision import geometry, measure, stacks


@pytest.mark.parametrize("padding", ["valid", "same"])
def test_output_size_formula_matches_tensorflow(padding):
    for n, k, s in itertools.product(range(1, 13), range(1, 8), range(1, 5)):
        if padding == "valid" and k > n:
            continue
        assert geometry.output_size(n, k, s, padding) == measure.measured_output_size(n, k, s, padding), (n, k, s)


def test_same_padding_formula_matches_tensorflow_with_the_extra_cell_after():
    for n, k, s in itertools.product(range(1, 13), range(1, 8), range(1, 5)):
        assert geometry.same_padding(n, k, s) == measure.measured_same_padding(n, k, s), (n, k, s)
    assert geometry.same_padding(6, 4, 1) == (1, 2)


def test_receptive_field_formula_matches_the_gradient():
    for kernels, strides in [([3, 3, 3], [1, 1, 1]), ([3, 3, 3], [2, 2, 1]), ([1, 3], [3, 1]), ([7, 5], [2, 3])]:
        assert geometry.receptive_field(kernels, strides) == measure.measured_receptive_field(kernels, strides)
    assert geometry.receptive_field([3, 3, 3], [1, 1, 1]) == 7


def test_padding_names_and_bad_sizes():
    assert geometry.padding_name("SAME") == "same"
    with pytest.raises(ValueError):
        geometry.padding_name("full")
    with pytest.raises(ValueError):
        geometry.output_size(3, 5, 1, "valid")
    assert geometry.uncovered(7, 3, 3, "valid") == 1 and geometry.uncovered(7, 3, 3, "same") == 0


def test_stack_shapes_match_a_real_keras_model_and_misreadings_differ():
    layers = [
        stacks.WindowLayer("conv", 3, stride=2, padding="same", filters=4),
        stacks.WindowLayer("max", 2),
        stacks.WindowLayer("avg", 3, stride=1, padding="same"),
    ]
    shape = (None, 17, 12, 3)
    assert stacks.stack_shapes(shape, layers) == stacks.keras_shapes(shape, layers)
    assert stacks.stack_shapes(shape, stacks.with_default_stride_one(layers)) != stacks.keras_shapes(shape, layers)
    assert layers[1].code() == "layers.MaxPool2D(pool_size=2)"


def test_unread_cells_match_tensorflow_and_same_padding_can_skip_cells():
    for n, k, s in itertools.product(range(1, 11), range(1, 6), range(1, 5)):
        for padding in ("valid", "same"):
            if padding == "valid" and k > n:
                continue
            assert geometry.unread_cells(n, k, s, padding) == measure.measured_unread_cells(n, k, s, padding), (
                n,
                k,
                s,
                padding,
            )
            if padding == "same" and k >= s:
                assert geometry.unread_cells(n, k, s, padding) == []  # what lesson 3 says SAME guarantees
            if padding == "valid" and k >= s:  # lesson 3: VALID reads every cell when s divides n - k
                assert (measure.measured_unread_cells(n, k, s, padding) == []) == ((n - k) % s == 0), (n, k, s)
    # lesson 3's counterexamples: a window shorter than its stride skips cells even with 'same'
    assert measure.measured_unread_cells(7, 2, 3, "same") == [2, 5]
    assert measure.measured_unread_cells(8, 1, 2, "same") == [1, 3, 5, 7]
    assert measure.measured_unread_cells(7, 3, 3, "valid") == [6]


def test_lesson_3_same_padding_is_k_minus_1_only_for_stride_1():
    assert sum(measure.measured_same_padding(6, 3, 2)) == 1  # lesson 3's example: not k - 1 = 2
    for n, k in itertools.product(range(2, 10), range(1, 6)):
        assert sum(measure.measured_same_padding(n, k, 1)) == k - 1
