"""What the student sees: check, hint, solution, and the grade cell's assert_correct."""

import html

import pytest

from autograder.core import FEEDBACK_MIME, Feedback, Incorrect, Outcome, QuestionView, Status, ValueQuestion
from autograder.core.evidence import loads
from autograder.core.question import MultipartQuestion
from autograder.core.view import is_genuine_view
from autograder.evidence_store import recorded_evidence


class Echo(ValueQuestion):
    var = "answer"
    hints = ("First hint.", "Second hint.")
    solution = "answer = 42"

    def verify(self, value, context):
        if value != 42:
            raise Incorrect(f"you wrote {value!r}.")


class Pair(MultipartQuestion):
    parts = {"a": Echo()}


def test_check_prints_a_plain_text_verdict_outside_jupyter(namespace, capsys):
    view = QuestionView(Echo(), "q_1")
    view.check()
    namespace["answer"] = 41
    view.check()
    namespace["answer"] = 42
    view.check()
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("q_1: Not attempted.")
    assert lines[1] == "q_1: Incorrect. you wrote 41."
    assert lines[2].startswith("q_1: Correct.")


def test_hints_are_numbered_and_running_out_is_said(namespace, capsys):
    view = QuestionView(Echo(), "q_1")
    view.hint()
    view.hint(2)
    view.hint(3)
    view.hint(0)
    out = capsys.readouterr().out
    assert "hint 1 of 2 (there is also hint(2)): First hint." in out
    assert "hint 2 of 2: Second hint." in out
    assert "There is no hint 3: this question has 2 hints" in out and "There is no hint 0" in out


def test_solution_is_shown(namespace, capsys):
    QuestionView(Echo(), "q_1").solution()
    assert "answer = 42" in capsys.readouterr().out


def test_assert_correct_raises_with_the_student_facing_reason(namespace):
    view = QuestionView(Echo(), "q_1")
    namespace["answer"] = 7
    with pytest.raises(AssertionError, match=r"q_1: Incorrect\. you wrote 7\."):
        view.assert_correct()
    namespace["answer"] = 42
    assert view.assert_correct() is None


def test_parts_are_reached_as_attributes(namespace):
    view = QuestionView(Pair(), "q_4")
    namespace["answer"] = 42
    assert view.a.outcome().question == "q_4.a" and view.a.outcome().passed
    with pytest.raises(AttributeError):
        _ = view.b


def test_feedback_html_is_escaped_labelled_and_carries_json():
    outcome = Outcome(Status.INCORRECT, "you wrote '<script>alert(1)</script>' in `kernel`.", "q_1")
    bundle = Feedback(outcome)._repr_mimebundle_()
    page = bundle["text/html"]
    assert "<script>" not in page and html.escape("<script>") in page
    assert "Incorrect" in page and "<code>kernel</code>" in page and 'role="status"' in page
    assert bundle[FEEDBACK_MIME] == {
        "question": "q_1",
        "status": "incorrect",
        "label": "Incorrect",
        "message": outcome.message,
        "passed": False,
    }
    assert bundle["text/plain"].startswith("q_1: Incorrect.")


class Stop(BaseException):
    """Escapes every ``except Exception`` a check has."""


class Twice(ValueQuestion):
    var = "twice"

    def verify(self, value, context):
        if value(21) != 42:
            raise Incorrect("not twice.")


def test_a_grade_cell_leaves_its_evidence_once_and_an_aborted_check_leaves_none(namespace):
    view = QuestionView(Twice(), "q_1")
    namespace["twice"] = lambda x: 2 * x
    view.assert_correct(extra_cases=3, seed=9)
    evidence = loads(recorded_evidence("q_1", 3, 9))
    assert Twice().judge(evidence, extra_cases=3, seed=9).passed
    assert recorded_evidence("q_1", 3, 9) == ""  # fetched once

    view.assert_correct(extra_cases=3, seed=9)  # a right answer checked earlier...

    def stop(x):
        raise Stop

    namespace["twice"] = stop  # ...then a check that never finishes leaves no evidence behind
    with pytest.raises(Stop):
        view.assert_correct(extra_cases=3, seed=9)
    assert recorded_evidence("q_1", 3, 9) == ""


def test_only_a_view_as_the_course_bound_it_is_genuine():
    from autograder.exercises import load_questions

    question = next(iter(load_questions("ex1_convolution_relu").values()))
    view = QuestionView(question, "q_1")
    assert is_genuine_view(view)
    assert not is_genuine_view(QuestionView(Echo(), "q_1"))  # a question declared outside the package
    assert not is_genuine_view(object())
    touched = QuestionView(question, "q_1")
    touched.assert_correct = lambda **options: None
    assert not is_genuine_view(touched)

    class Lookalike(QuestionView):
        pass

    assert not is_genuine_view(Lookalike(question, "q_1"))
