"""nbgrader metadata the student added, copied, retyped or moved (issue 16, item 6), on the
coordinator's parts with real nbgrader and a real gradebook, without kernels.

What stock nbgrader (with this course's ``nbgrader_config.py`` before this change, i.e. nbgrader's
own sanitizing stages and ``OverwriteCells.add_missing_cells``) does with each case, checked here
by running those stages: the whole submission fails to grade (no ``autograded/`` folder, every
grade cell zero, ``nbgrader autograde`` exits 1):

- a cell of the student's own marked grade, solution or locked under a new id (``own_*``), or a
  copy of an instructor's cell (``copied_*``, whose earlier copy ``DeduplicateIds`` empties):
  ``KeyError: 'grade_id'`` in ``OverwriteCells.add_missing_task_cells``;
- a cell marked ``grade: true`` with no grade id: ``KeyError: 'grade_id'`` in ``DeduplicateIds``;
- nbgrader metadata that is a list: ``AttributeError`` in ``is_grade``;
- an instructor's cell retyped (``grade: 1``, ``points: "1"``): ``RuntimeError: Inconsistent checksums``.

A grade cell moved above its answer or the set-up cell is graded where it was moved (zero for that
check) and nothing says so. Ours: the added or copied metadata is ignored (the cell runs as a plain
cell), retyped values are restored from the gradebook, and each case is flagged by name; moved
cells are flagged and still run where the student put them.
"""

from __future__ import annotations

import copy
from pathlib import Path

import nbformat
import pytest
from classroom import ASSIGNMENT
from harness.course import ROOT, answer_module, copy_course, nbgrader
from metadata_cases import BASE, CASES, RULES, case_notebook, move_above, submit_cases
from nbconvert.exporters import NotebookExporter
from nbgrader.converters import Autograde
from nbgrader.preprocessors import ClearHiddenTests

from autograder.grading.cells import is_grade_cell
from autograder.grading.coordinator import plan
from autograder.grading.coordinator.course import Course, load_course
from autograder.grading.coordinator.prepare import Prepared, Preparer
from autograder.grading.coordinator.recorder import Recorder
from autograder.grading.instructor_cells import instructor_metadata, review
from autograder.grading.nbgrader_ext import FeedbackHiddenTests
from autograder.grading.records import GRADED, RecordStore
from autograder.grading.sandbox.spec import SandboxSpec
from autograder.grading.tamper import structure
from autograder.grading.worker.bundle import Limits, NotebookOutput, Result

pytestmark = [pytest.mark.nbgrader, pytest.mark.filterwarnings("ignore::sqlalchemy.exc.SAWarning")]

STOCK_FAILURE = {
    "own_grade_cell": KeyError,
    "own_solution_cell": KeyError,
    "own_locked_cell": KeyError,
    "grade_cell_without_id": KeyError,
    "copied_grade_cell": KeyError,
    "copied_answer_cell": KeyError,
    "odd_types": RuntimeError,
    "not_a_mapping": AttributeError,
}
ADDED = {"own_grade_cell": 1, "own_solution_cell": 1, "own_locked_cell": 1, "grade_cell_without_id": 1}
ADDED |= {"copied_grade_cell": 1, "copied_answer_cell": 1, "not_a_mapping": 2}


