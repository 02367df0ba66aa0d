"""One check's verdict from the kernel's reply text alone: what the judge process computes.

Only this runs the course's rules on untrusted evidence, so it runs in the judge process
(`autograder.grading.judge.process`), never in the worker.
"""

from __future__ import annotations

from autograder.core.evidence import EvidenceError
from autograder.exercises import question_at
from autograder.grading.judge.calls import GradeCall
from autograder.grading.judge.collect import parse_reply
from autograder.grading.judge.verdict import Verdict
from autograder.i18n import _, assignment_language, language


def decide(assignment: str, call: GradeCall, reply: str) -> Verdict:
    """Judge one ``assert_correct`` call of ``assignment`` from the kernel's reply, in the
    assignment's language."""
    with language(assignment_language(assignment)):
        return _decide(assignment, call, reply)


def _decide(assignment: str, call: GradeCall, reply: str) -> Verdict:
    try:
        question = question_at(assignment, call.label)
    except LookupError as error:
        return Verdict(False, _("This grade cell cannot be judged: {error}.").format(error=error))
    try:
        evidence = parse_reply(reply)
    except EvidenceError as error:
        return Verdict(False, _("{label}: not judged: {error}.").format(label=call.label, error=error))
    try:
        outcome = question.judge(evidence, extra_cases=call.extra_cases, seed=call.seed, label=call.label)
    except Exception as error:
        return checker_failed(call.label, error)
    return Verdict(outcome.passed, outcome.text())


def checker_failed(label: str, error: Exception) -> Verdict:
    """A checker bug: never a point, and the instructor sees why."""
    reason = f"{type(error).__name__}: {error}"
    return Verdict(False, _("{label}: not judged: the checker failed ({reason}).").format(label=label, reason=reason))
