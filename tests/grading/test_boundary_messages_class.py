"""Issue 16's "make the worker allocate", graded by ``autograder grade``: a kernel sends three 1 GiB
displays backed by pages it never touched (its own memory stays small). Without a frame limit this
took the worker from 650 to 4,618 MB. Now the kernel is cut off, the submission is graded as far
as it ran, the next student in the same worker scores in full, and the whole process tree (the
command, its worker and judge, the sandbox's template and kernels) stays within its budget.
"""

from __future__ import annotations

import contextlib
import json
import threading

import nbformat
import psutil
import pytest
from classroom import ASSIGNMENT, Student, honest, tricked
from grading_support import MEMORY, TIMEOUT, Run, autograder, new_course
from test_boundary_messages import DISPLAYS

from autograder.grading.worker.message_limits import CUT_OFF
from autograder.grading.worker.watchdog import MB

pytestmark = [pytest.mark.nbgrader, pytest.mark.slow]

STUDENTS = [Student("a_untouched_pages", tricked("setup", DISPLAYS)), Student("b_next", honest("full"))]
TREE_BUDGET_MB = 4096
"""The grading command's process tree, summed resident memory, whatever a kernel sends."""


class TreeMemory:
    """Peak summed resident memory of this process's descendants, sampled every 50 ms, in MB."""

    def __init__(self) -> None:
        self.peak = 0.0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)

    def __enter__(self) -> TreeMemory:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()

    def _sample(self) -> None:
        while not self._stop.wait(0.05):
            total = 0
            for process in psutil.Process().children(recursive=True):
                with contextlib.suppress(psutil.Error):
                    total += process.memory_info().rss
            self.peak = max(self.peak, total / MB)


@pytest.fixture(scope="module")
def graded(tmp_path_factory: pytest.TempPathFactory) -> tuple[Run, float]:
    course = new_course(tmp_path_factory.mktemp("messages") / "course", STUDENTS)
    with TreeMemory() as memory:
        run = autograder(course, "grade", ASSIGNMENT, "--workers", "1", "--timeout", TIMEOUT, "--memory", MEMORY)
    return run, memory.peak


def record(run: Run, student: str) -> dict:
    return json.loads((run.course / ".autograder" / ASSIGNMENT / "records" / f"{student}.json").read_text())


def test_the_kernel_is_cut_off_and_its_submission_graded_as_far_as_it_ran(graded: tuple[Run, float]) -> None:
    run, _ = graded
    assert run.returncode in (0, 2), run.stderr[-3000:]
    found = record(run, "a_untouched_pages")
    assert found["status"] == "graded", found
    assert found["reason"] == f"{ASSIGNMENT}: {CUT_OFF} (iopub channel)"
    notebook = nbformat.read(run.course / "autograded" / "a_untouched_pages" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb", 4)
    attack = next(cell for cell in notebook.cells if cell.source == DISPLAYS)
    assert attack.outputs[-1].ename == "GradingStopped" and CUT_OFF in attack.outputs[-1].evalue


def test_the_next_student_in_the_same_worker_scores_in_full(graded: tuple[Run, float]) -> None:
    found = record(graded[0], "b_next")
    assert found["reason"] == "" and found["score"] == found["max_score"], found


def test_the_process_tree_stays_within_its_memory_budget(graded: tuple[Run, float]) -> None:
    assert graded[1] < TREE_BUDGET_MB, graded[1]
