"""What a rule may learn about a student's function besides its results, and how it changes calls.

A rule sees a student's function as an `AnswerFunction`: calling it asks the side that holds the
student's objects (the kernel, `autograder.core.answering`) to run it. Functions that look inside a
student's function (is it the untouched stub? which library functions does it name?) are marked
`inspects`; a policy applied around each call (run it with the library blocked) is marked
`policy`. Both are registered by name, so the kernel runs the same code on its own objects: the
rule only names them.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

Result = TypeVar("Result")

INSPECTORS: dict[str, Callable[..., Any]] = {}
"""Every `inspects` function by its qualified name (``module:qualname``)."""
POLICIES: dict[str, Callable[..., Callable[..., Any]]] = {}
"""Every `policy` by its qualified name: ``policy(func, *args)`` is ``func`` run under it."""
REGISTRIES = {f"{__name__}.INSPECTORS": INSPECTORS, f"{__name__}.POLICIES": POLICIES}
"""Both registries by name, for the in-kernel guard to check that each entry is still the course's."""


class MissingEvidence(BaseException):
    """The judge needed a fact or a result that the kernel did not give.

    A `BaseException`, so that a rule's ``except Exception`` around a student's call never
    mistakes it for the student's own error.
    """


class AnswerFunction:
    """A student's function as a rule sees it; `autograder.core.answers` implements it."""

    def __call__(self, *args: Any) -> Any:
        raise NotImplementedError

    def expect(self, calls: Sequence[tuple[Any, ...]]) -> None:
        """Announce the calls the rule makes next, in order, so they may run together (a hint only:
        any call still gets its own answer)."""

    def observe(self, inspector: str, args: tuple[Any, ...]) -> Any:
        """What the `inspects` function ``inspector`` says of the student's function, given ``args``."""
        raise NotImplementedError

    def wrapped(self, policy: str, args: tuple[Any, ...]) -> AnswerFunction:
        """The function as the `policy` named ``policy`` (with ``args``) runs it."""
        raise NotImplementedError


def expect_calls(func: Any, calls: Sequence[tuple[Any, ...]]) -> None:
    """`AnswerFunction.expect` for a rule's function, whatever it is (a plain function ignores it)."""
    if isinstance(func, AnswerFunction):
        func.expect(calls)


def qualified(function: Callable[..., Any]) -> str:
    """The name both sides look a registered function up by."""
    return f"{function.__module__}:{function.__qualname__}"


def inspects(inspect: Callable[..., Result]) -> Callable[..., Result]:
    """Mark a function whose first argument is a student's function and whose result is a fact."""
    name = qualified(inspect)
    INSPECTORS[name] = inspect

    @functools.wraps(inspect)
    def observed(func: Any, *args: Any) -> Result:
        if isinstance(func, AnswerFunction):
            return func.observe(name, args)
        return inspect(func, *args)

    return observed


def policy(transform: Callable[..., Callable[..., Any]]) -> Callable[..., Callable[..., Any]]:
    """Mark ``transform(func, *args)``, which returns ``func`` changed around each call."""
    name = qualified(transform)
    POLICIES[name] = transform

    @functools.wraps(transform)
    def applied(func: Any, *args: Any) -> Callable[..., Any]:
        if isinstance(func, AnswerFunction):
            return func.wrapped(name, args)
        return transform(func, *args)

    return applied
