"""A grade cell's verdict, decided in the worker from the kernel's evidence alone."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from autograder.core.evidence import EvidenceError
from autograder.exercises import question_at
from autograder.grading.judge.calls import Unjudgeable, grade_calls
from autograder.grading.judge.collect import request_evidence
from autograder.i18n import _, assignment_language, language


@dataclass(frozen=True)
class Verdict:
    """Whether a grade cell earns its points, and the message its student reads."""

    passed: bool
    message: str

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


async def judge_cell(client: Any, source: str, assignment: str, timeout: float) -> Verdict:
    """Fetch the evidence of each check a grade cell ran and judge it here; all must pass.

    The verdict speaks the assignment's language (a translated assignment's students read it).
    """
    with language(assignment_language(assignment)):
        return await _judge_calls(client, source, assignment, timeout)


async def _judge_calls(client: Any, source: str, assignment: str, timeout: float) -> Verdict:
    try:
        calls = grade_calls(source)
    except Unjudgeable as error:
        return Verdict(
            False, _("This grade cell cannot be judged outside the notebook's kernel: {error}.").format(error=error)
        )
    messages = []
    for call in calls:
        try:
            question = question_at(assignment, call.label)
        except LookupError as error:
            return Verdict(False, _("This grade cell cannot be judged: {error}.").format(error=error))
        try:
            evidence = await request_evidence(client, call.label, call.extra_cases, call.seed, timeout)
        except EvidenceError as error:
            return Verdict(False, _("{label}: not judged: {error}.").format(label=call.label, error=error))
        try:
            outcome = question.judge(evidence, extra_cases=call.extra_cases, seed=call.seed, label=call.label)
        except Exception as error:  # a checker bug: never a point, and the instructor sees why
            reason = f"{type(error).__name__}: {error}"
            return Verdict(
                False, _("{label}: not judged: the checker failed ({reason}).").format(label=call.label, reason=reason)
            )
        if not outcome.passed:
            return Verdict(False, outcome.text())
        messages.append(outcome.text())
    return Verdict(True, "\n".join(dict.fromkeys(messages)))
