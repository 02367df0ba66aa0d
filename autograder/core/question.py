"""Declared questions: each says what a right answer is; none knows how feedback is shown.

A question turns the student's namespace into an `Outcome`. The same object answers
``q_1.check()`` in a notebook and decides the nbgrader grade cell (``q_1.assert_correct()``);
grading only adds randomized cases (``extra_cases``), never a different rule.

The rule runs on a `DrivenNamespace` (`autograder.core.answers`): it asks the side holding the
student's objects for each value, call and fact, and gets data back. `judge` runs it with any
supply of answers (the kernel's, through the grading worker or the class's judge service);
`evaluate` answers from a namespace in this process (practice mode), through the same encoding.
"""

from __future__ import annotations

import copy
import random
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, ClassVar

import numpy as np

from autograder.core import outcome as outcomes
from autograder.core.answering import local_supply
from autograder.core.answers import DrivenNamespace, Supply
from autograder.core.diagnoses import Diagnosis, ShapeDiagnosis
from autograder.core.evidence import EvidenceError
from autograder.core.observed import MissingEvidence, expect_calls
from autograder.core.outcome import (
    CheckerBug,
    Incorrect,
    NotAttempted,
    Outcome,
    Status,
    StudentCodeError,
    raised_by_student_code,
)
from autograder.core.placeholder import contains_placeholder, is_untouched_stub
from autograder.core.student_errors import code_error_text
from autograder.core.values import as_numbers, close, describe
from autograder.i18n import _, ngettext


@dataclass
class CheckContext:
    """What a rule may use besides the answer: the namespace and a seeded random source."""

    namespace: Mapping[str, Any]
    extra_cases: int = 0
    rng: random.Random = field(default_factory=lambda: random.Random(0))


class Question:
    """Base of all questions: hints and a solution, plus `evaluate` (points are the grade cells')."""

    hints: ClassVar[tuple[str, ...]] = ()
    solution: ClassVar[str] = ""
    graded: ClassVar[bool] = True

    def evaluate(
        self, namespace: Mapping[str, Any], *, extra_cases: int = 0, seed: int = 0, label: str = ""
    ) -> Outcome:
        """Check the answer in ``namespace`` (in this process); never raises."""
        return self.judge(local_supply(namespace), extra_cases=extra_cases, seed=seed, label=label)

    def judge(self, supply: Supply, *, extra_cases: int = 0, seed: int = 0, label: str = "") -> Outcome:
        """The verdict on the answers ``supply`` gives; a missing or malformed answer is never correct."""
        return self.outcome(DrivenNamespace(supply), extra_cases=extra_cases, seed=seed, label=label)

    def outcome(self, answers: Mapping[str, Any], *, extra_cases: int = 0, seed: int = 0, label: str = "") -> Outcome:
        """Run the rule on ``answers``; never raises."""
        context = CheckContext(answers, extra_cases, random.Random(seed))
        try:
            message = self._judge(context)
        except (MissingEvidence, EvidenceError) as missing:
            return Outcome(Status.INCORRECT, unjudged(missing), label)
        except Incorrect as reason:
            return Outcome(Status.INCORRECT, str(reason), label)
        except NotAttempted as reason:
            return Outcome(Status.NOT_ATTEMPTED, str(reason), label)
        except StudentCodeError as error:
            return Outcome(Status.ERROR, code_error_text(error.error, error.context), label)
        except RecursionError as error:
            if raised_by_student_code(error):
                return Outcome(Status.ERROR, _("Your code recursed too deeply (RecursionError)."), label)
            return self._checker_bug(error, label)
        except Exception as error:
            if raised_by_student_code(error):  # a student value whose own methods raised while checked
                # Translators: the {context} of "Your code raised {error} {context}: {detail}".
                return Outcome(Status.ERROR, code_error_text(error, _("while it was being checked")), label)
            return self._checker_bug(error, label)
        status = Status.CORRECT if self.graded else Status.THOUGHT
        return Outcome(status, message, label)

    def _checker_bug(self, error: BaseException, label: str) -> Outcome:
        """The rule itself crashed: a bug of the course, never blamed on the student; raised in strict mode."""
        if outcomes.STRICT:
            raise CheckerBug(f"the check of {type(self).__name__} crashed: {type(error).__name__}: {error}") from error
        message = _(
            "The checker itself failed on your answer ({error}). This is a bug in the course's checker, not in "
            "your code: please tell your instructor."
        )
        return Outcome(Status.ERROR, message.format(error=f"{type(error).__name__}: {error}"), label)

    def _judge(self, context: CheckContext) -> str:
        raise NotImplementedError


