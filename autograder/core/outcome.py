"""What a check concludes, and the exceptions rules raise to say so."""

from __future__ import annotations

import contextlib
import os
import sys
from dataclasses import dataclass
from enum import Enum
from pathlib import Path

from autograder.core.student_errors import code_error_text
from autograder.i18n import N_, _


class Status(str, Enum):
    """The kinds of feedback a learner can get; the value is the word shown to them."""

    CORRECT = N_("Correct")
    INCORRECT = N_("Incorrect")
    NOT_ATTEMPTED = N_("Not attempted")
    ERROR = N_("Error")
    THOUGHT = N_("Thought question")

    @property
    def key(self) -> str:
        return self.name.lower()

    @property
    def label(self) -> str:
        """The word shown to the learner, in their language."""
        return _(self.value)


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
            "label": self.status.label,
            "message": self.message,
            "passed": self.passed,
        }

    def text(self) -> str:
        prefix = f"{self.question}: " if self.question else ""
        return f"{prefix}{self.status.label}. {self.message}".rstrip()


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
        """The sentence the student reads, in their language."""
        return code_error_text(self.error, self.context)


class CheckerBug(RuntimeError):
    """A rule crashed without the student's code being involved: raised instead of an outcome in strict mode."""


STRICT = os.environ.get("AUTOGRADER_STRICT", "") == "1"
"""Strict mode (the test suite sets it): a checker's own crash raises `CheckerBug` instead of becoming feedback."""

_STUDENT_MARK = "_autograder_raised_by_student_code"
_PACKAGE = str(Path(__file__).resolve().parents[1])
_LIBRARIES = tuple({str(Path(prefix).resolve()) for prefix in (sys.prefix, sys.base_prefix, sys.exec_prefix)})


def mark_student_error(error: BaseException) -> BaseException:
    """Mark an exception as raised by the student's code (the judge's replay of a recorded error)."""
    with contextlib.suppress(Exception):  # a class that refuses attributes: its traceback still decides
        setattr(error, _STUDENT_MARK, True)
    return error


def _is_student_file(filename: str) -> bool:
    """A frame's file is the student's: not the autograder package, not Python's or an installed library."""
    if filename.startswith("<frozen ") or filename.startswith("<__array_function__"):
        return False
    if filename.startswith("<"):  # "<string>", "<ipython-input-...>": code a notebook or a test executed
        return True
    path = str(Path(filename).resolve())
    return not (path.startswith(_PACKAGE + os.sep) or any(path.startswith(root + os.sep) for root in _LIBRARIES))


def raised_by_student_code(error: BaseException) -> bool:
    """Whether the error, or one it was raised from, passed through the student's code.

    True for a `StudentCodeError`, for an error the judge replays from the kernel's evidence, and for
    any error whose traceback holds a frame from code outside the autograder and the installed
    libraries (the student's notebook cells and the functions and values they define).
    """
    seen: set[int] = set()
    current: BaseException | None = error
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        if isinstance(current, StudentCodeError) or getattr(current, _STUDENT_MARK, False):
            return True
        trace = current.__traceback__
        while trace is not None:
            if _is_student_file(trace.tb_frame.f_code.co_filename):
                return True
            trace = trace.tb_next
        current = current.__cause__ or current.__context__
    return False
