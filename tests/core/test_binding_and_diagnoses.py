"""Declaring an exercise's questions once, and tempting mistakes declared as data."""

import keras
import numpy as np
import pytest
import tensorflow as tf
from harness.judged import checked

from autograder.core import (
    TOLERANCE,
    CountQuestion,
    FunctionQuestion,
    MultipartQuestion,
    QuestionView,
    ShapeDiagnosis,
    Status,
    ThoughtQuestion,
    ValueDiagnosis,
    ____,
    bind_exercise,
    close,
    contains_placeholder,
    declare_questions,
    diagnose_value,
    graded,
    is_tensor,
    label_of,
)


class Count(CountQuestion):
    var = "count"
    fixed_cases = ((3,), (5,))

    def reference(self, n):
        return n * n


class LenientCount(Count):
    whole_floats = True


class Row(FunctionQuestion):
    var = "row"
    fixed_cases = ((np.arange(6.0).reshape(2, 3),),)
    diagnoses = (ShapeDiagnosis(lambda x: x.shape[::-1], "you transposed it."),)

    def reference(self, x):
        return x * 2


class Think(ThoughtQuestion):
    pass


class Parts(MultipartQuestion):
    parts = {"a": Count(), "b": Row()}


def test_declare_questions_numbers_them_and_their_parts():
    registry = declare_questions([Think, Parts])
    assert list(registry) == ["q_1", "q_2", "q_2.a", "q_2.b"] and registry["q_2.a"] is Parts.parts["a"]
    assert list(graded(registry)) == ["q_1", "q_2.a", "q_2.b"]
    assert label_of(Row) == "q_2.b" and label_of(Parts()) == "q_2"


def test_bind_exercise_makes_a_view_per_label_of_the_manifest_and_all():
    namespace = {"__name__": "autograder.exercises.ex4"}
    bind_exercise(namespace, exports=["np"])
    views = [name for name in namespace if name.startswith("q_")]
    assert views == ["q_1", "q_2", "q_3", "q_4", "q_5", "q_6", "q_7", "q_8"]
    assert isinstance(namespace["q_1"], QuestionView) and namespace["q_1"].b.label == "q_1.b"
    assert namespace["q_1"].b.assignment == "ex4_from_scratch" and namespace["____"] is ____
    assert namespace["__all__"] == ["____", "np", *views]
    with pytest.raises(AttributeError):
        _ = namespace["q_3"].a  # q_3 has no parts


def test_whole_number_results_are_ints_unless_floats_are_allowed():
    assert checked(Count(), {"count": lambda n: n * n}).passed
    assert checked(Count(), {"count": lambda n: float(n * n)}).status is Status.INCORRECT
    assert checked(LenientCount(), {"count": lambda n: float(n * n)}).passed
    assert checked(Count(), {"count": lambda n: n * n == 9}).status is Status.INCORRECT


def test_a_shape_diagnosis_recognises_a_result_by_its_shape_alone():
    result = checked(Row(), {"row": lambda x: np.zeros((3, 2))})
    assert result.status is Status.INCORRECT and "you transposed it." in result.message
    assert "transposed" not in checked(Row(), {"row": lambda x: np.zeros((2, 3))}).message


def test_value_diagnoses_and_the_one_tolerance():
    data = np.arange(6.0).reshape(2, 3)
    table = (ValueDiagnosis(lambda d: d.sum(axis=0), "summed, shape {shape}."),)
    assert diagnose_value(data.sum(axis=0) + TOLERANCE["atol"] / 2, data, table) == "summed, shape (3,)."
    assert diagnose_value(data.sum(axis=1), data, table) is None
    assert close([1.0, 2.0], [1.0, 2.00001]) and not close([1.0, 2.0], [[1.0, 2.0]])


def test_keras_and_tensorflow_values_are_tensors_to_every_check():
    variable = keras.Variable(np.full((2, 2), float(____), dtype=np.float32))
    for value in (tf.constant([1.0]), tf.Variable([1.0]), variable):
        assert is_tensor(value)
    assert contains_placeholder(variable)
    assert not is_tensor(keras.layers.Dense(2)) and not is_tensor(np.zeros(2))


@pytest.mark.parametrize("name", ["ex1", "ex2", "ex3", "ex4"])
def test_each_exercise_declares_its_labels_once(name):
    import importlib

    module = importlib.import_module(f"autograder.exercises.{name}")
    for label, question in importlib.import_module(f"autograder.exercises.{name}.questions").QUESTIONS.items():
        view = module
        for part in label.split("."):
            view = getattr(view, part)
        assert view.question is question and view.label == label
