"""The labels manifest a student runtime binds its views from matches the questions modules."""

from autograder.exercises import labels


def test_the_labels_manifest_is_what_the_questions_declare() -> None:
    assert labels._manifest() == labels.built(), "run `python -m autograder.exercises.labels`"


def test_parts_are_read_from_the_manifest() -> None:
    assert labels.parts("ex4_from_scratch_zh_CN", "q_1") == ["a", "b"]
    assert labels.parts("ex1_convolution_relu", "q_1") == []
