"""What a rule asks of the student's side, as small typed records with one wire form.

The checker (`autograder.core.answers`) makes needs and the student's side
(`autograder.core.answering`) answers them; both go through `to_text` and `from_text`, so a new
kind of need is one class here and neither side can read a field the other did not write. A
need's ``args`` are evidence (`autograder.core.evidence`) for a student's function, or pickled text
(`autograder.core.answers.pack`) for a checker-made inspector or policy.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, fields
from typing import Any, ClassVar

from autograder.core.evidence import EvidenceError

Policies = tuple[tuple[str, str], ...]
"""Checker-made wrappers around a student's function: (policy's registered name, packed args)."""


@dataclass(frozen=True)
class Read:
    """The value of ``name``, whether it is a function, or that it is not defined."""

    kind: ClassVar[str] = "read"
    name: str


@dataclass(frozen=True)
class Call:
    """One call of the student's function ``name`` on ``args`` (encoded), under ``policies``."""

    kind: ClassVar[str] = "call"
    name: str
    args: Any
    policies: Policies = ()


@dataclass(frozen=True)
class Calls:
    """Calls of ``name`` the rule announced, run in order (the student's side may answer fewer)."""

    kind: ClassVar[str] = "calls"
    name: str
    args_list: tuple[Any, ...]
    policies: Policies = ()


@dataclass(frozen=True)
class Fact:
    """What the registered ``inspector`` finds about ``name``, given its packed ``args``."""

    kind: ClassVar[str] = "fact"
    name: str
    inspector: str
    args: str


Need = Read | Call | Calls | Fact
KINDS: dict[str, type[Read] | type[Call] | type[Calls] | type[Fact]] = {
    kind.kind: kind for kind in (Read, Call, Calls, Fact)
}


def to_text(need: Need) -> str:
    """``need`` as the JSON text that travels to the student's side."""
    return json.dumps({"kind": need.kind, **asdict(need)})


def from_text(text: str) -> Need:
    """The need in ``text``; `EvidenceError` for anything `to_text` could not have written."""
    try:
        document = json.loads(text)
    except (ValueError, RecursionError):
        raise EvidenceError("the need is not JSON") from None
    kind = KINDS.get(document.pop("kind", None)) if type(document) is dict else None
    if kind is None or not set(document) <= {field.name for field in fields(kind)}:
        raise EvidenceError("the need is malformed")
    if "policies" in document:
        document["policies"] = _policies(document["policies"])
    if "args_list" in document:
        document["args_list"] = tuple(_typed(document["args_list"], list))
    try:
        need = kind(**document)
    except TypeError:
        raise EvidenceError("the need is malformed") from None
    _typed(need.name, str)
    if isinstance(need, Fact):
        _typed(need.inspector, str)
        _typed(need.args, str)
    return need


def _policies(value: Any) -> Policies:
    policies = _typed(value, list)
    if not all(type(policy) is list and [type(part) for part in policy] == [str, str] for policy in policies):
        raise EvidenceError("the need is malformed")
    return tuple((name, args) for name, args in policies)


def _typed(value: Any, kind: type) -> Any:
    if type(value) is not kind:
        raise EvidenceError("the need is malformed")
    return value
