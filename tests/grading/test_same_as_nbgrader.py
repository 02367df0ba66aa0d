"""Every other assignment, graded both ways from byte-identical submissions: the same gradebook
entries, the same ``nbgrader export`` rows and the same ``autograded/`` notebooks as stock nbgrader.

(Exercise 1 is compared the same way, with a hostile class, in test_adversarial_class.py.)
"""

from __future__ import annotations

import shutil
from pathlib import Path

import nbformat
import pytest
from classroom import ASSIGNMENT as COVERED_ELSEWHERE
from gradebooks import exported, grade_rows, normalized
from grading_support import autograder
from harness.course import answer_module, assignments_with_answers, copy_course, nbgrader
from harness.notebooks import with_answers

pytestmark = [pytest.mark.nbgrader, pytest.mark.slow]

ASSIGNMENTS = [name for name in assignments_with_answers() if name != COVERED_ELSEWHERE]


@pytest.fixture(scope="module")
def graded_both_ways(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """(stock course, our course), each with fully and partly right answers to every assignment."""
    base = copy_course(tmp_path_factory.mktemp("base") / "course")
    for assignment in ASSIGNMENTS:
        nbgrader(base, "generate_assignment", assignment, "--force")
        release = nbformat.read(base / "release" / assignment / f"{assignment}.ipynb", as_version=4)
        answers = answer_module(assignment)
        kinds = {
            "full": with_answers(release, answers.RIGHT),
            "partly": with_answers(release, {**answers.RIGHT, **answers.PARTLY_WRONG}),
        }
        for student, notebook in kinds.items():
            folder = base / "submitted" / student / assignment
            folder.mkdir(parents=True)
            nbformat.write(notebook, folder / f"{assignment}.ipynb")
    stock, ours = base.parent / "stock", base.parent / "ours"
    shutil.copytree(base, stock)
    shutil.copytree(base, ours)
    for assignment in ASSIGNMENTS:
        nbgrader(stock, "autograde", assignment)
        run = autograder(ours, "grade", assignment)
        assert run.returncode == 0, run.stdout + run.stderr[-3000:]
    return stock, ours


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_grades_exports_and_notebooks_match_stock_nbgrader(
    graded_both_ways: tuple[Path, Path], assignment: str
) -> None:
    stock, ours = graded_both_ways
    assert grade_rows(ours) == grade_rows(stock)
    stock_rows, our_rows = exported(stock, assignment), exported(ours, assignment)
    assert our_rows == stock_rows
    maximum = float(stock_rows["full"]["max_score"])
    expected = {"full": maximum, "partly": answer_module(assignment).PARTLY_WRONG_SCORE}
    assert {student: float(row["raw_score"]) for student, row in our_rows.items()} == expected
    for path in sorted(stock.glob(f"autograded/*/{assignment}/*.ipynb")):
        assert normalized(ours / path.relative_to(stock)) == normalized(path), path
