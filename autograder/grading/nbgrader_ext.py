"""The course's extensions to nbgrader's stages, for stock ``nbgrader autograde`` too.

nbgrader's ``determine_grade`` reads a grade cell's outputs in order and stops at the first
``execute_result`` (partial credit), so an ``execute_result`` before an error or a stderr line,
sent by the cell itself or forged by a student's background thread, gives points to a cell that
failed. `StrictSaveAutoGrades` takes ``SaveAutoGrades``'s place in ``nbgrader_config.py``: it
first drops every ``execute_result`` of a grade cell that has any error or stderr output, then
saves the grades exactly as nbgrader does. Being a ``SaveAutoGrades``, it also runs in the
recording stage of ``autograder grade``, in the coordinator, after execution.

`KeepInstructorCells` runs before nbgrader's sanitizing stages: only the cells whose grade ids the
gradebook has keep nbgrader metadata (`autograder.grading.instructor_cells`), so a cell the student
marked, copied or retyped is run as the student's own instead of failing the submission.
`FeedbackHiddenTests` runs in ``nbgrader generate_feedback``: each grade cell appears as it was
released, without its hidden tests (their seeds and extra cases), unless the instructor shows them.
"""

from __future__ import annotations

from typing import Any

from nbconvert.exporters.exporter import ResourcesDict
from nbformat import NotebookNode
from nbgrader import utils
from nbgrader.api import Gradebook
from nbgrader.preprocessors import ClearHiddenTests, NbGraderPreprocessor, SaveAutoGrades
from traitlets import Bool

from autograder.grading.instructor_cells import instructor_metadata, repair, review


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


class KeepInstructorCells(NbGraderPreprocessor):
    """nbgrader metadata only on the instructor's cells, with the instructor's flags and points.

    The source's metadata is read once per notebook: ``autograder grade`` keeps this stage for a run.
    """

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._expected: dict[tuple[str, str, str], dict[str, dict[str, Any]]] = {}

    def preprocess(self, nb: NotebookNode, resources: ResourcesDict) -> tuple[NotebookNode, ResourcesDict]:
        info = resources["nbgrader"]
        key = (info["db_url"], info["assignment"], info["notebook"])
        if key not in self._expected:
            with Gradebook(info["db_url"]) as gradebook:
                source = gradebook.find_notebook(info["notebook"], info["assignment"])
                self._expected[key] = instructor_metadata(source)
        found = review(nb, self._expected[key])
        for item in found.stripped:
            self.log.warning("Cell %d: nbgrader metadata ignored (%s)", item.index, item.rule or "claims nothing")
        repair(nb, found)
        return nb, resources


class FeedbackHiddenTests(NbGraderPreprocessor):
    """Feedback shows grade cells without their hidden tests (``BEGIN HIDDEN TESTS`` regions)."""

    show = Bool(False, help="Show the hidden tests (their seeds and extra cases) in feedback.").tag(config=True)

    def preprocess(self, nb: NotebookNode, resources: ResourcesDict) -> tuple[NotebookNode, ResourcesDict]:
        if self.show:
            return nb, resources
        clear = ClearHiddenTests(parent=self)
        for index, cell in enumerate(nb.cells):
            if utils.is_grade(cell) and not utils.is_solution(cell):  # the instructor's source, restored
                clear.preprocess_cell(cell, resources, index)
        return nb, resources
