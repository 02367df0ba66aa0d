"""The judge in its own bounded process: same verdicts as the rule run in place, a time and a memory
limit that cost only the check that ran out, decoding bounded in items and text, and a coordinator
that never waits forever for a worker."""

from __future__ import annotations

import asyncio
import json
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from types import SimpleNamespace
from typing import Any

import nbformat
import psutil
import pytest
import tensorflow as tf

from autograder.core.answering import answer
from autograder.core.evidence import MAX_ELEMENTS, EvidenceError, decode, dumps
from autograder.core.needs import Need, Read, from_text
from autograder.grading.coordinator import run
from autograder.grading.judge import process
from autograder.grading.judge.calls import GradeCall
from autograder.grading.judge.collect import parse_reply, reply_text
from autograder.grading.judge.decide import decide
from autograder.grading.judge.process import JudgeProcess, decide_bounded, judge_pool
from autograder.grading.judge.verdict import MAX_MESSAGE, Verdict, judge_cell
from autograder.grading.worker import integrity
from autograder.grading.worker.bundle import Bundle, Limits, NotebookInput, Result
from autograder.grading.worker.output_caps import CapOutputBytes

ASSIGNMENT = "ex1_convolution_relu"
Q1 = GradeCall("q_1")
PRIME = 2**61 - 1  # Python's int hash is n mod PRIME: multiples of it all collide


def _reply_of(answer: dict, name: str = "answer") -> dict:
    """A kernel's execute reply content whose ``user_expressions[name]`` is ``answer``."""
    return {"status": "ok", "user_expressions": {name: answer}}


def reply(namespace: dict) -> Callable[[str], str]:
    """What a kernel holding ``namespace`` replies to each need (the text of a string literal)."""
    return lambda need: repr(dumps(answer(from_text(need), namespace)))


def forged(reads: dict) -> Callable[[str], str]:
    """A kernel that writes its answers itself: ``reads`` gives each name's evidence tree."""

    def fetch(need: str) -> str:
        asked = from_text(need)
        name = asked.name if isinstance(asked, Read) else None
        return repr(json.dumps({"value": reads[name]} if name in reads else {"absent": True}))

    return fetch


def in_place(assignment: str, call: GradeCall, fetch: Callable[[str], str]) -> Verdict:
    """The verdict of the rule run in this process, on the same replies."""
    return decide(assignment, call, lambda need: parse_reply(fetch(need)))


RIGHT = {"kernel": tf.constant([[-1, -1, -1], [-1, 8, -1], [-1, -1, -1]])}
SLOW = forged({"kernel": {"list": [0] * MAX_ELEMENTS}})
"""Evidence that takes the judge well over its first 50 ms sample to read."""
ANSWERS = {"right": RIGHT, "wrong": {"kernel": tf.ones((3, 3))}, "blank": {}}


@pytest.fixture(scope="module")
def judge() -> JudgeProcess:
    started = JudgeProcess((ASSIGNMENT,))
    yield started
    started.close()


@pytest.mark.parametrize("answer", sorted(ANSWERS))
def test_the_judge_process_gives_the_verdict_the_rule_gives_in_place(judge: JudgeProcess, answer: str) -> None:
    fetch = reply(ANSWERS[answer])
    assert judge.decide(ASSIGNMENT, Q1, fetch) == in_place(ASSIGNMENT, Q1, fetch)


def test_a_translated_assignment_is_judged_in_its_language(judge: JudgeProcess) -> None:
    english = judge.decide(ASSIGNMENT, Q1, reply(ANSWERS["wrong"]))
    chinese = judge.decide(f"{ASSIGNMENT}_zh_CN", Q1, reply(ANSWERS["wrong"]))
    assert not english.passed and not chinese.passed and english.message != chinese.message


def test_a_check_that_overruns_the_time_limit_is_not_judged_and_the_next_one_is(monkeypatch) -> None:
    judge_pool().warm((ASSIGNMENT,))
    with judge_pool().process() as first:
        first.decide(ASSIGNMENT, Q1, reply(RIGHT))  # loaded: the limit below is the verdict's alone
    monkeypatch.setattr(process, "JUDGE_SECONDS", 0.0)
    verdict = decide_bounded(ASSIGNMENT, Q1, SLOW)
    assert not verdict.passed and "took longer than 0 s." in verdict.message, verdict
    assert not first.alive()
    monkeypatch.undo()
    assert decide_bounded(ASSIGNMENT, Q1, reply(RIGHT)).passed  # a fresh process, already loading


