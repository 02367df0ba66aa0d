"""The student's namespace as a rule reads it: every read and call is a request for data.

A rule runs only on the checker's side (the judge, or the notebook's own process in practice
mode) and holds no student object. It reads a `DrivenNamespace`: each first read of a name, each
call of a student's function and each fact about one (`autograder.core.observed`) is a request,
a *need*, sent to the side holding the student's objects (`autograder.core.answering`, in the
kernel), which answers with data: a value encoded as evidence (`autograder.core.evidence`), a
result, or the error the student's code raised. The rule decodes what comes back, so it sees the
same data in practice mode, in the judge of `autograder grade` and in the class's judge service.

Needs are typed records (`autograder.core.needs`) sent as JSON text; their function arguments are
encoded as evidence, and the arguments of inspectors and policies (checker-made objects, trusted)
are pickled. Answers come from the student's side and are only ever decoded as evidence.
"""

from __future__ import annotations

import base64
import pickle
from collections import deque
from collections.abc import Callable, Iterator, Mapping, Sequence
from itertools import islice
from typing import Any

from autograder.core.evidence import EvidenceError, decode, decode_error, dumps, encode
from autograder.core.needs import Call, Calls, Fact, Need, Policies, Read, to_text
from autograder.core.observed import AnswerFunction, MissingEvidence
from autograder.core.outcome import mark_student_error
from autograder.i18n import _

Supply = Callable[[str], Any]
"""Sends one need (JSON text) to the student's side and returns its answer, parsed from JSON (or
raises `MissingEvidence` when none came)."""

MAX_NEEDS = 2_000
"""The most answers one check may ask for, a batch counting one per call (the longest honest check,
exercise 3's q_1 with the hidden tests' cases, asks for fewer than 400)."""
MAX_BATCH = 64
"""The most calls of a student's function asked for in one request."""


def pack(value: Any) -> str:
    """Checker-made arguments of an inspector or a policy, as text for the need (trusted direction)."""
    return base64.b64encode(pickle.dumps(value)).decode()


def unpack(text: str) -> Any:
    """What `pack` made (read on the student's side only)."""
    return pickle.loads(base64.b64decode(text))  # noqa: S301 - made by the checker, never by the student


def one_answer(answer: Any) -> dict[str, Any]:
    """``answer`` as a one-key object; the student's error raised as theirs, `EvidenceError` when malformed."""
    if type(answer) is not dict or len(answer) != 1:
        raise EvidenceError(_("the kernel's answer is malformed"))
    if "raised" in answer:
        raise mark_student_error(decode_error(answer["raised"]))
    return answer


class _Absent:
    """Marks a name the student never defined."""


_ABSENT_VALUE = _Absent()


class DrivenNamespace(Mapping[str, Any]):
    """The student's names as the rule reads them, each asked for once through ``supply``."""

    def __init__(self, supply: Supply) -> None:
        self._supply = supply
        self._asked = 0
        self._seen: dict[str, Any] = {}

    def ask(self, need: Need, answers: int = 1) -> dict[str, Any]:
        """The answer to one need standing for ``answers`` answers, as a one-key object."""
        self._asked += answers
        if self._asked > MAX_NEEDS:
            raise MissingEvidence(_("the check needed more than {count} answers").format(count=MAX_NEEDS))
        return one_answer(self._supply(to_text(need)))

    def __getitem__(self, name: str) -> Any:
        if type(name) is not str:
            raise KeyError(name)
        if name not in self._seen:
            answer = self.ask(Read(name))
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
    """A student's function as the rule sees it: each call runs it on the student's side.

    Calls the rule announced with `expect` run ahead in batches that double from one call to
    `MAX_BATCH`, so a rule never has more calls run than twice those it has made, and a check of
    200 cases costs nine requests instead of 200. A call other than the next announced one drops
    the plan and runs alone.
    """

    def __init__(self, answers: DrivenNamespace, name: str, policies: Policies = ()) -> None:
        self._answers = answers
        self._name = name
        self._policies = policies
        self._planned: deque[tuple[str, Any]] = deque()
        self._ready: deque[Any] = deque()
        self._batch = 1

    def expect(self, calls: Sequence[tuple[Any, ...]]) -> None:
        encoded = (encode(args) for args in calls)
        self._planned = deque((dumps(args), args) for args in encoded)
        self._ready.clear()
        self._batch = 1

    def __call__(self, *args: Any) -> Any:
        encoded = encode(args)
        if self._planned and self._planned[0][0] == dumps(encoded):
            if not self._ready:
                self._run_ahead()
            self._planned.popleft()
            answer = one_answer(self._ready.popleft())
        else:
            self._planned.clear()
            self._ready.clear()
            answer = self._answers.ask(Call(self._name, encoded, self._policies))
        if "returned" not in answer:
            raise EvidenceError(_("a recorded call has no result"))
        return decode(answer["returned"])

    def _run_ahead(self) -> None:
        """Ask for the next batch of announced calls; the kernel may answer fewer (`answering`)."""
        batch = [args for _key, args in islice(self._planned, self._batch)]
        results = self._answers.ask(Calls(self._name, tuple(batch), self._policies), answers=len(batch)).get("results")
        if type(results) is not list or not 1 <= len(results) <= len(batch):
            raise EvidenceError(_("the kernel's answer is malformed"))
        self._ready.extend(results)
        self._batch = min(2 * self._batch, MAX_BATCH)

    def observe(self, inspector: str, args: tuple[Any, ...]) -> Any:
        answer = self._answers.ask(Fact(self._name, inspector, pack(args)))
        if "fact" not in answer:
            raise EvidenceError(_("the kernel's answer is malformed"))
        return decode(answer["fact"])

    def wrapped(self, policy: str, args: tuple[Any, ...]) -> AnswerFunction:
        return DrivenFunction(self._answers, self._name, (*self._policies, (policy, pack(args))))

    def __repr__(self) -> str:
        return "<answer function>"
