"""``--scheduler``: the same unit of work runs on an existing Dask cluster (a local one here), with
the documented grades and failures contained as on the process pool (which is compared with stock
nbgrader in test_adversarial_class.py)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from classroom import ASSIGNMENT, CLASS
from gradebooks import exported, max_scores
from grading_support import autograder, new_course
from harness.course import answer_module

pytestmark = [pytest.mark.nbgrader, pytest.mark.slow]

STUDENTS = [student for student in CLASS if student.name in ("full", "blank", "partly", "os_exit")]


@pytest.fixture(scope="module")
def scheduler() -> Iterator[str]:
    """The address of a local Dask cluster: two worker processes, one thread each."""
    from distributed import LocalCluster

    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        yield cluster.scheduler_address


def test_grading_on_a_dask_cluster(tmp_path: Path, scheduler: str) -> None:
    address = scheduler
    course = new_course(tmp_path / "dask", STUDENTS)
    run = autograder(course, "grade", ASSIGNMENT, "--scheduler", address)
    assert run.returncode == 2, run.stderr[-3000:]  # os_exit is stopped; nobody is flagged

    from distributed import Client

    with Client(address) as client:
        worker_pids = set(client.run(lambda: __import__("os").getpid()).values())
    records = {path.stem: json.loads(path.read_text()) for path in course.glob(f".autograder/{ASSIGNMENT}/records/*")}
    assert {int(record["worker"].rsplit(":", 1)[1]) for record in records.values()} <= worker_pids
    assert "exited with code 0" in records["os_exit"]["reason"]

    answers = answer_module(ASSIGNMENT)
    totals = {student: float(row["raw_score"]) for student, row in exported(course).items()}
    cells = max_scores(course, ASSIGNMENT)
    before_exit = sum(cells[cell] for cell in ("q1_tests", "q2_tests", "q3_tests"))  # os._exit follows q3
    expected = {"full": sum(cells.values()), "blank": 0.0, "partly": answers.PARTLY_WRONG_SCORE, "os_exit": before_exit}
    assert totals == expected