def test_a_check_that_overruns_the_memory_limit_is_not_judged(monkeypatch) -> None:
    monkeypatch.setattr(process, "JUDGE_MEMORY_MB", 1)  # below any Python process: the first sample trips
    verdict = decide_bounded(ASSIGNMENT, Q1, SLOW)
    assert not verdict.passed and "needed more than 1 MB of memory." in verdict.message, verdict


def test_the_issues_hash_collision_set_is_refused_before_any_set_is_built() -> None:
    colliding = [k * PRIME for k in range(170_000)]  # 3.6 MB of JSON: took the judge 325 s
    document = json.dumps({"set": colliding})
    assert len(document) > 3_500_000
    started = time.process_time()
    with pytest.raises(EvidenceError, match="more items than an answer can have"):
        decode(json.loads(document))
    assert time.process_time() - started < 5  # linear work only (the set alone would take minutes)
    with pytest.raises(EvidenceError, match="not a small number"):
        decode({"set": colliding[:100]})  # however few: only numbers below the hash's modulus are hashed


def test_a_kernel_cannot_send_a_long_type_name_or_text() -> None:
    for tree in ({"opaque": "A" * 20_000_000}, {"large": "A" * 1000, "size": 3}, "x" * 200_000):
        with pytest.raises(EvidenceError, match="longer than"):
            decode(tree)


def test_the_judge_asks_only_for_what_the_rule_reads() -> None:
    asked: list[Need] = []
    fetch = reply(RIGHT)

    def logged(need: str) -> str:
        asked.append(from_text(need))
        return fetch(need)

    assert in_place(ASSIGNMENT, Q1, logged).passed
    assert asked == [Read("kernel")]


def test_verdict_text_is_capped() -> None:
    assert len(Verdict(False, "x" * 20_000_000).message) == MAX_MESSAGE
    kind = {"opaque": "A" * 199}  # the longest name a kernel may send, in a wrong answer's message
    verdict = in_place(ASSIGNMENT, Q1, forged({"kernel": kind}))
    assert not verdict.passed and len(verdict.message) <= MAX_MESSAGE


def run_apart(coroutine: Any) -> Any:
    """Run ``coroutine`` on a thread of its own: the session's browser (Playwright's sync API, see
    tests/conftest.py) keeps an event loop running on the main thread of the worker it ran in."""
    with ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, coroutine).result()


def test_a_grade_cell_is_judged_call_by_call_through_the_given_judge() -> None:
    asked: list[str] = []
    kernel = reply(RIGHT)

    async def fetch(need: str) -> str:
        return kernel(need)

    async def judged(assignment: str, call: GradeCall, given: Any) -> Verdict:
        assert given is fetch  # the judge is handed the cell's way to the kernel
        asked.append(call.label)
        return in_place(assignment, call, kernel)

    passed = run_apart(judge_cell(fetch, judged, "q_1.assert_correct()", ASSIGNMENT))
    failed = run_apart(judge_cell(fetch, judged, "q_1.assert_correct()\nq_2.assert_correct()", ASSIGNMENT))
    assert passed.passed and not failed.passed and "kernel_shape" in failed.message
    assert asked == ["q_1", "q_1", "q_2"]


