"""Hint deductions: with ``c.Autograder.hint_deduction`` set, ``autograder grade`` takes that many
points per hint a student was shown by the judge service (each hint once, a cell at most its own
points), says so in the grade cell (what the feedback shows), and leaves everyone else's score alone;
the class report gains the attempt history of the service's record."""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest
from classroom import ASSIGNMENT, Student, honest
from gradebooks import exported
from grading_support import autograder, new_course
from harness.course import nbgrader

from autograder.grading.cells import is_grade_cell
from autograder.grading.judge.calls import grade_calls
from autograder.service.record import Record

pytestmark = [pytest.mark.nbgrader, pytest.mark.slow]

PER_HINT = 0.5
SHOWN = {"q_1": (1, 2, 2), "q_2": (1,)}
"""Hints the student ``helped`` was shown, by question (hint 2 of q_1 twice: it counts once)."""


def expected_deduction(course: Path) -> float:
    source = nbformat.read(course / "source" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb", as_version=4)
    total = 0.0
    for cell in source.cells:
        if is_grade_cell(cell):
            labels = {call.label for call in grade_calls(cell.source)}
            count = sum(len(set(SHOWN.get(label, ()))) for label in labels)
            total += min(float(cell.metadata["nbgrader"]["points"]), count * PER_HINT)
    return total


def test_hints_shown_cost_points_and_the_feedback_says_so(tmp_path: Path) -> None:
    course = new_course(tmp_path / "course", [Student("helped", honest("full")), Student("alone", honest("full"))])
    database = f"sqlite:///{tmp_path / 'judge.sqlite'}"
    record = Record(database)
    for label, numbers in SHOWN.items():
        for number in numbers:
            record.add_hint("helped", ASSIGNMENT, label, number)
    record.add_check("helped", ASSIGNMENT, "q_1", "incorrect", "Your kernel adds up to <10>, not 0.")
    record.add_check("helped", ASSIGNMENT, "q_1", "correct", "")
    with (course / "nbgrader_config.py").open("a") as config:
        config.write(f"\nc.Autograder.hint_deduction = {PER_HINT}\nc.Autograder.judge_database = {database!r}\n")

    run = autograder(course, "grade", ASSIGNMENT)
    assert run.returncode == 0, run.stderr[-3000:]
    rows = exported(course)
    maximum = float(rows["alone"]["max_score"])
    deduction = expected_deduction(course)
    assert deduction == 1.5  # q_1: two hints, q_2: one
    assert float(rows["alone"]["raw_score"]) == maximum
    assert float(rows["helped"]["raw_score"]) == maximum - deduction

    nbgrader(course, "generate_feedback", ASSIGNMENT)
    helped = (course / "feedback" / "helped" / ASSIGNMENT / f"{ASSIGNMENT}.html").read_text()
    alone = (course / "feedback" / "alone" / ASSIGNMENT / f"{ASSIGNMENT}.html").read_text()
    assert "You were shown 2 hints for this question: 1 point(s) taken." in helped
    assert "You were shown 1 hint for this question: 0.5 point(s) taken." in helped
    assert "You were shown" not in alone

    report = (course / f"{ASSIGNMENT}-grading-report.html").read_text()
    assert "Attempt history" in report and "1 checked, 1 correct at their last check" in report
    assert "<td>1 students</td><td><code>Your kernel adds up to &lt;10&gt;, not 0.</code>" in report
