"""`StrictSaveAutoGrades` on hand-built notebooks, scored into a real nbgrader gradebook beside stock
``SaveAutoGrades``: any error or stderr output scores 0 wherever it is; everything else as nbgrader."""

from __future__ import annotations

import copy

import pytest
from harness.course import ROOT, tool_env
from nbformat import NotebookNode
from nbformat.v4 import new_code_cell, new_notebook, new_output
from nbgrader.api import Gradebook
from nbgrader.converters import Autograde
from nbgrader.preprocessors import SaveAutoGrades, SaveCells
from nbgrader.utils import compute_checksum

from autograder.grading.coordinator.course import load_course
from autograder.grading.nbgrader_ext import StrictSaveAutoGrades

# nbgrader's own add_submission warns about its session; not ours to fix.
pytestmark = pytest.mark.filterwarnings("ignore::sqlalchemy.exc.SAWarning")

POINTS = 3.0


def _result(text: str) -> NotebookNode:
    return new_output("execute_result", data={"text/plain": text}, execution_count=1)


ERROR = new_output("error", ename="AssertionError", evalue="Incorrect", traceback=["AssertionError: Incorrect"])
STDERR = new_output("stream", name="stderr", text="a warning\n")
# grade cell id: (outputs, stock nbgrader's score, the course's score)
CASES = {
    "error_after_result": ([_result("'ok'"), ERROR], POINTS, 0.0),
    "stderr_after_result": ([_result("3"), STDERR], POINTS, 0.0),
    "result_after_error": ([ERROR, _result("'ok'")], 0.0, 0.0),
    "partial_credit": ([_result("1.5")], 1.5, 1.5),
    "no_output": ([], POINTS, POINTS),
}


def _notebook() -> NotebookNode:
    cells = []
    for grade_id in CASES:
        cell = new_code_cell("q.assert_correct()")
        cell.metadata.nbgrader = {
            "grade": True,
            "solution": False,
            "locked": True,
            "grade_id": grade_id,
            "points": POINTS,
            "schema_version": 3,
        }
        cell.metadata.nbgrader["checksum"] = compute_checksum(cell)
        cells.append(cell)
    return new_notebook(cells=cells)


@pytest.fixture(scope="module")
def scored(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict[str, dict[str, float]], NotebookNode]:
    """Scores per student (``stock``, ``strict``) and the notebook the strict preprocessor wrote."""
    db = f"sqlite:///{tmp_path_factory.mktemp('strict') / 'gradebook.db'}"
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("PATH", tool_env()["PATH"])  # a new gradebook runs the venv's ``alembic``
        gradebook = Gradebook(db)
    with gradebook:
        gradebook.add_assignment("ps")
        notebook = _notebook()
        SaveCells().preprocess(notebook, {"nbgrader": {"db_url": db, "assignment": "ps", "notebook": "nb"}})
        for cell in notebook.cells:
            cell.outputs = copy.deepcopy(CASES[cell.metadata.nbgrader.grade_id][0])
        written = {}
        for student, preprocessor in (("stock", SaveAutoGrades()), ("strict", StrictSaveAutoGrades())):
            gradebook.add_student(student)
            gradebook.add_submission("ps", student)
            resources = {"nbgrader": {"db_url": db, "assignment": "ps", "notebook": "nb", "student": student}}
            written[student], _ = preprocessor.preprocess(copy.deepcopy(notebook), resources)
        scores = {
            student: {grade_id: gradebook.find_grade(grade_id, "nb", "ps", student).score for grade_id in CASES}
            for student in written
        }
    return scores, written["strict"]


def test_any_error_or_stderr_scores_zero_and_everything_else_as_stock(
    scored: tuple[dict[str, dict[str, float]], NotebookNode],
) -> None:
    scores, _ = scored
    assert scores["stock"] == {grade_id: stock for grade_id, (_, stock, _) in CASES.items()}
    assert scores["strict"] == {grade_id: ours for grade_id, (_, _, ours) in CASES.items()}


def test_only_the_execute_results_of_failed_grade_cells_are_dropped(
    scored: tuple[dict[str, dict[str, float]], NotebookNode],
) -> None:
    _, notebook = scored
    kept = {cell.metadata.nbgrader.grade_id: [o.output_type for o in cell.outputs] for cell in notebook.cells}
    assert kept == {
        "error_after_result": ["error"],
        "stderr_after_result": ["stream"],
        "result_after_error": ["error"],
        "partial_credit": ["execute_result"],
        "no_output": [],
    }


def test_the_course_keeps_nbgraders_stages_and_saves_strictly_in_the_recording_stage() -> None:
    execution, recording = load_course("ex1_convolution_relu", ROOT).split_preprocessors()
    stock = Autograde.class_traits()["autograde_preprocessors"].default()
    assert [SaveAutoGrades if stage is StrictSaveAutoGrades else stage for stage in execution + recording] == stock
    assert recording[0] is StrictSaveAutoGrades