def _gone(pid: int, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            if psutil.Process(pid).status() == psutil.STATUS_ZOMBIE:
                return True
        except psutil.NoSuchProcess:
            return True
        time.sleep(0.1)
    return False


def test_a_judge_process_exits_with_the_worker_that_started_it() -> None:
    code = (
        "import os\n"
        "from autograder.grading.judge.process import JudgeProcess\n"
        "judge = JudgeProcess(())\n"
        "print(judge.pid, flush=True)\n"
        "os._exit(0)  # as a pool worker exits: no atexit, no clean-up\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=True)
    assert _gone(int(done.stdout.split()[0]), 30)


class _NeverFinishes:
    """An executor whose bundles never come back (a worker that hangs despite its bounds)."""

    def __init__(self) -> None:
        self.release = threading.Event()

    def submit(self, fn, *args):
        from concurrent.futures import Future

        future: Future = Future()
        threading.Thread(target=lambda: (self.release.wait(), future.set_result(None)), daemon=True).start()
        return future


def test_the_coordinator_gives_up_on_a_worker_that_never_answers(monkeypatch) -> None:
    monkeypatch.setattr(run, "bundle_seconds", lambda bundle: 0.2)
    bundle = Bundle(ASSIGNMENT, "stuck", (NotebookInput("nb", "{}"),), limits=Limits(timeout=1))
    submission = SimpleNamespace(student="stuck")
    prepared = run.Prepared(submission, bundle)
    recorded: list[Result] = []
    preparer = SimpleNamespace(prepare=lambda submission: prepared)
    recorder = SimpleNamespace(record=lambda prepared, result: recorded.append(result) or SimpleNamespace(notebooks=[]))
    executor = _NeverFinishes()
    workers = SimpleNamespace(get=lambda: executor, stuck=False)
    summary = SimpleNamespace(graded_now=0, notebooks=0)
    progress = SimpleNamespace(update=lambda record: None)
    options = SimpleNamespace(workers=1)
    started = time.monotonic()
    run._stream([submission], preparer, recorder, progress, summary, options, workers)
    executor.release.set()
    assert time.monotonic() - started < 30
    assert [result.error for result in recorded] == ["the worker gave no result within 0 s"]
    assert workers.stuck


# ---------------------------------------------------------------- the red team's finds, closed


@pytest.mark.parametrize(
    "text",
    ["{[]: 1}", "[" + "0," * 2_500_000 + "]", "'a' + 'b'", "b'x'", repr("ok")[:-1]],
    ids=["unhashable-literal", "5-MB-list", "expression", "bytes", "unterminated"],
)
def test_only_one_string_literal_is_ever_parsed_from_a_reply(text: str) -> None:
    started = time.process_time()
    with pytest.raises(EvidenceError, match="not a string"):
        parse_reply(text)
    assert time.process_time() - started < 5  # refused before any object is built


@pytest.mark.parametrize("content", [[], {"status": "ok", "user_expressions": []}, _reply_of({"data": []})])
def test_a_reply_of_any_shape_is_refused_as_evidence(content: object) -> None:
    with pytest.raises(EvidenceError):
        reply_text(content)


@pytest.mark.parametrize(
    "tree",
    [
        {"set": [{"frozenset": [1, 2]}]},  # nesting would multiply the cost of collisions
        {"set": [PRIME]},  # from here on, ints collide in the hash
        {"dict": [[{"tuple": [{"tuple": [1]}]}, 1]]},
        {"list": [{"set": list(range(6_000))}, {"set": list(range(6_000))}]},  # 12,000 hashed in one read
    ],
    ids=["set-of-sets", "huge-int", "nested-tuple-key", "over-the-total"],
)
def test_set_items_and_dict_keys_are_few_and_flat(tree: dict) -> None:
    with pytest.raises(EvidenceError):
        decode(tree)


def test_flat_sets_and_dicts_still_decode() -> None:
    assert decode({"set": [1, "a", None, {"tuple": [2, "b"]}, {"float": "nan"}]}) >= {1, "a", None, (2, "b")}
    assert decode({"dict": [["k", {"set": [1]}]]}) == {"k": {1}}


def test_a_lone_surrogate_never_makes_a_notebook_unwritable() -> None:
    verdict = in_place(ASSIGNMENT, Q1, forged({"kernel": {"opaque": "\ud800"}}))
    assert not verdict.passed and "\ud800" not in verdict.message
    verdict.message.encode("utf-8")
    cell = nbformat.v4.new_code_cell("x")
    cell.outputs = [nbformat.v4.new_output("display_data", data={"text/plain": "a\udfff", "\ud800/x": "y"})]
    notebook = nbformat.v4.new_notebook(cells=[cell])
    CapOutputBytes().preprocess(notebook, {})
    nbformat.writes(notebook).encode("utf-8")


def test_the_integrity_probe_reads_only_a_short_string_of_findings() -> None:
    def answer(value: str) -> dict:
        return _reply_of({"status": "ok", "data": {"text/plain": value}}, name="probe")

    nonce = "n1"
    huge = "[" + "0," * 2_000_000 + "]"  # 4 MB: was 1.9 GB and 6 s in the worker
    started = time.process_time()
    assert integrity.read_answer(answer(huge), nonce)[0][1] == "ipython-hook"
    assert time.process_time() - started < 2
    shapes = ([1], 5, [["a", "b", "c", 4]])
    for findings in shapes:
        reply = answer(repr(json.dumps({"nonce": nonce, "findings": findings})))
        assert integrity.read_answer(reply, nonce) == [
            ("tamper", "ipython-hook", "the integrity check's answer was altered", "")
        ]
    long = [["tamper", "rule", "x" * 50_000 + "\ud800", ""]]
    (finding,) = integrity.read_answer(answer(repr(json.dumps({"nonce": nonce, "findings": long}))), nonce)
    assert len(finding[2]) == integrity.MAX_TEXT
    finding[2].encode("utf-8")
