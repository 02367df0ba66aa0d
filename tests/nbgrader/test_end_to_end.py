"""Real nbgrader on a temporary copy of the course: generate, a class submits, autograde, export."""

import csv
from pathlib import Path

import pytest
from harness.course import answer_module, assignments_with_answers, copy_course, nbgrader
from harness.notebooks import is_grade_cell, read, with_answers

pytestmark = [pytest.mark.nbgrader, pytest.mark.slow]


def _submit(course: Path, student: str, assignment: str, notebook) -> None:
    folder = course / "submitted" / student / assignment
    folder.mkdir(parents=True)
    import nbformat

    nbformat.write(notebook, folder / f"{assignment}.ipynb")


def _max_score(notebook) -> float:
    return sum(float(cell.metadata["nbgrader"]["points"]) for cell in notebook.cells if is_grade_cell(cell))


@pytest.mark.parametrize("assignment", assignments_with_answers())
def test_a_class_is_graded_with_exact_scores(assignment: str, tmp_path: Path) -> None:
    course = copy_course(tmp_path / "course")
    nbgrader(course, "generate_assignment", assignment, "--force")
    release = read(course / "release" / assignment / f"{assignment}.ipynb")
    answers = answer_module(assignment)
    _submit(course, "full", assignment, with_answers(release, answers.RIGHT))
    _submit(course, "blank", assignment, release)
    _submit(course, "partly", assignment, with_answers(release, {**answers.RIGHT, **answers.PARTLY_WRONG}))

    nbgrader(course, "autograde", assignment, "--create")
    nbgrader(course, "export", "--to", str(course / "grades.csv"))

    with open(course / "grades.csv", newline="") as handle:
        scores = {
            row["student_id"]: (float(row["raw_score"]), float(row["max_score"])) for row in csv.DictReader(handle)
        }
    maximum = _max_score(release)
    assert scores == {
        "full": (maximum, maximum),
        "blank": (0.0, maximum),
        "partly": (answers.PARTLY_WRONG_SCORE, maximum),
    }

    graded = read(course / "autograded" / "full" / assignment / f"{assignment}.ipynb")
    for cell in graded.cells:
        if is_grade_cell(cell):
            for output in cell.outputs:
                assert output.output_type != "error", output
                assert not (output.output_type == "stream" and output.name == "stderr"), output.text
