"""The question model on small declared questions, without any exercise."""

import random

import numpy as np
from harness.judged import checked

from autograder.core import (
    Diagnosis,
    FunctionQuestion,
    Incorrect,
    MultipartQuestion,
    Status,
    ThoughtQuestion,
    ValueQuestion,
    ____,
)


class Double(FunctionQuestion):
    var = "double"
    fixed_cases = ((1,), (2.5,), (np.arange(3),))
    visible_random_cases = 2
    diagnoses = (Diagnosis(lambda x: x * x, "you squared instead of doubling."),)

    def reference(self, x):
        return 2 * x

    def random_case(self, rng: random.Random):
        return (rng.randint(-100, 100),)


class Answer(ValueQuestion):
    var = "answer"

    def verify(self, value, context):
        if value != 42:
            raise Incorrect("not the answer.")
        return "Deep thought."


class Both(MultipartQuestion):
    parts = {"a": Answer(), "b": Double()}


def evaluate(question, **values):
    return checked(question, values, label="q")


def test_a_right_function_passes_fixed_and_random_cases():
    outcome = evaluate(Double(), double=lambda x: x + x)
    assert outcome.status is Status.CORRECT and "5 test cases" in outcome.message


def test_hidden_cases_add_random_cases_with_the_same_rule():
    calls = []

    def double(x):
        calls.append(x)
        return 2 * x

    outcome = Double().evaluate({"double": double}, extra_cases=10, seed=3)
    assert outcome.passed and len(calls) == 15
    cheat = {3: 6, 1: 2, 2.5: 5.0}
    hardcoded = Double().evaluate({"double": lambda x: cheat[x] if np.ndim(x) == 0 else 2 * x}, extra_cases=10)
    assert hardcoded.status is Status.ERROR and "KeyError" in hardcoded.message


def test_a_known_wrong_implementation_gets_its_own_message():
    outcome = evaluate(Double(), double=lambda x: x * x)
    assert outcome.status is Status.INCORRECT
    assert "you squared instead of doubling" in outcome.message and "`double(1)`" in outcome.message


def test_an_unknown_wrong_implementation_is_shown_the_mismatch():
    outcome = evaluate(Double(), double=lambda x: x + 1)
    assert outcome.status is Status.INCORRECT
    assert outcome.message == "`double(2.5)` returned 3.5, but the expected result is 5.0."


def test_not_attempted_when_missing_placeholder_or_stub():
    def stub(x):
        ____  # noqa: B018

    assert evaluate(Double()).status is Status.NOT_ATTEMPTED
    assert evaluate(Double(), double=stub).status is Status.NOT_ATTEMPTED
    assert evaluate(Double(), double=lambda x: ____).status is Status.NOT_ATTEMPTED
    assert evaluate(Answer(), answer=[____]).status is Status.NOT_ATTEMPTED


def test_student_exceptions_are_reported_without_a_traceback():
    def broken(x):
        raise ZeroDivisionError("division by zero")

    outcome = evaluate(Double(), double=broken)
    assert outcome.status is Status.ERROR
    assert outcome.message == "Your code raised ZeroDivisionError when called as `double(1)`: division by zero"
    assert "Traceback" not in outcome.message


def test_forgotten_return_and_non_functions_are_explained():
    assert "forget a `return`" in evaluate(Double(), double=lambda x: None).message
    assert "should be a function" in evaluate(Double(), double=3).message


def test_infinite_recursion_is_contained():
    def recurse(x):
        return recurse(x)

    outcome = evaluate(Double(), double=recurse)
    assert outcome.status is Status.ERROR and "RecursionError" in outcome.message


def test_a_value_that_is_not_data_reaches_the_rule_as_a_stand_in_whose_methods_never_run():
    compared = []

    class Hostile:
        def __eq__(self, other):
            compared.append(other)
            raise RuntimeError("no comparing me")

        __hash__ = object.__hash__

    outcome = evaluate(Answer(), answer=Hostile())
    assert outcome.status is Status.INCORRECT and not compared


def test_thought_questions_are_not_graded_and_never_fail():
    outcome = evaluate(ThoughtQuestion())
    assert outcome.status is Status.THOUGHT and not outcome.passed and not ThoughtQuestion.graded


def test_multipart_reports_the_first_part_that_is_not_right():
    both = Both()
    assert evaluate(both, answer=42, double=lambda x: 2 * x).passed
    outcome = evaluate(both, answer=42, double=lambda x: x * x)
    assert outcome.status is Status.INCORRECT and outcome.message.startswith("Part b: ")
    assert evaluate(both, double=lambda x: 2 * x).status is Status.NOT_ATTEMPTED
