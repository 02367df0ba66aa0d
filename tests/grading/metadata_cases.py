"""Submissions whose nbgrader metadata the student added, copied, retyped or moved (issue 16, item 6).

Each is exercise 1's release notebook (answered right, or blank), changed in one way an editor's
cell-metadata panel or a copy and paste allows. ``BASE`` says which notebook it started from,
so a test can compare its score with that notebook's; ``RULES`` is the flag each must raise.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from pathlib import Path

import nbformat
from classroom import ASSIGNMENT, write_notebook
from harness.notebooks import grade_id, with_answers
from nbformat import NotebookNode


def _index(notebook: NotebookNode, key: str) -> int:
    return next(i for i, cell in enumerate(notebook.cells) if grade_id(cell) == key)


def _marked(source: str, **nbgrader: object) -> NotebookNode:
    """A student's own code cell carrying the nbgrader metadata ``nbgrader``."""
    cell = nbformat.v4.new_code_cell(source)
    cell.metadata["nbgrader"] = nbgrader
    return cell


def _flags(grade: bool = False, solution: bool = False, locked: bool = False, **more: object) -> dict:
    return {"grade": grade, "solution": solution, "locked": locked, "task": False, "schema_version": 3, **more}


def _insert_after(key: str, *cells: NotebookNode) -> Callable[[NotebookNode], NotebookNode]:
    def change(notebook: NotebookNode) -> NotebookNode:
        index = _index(notebook, key) + 1
        notebook.cells[index:index] = list(cells)
        return notebook

    return change


def _copy_to_top(key: str) -> Callable[[NotebookNode], NotebookNode]:
    def change(notebook: NotebookNode) -> NotebookNode:
        pasted = copy.deepcopy(notebook.cells[_index(notebook, key)])
        pasted.id = f"copy-of-{key}"  # as Jupyter pastes it: same metadata, a new cell id
        notebook.cells.insert(0, pasted)
        return notebook

    return change


def move_above(key: str, above: str | None) -> Callable[[NotebookNode], NotebookNode]:
    """Move cell ``key`` just above cell ``above`` (None: to the top of the notebook)."""

    def change(notebook: NotebookNode) -> NotebookNode:
        cell = notebook.cells.pop(_index(notebook, key))
        notebook.cells.insert(0 if above is None else _index(notebook, above), cell)
        return notebook

    return change


def _retype(notebook: NotebookNode) -> NotebookNode:
    notebook.cells[_index(notebook, "q1_tests")].metadata.nbgrader.update(grade=1, points="1")
    notebook.cells[_index(notebook, "q2_answer")].metadata.nbgrader.update(solution="yes")
    return notebook


def _not_a_mapping(notebook: NotebookNode) -> NotebookNode:
    odd = nbformat.v4.new_code_cell("print('odd metadata')")
    odd.metadata["nbgrader"] = ["grade", True]
    numbered = _marked("print('numbered')", **_flags(grade=True, grade_id=42, points=3))
    return _insert_after("q1_answer", odd, numbered)(notebook)


OWN_GRADE_CELL = _marked("print('full marks, please')", **_flags(grade=True, locked=True, grade_id="bonus", points=100))

# name: (base notebook, change, the flag it must raise)
CASES: dict[str, tuple[str, Callable[[NotebookNode], NotebookNode], str]] = {
    "own_grade_cell": ("blank", _insert_after("setup", OWN_GRADE_CELL), "unknown-grade-id"),
    "own_solution_cell": (
        "right",
        _insert_after("q1_answer", _marked("extra = 1", **_flags(solution=True, grade_id="my_answer"))),
        "unknown-grade-id",
    ),
    "own_locked_cell": (
        "right",
        _insert_after("setup", _marked("import math", **_flags(locked=True, grade_id="my_setup"))),
        "unknown-grade-id",
    ),
    "grade_cell_without_id": (
        "right",
        _insert_after("q1_tests", _marked("pass", grade=True, points=5)),
        "unknown-grade-id",
    ),
    "copied_grade_cell": ("right", _copy_to_top("q1_tests"), "duplicated-cell"),
    "copied_answer_cell": ("right", _copy_to_top("q2_answer"), "duplicated-cell"),
    "odd_types": ("right", _retype, "changed-metadata"),
    "not_a_mapping": ("right", _not_a_mapping, "malformed-metadata"),
    "moved_to_top": ("right", move_above("q1_tests", None), "moved-cell"),
    "moved_above_answer": ("right", move_above("q5_tests", "q5_answer"), "moved-cell"),
}
BASE = {name: base for name, (base, _, _) in CASES.items()}
RULES = {name: rule for name, (_, _, rule) in CASES.items()}
MOVED = {"moved_to_top": "q1_tests", "moved_above_answer": "q5_tests"}
"""Moved checks run where the student put them (before their answer), as under stock nbgrader."""


def base_notebook(release: NotebookNode, answers: object, base: str) -> NotebookNode:
    return copy.deepcopy(release) if base == "blank" else with_answers(release, answers.RIGHT)


def case_notebook(release: NotebookNode, answers: object, name: str) -> NotebookNode:
    base, change, _ = CASES[name]
    return change(base_notebook(release, answers, base))


def submit_cases(course: Path, answers: object, names: list[str]) -> None:
    """Write each case, and its two base notebooks (``right``, ``blank``), into ``course/submitted``."""
    release = nbformat.read(course / "release" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb", as_version=4)
    for base in ("right", "blank"):
        write_notebook(course / "submitted" / base / ASSIGNMENT, base_notebook(release, answers, base))
    for name in names:
        write_notebook(course / "submitted" / name / ASSIGNMENT, case_notebook(release, answers, name))
