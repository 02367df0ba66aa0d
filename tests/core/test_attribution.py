"""Errors are blamed on the student only when the student's code raised; otherwise the checker is at fault."""

from pathlib import Path

import pytest
from harness.judged import checked

import autograder
from autograder.core import FunctionQuestion, Status, ValueQuestion
from autograder.core import outcome as outcomes
from autograder.core.outcome import CheckerBug, raised_by_student_code

RULES = """
class TypoInTheChecker(ValueQuestion):
    var = "answer"

    def verify(self, value, context):
        return undefined_name


class CallsTheStudent(FunctionQuestion):
    var = "f"
    fixed_cases = ((1,), (2,))

    def reference(self, x):
        return x + 1


def checker_raises():
    return {}["missing"]
"""
rules = {"ValueQuestion": ValueQuestion, "FunctionQuestion": FunctionQuestion}
exec(compile(RULES, str(Path(autograder.__file__).parent / "core" / "_rules_under_test.py"), "exec"), rules)
"""Rules compiled as if they lived in the autograder package, as every real rule does."""


def test_a_checker_bug_raises_in_strict_mode():
    assert outcomes.STRICT, "tests/conftest.py turns strict mode on"
    with pytest.raises(CheckerBug, match="NameError"):
        rules["TypoInTheChecker"]().evaluate({"answer": 1})


def test_a_checker_bug_is_not_blamed_on_the_student_outside_strict_mode(monkeypatch):
    monkeypatch.setattr(outcomes, "STRICT", False)
    result = rules["TypoInTheChecker"]().evaluate({"answer": 1})
    assert result.status is Status.ERROR
    assert "bug in the course's checker, not in your code" in result.message
    assert not result.message.startswith("Your code")


def test_the_students_function_raising_is_the_students_error_live_and_judged():
    def f(x):
        return 1 / (x - 1)

    # `checked` also replays the recorded ZeroDivisionError in the judge, which must blame the student too
    result = checked(rules["CallsTheStudent"](), {"f": f})
    assert result.status is Status.ERROR and result.message.startswith("Your code raised ZeroDivisionError")


def test_attribution_reads_the_traceback_and_the_replay_mark():
    with pytest.raises(KeyError) as checker_error:
        rules["checker_raises"]()
    assert not raised_by_student_code(checker_error.value.with_traceback(checker_error.tb.tb_next))

    student = {}
    exec(compile("def student():\n    return {}['x']\n", "<ipython-input-1>", "exec"), student)
    with pytest.raises(KeyError) as student_error:
        student["student"]()
    assert raised_by_student_code(student_error.value.with_traceback(student_error.tb.tb_next))

    replayed = outcomes.mark_student_error(KeyError("recorded in the kernel"))
    assert raised_by_student_code(replayed)
