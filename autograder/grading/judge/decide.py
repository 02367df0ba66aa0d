"""One check's verdict, its rule driving the student's side through a supply of answers.

Only this runs the course's rules (with their references), so it runs in the judge process
(`autograder.grading.judge.process`) or the class's judge service, never in the worker and never
where the student's code runs.
"""

from __future__ import annotations

from autograder.core.answers import Supply
from autograder.exercises import question_at
from autograder.grading.judge.calls import GradeCall
from autograder.grading.judge.verdict import Verdict
from autograder.i18n import _, assignment_language, language


def decide(assignment: str, call: GradeCall, supply: Supply) -> Verdict:
    """Judge one ``assert_correct`` call of ``assignment``, in the assignment's language."""
    with language(assignment_language(assignment)):
        try:
            question = question_at(assignment, call.label)
        except LookupError as error:
            return Verdict(False, _("This grade cell cannot be judged: {error}.").format(error=error))
        try:
            outcome = question.judge(supply, extra_cases=call.extra_cases, seed=call.seed, label=call.label)
        except Exception as error:
            return checker_failed(call.label, error)
        return Verdict(outcome.passed, outcome.text(), outcome.status.key, outcome.message)


def checker_failed(label: str, error: Exception) -> Verdict:
    """A checker bug: never a point, and the instructor sees why."""
    reason = f"{type(error).__name__}: {error}"
    return Verdict(False, _("{label}: not judged: the checker failed ({reason}).").format(label=label, reason=reason))