@pytest.fixture(scope="module")
def course(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = copy_course(tmp_path_factory.mktemp("metadata") / "course")
    nbgrader(root, "generate_assignment", ASSIGNMENT, "--force")
    submit_cases(root, answer_module(ASSIGNMENT), list(CASES))
    return root


@pytest.fixture(scope="module")
def prepared(course: Path) -> tuple[Course, dict[str, Prepared]]:
    loaded = load_course(ASSIGNMENT, course)
    preparer = Preparer(loaded, SandboxSpec(), Limits())
    try:
        return loaded, {s.student: preparer.prepare(s) for s in plan.submissions(loaded)}
    finally:
        preparer.close()


def _sanitized(item: Prepared) -> nbformat.NotebookNode:
    assert item.bundle is not None, item.failure
    return nbformat.reads(item.bundle.notebooks[0].text, as_version=4)


def _instructor_cells(notebook: nbformat.NotebookNode) -> list[tuple[str, str, dict]]:
    """(grade id, source, nbgrader metadata) of every cell that keeps nbgrader metadata."""
    return [
        (cell.metadata.nbgrader["grade_id"], cell.source, dict(cell.metadata.nbgrader))
        for cell in notebook.cells
        if "nbgrader" in cell.metadata
    ]


@pytest.mark.parametrize("name", sorted(STOCK_FAILURE))
def test_stock_nbgraders_sanitizing_fails_the_whole_submission(course: Path, name: str) -> None:
    loaded = load_course(ASSIGNMENT, course)
    stock = NotebookExporter(parent=loaded.converter, config=loaded.converter.config)
    for stage in Autograde.class_traits()["sanitize_preprocessors"].default():
        stock.register_preprocessor(stage)
    path = course / "submitted" / name / ASSIGNMENT / f"{ASSIGNMENT}.ipynb"
    with pytest.raises(STOCK_FAILURE[name]):
        stock.from_filename(str(path), resources=loaded.converter.init_single_notebook_resources(str(path)))


@pytest.mark.parametrize("name", sorted(CASES))
def test_each_case_is_prepared_and_flagged_by_name(prepared, name: str) -> None:
    item = prepared[1][name]
    assert item.failure == "" and item.bundle is not None
    flagged = [finding for finding in item.findings if finding.flagged]
    assert RULES[name] in {finding.rule for finding in flagged}, item.findings
    assert all(finding.notebook == ASSIGNMENT for finding in flagged)


@pytest.mark.parametrize("base", ["right", "blank"])
def test_honest_notebooks_are_not_flagged_and_keep_every_instructor_cell(prepared, base: str) -> None:
    item = prepared[1][base]
    assert not [finding for finding in item.findings if finding.flagged]
    grade_ids = [grade_id for grade_id, _, _ in _instructor_cells(_sanitized(item))]
    source = nbformat.read(ROOT / "source" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb", as_version=4)
    assert len(grade_ids) == len(set(grade_ids)) == len(_instructor_cells(source))


@pytest.mark.parametrize("name", sorted(ADDED))
def test_only_the_instructors_cells_are_graded_as_in_the_notebook_without_the_extra_metadata(
    prepared, name: str
) -> None:
    cases = prepared[1]
    ours, base = _sanitized(cases[name]), _sanitized(cases[BASE[name]])
    assert _instructor_cells(ours) == _instructor_cells(base)
    assert len(ours.cells) == len(base.cells) + ADDED[name]  # the extra cells stay, as plain cells


def test_retyped_metadata_is_restored_from_the_gradebook(prepared) -> None:
    cases = prepared[1]
    assert _instructor_cells(_sanitized(cases["odd_types"])) == _instructor_cells(_sanitized(cases["right"]))
    changed = [finding.detail for finding in cases["odd_types"].findings if finding.rule == "changed-metadata"]
    assert sorted(changed) == [
        "changed the nbgrader metadata (grade, points) of the grade cell 'q1_tests'",
        "changed the nbgrader metadata (solution) of the solution cell 'q2_answer'",
    ]


def test_a_moved_check_is_named_with_the_cell_it_now_runs_before(prepared) -> None:
    details = {
        name: [finding.detail for finding in prepared[1][name].findings if finding.rule == "moved-cell"]
        for name in ("moved_to_top", "moved_above_answer")
    }
    assert details == {
        "moved_to_top": ["moved the grade cell 'q1_tests' above 'setup', out of the assignment's order"],
        "moved_above_answer": ["moved the grade cell 'q5_tests' above 'q5_answer', out of the assignment's order"],
    }
    moved = [grade_id for grade_id, _, _ in _instructor_cells(_sanitized(prepared[1]["moved_to_top"]))]
    assert moved[0] == "q1_tests"  # run where the student put it, as nbgrader runs it


def test_an_own_grade_cell_adds_no_points_to_the_score_or_the_maximum(prepared) -> None:
    loaded, cases = prepared
    item = cases["own_grade_cell"]
    executed = _sanitized(item)
    verdicts = {
        cell.metadata.nbgrader["grade_id"]: {"passed": True, "message": ""}
        for cell in executed.cells
        if is_grade_cell(cell)
    }
    assert "bonus" not in verdicts
    output = NotebookOutput(ASSIGNMENT, nbformat.writes(executed), verdicts=verdicts)
    store = RecordStore(loaded.state_dir / "records")
    record = Recorder(loaded, store).record(item, Result(ASSIGNMENT, "own_grade_cell", notebooks=[output]))
    assert record.status == GRADED and (record.score, record.max_score) == (9.0, 9.0)


def test_the_review_keeps_the_last_copy_as_nbgrader_does(course: Path) -> None:
    release = nbformat.read(course / "release" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb", as_version=4)
    notebook = case_notebook(release, answer_module(ASSIGNMENT), "copied_grade_cell")
    with load_course(ASSIGNMENT, course).gradebook() as gradebook:
        found = review(notebook, instructor_metadata(gradebook.find_notebook(ASSIGNMENT, ASSIGNMENT)))
    assert [(item.index, item.rule, item.grade_id) for item in found.stripped] == [(0, "duplicated-cell", "q1_tests")]
    assert found.kept["q1_tests"] == 8 and not found.repaired


def test_of_a_check_swapped_with_its_answer_the_check_is_reported_moved(course: Path, tmp_path: Path) -> None:
    release = nbformat.read(course / "release" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb", as_version=4)
    path = tmp_path / f"{ASSIGNMENT}.ipynb"
    nbformat.write(move_above("q1_tests", "q1_answer")(release), path)
    order = structure.source_order(course / "source" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb")
    with load_course(ASSIGNMENT, course).gradebook() as gradebook:
        findings = structure.compare_notebook(path, gradebook, ASSIGNMENT, order)
    assert [(finding.rule, finding.detail) for finding in findings] == [
        ("moved-cell", "moved the grade cell 'q1_tests' above 'q1_answer', out of the assignment's order")
    ]


def _autograded_grade_cell(course: Path) -> nbformat.NotebookNode:
    source = nbformat.read(course / "source" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb", as_version=4)
    return next(cell for cell in source.cells if cell.metadata.get("nbgrader", {}).get("grade_id") == "q1_tests")


def test_feedback_shows_a_grade_cell_as_released_unless_the_instructor_shows_hidden_tests(course: Path) -> None:
    cell = _autograded_grade_cell(course)
    assert "seed=2026" in cell.source
    answer = nbformat.v4.new_code_cell("### BEGIN HIDDEN TESTS\nx = 1")  # a student's cell: left alone
    answer.metadata["nbgrader"] = {"grade": False, "solution": True, "locked": False, "grade_id": "q1_answer"}
    notebook = nbformat.v4.new_notebook(cells=[copy.deepcopy(cell), answer])
    hidden, _ = FeedbackHiddenTests().preprocess(copy.deepcopy(notebook), {})
    released = copy.deepcopy(cell)
    ClearHiddenTests()._remove_hidden_test_region(released)
    assert hidden.cells[0].source == released.source == "q_1.assert_correct()"
    assert hidden.cells[1].source == answer.source
    shown, _ = FeedbackHiddenTests(show=True).preprocess(copy.deepcopy(notebook), {})
    assert shown.cells[0].source == cell.source
