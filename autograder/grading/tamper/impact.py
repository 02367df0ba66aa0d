"""Which grade cells a finding concerns, for the class report (findings never change a score).

Scores come from the judge, outside the student's kernel; a tamper finding is an advisory flag
that names the grade cells it could have influenced:

* found in the code (static) at cell *i*: every grade cell after *i*;
* found by the in-kernel probe after grade cell *k*: that grade cell (each probe reports the state
  it finds, so a lasting change is reported again after every later grade cell);
* about one question (``q_3`` rebound): only grade cells that check ``q_3``;
* about a file planted next to the notebook: every grade cell.
"""

from __future__ import annotations

import re

from nbformat import NotebookNode

from autograder.grading.cells import is_grade_cell
from autograder.grading.tamper.finding import Finding


def grade_cells(notebook: NotebookNode) -> list[tuple[int, NotebookNode]]:
    return [(index, cell) for index, cell in enumerate(notebook.cells) if is_grade_cell(cell)]


def affected(notebook: NotebookNode, finding: Finding) -> list[tuple[int, NotebookNode]]:
    """The grade cells ``finding`` could have turned into points."""
    if not finding.affects_score:
        return []
    cells = grade_cells(notebook)
    if finding.cell is not None and finding.cell >= 0:
        if finding.source == "runtime":
            cells = [(index, cell) for index, cell in cells if index == finding.cell]
        else:
            cells = [(index, cell) for index, cell in cells if index > finding.cell]
    if finding.target:
        mention = re.compile(rf"\b{re.escape(finding.target)}\b")
        cells = [(index, cell) for index, cell in cells if mention.search(cell.source)]
    return cells


def annotate(notebook: NotebookNode, findings: list[Finding]) -> None:
    """Record on each finding the grade ids of the grade cells it concerns."""
    for finding in findings:
        for _, cell in affected(notebook, finding):
            grade_id = cell.metadata["nbgrader"]["grade_id"]
            if grade_id not in finding.grade_ids:
                finding.grade_ids.append(grade_id)
