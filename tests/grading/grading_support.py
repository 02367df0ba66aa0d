"""Running the grading command on temporary course copies, and checking what it leaves behind."""

from __future__ import annotations

import shutil
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

import classroom
import psutil
from harness.course import VENV_BIN, answer_module, copy_course, nbgrader, tool_env

TIMEOUT = "30"
MEMORY = "1200"


@dataclass
class Run:
    """A finished ``autograder grade`` run."""

    course: Path
    returncode: int
    stdout: str
    stderr: str
    started: float
    finished: float


def autograder(course: Path, *args: str, timeout: float = 900, env: dict[str, str] | None = None) -> Run:
    """Run the real ``autograder`` console command in ``course`` (``env`` added to the tools' environment)."""
    started = time.time()
    result = subprocess.run(
        [str(VENV_BIN / "autograder"), *args],
        cwd=course,
        env={**tool_env(), **(env or {})},
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    return Run(course, result.returncode, result.stdout, result.stderr, started, time.time())


def new_course(root: Path, students: list[classroom.Student], submitted: Path | None = None) -> Path:
    """A course copy with the assignment generated and ``students`` submitted.

    With ``submitted``, the students' folders are copied from there (byte-identical inputs).
    """
    course = copy_course(root)
    nbgrader(course, "generate_assignment", classroom.ASSIGNMENT, "--force")
    if submitted is None:
        classroom.submit(course, students, answer_module(classroom.ASSIGNMENT))
    else:
        for student in students:
            shutil.copytree(submitted / student.name, course / "submitted" / student.name)
    return course


def sandbox_processes(since: float, until: float) -> list[int]:
    """Kernel templates started in a time window that are still running."""
    return [
        process.pid
        for process in psutil.process_iter(["cmdline", "create_time"])
        if "autograder.grading.sandbox.zygote" in " ".join(process.info["cmdline"] or [])
        and since <= process.info["create_time"] <= until
    ]
