"""The student's namespace as a rule reads it: live and recorded in the kernel, replayed in the judge.

One rule, two runs. In the student's kernel a rule reads a `RecordingNamespace`: every value it
reads is turned into evidence (`autograder.core.evidence`) and handed to the rule as decoded
from that evidence; every function is a `LiveFunction` that records each call's arguments and
result. The judge, a process that never ran student code, runs the same rule on a
`ReplayNamespace` built from that evidence alone: values decode to the same data and functions
answer each call with its recorded result. Arguments come from the judge's own rule, so a result
recorded for any other call is never used, and a call or read the kernel did not record is
`MissingEvidence`: the answer is not judged correct.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterator, Mapping
from typing import Any

from autograder.core.evidence import EvidenceError, decode, decode_error, dumps, encode, encode_error
from autograder.core.observed import AnswerFunction, MissingEvidence
from autograder.core.outcome import mark_student_error
from autograder.core.values import describe, is_tensor
from autograder.i18n import _

ABSENT = {"absent": True}


def call_key(args: tuple[Any, ...]) -> str:
    """The arguments of a call, as the text both sides compute from checker-made arguments."""
    return dumps(encode(args))


def is_function(value: Any) -> bool:
    """Answers that are recorded as functions (called, never read as data)."""
    return callable(value) and not is_tensor(value)


class _Absent:
    """Marks a name the student never defined."""


_ABSENT_VALUE = _Absent()


class AnswerNamespace(Mapping[str, Any]):
    """The names a rule reads; the kinds below differ in where a value not yet seen comes from."""

    def __init__(self) -> None:
        self._seen: dict[str, Any] = {}

    def _first_read(self, name: str) -> Any:
        raise NotImplementedError

    def __getitem__(self, name: str) -> Any:
        if name not in self._seen:
            self._seen[name] = self._first_read(name)
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
        return iter(self._seen)

    def __len__(self) -> int:
        return len(self._seen)


class RecordingNamespace(AnswerNamespace):
    """The live namespace, with every read and every call recorded as evidence."""

    def __init__(self, namespace: Mapping[str, Any]) -> None:
        super().__init__()
        self._live = namespace
        self._reads: dict[str, Any] = {}
        self._functions: dict[str, LiveFunction] = {}

    def _first_read(self, name: str) -> Any:
        if name not in self._live:
            self._reads[name] = ABSENT
            return _ABSENT_VALUE
        value = self._live[name]
        if is_function(value):
            self._reads[name] = {"function": name}
            self._functions[name] = LiveFunction(value)
            return self._functions[name]
        tree = encode(value)
        self._reads[name] = tree
        return decode(tree)

    def evidence(self) -> dict[str, Any]:
        """Everything read and every call made so far, as JSON-ready data."""
        return {"reads": dict(self._reads), "functions": {name: f.record for name, f in self._functions.items()}}


class ReplayNamespace(AnswerNamespace):
    """A namespace rebuilt from evidence alone (`EvidenceError` when it is malformed).

    Each value is decoded when the rule first reads it, so evidence the rule never reads costs
    nothing but its parsing.
    """

    def __init__(self, evidence: Any) -> None:
        super().__init__()
        if type(evidence) is not dict:
            raise EvidenceError(_("the evidence is not an object"))
        reads, functions = evidence.get("reads"), evidence.get("functions")
        if type(reads) is not dict or type(functions) is not dict:
            raise EvidenceError(_("the evidence lacks its reads or functions"))
        self._reads = reads
        self._functions = functions

    def _first_read(self, name: str) -> Any:
        if name not in self._reads:
            raise MissingEvidence(_("the kernel did not report `{name}`").format(name=name))
        tree = self._reads[name]
        if tree == ABSENT:
            return _ABSENT_VALUE
        if type(tree) is dict and set(tree) == {"function"}:
            return ReplayedFunction(self._functions.get(name))
        return decode(tree)


class LiveFunction(AnswerFunction):
    """A student's function in the kernel: runs it, recording facts and every call's result."""

    def __init__(
        self, func: Callable[..., Any], record: dict[str, Any] | None = None, tag: str = "", call: Any = None
    ) -> None:
        self._func = func
        self._call = call or func
        self._tag = tag
        self.record = record if record is not None else {"facts": {}, "calls": {}}

    def __call__(self, *args: Any) -> Any:
        calls = self.record["calls"].setdefault(self._tag, [])
        key = call_key(args)
        try:
            result = self._call(*args)
        except Exception as error:
            calls.append([key, {"raised": encode_error(error)}])
            raise
        tree = encode(result)
        calls.append([key, {"returned": tree}])
        return decode(tree)

    def observe(self, key: str, compute: Callable[[Any], Any]) -> Any:
        tree = encode(compute(self._func))
        self.record["facts"][key] = tree
        return decode(tree)

    def wrapped(self, tag: str, transform: Callable[[Callable[..., Any]], Callable[..., Any]]) -> AnswerFunction:
        return LiveFunction(self._func, self.record, tag, transform(self._func))

    def __repr__(self) -> str:
        return f"<answer {describe(self._func)}>"


class ReplayedFunction(AnswerFunction):
    """A student's function in the judge: each call answers with the result the kernel recorded."""

    def __init__(self, record: Any, pending: dict[str, dict[str, deque[Any]]] | None = None, tag: str = "") -> None:
        if type(record) is not dict or type(record.get("facts")) is not dict or type(record.get("calls")) is not dict:
            raise EvidenceError(_("a function's evidence is malformed"))
        self._facts = record["facts"]
        self._tag = tag
        if pending is None:
            pending = {}
            for call_tag, calls in record["calls"].items():
                if type(calls) is not list:
                    raise EvidenceError(_("a function's calls are malformed"))
                by_key: dict[str, deque[Any]] = {}
                for call in calls:
                    if type(call) is not list or len(call) != 2 or type(call[0]) is not str:
                        raise EvidenceError(_("a recorded call is malformed"))
                    by_key.setdefault(call[0], deque()).append(call[1])
                pending[call_tag] = by_key
        self._pending = pending

    def __call__(self, *args: Any) -> Any:
        queue = self._pending.get(self._tag, {}).get(call_key(args))
        if not queue:
            raise MissingEvidence(_("the kernel did not report the result of a call the judge made"))
        outcome = queue.popleft()
        if type(outcome) is dict and set(outcome) == {"returned"}:
            return decode(outcome["returned"])
        if type(outcome) is dict and set(outcome) == {"raised"}:
            raise mark_student_error(decode_error(outcome["raised"]))
        raise EvidenceError(_("a recorded call has no result"))

    def observe(self, key: str, compute: Callable[[Any], Any]) -> Any:
        if key not in self._facts:
            raise MissingEvidence(_("the kernel did not report {fact}").format(fact=key))
        return decode(self._facts[key])

    def wrapped(self, tag: str, transform: Callable[[Callable[..., Any]], Callable[..., Any]]) -> AnswerFunction:
        return ReplayedFunction({"facts": self._facts, "calls": {}}, self._pending, tag)

    def __repr__(self) -> str:
        return "<answer function>"
