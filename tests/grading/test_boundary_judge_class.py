"""Issue 16's judge attacks, graded by ``autograder grade`` in one run: a kernel that forges its
evidence to stall the judge (a set of integers that collide in Python's hash) or to bloat what
comes back (a 20 MB type name) costs only its own check, within its time limit, and the notebook
and feedback stay small.

Each hostile cell comes after the set-up cell of a correctly answered exercise 1 and replaces only
q_1's evidence, so every other question of the same submission still scores.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from classroom import ASSIGNMENT, Student, honest, tricked
from grading_support import MEMORY, TIMEOUT, Run, autograder, new_course
from harness.course import nbgrader

from autograder.grading.judge.verdict import MAX_MESSAGE
from autograder.grading.worker.output_caps import NOTEBOOK_BYTES

pytestmark = [pytest.mark.nbgrader, pytest.mark.slow]

FORGE = (
    "import json\n"
    "import autograder.core.answering as answering\n"
    "_real = answering.answer_text\n"
    "def _forged(need):\n"
    "    if json.loads(need) == {{'kind': 'read', 'name': 'kernel'}}:\n"
    "        return json.dumps({{'value': {payload}}})\n"
    "    return _real(need)\n"
    "answering.answer_text = _forged"
)
ATTACKS = {
    # 170,000 multiples of 2**61 - 1 (3.6 MB of JSON): before, 325 s of the judge in a 120 s run
    "stall": FORGE.format(payload="{'set': [k * (2**61 - 1) for k in range(170_000)]}"),
    # a 5 MB type name, under the evidence cap: before, a 20 MB one gave a 200.9 MB autograded
    # notebook and a 101 MB feedback page
    "bloat": FORGE.format(payload="{'opaque': 'A' * 5_000_000}"),
    # a 20 MB one is over the cap: refused by the worker before the judge reads it
    "huge": FORGE.format(payload="{'opaque': 'A' * 20_000_000}"),
}
STUDENTS = [
    Student("full", honest("full")),
    *(Student(name, tricked("setup", source)) for name, source in ATTACKS.items()),
    Student("later", honest("full")),
]


@pytest.fixture(scope="module")
def judged_run(tmp_path_factory: pytest.TempPathFactory) -> Run:
    course = new_course(tmp_path_factory.mktemp("judge") / "course", STUDENTS)
    run = autograder(course, "grade", ASSIGNMENT, "--workers", "1", "--timeout", TIMEOUT, "--memory", MEMORY)
    nbgrader(course, "generate_feedback", ASSIGNMENT)
    return run


def records(run: Run) -> dict[str, dict]:
    folder = run.course / ".autograder" / ASSIGNMENT / "records"
    return {path.stem: json.loads(path.read_text()) for path in folder.glob("*.json")}


def autograded(run: Run, student: str) -> Path:
    return run.course / "autograded" / student / ASSIGNMENT / f"{ASSIGNMENT}.ipynb"


def test_a_forged_check_costs_only_its_own_points(judged_run: Run) -> None:
    found = records(judged_run)
    assert set(found) == {student.name for student in STUDENTS}, judged_run.stderr[-3000:]
    full = found["full"]["max_score"]
    assert found["full"]["score"] == found["later"]["score"] == full
    for student in ATTACKS:
        assert found[student]["status"] == "graded" and found[student]["reason"] == "", found[student]
        assert 0 < found[student]["score"] < full  # q_1 lost, the rest of the honest work kept
        assert set(found[student]["messages"]) == {"q1_tests"}, found[student]["messages"]


def test_the_hash_collision_set_does_not_stall_the_judge(judged_run: Run) -> None:
    stall = records(judged_run)["stall"]
    assert stall["seconds"] < float(TIMEOUT), stall["seconds"]
    assert "more items than an answer can have" in stall["messages"]["q1_tests"]


def test_a_long_type_name_is_refused_by_the_judge(judged_run: Run) -> None:
    assert "longer than 200 characters" in records(judged_run)["bloat"]["messages"]["q1_tests"]


def test_evidence_over_the_cap_is_refused_before_it_is_read(judged_run: Run) -> None:
    assert "answer is missing or too large" in records(judged_run)["huge"]["messages"]["q1_tests"]


@pytest.mark.parametrize("student", ["bloat", "huge"])
def test_the_autograded_notebook_and_the_feedback_stay_small(judged_run: Run, student: str) -> None:
    notebook = autograded(judged_run, student)
    assert notebook.stat().st_size < NOTEBOOK_BYTES
    feedback = judged_run.course / "feedback" / student / ASSIGNMENT / f"{ASSIGNMENT}.html"
    assert feedback.stat().st_size < NOTEBOOK_BYTES
    for cell in json.loads(notebook.read_text())["cells"]:
        for output in cell.get("outputs", []):
            assert len(output.get("evalue", "")) <= MAX_MESSAGE
