"""What a rule may learn about a student's function besides its results, recorded as evidence.

A rule sees a student's function as an `AnswerFunction`: calling it runs the function (in the
student's kernel) or replays what it returned there (in the judge). Functions that look inside a
student's function (is it the untouched stub? which library functions does it name?) are marked
`inspects`; on an `AnswerFunction` their answer becomes evidence under a key, so the judge reads
the fact instead of the code it never sees.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any, TypeVar

Result = TypeVar("Result")


class MissingEvidence(BaseException):
    """The judge needed a fact or a result that the kernel's evidence does not hold.

    A `BaseException`, so that a rule's ``except Exception`` around a student's call never
    mistakes it for the student's own error.
    """


class AnswerFunction:
    """A student's function as a rule sees it; `answers` implements the live and replayed kinds."""

    def __call__(self, *args: Any) -> Any:
        raise NotImplementedError

    def observe(self, key: str, compute: Callable[[Any], Any]) -> Any:
        """``compute(function)`` in the kernel, recorded under ``key``; the recorded value in the judge."""
        raise NotImplementedError

    def wrapped(self, tag: str, transform: Callable[[Callable[..., Any]], Callable[..., Any]]) -> AnswerFunction:
        """The function as ``transform`` changes it (a policy applied around each call), recorded apart."""
        raise NotImplementedError


def inspects(inspect: Callable[..., Result]) -> Callable[..., Result]:
    """Mark a function whose first argument is a student's function and whose result is a fact."""

    @functools.wraps(inspect)
    def observed(func: Any, *args: Any) -> Result:
        if isinstance(func, AnswerFunction):
            key = f"{inspect.__module__}.{inspect.__qualname__}{args!r}"
            return func.observe(key, lambda target: inspect(target, *args))
        return inspect(func, *args)

    return observed
