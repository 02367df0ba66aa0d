"""Writing the judge's verdicts into the executed notebook, in the form nbgrader scores.

Every grade cell's outputs are replaced: a passed check leaves the cell empty (full points, as
nbgrader reads a silent cell), anything else leaves one ``AssertionError`` with the judge's
message (zero, and the reason in ``nbgrader generate_feedback``). A grade cell with no verdict
(its kernel died first, or the worker never judged it) scores zero. What the student's kernel
printed in a grade cell is never read.
"""

from __future__ import annotations

from typing import Any

from nbformat import NotebookNode

from autograder.grading.cells import error_output, is_grade_cell

NOT_JUDGED = "not judged: the notebook stopped before this check could be judged."


def apply_verdicts(notebook: NotebookNode, verdicts: dict[str, Any]) -> None:
    """Replace each grade cell's outputs with its verdict."""
    for cell in notebook.cells:
        if not is_grade_cell(cell):
            continue
        verdict = verdicts.get(cell.metadata["nbgrader"]["grade_id"]) or {"passed": False, "message": NOT_JUDGED}
        cell.outputs = [] if verdict["passed"] else [error_output("AssertionError", verdict["message"])]
