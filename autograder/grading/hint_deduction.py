"""Points taken for hints a student was shown by the judge service (``c.Autograder.hint_deduction``).

Off unless the instructor sets a deduction per hint. Each hint counts once, however often it was
shown; a grade cell loses at most its own points. The cell says so in its output (what the
feedback shows) and the gradebook records it as the cell's (negative) extra credit, so the
formgrader shows it and the instructor can change it.
"""

from __future__ import annotations

from nbformat import NotebookNode
from nbformat.v4 import new_output
from nbgrader.api import Gradebook

from autograder.grading.cells import is_grade_cell
from autograder.grading.judge.calls import Unjudgeable, grade_calls
from autograder.i18n import assignment_language, language, ngettext


def deductions(notebook: NotebookNode, seen: dict[str, set[int]], per_hint: float, assignment: str) -> dict[str, float]:
    """Note each grade cell's deduction in its output (``seen``: the hint numbers a student was
    shown, by question label); the points taken, by grade id."""
    taken: dict[str, float] = {}
    for cell in notebook.cells:
        if not is_grade_cell(cell):
            continue
        try:
            labels = [call.label for call in grade_calls(cell.source)]
        except Unjudgeable:
            continue
        count = sum(len(seen.get(label, ())) for label in dict.fromkeys(labels))
        if not count:
            continue
        points = min(float(cell.metadata["nbgrader"].get("points", 0)), count * per_hint)
        grade_id = cell.metadata["nbgrader"]["grade_id"]
        taken[grade_id] = points
        with language(assignment_language(assignment)):
            text = ngettext(
                "You were shown {count} hint for this question: {points:g} point(s) taken.",
                "You were shown {count} hints for this question: {points:g} point(s) taken.",
                count,
            ).format(count=count, points=points)
        cell.outputs.append(new_output("stream", name="stdout", text=text + "\n"))
    return taken


def record_deductions(
    gradebook: Gradebook, taken: dict[str, float], notebook: str, assignment: str, student: str
) -> None:
    """Write the deductions as the grade cells' extra credit (after nbgrader saved the scores)."""
    for grade_id, points in taken.items():
        grade = gradebook.find_grade(grade_id, notebook, assignment, student)
        grade.extra_credit = -points
    gradebook.db.commit()
