"""A grade cell's verdict: the judge process decides each check, asking the kernel for data."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any, Protocol

from autograder.grading.judge.calls import GradeCall, Unjudgeable, grade_calls
from autograder.i18n import _, assignment_language, language

MAX_MESSAGE = 4_000
"""The longest verdict a student reads (a message may quote the student's own values or names)."""


@dataclass(frozen=True)
class Verdict:
    """Whether a grade cell earns its points, and the message its student reads (capped).

    ``status`` is the outcome's kind (`autograder.core.outcome.Status` key; "error" when the check
    was not judged) and ``reason`` its message without the label and status word, so that a
    notebook's ``check()`` shows a judged verdict exactly as practice mode shows its own.
    """

    passed: bool
    message: str
    status: str = "error"
    reason: str = ""

    def __post_init__(self) -> None:
        for name in ("message", "reason"):
            text = getattr(self, name)
            text = text if len(text) <= MAX_MESSAGE else text[: MAX_MESSAGE - 1] + "…"
            # A lone surrogate (JSON's "\ud800" in a kernel's evidence) could never be written to a notebook.
            object.__setattr__(self, name, text.encode("utf-8", "replace").decode("utf-8"))

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


class Fetch(Protocol):
    """What asks the kernel one need and returns its reply's text (`collect.request_answer`)."""

    async def __call__(self, need: str) -> str: ...


class Judge(Protocol):
    """What decides one check, asking ``fetch`` for the kernel's data: a judge process
    (`autograder.grading.judge.process.judge`), which runs `autograder.grading.judge.decide`."""

    async def __call__(self, assignment: str, call: GradeCall, fetch: Fetch) -> Verdict: ...


async def judge_cell(fetch: Fetch, judge: Judge, source: str, assignment: str) -> Verdict:
    """Have each check a grade cell runs judged; all must pass."""
    try:
        calls = grade_calls(source)
    except Unjudgeable as error:
        with language(assignment_language(assignment)):
            message = _("This grade cell cannot be judged outside the notebook's kernel: {error}.")
            return Verdict(False, message.format(error=error))
    messages = []
    for call in calls:
        verdict = await judge(assignment, call, fetch)
        if not verdict.passed:
            return verdict
        messages.append(verdict.message)
    return Verdict(True, "\n".join(dict.fromkeys(messages)))
