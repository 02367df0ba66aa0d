"""Autograded cells as nbgrader marks them, and the error output that scores one zero.

Shared by the worker (stopped notebooks), the judge (verdicts), the coordinator (failure
messages) and the tamper checks (which grade cells a finding concerns).
"""

from __future__ import annotations

from nbformat import NotebookNode
from nbformat.v4 import new_output
from nbgrader.utils import is_grade


def is_grade_cell(cell: NotebookNode) -> bool:
    """A code cell nbgrader scores automatically (markdown grade cells are graded by hand)."""
    return cell.cell_type == "code" and bool(is_grade(cell))


def error_output(name: str, message: str) -> NotebookNode:
    """An error output: nbgrader scores a grade cell that has one zero, and feedback shows it."""
    return new_output("error", ename=name, evalue=message, traceback=[f"{name}: {message}"])
