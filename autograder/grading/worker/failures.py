"""Recording, inside the notebook, why execution stopped early or why a grade cell may not score.

nbgrader scores a grade cell from its outputs: an error output means zero (the course's
`nbgrader_ext.StrictSaveAutoGrades` makes sure of it wherever the error is). A notebook whose kernel
was killed leaves its remaining grade cells without outputs, which nbgrader would read as full
marks; every such cell gets an error output naming the reason, so nbgrader's own rule scores it
zero and the student's feedback says why.
"""

from __future__ import annotations

from nbformat import NotebookNode
from nbformat.v4 import new_output

STOPPED = "GradingStopped"


def is_grade_cell(cell: NotebookNode) -> bool:
    return cell.cell_type == "code" and bool(cell.get("metadata", {}).get("nbgrader", {}).get("grade"))


def error_output(name: str, message: str) -> NotebookNode:
    return new_output("error", ename=name, evalue=message, traceback=[f"{name}: {message}"])


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
