"""A grade cell's verdict: the worker fetches the evidence, the judge process decides."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any, Protocol

from autograder.core.evidence import EvidenceError
from autograder.grading.judge.calls import GradeCall, Unjudgeable, grade_calls
from autograder.i18n import _, assignment_language, language

MAX_MESSAGE = 4_000
"""The longest verdict a student reads (a message may quote the student's own values or names)."""


@dataclass(frozen=True)
class Verdict:
    """Whether a grade cell earns its points, and the message its student reads (capped)."""

    passed: bool
    message: str

    def __post_init__(self) -> None:
        message = self.message if len(self.message) <= MAX_MESSAGE else self.message[: MAX_MESSAGE - 1] + "…"
        # A lone surrogate (JSON's "\ud800" in a kernel's evidence) could never be written to a notebook.
        object.__setattr__(self, "message", message.encode("utf-8", "replace").decode("utf-8"))

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


class Judge(Protocol):
    """What decides one check from the kernel's reply: a judge process
    (`autograder.grading.judge.process.judge`), which runs `autograder.grading.judge.decide`."""

    async def __call__(self, assignment: str, call: GradeCall, reply: str) -> Verdict: ...


class Evidence(Protocol):
    """What fetches one check's evidence text from the kernel (`collect.request_evidence`)."""

    async def __call__(self, call: GradeCall) -> str: ...


async def judge_cell(evidence: Evidence, judge: Judge, source: str, assignment: str) -> Verdict:
    """Fetch the evidence of each check a grade cell ran and have it judged; all must pass."""
    try:
        calls = grade_calls(source)
    except Unjudgeable as error:
        with language(assignment_language(assignment)):
            message = _("This grade cell cannot be judged outside the notebook's kernel: {error}.")
            return Verdict(False, message.format(error=error))
    messages = []
    for call in calls:
        try:
            reply = await evidence(call)
        except EvidenceError as error:
            with language(assignment_language(assignment)):
                return Verdict(False, _("{label}: not judged: {error}.").format(label=call.label, error=error))
        verdict = await judge(assignment, call, reply)
        if not verdict.passed:
            return verdict
        messages.append(verdict.message)
    return Verdict(True, "\n".join(dict.fromkeys(messages)))
