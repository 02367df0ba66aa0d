"""The needs' one wire form: every kind survives the trip, and nothing else is read as a need."""

from __future__ import annotations

import json

import pytest

from autograder.core.answering import answer_text
from autograder.core.evidence import EvidenceError, encode
from autograder.core.needs import Call, Calls, Fact, Read, from_text, to_text

NEEDS = [
    Read("kernel"),
    Call("double", encode((3,))),
    Call("double", encode(([1, 2],)), (("autograder.core.from_scratch:_without", "gASV"),)),
    Calls("double", (encode((1,)), encode((2,))), (("autograder.core.from_scratch:_without", "gASV"),)),
    Fact("model", "autograder.exercises.ex4.probes:mentions", "gASV"),
]


@pytest.mark.parametrize("need", NEEDS, ids=lambda need: need.kind)
def test_every_kind_of_need_reads_back_as_it_was_made(need) -> None:
    assert from_text(to_text(need)) == need


MALFORMED = [
    "not json",
    json.dumps(["read", "kernel"]),
    json.dumps({"kind": "delete", "name": "kernel"}),
    json.dumps({"name": "kernel"}),
    json.dumps({"kind": "read"}),
    json.dumps({"kind": "read", "name": 3}),
    json.dumps({"kind": "read", "name": "kernel", "extra": 1}),
    json.dumps({"kind": "call", "name": "f", "args": [], "policies": [["only-a-name"]]}),
    json.dumps({"kind": "calls", "name": "f", "args_list": "not a list"}),
    json.dumps({"kind": "fact", "name": "f", "inspector": 7, "args": ""}),
]


@pytest.mark.parametrize("text", MALFORMED)
def test_anything_else_is_refused_as_malformed(text: str) -> None:
    with pytest.raises(EvidenceError):
        from_text(text)


def test_a_malformed_need_is_the_checkers_failure_never_the_students_error() -> None:
    """The student's side answers a student's exception as ``raised`` (theirs); a need it cannot
    read must fail the request instead, so no one is told their code raised."""
    with pytest.raises(EvidenceError):
        answer_text(json.dumps({"kind": "call", "name": "f"}), {"f": lambda: 1})
    assert json.loads(answer_text(to_text(Call("f", encode(()))), {"f": lambda: 1}))["returned"] == 1
