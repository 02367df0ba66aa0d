"""Kill -9 the grading command in the middle of a class, run it again: it finishes the rest, and
no grade is lost, duplicated or half-written; ``--force`` regrades everything the same way."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import time
from pathlib import Path

import pytest
from classroom import ASSIGNMENT, Student, honest
from gradebooks import exported, grade_rows
from grading_support import autograder, descendants, kernel_templates, new_course, survivors
from harness.course import VENV_BIN, answer_module, tool_env

pytestmark = [pytest.mark.nbgrader, pytest.mark.slow]

KINDS = {"full": "full", "blank": "blank", "partly": "partly", "full_2": "full"}


def _wait_for_records(course: Path, count: int, process: subprocess.Popen, timeout: float = 600) -> None:
    folder = course / ".autograder" / ASSIGNMENT / "records"
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if len(list(folder.glob("*.json"))) >= count:
            return
        assert process.poll() is None, "the run finished before it could be killed"
        time.sleep(0.1)
    raise AssertionError("no progress to kill")


def _expected_totals(course: Path) -> dict[str, float]:
    answers = answer_module(ASSIGNMENT)
    maximum = float(exported(course)["full"]["max_score"])
    per_kind = {"full": maximum, "blank": 0.0, "partly": answers.PARTLY_WRONG_SCORE}
    return {student: per_kind[kind] for student, kind in KINDS.items()}


def test_a_killed_run_resumes_and_force_regrades(tmp_path: Path) -> None:
    course = new_course(tmp_path / "course", [Student(name, honest(kind)) for name, kind in KINDS.items()])
    process = subprocess.Popen(
        [str(VENV_BIN / "autograder"), "grade", ASSIGNMENT, "--workers", "1"],
        cwd=course,
        env=tool_env(),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    with descendants(process.pid) as run_processes:
        _wait_for_records(course, 2, process)
        os.kill(process.pid, signal.SIGKILL)
        process.wait()
    graded_before = {path.parent.name for path in course.glob(f"autograded/*/{ASSIGNMENT}")}
    assert 2 <= len(graded_before) < len(KINDS)

    assert kernel_templates(run_processes) >= 1
    assert survivors(run_processes) == [], "the killed run's processes outlived it"

    resumed = autograder(course, "grade", ASSIGNMENT)
    assert resumed.returncode == 0, resumed.stderr[-3000:]
    assert f"{len(graded_before)} already graded" in resumed.stdout
    totals = {student: float(row["raw_score"]) for student, row in exported(course).items()}
    assert totals == _expected_totals(course)
    with open(course / "grades.csv") as handle:
        assert len(handle.read().strip().splitlines()) == 1 + len(KINDS)  # one row per student
    assert not list((course / ".autograder" / ASSIGNMENT / "staging").glob("*/*"))
    assert not list(course.glob("autograded/*/.*"))
    after_resume = grade_rows(course)

    forced = autograder(course, "grade", ASSIGNMENT, "--force")
    assert forced.returncode == 0
    assert "0 already graded" in forced.stdout
    assert grade_rows(course) == after_resume
    records = course / ".autograder" / ASSIGNMENT / "records"
    assert {json.loads(path.read_text())["status"] for path in records.glob("*.json")} == {"graded"}
