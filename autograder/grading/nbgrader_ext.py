"""The course's extension to nbgrader's autograde stages, for stock ``nbgrader autograde`` too.

nbgrader's ``determine_grade`` reads a grade cell's outputs in order and stops at the first
``execute_result`` (partial credit), so an ``execute_result`` before an error or a stderr line,
sent by the cell itself or forged by a student's background thread, gives points to a cell that
failed. `StrictSaveAutoGrades` takes ``SaveAutoGrades``'s place in ``nbgrader_config.py``: it
first drops every ``execute_result`` of a grade cell that has any error or stderr output, then
saves the grades exactly as nbgrader does. Being a ``SaveAutoGrades``, it also runs in the
recording stage of ``autograder grade``, in the coordinator, after execution.
"""

from __future__ import annotations

from nbconvert.exporters.exporter import ResourcesDict
from nbformat import NotebookNode
from nbgrader import utils
from nbgrader.preprocessors import SaveAutoGrades


def failed(cell: NotebookNode) -> bool:
    """Whether a cell has an error output or a stderr stream output, in any position."""
    return any(
        output.output_type == "error" or (output.output_type == "stream" and output.get("name") == "stderr")
        for output in cell.get("outputs", [])
    )


def drop_results_of_failed_grade_cell(cell: NotebookNode) -> None:
    """A code grade cell that failed keeps no ``execute_result``, so nbgrader reads the failure."""
    if cell.cell_type == "code" and utils.is_grade(cell) and failed(cell):
        cell.outputs = [output for output in cell.outputs if output.output_type != "execute_result"]


class StrictSaveAutoGrades(SaveAutoGrades):
    """``SaveAutoGrades``, except that a grade cell with any error or stderr output scores 0."""

    def preprocess_cell(
        self, cell: NotebookNode, resources: ResourcesDict, cell_index: int
    ) -> tuple[NotebookNode, ResourcesDict]:
        drop_results_of_failed_grade_cell(cell)
        return super().preprocess_cell(cell, resources, cell_index)
