"""Recording, inside the notebook, why execution stopped early.

A notebook whose kernel was killed keeps what ran; the cell that was running and every later
grade cell get an error output naming the reason, so the student's feedback says why (their
scores come from the judge, which has no verdict for them: zero).
"""

from __future__ import annotations

from nbformat import NotebookNode

from autograder.grading.cells import error_output, is_grade_cell

STOPPED = "GradingStopped"


def mark_stopped(notebook: NotebookNode, stopped_at: int, reason: str) -> None:
    """The cell at ``stopped_at`` and every later grade cell get an error saying execution stopped."""
    where = f"in an earlier cell (cell {stopped_at + 1})" if stopped_at >= 0 else "before any cell ran"
    for index, cell in enumerate(notebook.cells):
        if cell.cell_type != "code" or index < stopped_at:
            continue
        if index == stopped_at:
            cell.outputs.append(error_output(STOPPED, f"grading stopped in this cell: the notebook {reason}."))
        elif is_grade_cell(cell):
            cell.outputs = [error_output(STOPPED, f"not run: the notebook {reason} {where}.")]
