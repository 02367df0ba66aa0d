"""The student's namespace as a rule reads it: every read and call is a request for data.

A rule runs only on the checker's side (the judge, or the notebook's own process in practice
mode) and holds no student object. It reads a `DrivenNamespace`: each first read of a name, each
call of a student's function and each fact about one (`autograder.core.observed`) is a request,
a *need*, sent to the side holding the student's objects (`autograder.core.answering`, in the
kernel), which answers with data: a value encoded as evidence (`autograder.core.evidence`), a
result, or the error the student's code raised. The rule decodes what comes back, so it sees the
same data in practice mode, in the judge of `autograder grade` and in the class's judge service.

Needs are JSON documents made by the checker; their function arguments are encoded as evidence,
and the arguments of inspectors and policies (checker-made objects, trusted) are pickled.
Answers come from the student's side and are only ever decoded as evidence.
"""

from __future__ import annotations

import base64
import json
import pickle
from collections.abc import Callable, Iterator, Mapping
from typing import Any

from autograder.core.evidence import EvidenceError, decode, decode_error, encode
from autograder.core.observed import AnswerFunction, MissingEvidence
from autograder.core.outcome import mark_student_error
from autograder.i18n import _

Supply = Callable[[str], Any]
"""Sends one need (JSON text) to the student's side and returns its answer, parsed from JSON (or
raises `MissingEvidence` when none came)."""

MAX_NEEDS = 2_000
"""The most requests one check may make (the longest honest check makes fewer than 100)."""


def pack(value: Any) -> str:
    """Checker-made arguments of an inspector or a policy, as text for the need (trusted direction)."""
    return base64.b64encode(pickle.dumps(value)).decode()


def unpack(text: str) -> Any:
    """What `pack` made (read on the student's side only)."""
    return pickle.loads(base64.b64decode(text))  # noqa: S301 - made by the checker, never by the student


class _Absent:
    """Marks a name the student never defined."""


_ABSENT_VALUE = _Absent()


class DrivenNamespace(Mapping[str, Any]):
    """The student's names as the rule reads them, each asked for once through ``supply``."""

    def __init__(self, supply: Supply) -> None:
        self._supply = supply
        self._asked = 0
        self._seen: dict[str, Any] = {}

    def ask(self, need: dict[str, Any]) -> dict[str, Any]:
        """The answer to one need, as a one-key object (`EvidenceError` when malformed)."""
        self._asked += 1
        if self._asked > MAX_NEEDS:
            raise MissingEvidence(_("the check needed more than {count} answers").format(count=MAX_NEEDS))
        answer = self._supply(json.dumps(need))
        if type(answer) is not dict or len(answer) != 1:
            raise EvidenceError(_("the kernel's answer is malformed"))
        if "raised" in answer:
            raise mark_student_error(decode_error(answer["raised"]))
        return answer

    def __getitem__(self, name: str) -> Any:
        if type(name) is not str:
            raise KeyError(name)
        if name not in self._seen:
            answer = self.ask({"read": name})
            if "absent" in answer:
                self._seen[name] = _ABSENT_VALUE
            elif "function" in answer:
                self._seen[name] = DrivenFunction(self, name)
            elif "value" in answer:
                self._seen[name] = decode(answer["value"])
            else:
                raise EvidenceError(_("the kernel's answer is malformed"))
        value = self._seen[name]
        if value is _ABSENT_VALUE:
            raise KeyError(name)
        return value

    def __contains__(self, name: object) -> bool:
        try:
            self[name]  # type: ignore[index]
        except KeyError:
            return False
        return True

    def __iter__(self) -> Iterator[str]:
        return iter([name for name, value in self._seen.items() if value is not _ABSENT_VALUE])

    def __len__(self) -> int:
        return len(list(iter(self)))


class DrivenFunction(AnswerFunction):
    """A student's function as the rule sees it: each call runs it on the student's side."""

    def __init__(self, answers: DrivenNamespace, name: str, policies: tuple[tuple[str, str], ...] = ()) -> None:
        self._answers = answers
        self._name = name
        self._policies = policies

    def __call__(self, *args: Any) -> Any:
        need = {"call": self._name, "args": encode(args), "policies": [list(p) for p in self._policies]}
        answer = self._answers.ask(need)
        if "returned" not in answer:
            raise EvidenceError(_("a recorded call has no result"))
        return decode(answer["returned"])

    def observe(self, inspector: str, args: tuple[Any, ...]) -> Any:
        answer = self._answers.ask({"fact": self._name, "inspector": inspector, "args": pack(args)})
        if "fact" not in answer:
            raise EvidenceError(_("the kernel's answer is malformed"))
        return decode(answer["fact"])

    def wrapped(self, policy: str, args: tuple[Any, ...]) -> AnswerFunction:
        return DrivenFunction(self._answers, self._name, (*self._policies, (policy, pack(args))))

    def __repr__(self) -> str:
        return "<answer function>"
