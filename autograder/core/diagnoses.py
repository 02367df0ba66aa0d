"""Tempting wrong answers, declared as data: each recognises a result and says what went wrong.

Three kinds, all judged with the one tolerance of `autograder.core.values`:

- `Diagnosis`: a wrong *function*, called on the same checker-made arguments as the student's
  function; its result, compared as the question compares results, recognises the slip.
- `ShapeDiagnosis`: a slip recognised by the *shape* of the result alone (the shape the slip
  gives, computed from the arguments); it never applies where that shape is the right one.
- `ValueDiagnosis`: for a value question, a wrong *value* computed from the question's own data
  (``maps.max(axis=(1, 2))`` for "global max instead of average").

A wrong function or shape may return None: the slip does not apply to these arguments (a
mistake about the stride cannot show when the stride is 1).

Diagnoses are declared when a module is imported, so their messages are marked with ``N_``
(`autograder.i18n`) and translated where they are shown.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any, Protocol

import numpy as np

from autograder.core.values import as_numbers, close
from autograder.i18n import _


class ComparesResults(Protocol):
    def same(self, got: Any, expected: Any) -> bool: ...


@dataclass(frozen=True)
class Diagnosis:
    """A tempting wrong implementation, recognised by its output, with what to tell the student."""

    wrong: Callable[..., Any]
    message: str

    def recognises(self, question: ComparesResults, got: Any, args: tuple[Any, ...], expected: Any) -> bool:
        wrong = self.wrong(*copy.deepcopy(args))
        return wrong is not None and question.same(got, wrong)


@dataclass(frozen=True)
class ShapeDiagnosis:
    """A slip recognised by the shape it gives: ``shape(*args)``, unless that is the right shape."""

    shape: Callable[..., Any]
    message: str

    def recognises(self, question: ComparesResults, got: Any, args: tuple[Any, ...], expected: Any) -> bool:
        wrong = self.shape(*args)
        if wrong is None:
            return False
        wrong = tuple(int(n) for n in wrong)
        if wrong == tuple(np.shape(expected)):
            return False
        array = as_numbers(got)
        return array is not None and array.shape == wrong


@dataclass(frozen=True)
class ValueDiagnosis:
    """A tempting wrong value, computed from the question's data; ``{shape}`` in the message is the answer's."""

    wrong: Callable[[Any], Any]
    message: str

    def recognises(self, answer: np.ndarray, data: Any) -> bool:
        return close(answer, self.wrong(data))


def diagnose_value(answer: np.ndarray, data: Any, diagnoses: Iterable[ValueDiagnosis]) -> str | None:
    """The message of the first diagnosis that recognises ``answer``, in the learner's language (None if none does)."""
    for diagnosis in diagnoses:
        if diagnosis.recognises(answer, data):
            return _(diagnosis.message).format(shape=tuple(answer.shape))
    return None
