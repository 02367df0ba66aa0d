"""Issue 9's harms, graded by ``autograder grade`` in one run: each is bounded, costs only its own
submission, and the honest work in the same submission still scores.

Each harmful cell is added after the set-up cell of a correctly answered exercise 1.
"""

from __future__ import annotations

import json
from pathlib import Path

import nbformat
import pytest
from classroom import ASSIGNMENT, Student, honest, tricked
from grading_support import MEMORY, TIMEOUT, Run, autograder, new_course

from autograder.grading.worker.output_caps import NOTEBOOK_BYTES, OUTPUT_BYTES

pytestmark = [pytest.mark.nbgrader, pytest.mark.slow]

SECRETS = {"TF_VAR_db_password": "hunter2-secret", "TF_TOKEN_app_terraform_io": "tf-token-secret"}
HARMS = {
    "unscannable": "x = " + "-" * 100_000 + "1",  # the scan's parser runs out of memory
    "huge_output": (
        "from IPython.display import display\n"
        "display({'image/png': 'A' * 60_000_000}, raw=True)\n"
        "print('x' * 30_000_000)"
    ),
    "fallocate": (
        "import ctypes, os, time\n"
        "libc = ctypes.CDLL(None, use_errno=True)\n"
        "libc.fallocate.argtypes = [ctypes.c_int, ctypes.c_int, ctypes.c_longlong, ctypes.c_longlong]\n"
        "libc.fallocate(os.open('hog', os.O_CREAT | os.O_WRONLY), 1, 0, 2 << 30)  # 2 GB, size 0\n"
        "time.sleep(60)"
    ),
    "fork_bomb": "import os\nwhile True:\n    os.fork()",
    "environment": (
        "import os\n"
        "print(sorted(name for name in os.environ if name.startswith(('TF_VAR', 'TF_TOKEN'))),"
        " os.environ.get('TF_CPP_MIN_LOG_LEVEL'))"
    ),
}
STUDENTS = [
    Student("full", honest("full")),
    *(Student(name, tricked("setup", source)) for name, source in HARMS.items()),
]


@pytest.fixture(scope="module")
def harmful_run(tmp_path_factory: pytest.TempPathFactory) -> Run:
    course = new_course(tmp_path_factory.mktemp("bounds") / "course", STUDENTS)
    return autograder(course, "grade", ASSIGNMENT, "--timeout", TIMEOUT, "--memory", MEMORY, env=SECRETS)


def records(run: Run) -> dict[str, dict]:
    folder = run.course / ".autograder" / ASSIGNMENT / "records"
    return {path.stem: json.loads(path.read_text()) for path in folder.glob("*.json")}


def autograded(run: Run, student: str) -> Path:
    return run.course / "autograded" / student / ASSIGNMENT / f"{ASSIGNMENT}.ipynb"


def harmful_cell(run: Run, student: str) -> nbformat.NotebookNode:
    notebook = nbformat.read(autograded(run, student), as_version=4)
    return next(cell for cell in notebook.cells if cell.source == HARMS[student])


def test_every_submission_is_graded_and_the_batch_reports_stopped_and_flagged(harmful_run: Run) -> None:
    assert harmful_run.returncode == 2 | 4, harmful_run.stderr[-3000:]
    found = records(harmful_run)
    assert set(found) == {student.name for student in STUDENTS}
    statuses = {student: (record["status"], record["reason"]) for student, record in found.items()}
    assert all(status == "graded" for status, _ in statuses.values()), statuses


def test_harmless_work_scores_in_full_beside_an_unscannable_cell_and_a_huge_output(harmful_run: Run) -> None:
    found = records(harmful_run)
    for student in ("full", "unscannable", "huge_output", "environment"):
        assert found[student]["reason"] == "" and found[student]["score"] == found[student]["max_score"], student


def test_a_cell_the_scan_cannot_read_is_flagged(harmful_run: Run) -> None:
    findings = records(harmful_run)["unscannable"]["findings"]
    assert [(f["severity"], f["rule"]) for f in findings] == [("warning", "unscanned")]
    assert findings[0]["detail"].startswith("could not be scanned: MemoryError (cell ")


def test_the_autograded_notebook_stays_small(harmful_run: Run) -> None:
    path = autograded(harmful_run, "huge_output")
    assert path.stat().st_size < NOTEBOOK_BYTES
    outputs = harmful_cell(harmful_run, "huge_output").outputs
    assert "removed: image/png" in outputs[0].data["text/plain"]
    assert len(outputs[1].text) < OUTPUT_BYTES and "cut by the grader" in outputs[1].text


def test_blocks_allocated_without_a_size_are_stopped_by_the_disk_limit(harmful_run: Run) -> None:
    assert records(harmful_run)["fallocate"]["reason"].endswith(": wrote more than 1024 MB (or 10000 files) to disk")


def test_a_fork_bomb_costs_only_its_own_submission(harmful_run: Run) -> None:
    # Bounded by the sandbox's process limit (see test_bounds_sandbox); graded like the others.
    assert records(harmful_run)["fork_bomb"]["status"] == "graded"
    assert autograded(harmful_run, "fork_bomb").exists()


def test_the_graders_secrets_never_reach_a_kernel(harmful_run: Run) -> None:
    assert harmful_cell(harmful_run, "environment").outputs[0].text == "[] 3\n"
    for path in harmful_run.course.glob("autograded/*/*/*"):
        text = path.read_text(errors="replace")
        assert not any(secret in text for secret in SECRETS.values()), path