def unjudged(reason: BaseException) -> str:
    """Why the judge could not decide: the kernel's evidence lacked something, or was malformed."""
    return _("Your answer could not be checked from what your notebook's kernel reported ({reason}).").format(
        reason=reason
    )


class ValueQuestion(Question):
    """A question answered by assigning a variable; subclasses declare `var` and `verify`."""

    var: ClassVar[str] = ""

    def _judge(self, context: CheckContext) -> str:
        if self.var not in context.namespace:
            raise NotAttempted(
                _("`{name}` is not defined yet: write your answer and run its cell.").format(name=self.var)
            )
        value = context.namespace[self.var]
        if contains_placeholder(value):
            raise NotAttempted(
                _("`{name}` still contains the placeholder `____`: replace it with your answer.").format(name=self.var)
            )
        return self.verify(value, context) or _("Well done.")

    def verify(self, value: Any, context: CheckContext) -> str | None:
        """Raise `Incorrect` with a reason, or return an optional message of praise."""
        raise NotImplementedError


class FunctionQuestion(ValueQuestion):
    """The student writes a function; it is run on fixed and random cases against a reference."""

    fixed_cases: ClassVar[tuple[tuple[Any, ...], ...]] = ()
    visible_random_cases: ClassVar[int] = 0
    diagnoses: ClassVar[tuple[Diagnosis | ShapeDiagnosis, ...]] = ()
    diagnose_from_all_cases: ClassVar[bool] = False
    """Name a slip only when it explains every wrong case, not the first wrong case alone (for results with
    few possible values, such as True/False or small pairs, where one case cannot tell slips apart)."""

    def reference(self, *args: Any) -> Any:
        raise NotImplementedError

    def random_case(self, rng: random.Random) -> tuple[Any, ...]:
        """One randomized argument tuple; questions with random cases override this."""
        raise NotImplementedError

    def same(self, got: Any, expected: Any) -> bool:
        """Whether the student's result matches the expected one (override for tolerance rules)."""
        try:
            got_array = np.asarray(got, dtype=np.float64)
        except (TypeError, ValueError):
            return False
        return close(got_array, np.asarray(expected, dtype=np.float64))

    def explain_mismatch(self, got: Any, expected: Any) -> str:
        """Why a result that is not `same` is wrong (override for sharper messages)."""
        # Translators: follows a call, as in "`f(2)` returned 3, but the expected result is 4."
        return _("returned {got}, but the expected result is {expected}.").format(
            got=short_repr(got), expected=short_repr(expected)
        )

    def cases(self, context: CheckContext) -> list[tuple[Any, ...]]:
        count = self.visible_random_cases + context.extra_cases
        return list(self.fixed_cases) + [self.random_case(context.rng) for __ in range(count)]

    def verify(self, func: Any, context: CheckContext) -> str | None:
        self.require_function(func)
        return self.praise(self.run_cases(func, context))

    def require_function(self, func: Any) -> None:
        """Refuse an answer that is not a function (`Incorrect`) or is still the starter code (`NotAttempted`)."""
        if not callable(func):
            raise Incorrect(
                _("`{name}` is {value}; it should be a function (`def {name}(...)`).").format(
                    name=self.var, value=describe(func)
                )
            )
        if is_untouched_stub(func):
            raise NotAttempted(
                _("`{name}` is still the starter code: write its body and run the cell.").format(name=self.var)
            )

    def run_cases(self, func: Callable[..., Any], context: CheckContext) -> int:
        """Check ``func`` on every case, raising on the first that fails; the number of cases."""
        cases = self.cases(context)
        expect_calls(func, cases)
        try:
            for args in cases:
                self._check_case(func, args, context)
        except Incorrect:
            better = self._consistent_diagnosis(func, cases) if self.diagnose_from_all_cases else None
            if better is None:
                raise
            raise Incorrect(better) from None
        return len(cases)

    def praise(self, count: int) -> str:
        """What a student whose function passed all ``count`` cases is told."""
        message = ngettext(
            "`{name}` gave the right result on the {count} test case.",
            "`{name}` gave the right result on all {count} test cases.",
            count,
        )
        return message.format(name=self.var, count=count)

    def case_note(
        self, error: Exception, func: Callable[..., Any], args: tuple[Any, ...], context: CheckContext
    ) -> str:
        """Sentences on what ``error``, raised by ``func(*args)``, shows ("" for none); put before the error."""
        return ""

    def _consistent_diagnosis(self, func: Callable[..., Any], cases: list[tuple[Any, ...]]) -> str | None:
        """The first diagnosis that gives the student's result on every case, named at the first wrong one."""
        results = []
        expect_calls(func, cases)
        for args in cases:
            try:
                results.append(func(*copy.deepcopy(args)))
            except Exception:
                return None
        wrong = [
            index
            for index, (args, got) in enumerate(zip(cases, results, strict=True))
            if not self.same(got, self.reference(*copy.deepcopy(args)))
        ]
        if not wrong:
            return None
        for diagnosis in self.diagnoses:
            if isinstance(diagnosis, Diagnosis) and all(
                diagnosis.recognises(self, got, args, None) for args, got in zip(cases, results, strict=True)
            ):
                return diagnosed(format_call(self.var, cases[wrong[0]]), diagnosis)
        return None

    def _check_case(self, func: Callable[..., Any], args: tuple[Any, ...], context: CheckContext) -> None:
        call = format_call(self.var, args)
        expected = self.reference(*copy.deepcopy(args))
        try:
            got = func(*copy.deepcopy(args))
        except Exception as error:
            # Translators: the {context} of "Your code raised {error} {context}: {detail}"; {call} is code.
            where = _("when called as {call}").format(call=call)
            note = self.case_note(error, func, args, context)
            if note:
                where = with_notes(where, note)
            raise StudentCodeError(error, where) from None
        if got is None:
            raise Incorrect(_("{call} returned None. Did you forget a `return` statement?").format(call=call))
        if contains_placeholder(got):
            raise NotAttempted(_("{call} still returns the placeholder `____`.").format(call=call))
        if self.same(got, expected):
            return
        for diagnosis in () if self.diagnose_from_all_cases else self.diagnoses:
            if diagnosis.recognises(self, got, args, expected):
                raise Incorrect(diagnosed(call, diagnosis))
        # Translators: {call} is code such as `f(2)`; {mismatch} what it did wrong ("returned 3, but ...").
        raise Incorrect(_("{call} {mismatch}").format(call=call, mismatch=self.explain_mismatch(got, expected)))


