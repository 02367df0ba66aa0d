"""Real ``nbgrader autograde`` on a forged result: a blank exercise 1 with one added cell whose
background thread sends an ``execute_result`` for each later cell's request before the cell runs.

Stock nbgrader stops reading a grade cell's outputs at that forged result and gives full marks,
although every grade cell raised; with the course's configuration (`StrictSaveAutoGrades`) the
submission scores 0.
"""

from __future__ import annotations

import copy
import shutil
from pathlib import Path

import nbformat
import pytest
from harness.attacks import FORGED_RESULT as ATTACK
from harness.course import copy_course, nbgrader
from harness.notebooks import grade_id, is_grade_cell, read
from nbformat import NotebookNode
from nbgrader.api import Gradebook

pytestmark = [pytest.mark.nbgrader, pytest.mark.slow]

ASSIGNMENT = "ex1_convolution_relu"
STUDENT = "forger"
# What an instructor without the course's configuration runs: nbgrader's own autograde stages.
STOCK_STAGES = """
from nbgrader.converters import Autograde
c.Autograde.autograde_preprocessors = Autograde.class_traits()["autograde_preprocessors"].default()
"""


def _forged(release: NotebookNode) -> NotebookNode:
    """The blank release notebook with the attack in a new cell after the set-up cell."""
    notebook = copy.deepcopy(release)
    setup = next(index for index, cell in enumerate(notebook.cells) if grade_id(cell) == "setup")
    notebook.cells.insert(setup + 1, nbformat.v4.new_code_cell(ATTACK))
    return notebook


def _grade(course: Path) -> tuple[float, float, list[list[str]]]:
    """Autograde the submission: its score, the maximum and each grade cell's output types."""
    nbgrader(course, "autograde", ASSIGNMENT)
    with Gradebook(f"sqlite:///{course / 'gradebook.db'}") as gradebook:
        submission = gradebook.find_submission(ASSIGNMENT, STUDENT)
        score, maximum = float(submission.score), float(submission.max_score)
    graded = read(course / "autograded" / STUDENT / ASSIGNMENT / f"{ASSIGNMENT}.ipynb")
    outputs = [[output.output_type for output in cell.outputs] for cell in graded.cells if is_grade_cell(cell)]
    return score, maximum, outputs


def test_a_forged_result_scores_full_with_stock_nbgrader_and_zero_with_the_course_config(tmp_path: Path) -> None:
    ours = copy_course(tmp_path / "ours")
    nbgrader(ours, "generate_assignment", ASSIGNMENT, "--force")
    release = read(ours / "release" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb")
    folder = ours / "submitted" / STUDENT / ASSIGNMENT
    folder.mkdir(parents=True)
    nbformat.write(_forged(release), folder / f"{ASSIGNMENT}.ipynb")
    stock = Path(shutil.copytree(ours, tmp_path / "stock"))
    with open(stock / "nbgrader_config.py", "a") as config:
        config.write(STOCK_STAGES)

    score, maximum, outputs = _grade(stock)
    assert maximum > 0 and score == maximum, "the attack must work on stock nbgrader"
    assert outputs and all(kinds[:2] == ["execute_result", "error"] for kinds in outputs), outputs

    score, _, outputs = _grade(ours)
    assert score == 0.0
    assert outputs and all(kinds == ["error"] for kinds in outputs), outputs
