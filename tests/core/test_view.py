"""What the student sees: check, hint, solution, and the grade cell's assert_correct."""

import html

import pytest

from autograder.core import FEEDBACK_MIME, Feedback, Incorrect, Outcome, QuestionView, Status, ValueQuestion
from autograder.core.question import MultipartQuestion
from autograder.core.view import is_genuine_view


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


class Twice(ValueQuestion):
    var = "twice"

    def verify(self, value, context):
        if value(21) != 42:
            raise Incorrect("not twice.")


def test_a_grade_cell_raises_the_practice_verdict_where_the_answers_are_installed(namespace):
    view = QuestionView(Twice(), "q_1")
    namespace["twice"] = lambda x: 2 * x
    view.assert_correct(extra_cases=3, seed=9)
    namespace["twice"] = lambda x: x
    with pytest.raises(AssertionError, match="not twice"):
        view.assert_correct(extra_cases=3, seed=9)


def test_a_view_without_answers_says_so_and_leaves_grade_cells_to_the_judge(namespace, capsys, monkeypatch):
    import autograder.exercises

    monkeypatch.setattr(autograder.exercises, "answers_installed", lambda assignment: False)
    view = QuestionView(None, "q_1", "ex1_convolution_relu")
    namespace["kernel"] = "anything"
    view.assert_correct(extra_cases=3, seed=9)  # no verdict of its own: no error, no output
    assert capsys.readouterr().out == ""
    assert view.outcome().status is Status.NOT_ATTEMPTED
    for show in (view.check, view.hint, view.solution):
        show()
    out = capsys.readouterr().out
    assert out.count("cannot reach") == 3 and "releases them" in out and "answer = " not in out
    with pytest.raises(LookupError):
        _ = view.question


def test_only_a_view_as_the_course_bound_it_is_genuine():
    from autograder.exercises import load_questions

    view = QuestionView(None, "q_1", "ex1_convolution_relu")
    assert is_genuine_view(view)
    question = next(iter(load_questions("ex1_convolution_relu").values()))
    assert not is_genuine_view(QuestionView(question, "q_1"))  # bound to an object, not to a label
    assert not is_genuine_view(object())
    touched = QuestionView(None, "q_1", "ex1_convolution_relu")
    touched.assert_correct = lambda **options: None
    assert not is_genuine_view(touched)

    class Lookalike(QuestionView):
        pass

    assert not is_genuine_view(Lookalike(None, "q_1", "ex1_convolution_relu"))