def is_whole_number(value: Any) -> bool:
    """An int (Python's or numpy's), not a bool."""
    return isinstance(value, (int, np.integer)) and not isinstance(value, (bool, np.bool_))


class CountQuestion(FunctionQuestion):
    """A function question whose result is a whole number (a size, a count of positions or parameters)."""

    whole_floats: ClassVar[bool] = False
    """Whether a float or a 0-d array holding the right whole number passes too (not only an int)."""

    def same(self, got: Any, expected: Any) -> bool:
        if is_whole_number(got):
            return int(got) == expected
        if not self.whole_floats:
            return False
        array = as_numbers(got)
        return array is not None and array.shape == () and float(array) == float(expected)


class YesNoQuestion(FunctionQuestion):
    """A function question whose result is True or False (Python's or numpy's bool, or 1 and 0).

    With two possible results, one wrong case cannot tell slips apart: a slip is named only when it
    explains every case."""

    diagnose_from_all_cases: ClassVar[bool] = True

    def same(self, got: Any, expected: Any) -> bool:
        return truth_value(got) is not None and truth_value(got) == bool(expected)

    def explain_mismatch(self, got: Any, expected: Any) -> str:
        if truth_value(got) is None:
            return _("returned {value}; return True or False (a comparison such as `a == b` gives one).").format(
                value=short_repr(got)
            )
        return self.explain_wrong_truth(bool(expected)).format(value=got)

    def explain_wrong_truth(self, expected: bool) -> str:
        """What TensorFlow shows instead, with a ``{value}`` slot for the student's answer."""
        raise NotImplementedError


