"""A graded class's checks, hints and solutions, asked from a kernel that holds no answer: the judge
service answers each in the words practice mode gives, records it under the token's owner, limits
each student's checks a minute, and shows solutions only once released."""

from __future__ import annotations

import datetime as dt
import subprocess
from pathlib import Path

import pytest
from answers import ex1_convolution_relu as answers
from harness.course import VENV_BIN, tool_env
from service_support import judge_service, student_kernel

from autograder import binder, student_runtime
from autograder.core.notes import hint_note, solution_notes
from autograder.exercises import question_at
from autograder.grading.judge.process import judge_pool
from autograder.service.record import Check, Record

pytestmark = [pytest.mark.notebook]

ASSIGNMENT = answers.ASSIGNMENT
STAR = "from autograder.exercises.ex1 import *"
EPOCH = dt.datetime(2000, 1, 1, tzinfo=dt.timezone.utc)


def practice_text(label: str, code: str) -> str:
    """What ``check()`` prints in practice mode for ``code`` (the answer cell without its check)."""
    namespace: dict = {}
    binder.bind(namespace)
    try:
        exec(STAR, namespace)
        exec(code, namespace)
        return question_at(ASSIGNMENT, label).evaluate(namespace, label=label).text()
    finally:
        binder.unbind()


def answer_code(cell: str) -> str:
    return cell.rsplit("\n", 1)[0]


@pytest.fixture(scope="module")
def runtime(tmp_path_factory: pytest.TempPathFactory) -> Path:
    judge_pool().warm((ASSIGNMENT,))  # the judge processes load while the kernel starts
    return student_runtime.build(tmp_path_factory.mktemp("runtime") / "autograder", (ASSIGNMENT,))


@pytest.fixture(scope="module")
def database(tmp_path_factory: pytest.TempPathFactory) -> str:
    return f"sqlite:///{tmp_path_factory.mktemp('record') / 'judge.sqlite'}"


@pytest.fixture(scope="module")
def service(database: str):
    record = Record(database)
    with judge_service(record) as url:
        yield record, url


@pytest.fixture(scope="module")
def ana(runtime: Path, service, tmp_path_factory: pytest.TempPathFactory):
    with student_kernel(runtime, service[1], "token-ana", tmp_path_factory.mktemp("ana")) as kernel:
        kernel.run(STAR)
        yield kernel


CASES = [("q_1", answer_code(answers.RIGHT["q1_answer"]))] + [
    (label, answer_code(code))
    for label, key in (("q_1", "q1_answer"), ("q_2", "q2_answer"))
    for code, _status, _words in answers.WRONG[key]
]


def test_each_check_reads_as_in_practice_mode_and_is_recorded_as_the_tokens_owner(ana, service) -> None:
    record, _url = service
    for label, code in CASES:
        shown = ana.run(f"{code}\n{label}.check()")
        assert shown == [practice_text(label, code)], code
    with record.session() as session:
        rows = session.query(Check.user, Check.label, Check.status).order_by(Check.id).all()
    assert [user for user, _label, _status in rows] == ["ana"] * len(CASES)
    assert [status for *_rest, status in rows] == ["correct"] + ["incorrect"] * (len(CASES) - 1)


def test_a_right_answer_that_runs_tensorflow_in_the_kernel_is_judged_correct(ana) -> None:
    code = answer_code(answers.RIGHT["q3_answer"])
    assert ana.run(f"{code}\nq_3.check()") == [practice_text("q_3", code)]
    assert "Correct" in practice_text("q_3", code)


def test_a_token_the_hub_does_not_know_gets_no_verdict(runtime: Path, service, tmp_path: Path) -> None:
    record, url = service
    before = len(record.checks_since("mallory", EPOCH))
    with student_kernel(runtime, url, "token-forged", tmp_path) as kernel:
        kernel.run(STAR)
        shown = kernel.run(f"{answer_code(answers.RIGHT['q1_answer'])}\nq_1.check()")
    assert len(shown) == 1 and "did not answer" in shown[0] and "403" in shown[0], shown
    assert "Correct" not in shown[0]
    assert len(record.checks_since("mallory", EPOCH)) == before


def test_hints_come_from_the_service_and_each_use_is_recorded(ana, service) -> None:
    record, _url = service
    question = question_at(ASSIGNMENT, "q_1")
    assert ana.run("q_1.hint(2)") == [repr(hint_note(question, "q_1", 2)[0])]
    assert ana.run("q_1.hint(99)") == [repr(hint_note(question, "q_1", 99)[0])]
    assert record.hints_seen(ASSIGNMENT)["ana"]["q_1"] == {2}


def test_solutions_open_only_once_the_instructor_releases_them(ana, service, database: str) -> None:
    before = ana.run("q_1.solution()")
    assert len(before) == 1 and "open when your instructor releases them" in before[0]
    assert "tf.constant" not in before[0]
    done = subprocess.run(
        [str(VENV_BIN / "autograder"), "release-solutions", ASSIGNMENT, "--database", database],
        capture_output=True,
        text=True,
        env=tool_env(),
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    expected = [repr(note) for note in solution_notes(question_at(ASSIGNMENT, "q_1"), "q_1")]
    assert ana.run("q_1.solution()") == expected


def test_a_student_past_the_limit_a_minute_is_told_to_wait(runtime: Path, tmp_path: Path) -> None:
    record = Record(f"sqlite:///{tmp_path / 'limited.sqlite'}")
    code = answer_code(answers.WRONG["q1_answer"][0][0])
    with judge_service(record, checks_per_minute=2) as url, student_kernel(runtime, url, "token-ben", tmp_path) as ben:
        ben.run(STAR)
        shown = [ben.run(f"{code}\nq_1.check()")[0] for _ in range(3)]
    assert all("Incorrect" in text for text in shown[:2])
    assert "Not attempted" in shown[2] and "wait" in shown[2], shown[2]
    assert len(record.checks_since("ben", EPOCH)) == 2


def release_through_the_service(url: str, token: str, assignment: str) -> subprocess.CompletedProcess:
    env = {**tool_env(), "AUTOGRADER_JUDGE_URL": url, "JUPYTERHUB_API_TOKEN": token}
    command = [str(VENV_BIN / "autograder"), "release-solutions", assignment]
    return subprocess.run(command, capture_output=True, text=True, env=env, timeout=120)


def test_only_an_instructor_releases_solutions_through_the_service(service) -> None:
    record, url = service
    refused = release_through_the_service(url, "token-ben", "ex2_maximum_pooling")
    assert refused.returncode == 1 and "Only the class's instructors" in refused.stderr, refused
    assert record.released("ex2_maximum_pooling") is None
    done = release_through_the_service(url, "token-ida", "ex2_maximum_pooling_zh_CN")
    assert done.returncode == 0, done.stderr
    assert record.released("ex2_maximum_pooling") is not None  # a translation releases its assignment
