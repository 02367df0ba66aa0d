"""The student's side of a check: answers the checker's needs (`autograder.core.answers`) with data.

Runs where the student's objects are (the notebook's kernel, or the same process in practice
mode) and holds no answer: it reads a name, runs a student's function on the arguments the rule
chose, or runs a registered inspector on it, and encodes what it found as evidence. The grading
worker and the class's judge service reach it through one silent request per need
(`answer_text`); practice mode calls `answer` in process.
"""

from __future__ import annotations

import importlib
import json
from collections.abc import Callable, Mapping
from typing import Any

from autograder.core.answers import unpack
from autograder.core.evidence import decode, dumps, encode, encode_error
from autograder.core.observed import INSPECTORS, POLICIES
from autograder.core.values import is_tensor


def is_function(value: Any) -> bool:
    """Answers that are used as functions (called, never read as data)."""
    return callable(value) and not is_tensor(value)


def _registered(registry: dict[str, Any], name: str) -> Any:
    """A registered inspector or policy, importing the course module that declares it if need be."""
    if name not in registry:
        module = name.partition(":")[0]
        if module == "autograder" or module.startswith("autograder."):
            importlib.import_module(module)
    return registry[name]


def answer(need: Mapping[str, Any], namespace: Mapping[str, Any]) -> dict[str, Any]:
    """The answer to one need, read from ``namespace``; a student's error is part of the answer."""
    try:
        if "read" in need:
            name = need["read"]
            if name not in namespace:
                return {"absent": True}
            value = namespace[name]
            return {"function": True} if is_function(value) else {"value": encode(value)}
        func = namespace[need.get("call") or need["fact"]]
        if "fact" in need:
            inspector: Callable[..., Any] = _registered(INSPECTORS, need["inspector"])
            return {"fact": encode(inspector(func, *unpack(need["args"])))}
        for policy, args in need.get("policies", ()):
            func = _registered(POLICIES, policy)(func, *unpack(args))
        return {"returned": encode(func(*decode(need["args"])))}
    except Exception as error:
        return {"raised": encode_error(error)}


def answer_text(need: str) -> str:
    """`answer` for a need as JSON text, from the notebook's bound namespace (the silent request)."""
    from autograder import binder

    return dumps(answer(json.loads(need), binder.namespace()))


def local_supply(namespace: Mapping[str, Any]) -> Callable[[str], Any]:
    """A supply answering from ``namespace`` in this process, through the same encoding as a kernel's."""

    def supply(need: str) -> Any:
        return json.loads(dumps(answer(json.loads(need), namespace)))

    return supply