def truth_value(value: Any) -> bool | None:
    """True or False from a bool (Python's or numpy's) or the whole numbers 1 and 0; None for anything else."""
    if isinstance(value, (bool, np.bool_)):
        return bool(value)
    if isinstance(value, (int, np.integer)) and int(value) in (0, 1):
        return bool(value)
    return None


class ThoughtQuestion(Question):
    """A question for reflection: no answer to check, a discussion to read, no grade cell."""

    graded: ClassVar[bool] = False

    def _judge(self, context: CheckContext) -> str:
        return _("There is nothing to check here: think it through, then read the discussion with `solution()`.")


class MultipartQuestion(Question):
    """A question made of named parts (``q_4.a``, ``q_4.b``), each a question of its own."""

    parts: ClassVar[Mapping[str, Question]] = {}

    def outcome(self, answers: Mapping[str, Any], *, extra_cases: int = 0, seed: int = 0, label: str = "") -> Outcome:
        """The first part that is not correct decides; all parts correct make the whole correct."""
        for offset, (name, part) in enumerate(self.parts.items()):
            outcome = part.outcome(answers, extra_cases=extra_cases, seed=seed + offset)
            if not outcome.passed:
                message = _("Part {part}: {message}").format(part=name, message=outcome.message)
                return Outcome(outcome.status, message, label)
        count = len(self.parts)
        return Outcome(
            Status.CORRECT,
            ngettext("Its only part is correct.", "All {count} parts are correct.", count).format(count=count),
            label,
        )


def short_repr(value: Any, limit: int = 160) -> str:
    """A bounded repr of a student value or result, arrays shown by their numbers."""
    try:
        if hasattr(value, "numpy") and hasattr(value, "shape"):
            value = value.numpy()
        if isinstance(value, np.ndarray):
            text = np.array2string(value, precision=4, threshold=40, separator=", ")
        else:
            text = repr(value)
    except Exception:
        text = f"<{describe(value)}>"
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 3] + "..."


def format_call(name: str, args: tuple[Any, ...]) -> str:
    """``name(arg, ...)`` with each argument shown briefly (arrays by their shape)."""
    shown = []
    for arg in args:
        shape = getattr(arg, "shape", None)
        if shape is not None and len(tuple(shape)) > 1:
            # Translators: stands for an array among the arguments of a call shown as code, `f(<array ...>, 2)`.
            shown.append(_("<array of shape {shape}>").format(shape=tuple(int(d) for d in shape)))
        else:
            shown.append(short_repr(arg, 60))
    return f"`{name}({', '.join(shown)})`"


def array_problem(got: Any, expected_shape: tuple[int, ...], not_numbers: str, wrong_shape: str) -> str:
    """Why a result is not an array of numbers of ``expected_shape`` ("" when it is): ``not_numbers``
    (with ``{value}``) or ``wrong_shape`` (with ``{shape}`` and ``{expected}``), both translated."""
    array = as_numbers(got)
    if array is None:
        return not_numbers.format(value=short_repr(got, 80))
    if array.shape != expected_shape:
        return wrong_shape.format(shape=array.shape, expected=expected_shape)
    return ""


def with_notes(where: str, notes: str) -> str:
    """The place of a student's error with sentences on what it shows, put before the error itself."""
    # Translators: {context} is "when called as `f(1)`", {notes} whole sentences; the error follows.
    return _("{context}. {notes} The error was").format(context=where, notes=notes)


def diagnosed(call: str, diagnosis: Diagnosis | ShapeDiagnosis) -> str:
    """A call's result that a diagnosis recognised, and what the slip was (its message, translated here)."""
    # Translators: {call} is code such as `f(2)`; {diagnosis} says what went wrong.
    return _("{call}: {diagnosis}").format(call=call, diagnosis=_(diagnosis.message))
