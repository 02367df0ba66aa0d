"""Reading traced TensorFlow graphs for refused operations, nested functions included."""

import tensorflow as tf
from tensorflow.python.ops import gen_nn_ops

from autograder.core.traced import CallReader, held_operations, refused_inside

REFUSED = {"Conv2D", "MaxPool"}
SPECS = [tf.TensorSpec([1, None, None, 1]), tf.TensorSpec([None, None, 1, 1])]
X, K = tf.ones((1, 3, 3, 1)), tf.ones((2, 2, 1, 1))


def conv(x, k):
    return gen_nn_ops.conv2d(x, k, [1, 1, 1, 1], "VALID")


def test_a_refused_operation_is_found_in_every_form_a_traced_graph_takes():
    traced = tf.function(conv, input_signature=SPECS)
    traced(X, K)
    concrete = traced.get_concrete_function()
    assert refused_inside(traced, REFUSED) == "Conv2D"
    assert refused_inside(concrete, REFUSED) == "Conv2D"
    assert refused_inside(concrete.graph, REFUSED) == "Conv2D"
    assert refused_inside(concrete.name, REFUSED) == "Conv2D"  # as the eager context knows it


def test_functions_called_by_a_graph_are_read_too():
    inner = tf.function(conv, input_signature=SPECS)
    nested = tf.function(lambda x, k: inner(x, k) * 2.0, input_signature=SPECS)
    branch = tf.function(
        lambda x, k: tf.cond(tf.reduce_sum(k) > 0, lambda: conv(x, k), lambda: x[:, 1:, 1:, :]), input_signature=SPECS
    )
    looped = tf.function(
        lambda x, k: tf.while_loop(lambda i, y: i < 1, lambda i, y: (i + 1, conv(x, k)), (0, x[:, 1:, 1:, :]))[1],
        input_signature=SPECS,
    )
    for traced in (nested, branch, looped):
        traced(X, K)
        assert "Conv2D" not in {node.type for node in traced.get_concrete_function().graph.get_operations()}
        assert refused_inside(traced, REFUSED) == "Conv2D"


def test_a_call_of_a_traced_function_or_a_transformation_names_the_graph_it_runs():
    traced = tf.function(conv, input_signature=SPECS)
    traced(X, K)
    concrete = traced.get_concrete_function()
    calls = CallReader(REFUSED)
    assert calls(concrete.name, ("executor_type", "", "config_proto", b"")) == "Conv2D"
    assert calls("MapDataset", ("f", concrete, "output_types", [tf.float32])) == "Conv2D"  # a tf.data map
    assert calls("PartitionedCall", ("Tout", [tf.float32], "f", concrete.name)) == "Conv2D"  # by name
    assert calls("AddV2", ("T", tf.float32)) is None


def test_graphs_of_own_computations_and_other_values_hold_nothing_refused():
    own = tf.function(lambda x, k: tf.reduce_sum(x[:, :2, :2, :] * k[:, :, 0, :]), input_signature=SPECS)
    assert refused_inside(own, REFUSED) is None  # not traced yet: nothing to read
    own(X, K)
    assert "Sum" in set(held_operations(own)) and refused_inside(own, REFUSED) is None
    assert [*held_operations(conv), *held_operations({"conv": conv}), *held_operations("Conv2D")] == []
