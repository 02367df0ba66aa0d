"""The student's side of a check: answers the checker's needs (`autograder.core.answers`) with data.

Runs where the student's objects are (the notebook's kernel, or the same process in practice
mode) and holds no answer: it reads a name, runs a student's function on the arguments the rule
chose (one call, or a batch of calls the rule said would come next), or runs a registered
inspector on it, and encodes what it found as evidence. The grading
worker and the class's judge service reach it through one silent request per need
(`answer_text`); practice mode calls `answer` in process.
"""

from __future__ import annotations

import importlib
import json
import time
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from autograder.core.answers import unpack
from autograder.core.evidence import MAX_BYTES, decode, dumps, encode, encode_error
from autograder.core.needs import Calls, Fact, Need, Policies, Read, from_text
from autograder.core.observed import INSPECTORS, POLICIES
from autograder.core.values import is_tensor


def is_function(value: Any) -> bool:
    """Answers that are used as functions (called, never read as data)."""
    return callable(value) and not is_tensor(value)


BATCH_SECONDS = 0.5
"""A batch of calls stops once it has run this long, so a slow function is asked one call at a time."""
BATCH_BYTES = MAX_BYTES // 2
"""A batch of calls stops before a next result of the largest size so far would pass this."""


def _registered(registry: dict[str, Any], name: str) -> Any:
    """A registered inspector or policy, importing the course module that declares it if need be."""
    if name not in registry:
        module = name.partition(":")[0]
        if module == "autograder" or module.startswith("autograder."):
            importlib.import_module(module)
    return registry[name]


def answer(need: Need, namespace: Mapping[str, Any]) -> dict[str, Any]:
    """The answer to one need, read from ``namespace``; a student's error is part of the answer
    (anything but a need is the caller's error, raised)."""
    if not isinstance(need, Need):
        raise TypeError(f"not a need: {type(need).__name__}")
    try:
        if isinstance(need, Read):
            if need.name not in namespace:
                return {"absent": True}
            value = namespace[need.name]
            return {"function": True} if is_function(value) else {"value": encode(value)}
        if isinstance(need, Fact):
            inspector: Callable[..., Any] = _registered(INSPECTORS, need.inspector)
            return {"fact": encode(inspector(namespace[need.name], *unpack(need.args)))}
        func = _with_policies(namespace[need.name], need.policies)
        if isinstance(need, Calls):
            return {"results": _results(func, need.args_list)}
        return {"returned": encode(func(*decode(need.args)))}
    except Exception as error:
        return {"raised": encode_error(error)}


def _with_policies(func: Callable[..., Any], policies: Policies) -> Callable[..., Any]:
    """``func`` run under ``policies``, innermost first."""
    for policy, args in policies:
        func = _registered(POLICIES, policy)(func, *unpack(args))
    return func


def _results(func: Callable[..., Any], args_list: Sequence[Any]) -> list[dict[str, Any]]:
    """The answers to calls of ``func`` made in order; fewer when one raised (it is the last answer),
    when they took `BATCH_SECONDS`, or when one more result could pass `BATCH_BYTES`. The checker asks
    again for the calls left, so each runs once, in the order the rule makes them."""
    results: list[dict[str, Any]] = []
    size = largest = 0
    started = time.monotonic()
    for args in args_list:
        if results and (size + largest > BATCH_BYTES or time.monotonic() - started > BATCH_SECONDS):
            break
        try:
            result = {"returned": encode(func(*decode(args)))}
        except Exception as error:
            results.append({"raised": encode_error(error)})
            break
        results.append(result)
        length = len(dumps(result))
        size, largest = size + length, max(largest, length)
    return results


def answer_text(need: str, namespace: Mapping[str, Any] | None = None) -> str:
    """`answer` for a need's text as JSON text, from ``namespace`` or else the notebook's bound one
    (the silent request). A need it cannot read raises `EvidenceError`, so the request fails
    instead of answering with an error that would be taken for the student's."""
    from autograder import binder

    return dumps(answer(from_text(need), binder.namespace() if namespace is None else namespace))


def local_supply(namespace: Mapping[str, Any]) -> Callable[[str], Any]:
    """A supply answering from ``namespace`` in this process, through the same encoding as a kernel's."""

    def supply(need: str) -> Any:
        return json.loads(dumps(answer(from_text(need), namespace)))

    return supply
