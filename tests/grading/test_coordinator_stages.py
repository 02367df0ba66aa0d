"""The coordinator's stages on a real nbgrader course, without kernels: finding submissions,
preparing a bundle, and recording a worker's result from the judge's verdicts alone."""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest
from classroom import ASSIGNMENT, edit_cell, write_notebook
from harness.course import copy_course, nbgrader
from harness.notebooks import grade_id, is_grade_cell

from autograder.grading.coordinator import plan
from autograder.grading.coordinator.course import load_course
from autograder.grading.coordinator.prepare import Preparer
from autograder.grading.coordinator.recorder import Recorder
from autograder.grading.records import FAILED, GRADED, RecordStore
from autograder.grading.sandbox.spec import SandboxSpec
from autograder.grading.worker.bundle import Limits, NotebookOutput, Result

pytestmark = [pytest.mark.nbgrader, pytest.mark.filterwarnings("ignore::sqlalchemy.exc.SAWarning")]


@pytest.fixture(scope="module")
def course(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A course with exercise 1 generated and three submissions: blank, edited, and no notebook."""
    root = copy_course(tmp_path_factory.mktemp("stages") / "course")
    nbgrader(root, "generate_assignment", ASSIGNMENT, "--force")
    release = nbformat.read(root / "release" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb", as_version=4)
    write_notebook(root / "submitted" / "ann" / ASSIGNMENT, release)
    write_notebook(root / "submitted" / "eve" / ASSIGNMENT, edit_cell(release, "q1_tests", "pass"))
    (root / "submitted" / "sam" / ASSIGNMENT).mkdir(parents=True)
    return root


def _prepare(course: Path, student: str = "*") -> tuple:
    """The loaded course and each selected student's prepared submission."""
    loaded = load_course(ASSIGNMENT, course, student=student)
    preparer = Preparer(loaded, SandboxSpec(), Limits())
    try:
        return loaded, {s.student: preparer.prepare(s) for s in plan.submissions(loaded)}
    finally:
        preparer.close()


def test_every_submission_is_found_with_its_notebooks(course: Path) -> None:
    found = {submission.student: submission for submission in plan.submissions(load_course(ASSIGNMENT, course))}
    assert set(found) == {"ann", "eve", "sam"}
    assert [path.name for path in found["ann"].notebooks] == [f"{ASSIGNMENT}.ipynb"]
    assert found["sam"].notebooks == ()


def test_a_bundle_holds_the_sanitized_notebook_and_what_nbgrader_restored(course: Path) -> None:
    _, by_student = _prepare(course)
    assert by_student["sam"].bundle is None and by_student["sam"].failure == "no notebook was submitted"
    bundle = by_student["eve"].bundle
    assert bundle is not None and bundle.assignment == ASSIGNMENT
    notebook = nbformat.reads(bundle.notebooks[0].text, as_version=4)
    restored = next(cell for cell in notebook.cells if grade_id(cell) == "q1_tests")
    assert restored.source.startswith("q_1.assert_correct()")
    assert {finding.rule for finding in by_student["eve"].findings} >= {"edited-cell"}
    assert all(not cell.get("outputs") for cell in notebook.cells if cell.cell_type == "code")


def test_scores_come_from_the_verdicts_whatever_the_kernel_printed(course: Path) -> None:
    loaded, by_student = _prepare(course, "ann")
    prepared = by_student["ann"]
    assert prepared.bundle is not None
    executed = nbformat.reads(prepared.bundle.notebooks[0].text, as_version=4)
    forged = nbformat.v4.new_output("execute_result", data={"text/plain": "100"}, execution_count=1)
    for cell in executed.cells:
        if is_grade_cell(cell):
            cell.outputs = [forged]  # the kernel claims full marks everywhere
    verdicts = {"q1_tests": {"passed": True, "message": "q_1: Correct."}}
    verdicts["q2_tests"] = {"passed": False, "message": "q_2: Incorrect. `kernel_shape` is None."}
    output = NotebookOutput(ASSIGNMENT, nbformat.writes(executed), verdicts=verdicts)
    store = RecordStore(loaded.state_dir / "records")
    record = Recorder(loaded, store).record(prepared, Result(ASSIGNMENT, "ann", notebooks=[output]))
    assert record.status == GRADED and record.score == 1.0 and record.max_score == 9.0
    assert record.messages["q2_tests"] == "AssertionError: q_2: Incorrect. `kernel_shape` is None."
    assert "not judged" in record.messages["q3_tests"]
    assert store.load_all()["ann"].score == 1.0
    graded = nbformat.read(course / "autograded" / "ann" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb", as_version=4)
    assert [o.output_type for c in graded.cells if grade_id(c) == "q1_tests" for o in c.outputs] == []


def test_a_result_without_notebooks_is_recorded_as_failed(course: Path) -> None:
    loaded, by_student = _prepare(course, "sam")
    record = Recorder(loaded, RecordStore(loaded.state_dir / "records")).record(by_student["sam"], None)
    assert record.status == FAILED and record.reason == "no notebook was submitted"
