"""What a check concludes, and the exceptions rules raise to say so."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum


class Status(str, Enum):
    """The kinds of feedback a learner can get; the value is the word shown to them."""

    CORRECT = "Correct"
    INCORRECT = "Incorrect"
    NOT_ATTEMPTED = "Not attempted"
    ERROR = "Error"
    THOUGHT = "Thought question"

    @property
    def key(self) -> str:
        return self.name.lower()


@dataclass(frozen=True)
class Outcome:
    """The result of checking one question: a status and a message for the learner."""

    status: Status
    message: str
    question: str = ""

    @property
    def passed(self) -> bool:
        return self.status is Status.CORRECT

    def as_dict(self) -> dict[str, object]:
        return {
            "question": self.question,
            "status": self.status.key,
            "label": self.status.value,
            "message": self.message,
            "passed": self.passed,
        }

    def text(self) -> str:
        prefix = f"{self.question}: " if self.question else ""
        return f"{prefix}{self.status.value}. {self.message}".rstrip()


class Incorrect(Exception):
    """Raised by a rule: the answer is wrong, and the message says why."""


class NotAttempted(Exception):
    """Raised by a rule: the answer still holds starter code."""


class StudentCodeError(Exception):
    """The student's own code raised while the checker used it."""

    def __init__(self, error: BaseException, context: str = "") -> None:
        self.error = error
        self.context = context
        super().__init__(self.describe())

    def describe(self) -> str:
        name = type(self.error).__name__
        detail = str(self.error).strip()
        where = f" {self.context}" if self.context else ""
        return f"Your code raised {name}{where}: {detail}" if detail else f"Your code raised {name}{where}."
