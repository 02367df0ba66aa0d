"""A mixed-language class: exercise 1 submitted in English, Chinese and Russian with the same answers.

Stock ``nbgrader autograde`` and one ``autograder grade --all-languages`` run give every language
exactly the English scores, and each student's feedback speaks the student's language.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import nbformat
import pytest
from gradebooks import exported
from grading_support import autograder
from harness.course import answer_module, copy_course, nbgrader
from harness.notebooks import with_answers

from autograder.core.outcome import Status
from autograder.i18n import LANGUAGES, language, translated_assignment

pytestmark = [pytest.mark.nbgrader, pytest.mark.slow]

EXERCISE = "ex1_convolution_relu"
ASSIGNMENTS = {code: translated_assignment(EXERCISE, code) for code in LANGUAGES}
WRONG = ("q_2", "q_5")
"""The questions the scripted partly-wrong answers get wrong."""


@pytest.fixture(scope="module")
def class_graded_both_ways(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """(stock course, our course), each with a fully and a partly right student per language."""
    base = copy_course(tmp_path_factory.mktemp("languages") / "course")
    answers = answer_module(EXERCISE)
    for code, assignment in ASSIGNMENTS.items():
        nbgrader(base, "generate_assignment", assignment, "--force")
        release = nbformat.read(base / "release" / assignment / f"{EXERCISE}.ipynb", as_version=4)
        for kind, chosen in (("full", answers.RIGHT), ("partly", {**answers.RIGHT, **answers.PARTLY_WRONG})):
            folder = base / "submitted" / f"{kind}_{code}" / assignment
            folder.mkdir(parents=True)
            nbformat.write(with_answers(release, chosen), folder / f"{EXERCISE}.ipynb")
    stock, ours = base.parent / "stock", base.parent / "ours"
    shutil.copytree(base, stock)
    shutil.copytree(base, ours)
    for assignment in ASSIGNMENTS.values():
        nbgrader(stock, "autograde", assignment)
    run = autograder(ours, "grade", EXERCISE, "--all-languages")
    assert run.returncode == 0, run.stdout + run.stderr[-3000:]
    for assignment in ASSIGNMENTS.values():
        nbgrader(ours, "generate_feedback", assignment)
        nbgrader(stock, "generate_feedback", assignment)
    return stock, ours


def test_every_language_scores_exactly_the_english_scores_both_ways(class_graded_both_ways) -> None:
    stock, ours = class_graded_both_ways
    maximum = None
    for code, assignment in ASSIGNMENTS.items():
        students = {f"full_{code}", f"partly_{code}"}  # the export lists every student under every assignment
        stock_rows = {s: row for s, row in exported(stock, assignment).items() if s in students}
        our_rows = {s: row for s, row in exported(ours, assignment).items() if s in students}
        assert set(our_rows) == students
        for student, row in our_rows.items():
            assert row["raw_score"] == stock_rows[student]["raw_score"], (student, row, stock_rows[student])
        maximum = maximum or float(our_rows[f"full_{code}"]["max_score"])
        assert float(our_rows[f"full_{code}"]["raw_score"]) == maximum
        assert float(our_rows[f"partly_{code}"]["raw_score"]) == answer_module(EXERCISE).PARTLY_WRONG_SCORE


@pytest.mark.parametrize("code", list(LANGUAGES))
def test_feedback_speaks_the_students_language_both_ways(class_graded_both_ways, code: str) -> None:
    with language(code):
        incorrect = Status.INCORRECT.label
    assignment = ASSIGNMENTS[code]
    for course in class_graded_both_ways:
        html = (course / "feedback" / f"partly_{code}" / assignment / f"{EXERCISE}.html").read_text()
        for label in WRONG:
            assert f"{label}: {incorrect}." in html, (course.name, label)
        if code != "en":
            assert "q_5: Incorrect." not in html
