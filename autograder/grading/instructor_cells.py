"""Which cells of a submitted notebook are the instructor's, decided by the gradebook alone.

nbgrader believes the nbgrader metadata a submission carries. A cell the student marked as a grade,
solution or locked cell under an id the assignment does not have, a copy of an instructor's cell,
or metadata of the wrong type makes stock ``nbgrader autograde`` fail the whole submission (a
validation error, a ``KeyError``, "Inconsistent checksums"). Here a cell keeps nbgrader metadata
only if its grade id is one of the source notebook's, one cell per id (the last, the one nbgrader's
``DeduplicateIds`` keeps), and with the flags and points the instructor gave it; every other cell
is the student's own and is run as one. `review` says what that undoes, for the tamper findings;
`repair` does it, before nbgrader's own sanitizing stages.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from nbformat import NotebookNode
from nbgrader.api import Notebook

MARKS = ("grade", "solution", "locked", "task")
SCHEMA_VERSION = 3


@dataclass
class Stripped:
    """A cell whose nbgrader metadata is ignored: ``rule`` says why."""

    index: int
    rule: str  # "unknown-grade-id", "duplicated-cell", "malformed-metadata" or "" (claims nothing)
    grade_id: str = ""
    marks: tuple[str, ...] = ()


@dataclass
class Review:
    """What a submission's nbgrader metadata needs undone, and where the instructor's cells are."""

    stripped: list[Stripped] = field(default_factory=list)
    repaired: dict[int, dict[str, Any]] = field(default_factory=dict)  # index -> the instructor's values
    kept: dict[str, int] = field(default_factory=dict)  # grade id -> index of the cell that keeps it


def instructor_metadata(notebook: Notebook) -> dict[str, dict[str, Any]]:
    """Per grade id of a gradebook's source notebook: the nbgrader flags and points it was given."""
    points = {cell.name: float(cell.max_score) for cell in [*notebook.grade_cells, *notebook.task_cells]}
    grade = {cell.name for cell in notebook.grade_cells}
    solution = {cell.name for cell in notebook.solution_cells}
    task = {cell.name for cell in notebook.task_cells}
    expected = {}
    for cell in notebook.source_cells:
        name = cell.name
        meta = {"grade": name in grade, "solution": name in solution, "locked": bool(cell.locked), "task": name in task}
        if name in points:
            meta["points"] = points[name]
        expected[name] = meta
    return expected


def review(notebook: NotebookNode, expected: dict[str, dict[str, Any]]) -> Review:
    """Which cells lose their nbgrader metadata, and which keep it with some values restored."""
    result = Review()
    for index, cell in enumerate(notebook.cells):
        meta = _nbgrader(cell)
        if meta is None:
            continue
        grade_id = meta.get("grade_id") if isinstance(meta, dict) else None
        if not isinstance(meta, dict) or not isinstance(grade_id, (str, type(None))):
            result.stripped.append(Stripped(index, "malformed-metadata"))
        elif grade_id not in expected:
            marks = tuple(mark for mark in MARKS if meta.get(mark))
            rule = "unknown-grade-id" if marks else ""
            result.stripped.append(Stripped(index, rule, grade_id or "", marks))
        else:
            if grade_id in result.kept:  # an earlier copy: nbgrader keeps the last one
                result.stripped.append(Stripped(result.kept[grade_id], "duplicated-cell", grade_id))
                result.repaired.pop(result.kept[grade_id], None)
            result.kept[grade_id] = index
            wrong = _restored_values(meta, expected[grade_id])
            if wrong:
                result.repaired[index] = wrong
    result.stripped.sort(key=lambda item: item.index)
    return result


def repair(notebook: NotebookNode, found: Review) -> None:
    """Drop the nbgrader metadata of every stripped cell and restore the instructor's values."""
    for item in found.stripped:
        del notebook.cells[item.index].metadata["nbgrader"]
    for index, values in found.repaired.items():
        notebook.cells[index].metadata["nbgrader"].update(values)


def kind(meta: dict[str, Any]) -> str:
    """What the instructor made a cell: "grade", "solution", "locked" or "task"."""
    return next((mark for mark in MARKS if meta.get(mark)), "locked")


def _nbgrader(cell: NotebookNode) -> Any:
    metadata = cell.get("metadata")
    return metadata.get("nbgrader") if isinstance(metadata, dict) else None


def _restored_values(meta: dict[str, Any], expected: dict[str, Any]) -> dict[str, Any]:
    """The instructor's values of the fields that differ, or whose type nbgrader would misread.

    nbgrader's validator requires the grade, solution and locked flags, and its checksum hashes
    ``str(is_grade(cell))`` and ``str(float(points))``: a flag must be a real bool and points a real
    number. A grade cell is locked whatever its ``locked`` flag says (as in nbgrader's ``is_locked``).
    """
    wrong: dict[str, Any] = {}
    for mark in ("grade", "solution", "task"):
        if meta.get(mark, False if mark == "task" else None) is not expected[mark]:
            wrong[mark] = expected[mark]
    locked = meta.get("locked")
    if type(locked) is not bool or not (expected["grade"] or expected["solution"] or locked is expected["locked"]):
        wrong["locked"] = expected["locked"]
    if "points" in expected and not _same_number(meta.get("points"), expected["points"]):
        wrong["points"] = expected["points"]
    version = meta.get("schema_version")
    if type(version) is not int or version != SCHEMA_VERSION:
        wrong["schema_version"] = SCHEMA_VERSION
    return wrong


def _same_number(value: Any, expected: float) -> bool:
    return type(value) in (int, float) and float(value) == expected
