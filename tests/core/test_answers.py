"""The checker's side of the evidence: announced calls of a student's function run in batches."""

from __future__ import annotations

import numpy as np
import pytest

from autograder.core import answering
from autograder.core.answering import local_supply
from autograder.core.answers import MAX_NEEDS, DrivenNamespace
from autograder.core.evidence import EvidenceError
from autograder.core.needs import Calls, Need, from_text
from autograder.core.observed import MissingEvidence, expect_calls
from autograder.core.outcome import raised_by_student_code


class Student:
    """A student's namespace whose function logs every call it really runs."""

    def __init__(self, raise_at: int | None = None) -> None:
        self.ran: list[int] = []
        self.raise_at = raise_at

    def double(self, x: int) -> np.ndarray:
        self.ran.append(x)
        if x == self.raise_at:
            raise ValueError(f"no {x}")
        return np.full((2, 2), 2 * x)


def driven(student: Student) -> tuple[DrivenNamespace, list[Need]]:
    """The student's `double` as a rule sees it, and the needs sent."""
    supply = local_supply({"double": student.double})
    sent: list[Need] = []

    def counting(need: str):
        sent.append(from_text(need))
        return supply(need)

    return DrivenNamespace(counting), sent


def test_two_hundred_announced_calls_cost_nine_requests_and_run_once_each_in_order():
    student = Student()
    namespace, sent = driven(student)
    func = namespace["double"]
    cases = [(x,) for x in range(200)]
    expect_calls(func, cases)
    results = [func(*args) for args in cases]
    assert [int(r[0, 0]) for r in results] == [2 * x for x in range(200)]
    assert student.ran == list(range(200))
    batches = [len(need.args_list) for need in sent if isinstance(need, Calls)]
    assert batches == [1, 2, 4, 8, 16, 32, 64, 64, 9]
    assert len(sent) == 1 + 9  # the read of `double`, then the batches


def test_a_rule_that_stops_early_has_run_fewer_than_twice_its_calls():
    student = Student()
    namespace, _ = driven(student)
    func = namespace["double"]
    expect_calls(func, [(x,) for x in range(200)])
    for made in range(1, 40):
        func(made - 1)
        assert len(student.ran) < 2 * made


def test_the_students_error_ends_the_batch_and_is_theirs_the_next_calls_run_after():
    student = Student(raise_at=5)
    namespace, _ = driven(student)
    func = namespace["double"]
    expect_calls(func, [(x,) for x in range(10)])
    for x in range(5):
        func(x)
    with pytest.raises(ValueError) as raised:
        func(5)
    assert raised_by_student_code(raised.value)
    assert student.ran == [0, 1, 2, 3, 4, 5]  # the batch holding 5 stopped there
    assert int(func(6)[0, 0]) == 12
    assert student.ran == list(range(10))  # 6 to 9 in the next batch, each once


def test_a_call_that_was_not_announced_runs_alone_and_drops_the_plan():
    student = Student()
    namespace, sent = driven(student)
    func = namespace["double"]
    expect_calls(func, [(x,) for x in range(10)])
    func(0)
    assert int(func(42)[0, 0]) == 84
    assert int(func(1)[0, 0]) == 2
    assert student.ran == [0, 42, 1]
    assert [need.kind for need in sent[1:]] == ["calls", "call", "call"]


def test_a_slow_function_is_asked_one_call_at_a_time(monkeypatch):
    monkeypatch.setattr(answering, "BATCH_SECONDS", -1.0)
    student = Student()
    namespace, sent = driven(student)
    func = namespace["double"]
    expect_calls(func, [(x,) for x in range(20)])
    assert [int(func(x)[0, 0]) for x in range(20)] == [2 * x for x in range(20)]
    assert student.ran == list(range(20))
    assert len(sent) == 1 + 20


def test_large_results_split_the_batch_below_the_evidence_limit(monkeypatch):
    monkeypatch.setattr(answering, "BATCH_BYTES", 300)
    student = Student()
    namespace, sent = driven(student)
    func = namespace["double"]
    expect_calls(func, [(x,) for x in range(64)])
    assert [int(func(x)[0, 0]) for x in range(64)] == [2 * x for x in range(64)]
    assert student.ran == list(range(64))
    one = len(answering.dumps({"returned": answering.encode(np.full((2, 2), 2))}))
    assert max(len(answering.answer(need, {"double": student.double})["results"]) for need in sent[1:]) <= 300 // one


def test_each_batched_call_counts_against_the_limit_of_answers():
    namespace, _ = driven(Student())
    func = namespace["double"]
    cases = [(x,) for x in range(MAX_NEEDS + 10)]
    expect_calls(func, cases)
    with pytest.raises(MissingEvidence):
        for args in cases:
            func(*args)


@pytest.mark.parametrize(
    "answer",
    [{"results": []}, {"results": "x"}, {"results": [{"returned": 1}, {"returned": 2}, {"returned": 3}]}],
)
def test_a_malformed_batch_is_refused(answer):
    namespace = DrivenNamespace(lambda need: {"function": True} if from_text(need).kind == "read" else answer)
    func = namespace["double"]
    expect_calls(func, [(1,), (2,)])
    with pytest.raises(EvidenceError):
        func(1)
