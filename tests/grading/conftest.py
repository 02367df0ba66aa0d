"""Fixtures for the grading tests: one hostile class graded by ours, and the part stock nbgrader can
grade, graded by stock nbgrader from byte-identical submissions."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

import classroom  # noqa: E402
from grading_support import MEMORY, TIMEOUT, Run, autograder, new_course  # noqa: E402
from harness.course import VENV_BIN, tool_env  # noqa: E402


@pytest.fixture(scope="module")
def adversarial_run(tmp_path_factory: pytest.TempPathFactory) -> Run:
    """The whole class (honest students and every trick) graded by ``autograder grade``."""
    course = new_course(tmp_path_factory.mktemp("ours") / "course", classroom.CLASS)
    return autograder(course, "grade", classroom.ASSIGNMENT, "--timeout", TIMEOUT, "--memory", MEMORY)


@pytest.fixture(scope="module")
def stock_course(tmp_path_factory: pytest.TempPathFactory, adversarial_run: Run) -> Path:
    """The same submissions of the students stock nbgrader can grade safely, by ``nbgrader autograde``."""
    students = [student for student in classroom.CLASS if student.like_stock]
    course = new_course(tmp_path_factory.mktemp("stock") / "course", students, adversarial_run.course / "submitted")
    subprocess.run(
        [str(VENV_BIN / "nbgrader"), "autograde", classroom.ASSIGNMENT],
        cwd=course,
        env=tool_env(),
        capture_output=True,
        text=True,
        timeout=900,
    )  # exits 1: the malformed and renamed submissions fail, as they should
    return course
